using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SchemaGen.Telemetry
{
    /// <summary>The one <see cref="ActivitySource"/> and <see cref="Meter"/> of the library and its instruments.</summary>
    internal static class DeployInstruments
    {
        private static readonly string Version = typeof(DeployInstruments).Assembly.GetName().Version?.ToString() ?? "0";

        public static readonly ActivitySource Source = new(SchemaGenTelemetry.ActivitySourceName, Version);

        public static readonly Meter Meter = new(SchemaGenTelemetry.MeterName, Version);

        public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(SchemaGenTelemetry.Names.OperationDuration, "s",
            "How long each deploy, plan, verify or rollback took.");

        public static readonly Counter<long> StepsApplied = Meter.CreateCounter<long>(SchemaGenTelemetry.Names.StepsApplied, "{step}",
            "Steps committed by deployments.");

        public static readonly Histogram<double> LockWait = Meter.CreateHistogram<double>(SchemaGenTelemetry.Names.LockWait, "s",
            "How long a deployment waited for the schema's advisory lock.");

        public static readonly Histogram<long> Drift = Meter.CreateHistogram<long>(SchemaGenTelemetry.Names.Drift, "{object}",
            "The number of drifted objects each verification found.");
    }
}
