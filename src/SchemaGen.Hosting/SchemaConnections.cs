using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SchemaGen.Hosting
{
    /// <summary>
    /// Opens the connection the deployer and the health check use: the configured connection string, a named one from
    /// <c>ConnectionStrings</c>, or the application's registered <see cref="NpgsqlDataSource"/>, in that order.
    /// </summary>
    internal sealed class SchemaConnections(IServiceProvider services, IOptionsMonitor<SchemaDeploymentOptions> options)
    {
        public NpgsqlConnection Create()
        {
            var settings = options.CurrentValue;
            if (!string.IsNullOrEmpty(settings.ConnectionString))
                return new NpgsqlConnection(settings.ConnectionString);
            if (!string.IsNullOrEmpty(settings.ConnectionStringName))
            {
                var named = services.GetService<IConfiguration>()?.GetConnectionString(settings.ConnectionStringName!);
                return string.IsNullOrEmpty(named)
                    ? throw new InvalidOperationException($"SchemaGen: the connection string '{settings.ConnectionStringName}' named by {SchemaDeploymentOptions.SectionName}:ConnectionStringName is not in the ConnectionStrings configuration.")
                    : new NpgsqlConnection(named);
            }

            return services.GetService<NpgsqlDataSource>()?.CreateConnection()
                ?? throw new InvalidOperationException(
                    $"SchemaGen: no database to deploy to. Set {SchemaDeploymentOptions.SectionName}:ConnectionString or {SchemaDeploymentOptions.SectionName}:ConnectionStringName, " +
                    "or register an NpgsqlDataSource in the services.");
        }

        /// <summary>Makes the application's data source, if it has one, learn the types a deployment created.</summary>
        public async Task ReloadTypesAsync(CancellationToken cancellationToken)
        {
            if (services.GetService<NpgsqlDataSource>() is NpgsqlDataSource dataSource)
                await dataSource.ReloadTypesAsync(cancellationToken);
        }
    }
}
