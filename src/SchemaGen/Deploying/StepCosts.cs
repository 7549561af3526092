using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Gives every step its <see cref="StepCost"/>: the lock and impact of its statements (<see cref="LockRules"/>), and
    /// its table's size. One round trip reads <c>pg_class.reltuples</c> and <c>pg_relation_size</c> of every table the
    /// steps change, and which functions a new column's default calls are volatile (such a default rewrites the table).
    /// </summary>
    internal static class StepCosts
    {
        // A call in a default expression: name( — the name as PostgreSQL folds an unquoted identifier.
        private static readonly Regex Call = new(@"([A-Za-z_][A-Za-z0-9_$]*)\s*\(", RegexOptions.CultureInvariant);

        public static async Task<List<MigrationStep>> AssessAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<MigrationStep> steps,
            CancellationToken cancellationToken)
        {
            var tables = steps.Where(s => s.Table != null).Select(s => s.Table!).Distinct().ToArray();
            var calls = steps.Where(s => s.NewDefault != null).SelectMany(s => Call.Matches(s.NewDefault!).Cast<Match>())
                .Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().ToArray();

            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(
                        "SELECT t.name, c.reltuples::bigint, pg_relation_size(c.oid) FROM unnest($1::text[]) t(name) JOIN pg_class c ON c.oid = to_regclass(t.name)")
                    {
                        Parameters = { new NpgsqlParameter { Value = tables, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } },
                    },
                    new NpgsqlBatchCommand("SELECT DISTINCT proname::text FROM pg_proc WHERE proname = ANY($1::text[]) AND provolatile = 'v'")
                    {
                        Parameters = { new NpgsqlParameter { Value = calls, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } },
                    },
                },
            };
            var sizes = new Dictionary<string, (long? Rows, long Bytes)>();
            var volatileFunctions = new HashSet<string>();
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var rows = reader.GetInt64(1);
                    sizes[reader.GetString(0)] = (rows < 0 ? null : rows, reader.GetInt64(2)); // -1: never analyzed
                }

                await reader.NextResultAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    volatileFunctions.Add(reader.GetString(0));
            }

            return steps.Select(step =>
            {
                var rewrites = step.Rewrites || (step.NewDefault != null && Call.Matches(step.NewDefault).Cast<Match>().Any(m => volatileFunctions.Contains(m.Groups[1].Value.ToLowerInvariant())));
                return Costed(step with { Rewrites = rewrites }, step.Table != null && sizes.TryGetValue(step.Table, out var size) ? size : null);
            }).ToList();
        }

        /// <summary>The step with its cost; <paramref name="size"/> is null for a table the plan creates (or no table).</summary>
        public static MigrationStep Costed(MigrationStep step, (long? Rows, long Bytes)? size)
        {
            var (tableLock, impact) = LockRules.Of(step);
            var table = size == null ? null : step.Table;
            var cost = new StepCost(tableLock, impact, table, size?.Rows, size?.Bytes, new string[0]);
            return step with { Cost = cost with { Warnings = LockRules.Warnings(step, tableLock, impact, cost.MayHaveRows) } };
        }
    }
}
