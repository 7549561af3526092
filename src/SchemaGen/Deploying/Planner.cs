using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Looks at the data before anything changes: a step whose probe counts offending rows (NULLs under a new
    /// NOT NULL, duplicates under a new unique index, rows under a new NOT NULL column without default) gets
    /// a hazard saying how many; a type change PostgreSQL has no cast for becomes drop and add, a data loss.
    /// </summary>
    internal static class Planner
    {
        public static async Task<List<MigrationStep>> AssessAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<MigrationStep> steps, CancellationToken cancellationToken)
        {
            var assessed = new List<MigrationStep>(steps.Count);
            foreach (var step in steps)
            {
                var result = step.Fallback != null && !await CastsAsync(connection, transaction, step.Fallback.ProbeSql, cancellationToken)
                    ? DropAndAdd(step, step.Fallback, steps)
                    : step;
                foreach (var probe in result.Probes)
                {
                    var count = await CountAsync(connection, transaction, probe.CountSql, cancellationToken);
                    if (count > 0)
                        result = result.WithHazard(probe.Kind, string.Format(CultureInfo.InvariantCulture, probe.Message, count));
                }

                assessed.Add(result);
            }

            return assessed;
        }

        private static MigrationStep DropAndAdd(MigrationStep step, CastFallback fallback, IReadOnlyList<MigrationStep> plan)
        {
            var planned = new HashSet<string>(plan.Select(s => s.Object));
            var statements = fallback.Statements.Concat(fallback.Recreate.Where(r => !planned.Contains(r.Object)).Select(r => r.Sql)).ToArray();
            return new MigrationStep(step.Kind, step.Object, statements, new[] { new Hazard(HazardKind.DataLoss, step.Object, fallback.Message) });
        }

        // False when PostgreSQL has no cast for a type change (cannot_coerce, datatype_mismatch).
        private static async Task<bool> CastsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
        {
            await transaction.SaveAsync("schemagen_cast", cancellationToken);
            try
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                await command.ExecuteScalarAsync(cancellationToken);
                await transaction.ReleaseAsync("schemagen_cast", cancellationToken);
                return true;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CannotCoerce or PostgresErrorCodes.DatatypeMismatch)
            {
                await transaction.RollbackAsync("schemagen_cast", cancellationToken);
                return false;
            }
        }

        // A probe can refer to a column that an earlier step of the same plan adds; then it has no rows to
        // find, so a failure inside its savepoint counts as zero.
        private static async Task<long> CountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
        {
            await transaction.SaveAsync("schemagen_probe", cancellationToken);
            try
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                var count = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
                await transaction.ReleaseAsync("schemagen_probe", cancellationToken);
                return count;
            }
            catch (PostgresException)
            {
                await transaction.RollbackAsync("schemagen_probe", cancellationToken);
                return 0;
            }
        }
    }
}
