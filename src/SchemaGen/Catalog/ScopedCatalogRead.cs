using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Catalog
{
    /// <summary>
    /// The catalog after a deployment's steps, reading again only the tables whose catalog rows changed since the catalog
    /// read before them: a one-column change of a 1,000-table model reads one table, not a thousand. The read before is the
    /// last deployment's record (RecordedLive: its stamp is still the catalog's), with the <see cref="TableStamps"/> and
    /// <see cref="TableDigests"/> taken with it; the stamps taken now name the tables whose rows moved (by the steps or by
    /// anyone else), and every other table is the recorded one, with its digests, so the fingerprint is the one a full read
    /// would compute.
    /// </summary>
    /// <remarks>
    /// Null (read everything) when anything but tables moved, when a table was created, dropped or renamed, or when the
    /// model has partitions, inheritance or typed tables (one table's catalog rows print in another's). A table whose
    /// foreign key references a changed table is read with it: the key prints the referenced table's column names. The
    /// marker records the stamp taken with the table stamps, not a later one: DDL committed by anyone after it moves every
    /// later stamp, and then the full fingerprint decides, which the merged one is only if nothing changed.
    /// </remarks>
    internal static class ScopedCatalogRead
    {
        // listed: the tables the steps applied since before act on (Listed), or null. When the catalog's other rows add up to
        // what they did, only these are split by table (TableStamps.ReadListedAsync: the result's Listed), at about the cost of
        // the stamp alone.
        public static async Task<(CatalogSnapshot Snapshot, int Reread, bool Listed)?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
            IReadOnlyList<string> schemas, HistoryTable history, CatalogSnapshot before, IReadOnlyCollection<uint>? listed, CancellationToken cancellationToken)
        {
            if (before.TableStamps == null || before.TableDigests == null || before.Model.Unmanaged.Any(PrintsAcrossTables))
                return null;
            var split = listed is { Count: > 0 } ? await TableStamps.ReadListedAsync(connection, transaction, schemas, history, before.TableStamps, listed, cancellationToken) : null;
            var (marker, stamp, searchPath, stamps) = split ?? await TableStamps.ReadAsync(connection, transaction, schemas, history, cancellationToken);
            if (stamps.ChangedSince(before.TableStamps) is not { } changed || searchPath != before.SearchPath)
                return null;

            var moved = new HashSet<(string, string)>(changed);
            var reread = before.Model.Tables
                .Where(t => moved.Contains((t.Schema, t.Name)) || t.ForeignKeys.Any(fk => moved.Contains((fk.RefSchema, fk.RefTable)))
                            || (moved.Count > 0 && t.OtherConstraints.Any(c => c.Definition.Contains("REFERENCES"))))
                .Select(t => (t.Schema, t.Name)).ToList();
            var fresh = await CatalogReader.ReadAsync(connection, transaction, schemas, history, cancellationToken, onlyTables: reread);

            var tables = before.Model.Tables;
            if (fresh.Model.Tables.Count != tables.Count || fresh.QueryDigests == null || fresh.TableDigests == null)
                return null;
            var rereadSet = new HashSet<(string, string)>(reread);
            var merged = new TableModel[tables.Count];
            for (var i = 0; i < tables.Count; i++)
            {
                var read = fresh.Model.Tables[i];
                if (read.Schema != tables[i].Schema || read.Name != tables[i].Name)
                    return null;
                merged[i] = rereadSet.Contains((read.Schema, read.Name)) ? read : tables[i];
            }

            var digests = before.TableDigests.With(fresh.TableDigests, reread);
            var queryDigests = fresh.QueryDigests.Select((d, i) => CatalogFingerprint.PerTable.Contains(CatalogReader.Queries[i]) ? digests.Combined(i) : d).ToList();
            var snapshot = new CatalogSnapshot(fresh.Model with { Tables = merged.ToEquatableArray() }, marker, CatalogFingerprint.Combine(queryDigests), stamp, searchPath)
            {
                QueryDigests = queryDigests,
                TableDigests = digests,
                TableStamps = stamps,
            };
            return (snapshot, reread.Count, split != null);
        }

        /// <summary>
        /// The oids of the recorded tables that steps acting on <paramref name="stepTables"/> (qualified names; null when a step
        /// acts on anything else) can move: those tables, and the tables their foreign keys reference before and in the target (a
        /// foreign key's triggers are rows of the referenced table). Null when there is none, or one is not a recorded table.
        /// </summary>
        public static IReadOnlyCollection<uint>? Listed(CatalogSnapshot before, SchemaModel? target, IReadOnlyCollection<string>? stepTables)
        {
            if (before.TableStamps == null || stepTables == null || stepTables.Count == 0)
                return null;
            var named = new HashSet<string>(stepTables, System.StringComparer.Ordinal);
            var tables = new[] { before.Model, target }.SelectMany(m => m?.Tables ?? default).Where(t => named.Contains(SqlSyntax.QualifiedName(t.Schema, t.Name))).ToList();
            return before.TableStamps.OidsOf(tables.Select(t => (t.Schema, t.Name))
                .Concat(tables.SelectMany(t => t.ForeignKeys.Select(fk => (fk.RefSchema, fk.RefTable)))).Distinct().ToList());
        }

        private static bool PrintsAcrossTables(CatalogObject o) =>
            o.Kind is CatalogObjectKind.TableInheritance or CatalogObjectKind.TablePartition or CatalogObjectKind.TypedTable or CatalogObjectKind.PartitionedTable;
    }
}
