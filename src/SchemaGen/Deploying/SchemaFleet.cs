using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen
{
    /// <summary>The outcome of deploying to one database of a fleet.</summary>
    /// <param name="Database">The database as <c>host:port/database</c> (never the password).</param>
    /// <param name="Result">What the deployment did, when it succeeded.</param>
    /// <param name="Error">Why it failed: unreachable, refused (a <see cref="SchemaDeployException"/>), or rejected by PostgreSQL.</param>
    public sealed record FleetResult(string Database, DeployResult? Result, Exception? Error)
    {
        /// <summary>True when the database now matches the model.</summary>
        public bool Succeeded => Error == null;
    }

    /// <summary>
    /// Deploys one model to many databases (tenants, shards) in parallel. Each database gets its own connection
    /// and its own deployment, with the same safety rules as <see cref="SchemaDeployer"/>; one failing does not
    /// stop the others.
    /// </summary>
    public static class SchemaFleet
    {
        /// <summary>Deploys to every database and returns one result per connection string, in the order given.</summary>
        /// <param name="target">The model, e.g. the generated <c>Schema.Target</c>.</param>
        /// <param name="connectionStrings">One connection string per database.</param>
        /// <param name="options">The options for every deployment.</param>
        /// <param name="maxParallelism">How many databases are deployed at once.</param>
        /// <param name="cancellationToken">Stops deployments that have not finished.</param>
        public static async Task<IReadOnlyList<FleetResult>> DeployAllAsync(DeployTarget target, IEnumerable<string> connectionStrings,
            DeployOptions? options = null, int maxParallelism = 4, CancellationToken cancellationToken = default)
        {
            if (maxParallelism < 1)
                throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism, "At least one database must be deployed at a time.");

            using var gate = new SemaphoreSlim(maxParallelism);
            var deployments = connectionStrings.Select(async connectionString =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    return await DeployOneAsync(target, connectionString, options, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            });
            return await Task.WhenAll(deployments);
        }

        private static async Task<FleetResult> DeployOneAsync(DeployTarget target, string connectionString, DeployOptions? options, CancellationToken cancellationToken)
        {
            string database;
            try
            {
                var settings = new NpgsqlConnectionStringBuilder(connectionString);
                database = $"{settings.Host}:{settings.Port}/{settings.Database}";
            }
            catch (ArgumentException e)
            {
                return new FleetResult("(invalid connection string)", null, e);
            }

            try
            {
                // The deployer reads and writes only built-in types (every catalog value is cast to text, bool or an array of
                // them), so the fleet's own connections skip Npgsql's type loading: a catalog query per database that costs
                // the server as much as the no-op check itself.
                var builder = new NpgsqlDataSourceBuilder(connectionString);
                builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
                await using var source = builder.Build();
                await using var connection = source.CreateConnection();
                return new FleetResult(database, await SchemaDeployer.DeployAsync(target, connection, options, cancellationToken), null);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return new FleetResult(database, null, e);
            }
        }
    }
}
