using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SchemaGen.Hosting
{
    /// <summary>
    /// Deploys (or verifies) the schema in <see cref="IHostedLifecycleService.StartingAsync"/>, which the host runs before
    /// any hosted service starts, ASP.NET Core's server included: no request is served against an old schema. A refused
    /// or failed deployment throws, so the host does not start.
    /// </summary>
    internal sealed class SchemaDeploymentService(
        SchemaRegistration registration,
        SchemaConnections connections,
        IOptionsMonitor<SchemaDeploymentOptions> options,
        ILogger<SchemaDeploymentService> logger) : IHostedLifecycleService
    {
        public async Task StartingAsync(CancellationToken cancellationToken)
        {
            var settings = options.CurrentValue;
            switch (settings.OnStartup)
            {
                case SchemaStartupAction.Deploy:
                    await DeployAsync(settings, cancellationToken);
                    break;
                case SchemaStartupAction.Verify:
                    await VerifyAsync(settings, cancellationToken);
                    break;
            }
        }

        private async Task DeployAsync(SchemaDeploymentOptions settings, CancellationToken cancellationToken)
        {
            var target = registration.Target;
            try
            {
                await using var connection = connections.Create();
                var result = await SchemaDeployer.DeployAsync(target, connection, settings.ToDeployOptions(logger), cancellationToken);
                if (result.NoOp)
                    Log.AlreadyDeployed(logger, target.ModelHash, (long)result.Duration.TotalMilliseconds);
                else
                {
                    Log.Deployed(logger, target.ModelHash, result.Steps.Count, (long)result.Duration.TotalMilliseconds, result.HistoryId);
                    // Npgsql loads a data source's types once, at its first connection: when that was the deployment's,
                    // the enum types it just created would stay unknown, and reading them would fail.
                    await connections.ReloadTypesAsync(cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.DeployFailed(logger, e.Message, e);
                throw;
            }
        }

        private async Task VerifyAsync(SchemaDeploymentOptions settings, CancellationToken cancellationToken)
        {
            var target = registration.Target;
            await using var connection = connections.Create();
            var result = await SchemaDeployer.VerifyAsync(target, connection, settings.ToDeployOptions(logger), cancellationToken);
            if (result.IsClean)
            {
                Log.VerifiedClean(logger, target.ModelHash);
                return;
            }

            var problems = result.Drift.Select(d => d.ToString()).Concat(result.Findings.Where(f => f.IsError).Select(f => f.ToString())).ToList();
            Log.Drifted(logger, target.ModelHash, problems.Count, string.Join("; ", problems));
            if (settings.FailOnDrift)
            {
                Log.DriftStopsStartup(logger, target.ModelHash);
                throw new InvalidOperationException($"SchemaGen: the database differs from schema {target.ModelHash} in {problems.Count} places: {string.Join("; ", problems)}");
            }
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
