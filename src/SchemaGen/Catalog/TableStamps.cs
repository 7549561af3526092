using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Catalog
{
    /// <summary>
    /// The <see cref="CatalogStamp"/> split by the managed table each catalog row belongs to, and one part for every row that
    /// belongs to none ("the rest": types, functions, schemas, sequences, views, other schemas' tables). A deployment's read
    /// after applying takes them in the statement that takes its stamp, and its history row keeps them with the catalog it
    /// read. The next deployment, planned against that record (the stamp unchanged: they are still the catalog's), takes them
    /// again after its steps: the tables whose rows moved in between, by the steps or by anyone else, are read again, and
    /// the others are as recorded (<see cref="ScopedCatalogRead"/>).
    /// </summary>
    /// <remarks>
    /// A row belongs to a table when it is the table's own row in <c>pg_class</c>, <c>pg_attribute</c>, <c>pg_attrdef</c>,
    /// <c>pg_constraint</c>, <c>pg_trigger</c>, <c>pg_rewrite</c>, <c>pg_policy</c>, <c>pg_inherits</c> or
    /// <c>pg_partitioned_table</c>; a row of its indexes or of its TOAST table and that table's index; or a
    /// <c>pg_description</c> or <c>pg_depend</c> row of any of those objects. Any row this cannot place is the rest's, so a
    /// change nobody anticipated here moves the rest, and the rest moving means read everything: the safe direction.
    /// The history table's marker (its comment) is left out, as in the stamp. Costs about twice the stamp alone: every row
    /// is hashed once, and the stamp is computed from the same sums (<see cref="CatalogStamp.FromSums"/>).
    /// </remarks>
    internal sealed class TableStamps
    {
        private readonly Dictionary<uint, (string Schema, string Name, string Stamp)> _tables;
        private readonly string _rest;

        private TableStamps(Dictionary<uint, (string Schema, string Name, string Stamp)> tables, string rest)
        {
            _tables = tables;
            _rest = rest;
        }

        // The relations that belong to a managed table ($2: the managed schemas, $3: the history table's bare name): the table,
        // its indexes, its TOAST table and that table's index; and the objects that belong to them, by catalog and oid (what
        // pg_depend and pg_description name): those relations, and the column defaults, constraints, triggers, rules and
        // policies of the owned relations. {0}: a further condition on the managed tables (c: their pg_class rows). Extension
        // members are left out by a lookup per table (NOT EXISTS, through pg_depend's index): for a few listed tables, NOT IN
        // scanned pg_depend whole (15 ms of 1,000 tables' 18 ms).
        private const string Owned = """
            managed AS MATERIALIZED (
                SELECT c.oid, c.reltoastrelid, n.nspname::text AS s, c.relname::text AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY($2) AND c.relkind IN ('r', 'p') AND c.relname <> $3{0}
                  AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')),
            owned AS MATERIALIZED (
                SELECT oid AS rel, oid AS owner FROM managed
                UNION ALL SELECT reltoastrelid, oid FROM managed WHERE reltoastrelid <> 0
                UNION ALL SELECT x.indexrelid, m.oid FROM pg_index x JOIN managed m ON m.oid = x.indrelid
                UNION ALL SELECT x.indexrelid, m.oid FROM pg_index x JOIN managed m ON m.reltoastrelid = x.indrelid AND m.reltoastrelid <> 0),
            objects AS MATERIALIZED (
                SELECT 'pg_class'::regclass::oid AS cls, rel AS obj, owner FROM owned
                UNION ALL SELECT 'pg_attrdef'::regclass::oid, d.oid, o.owner FROM pg_attrdef d JOIN owned o ON o.rel = d.adrelid
                UNION ALL SELECT 'pg_constraint'::regclass::oid, k.oid, o.owner FROM pg_constraint k JOIN owned o ON o.rel = k.conrelid
                UNION ALL SELECT 'pg_trigger'::regclass::oid, g.oid, o.owner FROM pg_trigger g JOIN owned o ON o.rel = g.tgrelid
                UNION ALL SELECT 'pg_rewrite'::regclass::oid, w.oid, o.owner FROM pg_rewrite w JOIN owned o ON o.rel = w.ev_class
                UNION ALL SELECT 'pg_policy'::regclass::oid, p.oid, o.owner FROM pg_policy p JOIN owned o ON o.rel = p.polrelid)
            """;

        // The column of a catalog's row that names the relation it belongs to, for the catalogs that have one.
        private static string? RelationColumn(string catalog) => catalog switch
        {
            "pg_class" => "oid",
            "pg_attribute" => "attrelid",
            "pg_attrdef" => "adrelid",
            "pg_constraint" => "conrelid",
            "pg_index" => "indrelid",
            "pg_trigger" => "tgrelid",
            "pg_rewrite" => "ev_class",
            "pg_policy" => "polrelid",
            "pg_inherits" => "inhrelid",
            "pg_partitioned_table" => "partrelid",
            _ => null,
        };

        // Each row of a catalog: the catalog's index, the table it belongs to (null: the rest) and its hash, as the stamp hashes it.
        // With ownedOnly, only the rows that belong to a table (null for a catalog that has none).
        private static string? Rows(string catalog, int index, bool ownedOnly)
        {
            var hash = $"hashtextextended({CatalogStamp.Row(catalog, "r.")}, r.xmin::text::bigint)";
            var from = $"FROM pg_catalog.{catalog} r";
            var join = ownedOnly ? "JOIN" : "LEFT JOIN";
            return catalog switch
            {
                "pg_depend" => $"SELECT {index}, own.owner, {hash} {from} {join} objects own ON own.cls = r.classid AND own.obj = r.objid",
                "pg_description" => $"SELECT {index}, own.owner, {hash} {from} {join} objects own ON own.cls = r.classoid AND own.obj = r.objoid"
                                    + CatalogStamp.Filter(catalog, "$1", "r."),
                _ when RelationColumn(catalog) is { } column => $"SELECT {index}, own.owner, {hash} {from} {join} owned own ON own.rel = r.{column}",
                _ when ownedOnly => null,
                _ => $"SELECT {index}, NULL::oid, {hash} {from}" + CatalogStamp.Filter(catalog, "$1", "r."),
            };
        }

        // The sums of each catalog's rows by owner (0: the rest), and each owner's stamp from them.
        private const string Sums = "sums AS (SELECT cat, coalesce(owner, 0) AS owner, count(*) AS n, sum(h) AS h FROM rows GROUP BY 1, 2),\n"
            + "owners AS (SELECT owner, sum(n) || ':' || sum(h) AS stamp FROM sums GROUP BY owner)";

        private static string OwnerArrays(string owners) =>
            $"array_agg({owners}.owner ORDER BY {owners}.owner), array_agg(m.s ORDER BY {owners}.owner), array_agg(m.t ORDER BY {owners}.owner), array_agg({owners}.stamp ORDER BY {owners}.owner)";

        /// <summary>
        /// The marker, the stamp (<see cref="CatalogStamp.FromSums"/>: computed from the same sums, so it is the stamp of exactly
        /// the rows split here), the search_path and the table stamps as four arrays ordered by owner: oids (0 for the rest),
        /// schemas and names (null for the rest), stamps. $1: the history table's qualified name, $2: the managed schemas, $3:
        /// the history table's bare name.
        /// </summary>
        public static readonly string Sql = "WITH " + string.Format(Owned, "") + ",\n"
            + "rows(cat, owner, h) AS (\n    " + string.Join("\n    UNION ALL ", CatalogStamp.Catalogs.Select((c, i) => Rows(c, i, ownedOnly: false))) + "),\n"
            + Sums + "\n"
            + "SELECT obj_description(to_regclass($1), 'pg_class'), " + CatalogStamp.FromSums("sums") + ", current_setting('search_path'),\n"
            + "    " + OwnerArrays("o") + "\n"
            + "FROM owners o LEFT JOIN managed m ON m.oid = o.owner";

        // The rows of the managed tables whose oids are $4, split by table: found through their catalogs' indexes.
        private static readonly string ListedRows = "WITH " + string.Format(Owned, " AND c.oid = ANY($4)") + ",\n"
            + "rows(cat, owner, h) AS (\n    " + string.Join("\n    UNION ALL ", CatalogStamp.Catalogs.Select((c, i) => Rows(c, i, ownedOnly: true)).Where(r => r != null)) + "),\n"
            + Sums;

        /// <summary>The table stamps of the managed tables whose oids are $4, as <see cref="Sql"/> returns them (null arrays: none). $1–$3 as for <see cref="Sql"/>.</summary>
        public static readonly string ListedOnlySql = ListedRows + "\nSELECT " + OwnerArrays("o") + "\nFROM owners o JOIN managed m ON m.oid = o.owner";

        /// <summary>
        /// The marker, the stamp, the search_path, the count and sum of every row the stamp hashes (<c>count:sum</c>, as a
        /// table's stamp is written), and the table stamps of the managed tables whose oids are $4 alone, as <see cref="Sql"/>
        /// returns them. The catalogs are scanned once, as by the stamp; the listed tables' rows are found through their
        /// catalogs' indexes, not by splitting every row. $1–$3 as for <see cref="Sql"/>.
        /// </summary>
        public static readonly string ListedSql = ListedRows + ",\n"
            + "every_row(cat, h) AS (\n    " + string.Join("\n    UNION ALL ", CatalogStamp.Catalogs.Select((c, i) =>
                $"SELECT {i}, hashtextextended({CatalogStamp.Row(c, "r.")}, r.xmin::text::bigint) FROM pg_catalog.{c} r" + CatalogStamp.Filter(c, "$1", "r."))) + "),\n"
            + "all_sums AS (SELECT cat, count(*) AS n, sum(h) AS h FROM every_row GROUP BY cat)\n"
            + "SELECT obj_description(to_regclass($1), 'pg_class'), " + CatalogStamp.FromSums("all_sums") + ", current_setting('search_path'),\n"
            + "    (SELECT coalesce(sum(n), 0) || ':' || coalesce(sum(h), 0) FROM all_sums),\n"
            + "    " + OwnerArrays("o") + "\n"
            + "FROM owners o JOIN managed m ON m.oid = o.owner";

        /// <summary>
        /// The marker, the stamp, the search_path and the table stamps, in one statement (one snapshot), after the statement
        /// that sets search_path and serial plans for the transaction.
        /// </summary>
        public static async Task<(string? Marker, string Stamp, string SearchPath, TableStamps Tables)> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
            IReadOnlyList<string> schemas, HistoryTable history, CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, withSessionPath: true));
            var command = new NpgsqlBatchCommand(Sql);
            command.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
            command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = history.Name });
            batch.BatchCommands.Add(command);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetString(2), Of(reader, 3));
        }

        /// <summary>
        /// What <see cref="ReadAsync"/> returns when only the <paramref name="listed"/> tables can have moved since
        /// <paramref name="recorded"/> was taken, or null when anything else may have: the rows of every other table and of the
        /// rest no longer add up to what they did (a change the listed tables do not explain: the whole split is needed). A
        /// listed table that is gone or renamed is left to <see cref="ChangedSince"/> to report.
        /// </summary>
        public static async Task<(string? Marker, string Stamp, string SearchPath, TableStamps Tables)?> ReadListedAsync(NpgsqlConnection connection,
            NpgsqlTransaction transaction, IReadOnlyList<string> schemas, HistoryTable history, TableStamps recorded, IReadOnlyCollection<uint> listed,
            CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, withSessionPath: true));
            batch.BatchCommands.Add(ListedCommand(ListedSql, schemas, history, listed));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (marker, stamp, searchPath) = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetString(2));
            var fresh = reader.IsDBNull(4) ? new TableStamps(new Dictionary<uint, (string, string, string)>(), "") : Of(reader, 4);
            if (CountAndSum.Parse(reader.GetString(3)) is not { } total)
                return null;

            var unlisted = recorded.Total() - recorded.Sum(listed);
            if (total - fresh.Sum(listed) != unlisted)
                return null;
            var tables = new Dictionary<uint, (string, string, string)>(recorded._tables);
            foreach (var oid in listed)
            {
                if (fresh._tables.TryGetValue(oid, out var now))
                    tables[oid] = now;
                else
                    tables.Remove(oid);
            }

            return (marker, stamp, searchPath, new TableStamps(tables, recorded._rest));
        }

        /// <summary>Whether the <paramref name="listed"/> tables' rows are still those <paramref name="recorded"/> split (the same tables, unmoved).</summary>
        public static async Task<bool> UnmovedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> schemas, HistoryTable history,
            TableStamps recorded, IReadOnlyCollection<uint> listed, CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, withSessionPath: true));
            batch.BatchCommands.Add(ListedCommand(ListedOnlySql, schemas, history, listed));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var fresh = reader.IsDBNull(0) ? null : Of(reader, 0);
            return listed.All(oid => fresh != null && fresh._tables.TryGetValue(oid, out var now) && recorded._tables.TryGetValue(oid, out var was) && now == was);
        }

        private static NpgsqlBatchCommand ListedCommand(string sql, IReadOnlyList<string> schemas, HistoryTable history, IReadOnlyCollection<uint> listed)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
            command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = history.Name });
            command.Parameters.Add(new NpgsqlParameter { Value = listed.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid });
            return command;
        }

        /// <summary>The oids of the recorded tables with these schemas and names, or null when one is not recorded.</summary>
        public IReadOnlyCollection<uint>? OidsOf(IReadOnlyCollection<(string Schema, string Name)> tables)
        {
            var wanted = new HashSet<(string, string)>(tables);
            var oids = _tables.Where(t => wanted.Contains((t.Value.Schema, t.Value.Name))).Select(t => t.Key).ToList();
            return oids.Count == wanted.Count ? oids : null;
        }

        // Every row's count and sum: the rest's and every table's.
        private CountAndSum Total() => _tables.Values.Aggregate(Parse(_rest), (total, t) => total + Parse(t.Stamp));

        private CountAndSum Sum(IEnumerable<uint> oids) => oids.Aggregate(CountAndSum.Zero, (total, oid) => _tables.TryGetValue(oid, out var t) ? total + Parse(t.Stamp) : total);

        private static CountAndSum Parse(string stamp) => CountAndSum.Parse(stamp) ?? throw new FormatException("Not a table stamp: " + stamp);

        /// <summary>The stamps from the four arrays of <see cref="Sql"/>'s row, the first at <paramref name="ordinal"/>.</summary>
        public static TableStamps Of(NpgsqlDataReader reader, int ordinal) =>
            Of(reader.GetFieldValue<uint[]>(ordinal), reader.GetFieldValue<string?[]>(ordinal + 1), reader.GetFieldValue<string?[]>(ordinal + 2), reader.GetFieldValue<string[]>(ordinal + 3));

        private static TableStamps Of(uint[] oids, string?[] schemas, string?[] names, string[] stamps)
        {
            var tables = new Dictionary<uint, (string, string, string)>();
            var rest = "";
            for (var i = 0; i < oids.Length; i++)
            {
                if (oids[i] == 0)
                    rest = stamps[i];
                else
                    tables.Add(oids[i], (schemas[i]!, names[i]!, stamps[i]));
            }

            return new TableStamps(tables, rest);
        }

        /// <summary>One line per owner: oid, schema, name and stamp separated by tabs (schema and name empty for the rest).</summary>
        public string Write() => string.Join("\n", _tables.OrderBy(t => t.Key).Select(t => t.Key + "\t" + TabSeparated.Escape(t.Value.Schema) + "\t" + TabSeparated.Escape(t.Value.Name) + "\t" + t.Value.Stamp)
            .Prepend("0\t\t\t" + _rest));

        /// <summary>The stamps <see cref="Write"/> wrote, or null for damaged text.</summary>
        public static TableStamps? Read(string text)
        {
            var tables = new Dictionary<uint, (string, string, string)>();
            string? rest = null;
            foreach (var line in text.Split('\n'))
            {
                var fields = line.Split('\t');
                if (fields.Length != 4 || !uint.TryParse(fields[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var oid)
                    || TabSeparated.Unescape(fields[1]) is not { } schema || TabSeparated.Unescape(fields[2]) is not { } name || CountAndSum.Parse(fields[3]) == null)
                    return null;
                if (oid == 0)
                    rest = fields[3];
                else if (!tables.TryAdd(oid, (schema, name, fields[3])))
                    return null;
            }

            return rest == null ? null : new TableStamps(tables, rest);
        }

        /// <summary>
        /// The tables (schema, name) whose rows differ from <paramref name="before"/>'s, or null when anything else did: the
        /// rest, or which tables there are (one created, dropped or renamed).
        /// </summary>
        public IReadOnlyList<(string Schema, string Name)>? ChangedSince(TableStamps before)
        {
            if (_rest != before._rest || _tables.Count != before._tables.Count)
                return null;
            var changed = new List<(string, string)>();
            foreach (var (oid, now) in _tables)
            {
                if (!before._tables.TryGetValue(oid, out var was) || was.Schema != now.Schema || was.Name != now.Name)
                    return null;
                if (was.Stamp != now.Stamp)
                    changed.Add((now.Schema, now.Name));
            }

            return changed;
        }
    }
}
