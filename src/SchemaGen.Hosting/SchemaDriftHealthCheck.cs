using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SchemaGen.Hosting
{
    /// <summary>
    /// Reports whether the database still matches the model (<c>Schema.Verify</c>): Healthy when it does, the registration's
    /// failure status (Degraded by default) when it drifted, with every difference in the result's data.
    /// </summary>
    internal sealed class SchemaDriftHealthCheck(SchemaRegistration registration, SchemaConnections connections, IOptionsMonitor<SchemaDeploymentOptions> options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var target = registration.Target;
            await using var connection = connections.Create();
            var result = await SchemaDeployer.VerifyAsync(target, connection, options.CurrentValue.ToDeployOptions(null), cancellationToken);
            var drift = result.Drift.Select(d => d.ToString()).ToArray();
            var errors = result.Findings.Where(f => f.IsError).Select(f => f.ToString()).ToArray();
            var data = new Dictionary<string, object>
            {
                ["modelHash"] = target.ModelHash,
                ["drift"] = drift,
                ["functionErrors"] = errors,
            };
            return result.IsClean
                ? HealthCheckResult.Healthy($"The database matches schema {target.ModelHash}.", data)
                : new HealthCheckResult(context.Registration.FailureStatus,
                    $"The database differs from schema {target.ModelHash} in {drift.Length + errors.Length} places.", data: data);
        }
    }
}
