using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Looks at the data before anything changes: a step whose probe counts offending rows (NULLs under a new
    /// NOT NULL, duplicates under a new unique index, values a narrowing cast would change, rows under a new NOT
    /// NULL column without default) gets a hazard saying how many. Probes run against the database as it is when
    /// the step would run (after the plan's renames). A probe that fails is an error, never a zero — except a
    /// data exception from a cast, which is the hazard itself (values that do not convert).
    /// </summary>
    internal static class Planner
    {
        public static async Task<List<MigrationStep>> AssessAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<MigrationStep> steps, CancellationToken cancellationToken)
        {
            var assessed = new List<MigrationStep>(steps.Count);
            foreach (var step in steps)
            {
                var result = step;
                foreach (var probe in step.Probes)
                {
                    var (count, error) = await CountAsync(connection, transaction, step, probe, cancellationToken);
                    if (error != null)
                        result = result.WithHazard(probe.Kind, "values do not convert: " + error);
                    else if (count > 0 || probe.Always)
                        result = result.WithHazard(probe.Kind, string.Format(CultureInfo.InvariantCulture, probe.Message, count));
                }

                assessed.Add(result);
            }

            return assessed;
        }

        /// <summary>The column type changes (from, to) PostgreSQL has no cast for: those columns are dropped and added again.</summary>
        public static async Task<HashSet<(string From, string To)>> UncastableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
            SchemaModel target, SchemaModel live, CancellationToken cancellationToken)
        {
            var liveTables = Diffing.TableIndex.ByName(live);
            var changes = target.Tables
                .Select(t => (Target: t, Live: liveTables.TryGetValue((t.Schema, t.Name), out var l) ? l : null))
                .Where(p => p.Live != null && !p.Live.Columns.Equals(p.Target.Columns)) // most tables of a large model: the same columns
                .SelectMany(p => p.Target.Columns.Join(p.Live!.Columns, c => c.Name, c => c.Name, (t, l) => (Target: t, Live: l)))
                .Where(c => c.Target.TypeSchema == null && c.Live.TypeSchema == null && c.Target.SqlType != c.Live.SqlType)
                .Select(c => (From: DdlRenderer.ColumnType(c.Live), To: DdlRenderer.ColumnType(c.Target)))
                .Distinct();
            var uncastable = new HashSet<(string, string)>();
            foreach (var change in changes)
            {
                await transaction.SaveAsync("schemagen_cast", cancellationToken);
                try
                {
                    // IS NULL: the result is a boolean, so Npgsql need not know the type (an extension's geometry has no reader here).
                    await using var command = new NpgsqlCommand($"SELECT NULL::{change.From}::{change.To} IS NULL", connection, transaction);
                    await command.ExecuteScalarAsync(cancellationToken);
                    await transaction.ReleaseAsync("schemagen_cast", cancellationToken);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CannotCoerce or PostgresErrorCodes.DatatypeMismatch)
                {
                    await transaction.RollbackAsync("schemagen_cast", cancellationToken);
                    uncastable.Add(change);
                }
            }

            return uncastable;
        }

        private static async Task<(long Count, string? Error)> CountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, MigrationStep step, HazardProbe probe,
            CancellationToken cancellationToken)
        {
            await transaction.SaveAsync("schemagen_probe", cancellationToken);
            try
            {
                await using var command = new NpgsqlCommand(probe.CountSql, connection, transaction);
                var count = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
                await transaction.ReleaseAsync("schemagen_probe", cancellationToken);
                return (count, null);
            }
            catch (PostgresException e)
            {
                await transaction.RollbackAsync("schemagen_probe", cancellationToken);
                if (e.SqlState.StartsWith("22", System.StringComparison.Ordinal))
                    return (0, e.MessageText);
                throw new SchemaDeployException(
                    $"Counting the rows step {step.Kind} {step.Object} would affect failed: {e.MessageText} (SQLSTATE {e.SqlState}). Nothing was changed.\n{probe.CountSql}",
                    probe.CountSql, e.SqlState, e.Position == 0 ? null : e.Position, inner: e);
            }
        }
    }
}
