using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Looks at the data before anything changes: a step whose probe counts offending rows (NULLs under a new
    /// NOT NULL, duplicates under a new unique index, rows under a new NOT NULL column without default) gets
    /// a hazard saying how many.
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
                    var count = await CountAsync(connection, transaction, probe.CountSql, cancellationToken);
                    if (count > 0)
                        result = result.WithHazard(probe.Kind, string.Format(CultureInfo.InvariantCulture, probe.Message, count));
                }

                assessed.Add(result);
            }

            return assessed;
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
