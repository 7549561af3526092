using System;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Deploying;

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
            return await RunAsync(DeployOperation.Deploy, target, connection, options, session => session.DeployAsync(cancellationToken));
        }

        /// <summary>The plan to bring the database to the model, computed without changing anything (a dry run).</summary>
        public static async Task<SchemaPlan> PlanAsync(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null, CancellationToken cancellationToken = default)
        {
            await using var _ = await OpenAsync(connection, cancellationToken);
            return await RunAsync(DeployOperation.Plan, target, connection, options, session => session.PlanAsync(cancellationToken));
        }

        /// <summary>How the database differs from the model: what is missing, extra or different, each side by side.</summary>
        public static async Task<VerifyResult> VerifyAsync(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null, CancellationToken cancellationToken = default)
        {
            await using var _ = await OpenAsync(connection, cancellationToken);
            return await RunAsync(DeployOperation.Verify, target, connection, options, session => session.VerifyAsync(cancellationToken));
        }

        // The synchronous forms are for application start-up code; they block on the asynchronous ones.

        /// <inheritdoc cref="DeployAsync"/>
        public static DeployResult Deploy(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null) =>
            DeployAsync(target, connection, options).GetAwaiter().GetResult();

        /// <inheritdoc cref="PlanAsync"/>
        public static SchemaPlan Plan(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null) =>
            PlanAsync(target, connection, options).GetAwaiter().GetResult();

        /// <inheritdoc cref="VerifyAsync"/>
        public static VerifyResult Verify(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null) =>
            VerifyAsync(target, connection, options).GetAwaiter().GetResult();

        // Every failure leaves as a SchemaDeployException that says which call failed and in which phase.
        private static async Task<T> RunAsync<T>(DeployOperation operation, DeployTarget target, NpgsqlConnection connection, DeployOptions? options,
            System.Func<DeploySession, Task<T>> run)
        {
            DeploySession? session = null;
            try
            {
                session = new DeploySession(target, connection, options);
                return await run(session);
            }
            catch (SchemaDeployException e)
            {
                e.Operation = operation;
                if (e.Phase == DeployPhase.Unknown)
                    e.Phase = session?.Phase ?? DeployPhase.ValidatingModel;
                throw;
            }
            catch (Exception e) when (e is NpgsqlException || e is System.ObjectDisposedException { InnerException: NpgsqlException })
            {
                // A connection broken between two commands (the backend terminated) surfaces as the disposed transaction.
                var wrapped = SchemaDeployException.FromNpgsql(session?.Phase ?? DeployPhase.ValidatingModel, e as NpgsqlException ?? (NpgsqlException)e.InnerException!);
                wrapped.Operation = operation;
                throw wrapped;
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
