using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// The shadow of a changed model, rendering only what changed. The last history row with a target recorded a hash per
    /// table and one of the rest of its model (<see cref="TableHashes"/>). When the rest is unchanged (enums, domains,
    /// functions, triggers, views, sequences, extensions, schemas), PostgreSQL prints an unchanged table exactly as it did
    /// then, so only the tables whose hash changed are created in the shadow (with the tables their foreign keys reference,
    /// and every enum, domain, function and sequence they may use), and the rest of the target is the recorded one.
    /// </summary>
    /// <remarks>
    /// Anything unsure renders the whole model instead (<see cref="Shadow"/>): no usable recorded target, a change outside the
    /// tables, a view, aggregate or function whose text names a changed table (a view over a changed table may print
    /// differently), or PostgreSQL refusing the partial shadow. The result equals what the whole shadow renders: a merge of
    /// the two, tables and triggers in the order the catalog reader returns them.
    /// </remarks>
    internal static class ScopedShadow
    {
        /// <summary>
        /// The target and how many tables were created in the shadow for it, or null when the whole model must be rendered.
        /// <paramref name="desiredHashes"/> are the model's <see cref="TableHashes"/> (which the deployment records too); <paramref name="known"/> a
        /// recorded target the caller has read already (<see cref="StoredTarget.ReadLatestAsync"/>).
        /// </summary>
        public static async Task<(SchemaModel Target, int Rendered)?> RenderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaModel desired,
            string[] desiredHashes, IReadOnlyList<string> schemas, HistoryTable history, StoredTarget.RecordedTarget? known, ILogger? log, CancellationToken cancellationToken)
        {
            var previous = await StoredTarget.ReadLatestAsync(connection, transaction, history, known, cancellationToken);
            if (previous is not var (recorded, recordedHashes))
                return null;
            var changed = TableHashes.ChangedTables(recordedHashes, desiredHashes);
            var naming = changed == null ? null : ObjectNamingChangedTable(desired, changed);
            if (changed == null || naming != null)
            {
                log?.LogDebug("Rendering the whole model in the shadow: {Reason}", changed == null ? "more than tables changed" : naming + " names a changed table");
                return null;
            }

            var part = Part(desired, changed);
            SchemaModel rendered;
            try
            {
                rendered = await Shadow.RenderAsync(connection, transaction, part, schemas, history, cancellationToken, tablesOnly: true); // MergeAsync takes nothing else
            }
            catch (SchemaDeployException e) when (e.Phase == DeployPhase.RenderingShadow)
            {
                log?.LogDebug("Rendering the whole model in the shadow: the changed tables alone could not be: {Message}", e.Message);
                return null;
            }

            // In pg_temp a shadow that created nothing has no schema to read back, where the whole one has the managed schema.
            if (rendered.Schemas.IsEmpty && !desired.Tables.IsEmpty)
                return null;
            var target = await MergeAsync(connection, transaction, recorded, rendered, desired, changed, cancellationToken);
            return target == null ? null : (target, part.Tables.Count);
        }

        // The changed tables, the tables their foreign keys reference (without foreign keys of their own: only their keys are
        // needed), the triggers of the changed tables, every enum, domain and function, and the sequences (a default may call
        // nextval); no views or aggregates (they would need every table they read).
        private static SchemaModel Part(SchemaModel desired, HashSet<string> changed)
        {
            var referenced = new HashSet<string>(desired.Tables.Where(t => changed.Contains(TableHashes.Key(t)))
                .SelectMany(t => t.ForeignKeys.Select(fk => TableHashes.Key(fk.RefSchema, fk.RefTable))), StringComparer.Ordinal);
            var tables = desired.Tables
                .Where(t => changed.Contains(TableHashes.Key(t)) || referenced.Contains(TableHashes.Key(t)))
                .Select(t => changed.Contains(TableHashes.Key(t)) ? t : t with { ForeignKeys = EquatableArray<ForeignKeyModel>.Empty });
            return desired with
            {
                Tables = tables.ToEquatableArray(),
                Triggers = desired.Triggers.Where(t => changed.Contains(TableHashes.Key(t.Schema, t.Table))).ToEquatableArray(),
                Objects = desired.Objects.Where(o => o.Kind == TemplateObjectKind.Sequence).ToEquatableArray(),
            };
        }

        // A view, materialized view, aggregate, sequence or function whose text names a changed (or removed) table, by its bare
        // name anywhere in the text: conservative, a false match only costs the whole shadow.
        private static string? ObjectNamingChangedTable(SchemaModel desired, HashSet<string> changed)
        {
            var names = changed.Select(BareName).Distinct().ToList();
            bool Names(string sql) => names.Any(n => sql.IndexOf(n, StringComparison.OrdinalIgnoreCase) >= 0);
            return desired.Objects.Where(o => Names(o.Definition)).Select(o => DdlRenderer.KindName(o.Kind) + " " + o.Name)
                .Concat(desired.Functions.Where(f => Names(f.Definition) || Names(f.Returns)).Select(f => "function " + f.Name))
                .FirstOrDefault();
        }

        private static string BareName(string key)
        {
            var name = key.Substring(key.LastIndexOf('.') + 1);
            return name.Length > 1 && name[0] == '"' ? name.Substring(1, name.Length - 2).Replace("\"\"", "\"") : name;
        }

        // The recorded target with the changed tables (and their triggers) as the shadow printed them. Null when a table is
        // missing from either side, which only a recorded target not of its recorded hashes could cause.
        private static async Task<SchemaModel?> MergeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaModel recorded, SchemaModel rendered,
            SchemaModel desired, HashSet<string> changed, CancellationToken cancellationToken)
        {
            var recordedTables = recorded.Tables.ToDictionary(TableHashes.Key, StringComparer.Ordinal);
            var renderedTables = rendered.Tables.ToDictionary(TableHashes.Key, StringComparer.Ordinal);
            var tables = new List<TableModel>();
            foreach (var key in desired.Tables.Select(TableHashes.Key))
            {
                if (!(changed.Contains(key) ? renderedTables : recordedTables).TryGetValue(key, out var table))
                    return null;
                tables.Add(table);
            }

            var triggers = recorded.Triggers.Where(t => !changed.Contains(TableHashes.Key(t.Schema, t.Table)))
                .Concat(rendered.Triggers.Where(t => changed.Contains(TableHashes.Key(t.Schema, t.Table))))
                .ToList();
            var (tableOrder, triggerOrder) = await CatalogOrder.SortAsync(connection, transaction,
                tables.Select(t => (t.Schema, t.Name, "")).ToList(), triggers.Select(t => (t.Schema, t.Table, t.Name)).ToList(), cancellationToken);
            return recorded with
            {
                Schemas = rendered.Schemas,
                // Extensions belong to the database: the shadow read them as they are now, as the whole shadow would.
                Extensions = rendered.Extensions,
                Tables = tableOrder.Select(i => tables[i]).ToEquatableArray(),
                Triggers = triggerOrder.Select(i => triggers[i]).ToEquatableArray(),
            };
        }
    }
}
