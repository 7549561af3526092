using System;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Deploying;
using SchemaGen.Telemetry;

namespace SchemaGen
{
    /// <summary>
    /// Brings a database to a generated model. The generated <c>Schema.Deploy</c>, <c>Plan</c> and <c>Verify</c>
    /// call these with the model; call them directly to deploy a model you hold as a <see cref="DeployTarget"/>.
    /// </summary>
    public static class SchemaDeployer
    {
        /// <summary>
        /// Diffs the database against the model and applies the steps in one transaction under an advisory lock,
        /// refusing hazards the options do not allow, and records the deployment. A no-op costs one round trip.
        /// </summary>
        /// <exception cref="SchemaDeployException">The deployment was refused or failed; the database is unchanged.</exception>
        public static async Task<DeployResult> DeployAsync(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null, CancellationToken cancellationToken = default)
        {
            await using var _ = await OpenAsync(connection, cancellationToken);
            return await RunAsync(connection, DeployOperation.Deploy, NewSession(target, connection, options), session => session.DeployAsync(cancellationToken));
        }

        /// <summary>The plan to bring the database to the model, computed without changing anything (a dry run).</summary>
        public static async Task<SchemaPlan> PlanAsync(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null, CancellationToken cancellationToken = default)
        {
            await using var _ = await OpenAsync(connection, cancellationToken);
            return await RunAsync(connection, DeployOperation.Plan, NewSession(target, connection, options), session => session.PlanAsync(cancellationToken));
        }

        /// <summary>How the database differs from the model: what is missing, extra or different, each side by side.</summary>
        public static async Task<VerifyResult> VerifyAsync(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null, CancellationToken cancellationToken = default)
        {
            await using var _ = await OpenAsync(connection, cancellationToken);
            return await RunAsync(connection, DeployOperation.Verify, NewSession(target, connection, options), session => session.VerifyAsync(cancellationToken));
        }

        /// <summary>
        /// Brings the database back to the model of an earlier deployment, <paramref name="historyId"/> in the history table of
        /// <paramref name="current"/>'s schema, with the same plan, hazard and lock rules as any deployment (dropping what
        /// later models added is a hazard, refused unless <see cref="DeployOptions.AllowDataLoss"/>), and records it as a
        /// deployment of its own whose <c>rolled_back_to</c> is <paramref name="historyId"/>.
        /// </summary>
        /// <exception cref="SchemaDeployException">The rollback was refused or failed; the database is unchanged.</exception>
        public static async Task<DeployResult> RollbackAsync(DeployTarget current, NpgsqlConnection connection, long historyId, DeployOptions? options = null, CancellationToken cancellationToken = default)
        {
            await using var _ = await OpenAsync(connection, cancellationToken);
            var history = new HistoryTable(current.SchemaFor(options ?? new DeployOptions()));
            return await RunAsync(connection, DeployOperation.Rollback,
                async () => new DeploySession(await RecordedDeployment.ReadAsync(connection, history, historyId, cancellationToken), connection, options, rollingBackTo: historyId),
                session => session.DeployAsync(cancellationToken));
        }

        // The synchronous forms are for application start-up code; they block on the asynchronous ones.

        /// <inheritdoc cref="RollbackAsync"/>
        public static DeployResult Rollback(DeployTarget current, NpgsqlConnection connection, long historyId, DeployOptions? options = null) =>
            RollbackAsync(current, connection, historyId, options).GetAwaiter().GetResult();

        /// <inheritdoc cref="DeployAsync"/>
        public static DeployResult Deploy(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null) =>
            DeployAsync(target, connection, options).GetAwaiter().GetResult();

        /// <inheritdoc cref="PlanAsync"/>
        public static SchemaPlan Plan(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null) =>
            PlanAsync(target, connection, options).GetAwaiter().GetResult();

        /// <inheritdoc cref="VerifyAsync"/>
        public static VerifyResult Verify(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null) =>
            VerifyAsync(target, connection, options).GetAwaiter().GetResult();

        private static System.Func<Task<DeploySession>> NewSession(DeployTarget target, NpgsqlConnection connection, DeployOptions? options) =>
            () => Task.FromResult(new DeploySession(target, connection, options));

        // Every failure leaves as a SchemaDeployException that says which call failed and in which phase.
        // Every call is one span of the "SchemaGen" ActivitySource and one duration measurement (SchemaGenTelemetry).
        private static async Task<T> RunAsync<T>(NpgsqlConnection connection, DeployOperation operation, System.Func<Task<DeploySession>> open,
            System.Func<DeploySession, Task<T>> run) where T : notnull
        {
            using var telemetry = OperationTelemetry.Start(operation, connection);
            DeploySession? session = null;
            try
            {
                session = await open();
                session.Telemetry = telemetry;
                var result = await run(session);
                telemetry.Succeeded(result);
                return result;
            }
            catch (SchemaDeployException e)
            {
                e.Operation = operation;
                if (e.Phase == DeployPhase.Unknown)
                    e.Phase = session?.Phase ?? DeployPhase.ValidatingModel;
                telemetry.Failed(e);
                throw;
            }
            catch (Exception e) when (e is NpgsqlException || e is System.ObjectDisposedException { InnerException: NpgsqlException })
            {
                // A connection broken between two commands (the backend terminated) surfaces as the disposed transaction.
                var wrapped = SchemaDeployException.FromNpgsql(session?.Phase ?? DeployPhase.ValidatingModel, e as NpgsqlException ?? (NpgsqlException)e.InnerException!);
                wrapped.Operation = operation;
                telemetry.Failed(wrapped);
                throw wrapped;
            }
            catch (Exception e)
            {
                telemetry.Failed(e); // cancelled, or a bug: still an ended span with an error status
                throw;
            }
        }

        // Opens a closed connection for the call and closes it afterwards; an open one is left as it is.
        private static async Task<ConnectionScope> OpenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            if (connection.State == ConnectionState.Open)
                return new ConnectionScope(null);
            await connection.OpenAsync(cancellationToken);
            return new ConnectionScope(connection);
        }

        private sealed class ConnectionScope(NpgsqlConnection? opened) : System.IAsyncDisposable
        {
            public async ValueTask DisposeAsync()
            {
                if (opened != null)
                    await opened.CloseAsync();
            }
        }
    }
}
