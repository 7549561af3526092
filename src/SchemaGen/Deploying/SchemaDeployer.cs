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
            return await new DeploySession(target, connection, options).DeployAsync(cancellationToken);
        }

        /// <summary>The plan to bring the database to the model, computed without changing anything (a dry run).</summary>
        public static async Task<SchemaPlan> PlanAsync(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null, CancellationToken cancellationToken = default)
        {
            await using var _ = await OpenAsync(connection, cancellationToken);
            return await new DeploySession(target, connection, options).PlanAsync(cancellationToken);
        }

        /// <summary>How the database differs from the model: what is missing, extra or different, each side by side.</summary>
        public static async Task<VerifyResult> VerifyAsync(DeployTarget target, NpgsqlConnection connection, DeployOptions? options = null, CancellationToken cancellationToken = default)
        {
            await using var _ = await OpenAsync(connection, cancellationToken);
            return await new DeploySession(target, connection, options).VerifyAsync(cancellationToken);
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
