using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Diffing;

namespace SchemaGen.Deploying
{
    /// <summary>A first deployment (<see cref="FirstDeploy"/>): planned without reading the catalog, applied as one batch.</summary>
    internal sealed partial class DeploySession
    {
        /// <summary>
        /// The plan into empty schemas, or null when they are not empty (then <see cref="PlanInTransactionAsync"/> plans).
        /// Every step creates an object in an empty schema: there are no renames, no column types to cast, and every table
        /// is new (so its cost is the create's, with no rows: <see cref="StepCosts.Costed"/> without a size). The probes
        /// still run: a create step that carries one is assessed as on any plan.
        /// </summary>
        private async Task<PlannedChange?> PlanFirstDeployAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            if (_rendered != null)
                return null;
            Phase = DeployPhase.ReadingCatalog;
            var live = await FirstDeploy.ReadIfEmptyAsync(_connection, transaction, await LoadSchemasAsync(transaction, cancellationToken), cancellationToken);
            if (live == null)
                return null;

            _firstDeploy = true;
            Phase = DeployPhase.Planning;
            var diff = SchemaDiffer.Diff(Desired, Desired, live, _options.DropUnmanaged);
            var steps = (await Planner.AssessAsync(_connection, transaction, diff.Steps(), cancellationToken)).Select(s => StepCosts.Costed(s, null)).ToList();
            foreach (var step in steps)
                Log?.LogInformation("Plan: {Step}", step);
            return new PlannedChange(new CatalogSnapshot(live, null, "", "", ""), steps, diff.UnmanagedObjects, diff.Drift);
        }

        /// <summary>
        /// The steps of a first deployment as one batch, one round trip (a statement a round trip cost more than the script
        /// itself). PostgreSQL runs the batch's statements in order and stops at the first it refuses; that statement names
        /// its step in the error exactly as <see cref="ApplyAsync"/> would, and the transaction rolls everything back.
        /// </summary>
        private async Task ApplyScriptAsync(NpgsqlTransaction transaction, List<MigrationStep> steps, CancellationToken cancellationToken)
        {
            Telemetry?.EnterScript(steps.Count);
            _phase = DeployPhase.ApplyingStep;
            await using var batch = new NpgsqlBatch(_connection, transaction);
            var origins = new List<(MigrationStep Step, int Number, string Statement)>();
            for (var i = 0; i < steps.Count; i++)
            {
                foreach (var statement in steps[i].Statements)
                {
                    Log?.LogInformation("{Kind} {Object}: {Sql}", steps[i].Kind, steps[i].Object, statement);
                    foreach (var command in DdlBatch.Commands(statement))
                    {
                        batch.BatchCommands.Add(command);
                        origins.Add((steps[i], i + 1, statement));
                    }
                }
            }

            if (batch.BatchCommands.Count == 0)
                return;
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e)
            {
                DdlBatch.NameFailedCommand(batch, e);
                var failed = e.BatchCommand == null ? -1 : batch.BatchCommands.IndexOf(e.BatchCommand);
                if (failed < 0)
                    throw SchemaDeployException.FromPostgres(Phase, e, null, "PostgreSQL refused the first deployment's script", null, _connection);
                var (step, number, statement) = origins[failed];
                throw Refused(e, statement, step, number);
            }
        }
    }
}
