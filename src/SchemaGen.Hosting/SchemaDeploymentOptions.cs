using System;
using Microsoft.Extensions.Logging;

namespace SchemaGen.Hosting
{
    /// <summary>
    /// How the application deploys its schema at start-up. Bound from the configuration section
    /// <see cref="SectionName"/> (<c>"SchemaGen": { "AllowDataLoss": false, … }</c>), then from the code's configure action.
    /// </summary>
    public sealed class SchemaDeploymentOptions
    {
        /// <summary>The configuration section the options are bound from.</summary>
        public const string SectionName = "SchemaGen";

        /// <summary>Deploy (default), only verify, or do nothing at start-up.</summary>
        public SchemaStartupAction OnStartup { get; set; } = SchemaStartupAction.Deploy;

        /// <summary>The connection string to deploy with. When neither this nor <see cref="ConnectionStringName"/> is set, the
        /// <c>NpgsqlDataSource</c> registered in the services is used.</summary>
        public string? ConnectionString { get; set; }

        /// <summary>The name of a connection string in the <c>ConnectionStrings</c> configuration section.</summary>
        public string? ConnectionStringName { get; set; }

        /// <summary>Apply steps that can lose data (<see cref="DeployOptions.AllowDataLoss"/>). Default: refuse them and stop start-up.</summary>
        public bool AllowDataLoss { get; set; }

        /// <summary>Drop objects of the managed schemas that the model does not have (<see cref="DeployOptions.DropUnmanaged"/>).</summary>
        public bool DropUnmanaged { get; set; }

        /// <summary>Deploy into this schema instead of the model's default one (<see cref="DeployOptions.Schema"/>).</summary>
        public string? Schema { get; set; }

        /// <summary>How long to wait for another instance's deployment and for table locks (<see cref="DeployOptions.LockTimeout"/>).</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The longest any one statement may run (<see cref="DeployOptions.StatementTimeout"/>).</summary>
        public TimeSpan? StatementTimeout { get; set; }

        /// <summary>With <see cref="SchemaStartupAction.Verify"/>: stop start-up when the database differs from the model.
        /// Default: log the drift as a warning and start.</summary>
        public bool FailOnDrift { get; set; }

        /// <summary>The deployer's options for these settings, logging to <paramref name="logger"/>.</summary>
        public DeployOptions ToDeployOptions(ILogger? logger) => new DeployOptions
        {
            AllowDataLoss = AllowDataLoss,
            DropUnmanaged = DropUnmanaged,
            Schema = Schema,
            LockTimeout = LockTimeout,
            StatementTimeout = StatementTimeout,
            Logger = logger,
        };
    }
}
