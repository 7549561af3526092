using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Catalog
{
    /// <summary>What the database has: the managed schemas as a <see cref="SchemaModel"/>, and the last deployment's marker.</summary>
    /// <param name="Model">The schemas, enums and tables, in the same shape the generator produces.</param>
    /// <param name="HistoryMarker">The history table's comment: the model hash and catalog fingerprint of the last deployment.</param>
    /// <param name="Fingerprint">The server's hash of everything read (<see cref="CatalogFingerprint"/>): what the marker records.</param>
    /// <param name="Stamp">The catalogs' row versions when the read began (<see cref="CatalogStamp"/>): the marker records it too.</param>
    /// <param name="SearchPath">The search_path the expressions were printed relative to.</param>
    internal sealed record CatalogSnapshot(SchemaModel Model, string? HistoryMarker, string Fingerprint, string Stamp, string SearchPath)
    {
        /// <summary>The digest of each query (<see cref="CatalogReader.Queries"/> order) when read; what the fingerprint combines.</summary>
        public IReadOnlyList<string>? QueryDigests { get; init; }

        /// <summary>The per-table queries' digests of each table (<see cref="TableDigests"/>), when read or recorded with them.</summary>
        public TableDigests? TableDigests { get; init; }

        /// <summary>The catalog's rows split by table (<see cref="Catalog.TableStamps"/>), taken with <see cref="Stamp"/> when asked for, or recorded with it.</summary>
        public TableStamps? TableStamps { get; init; }

        /// <summary>
        /// Taken from the last deployment's record on the marker's word, without the stamp that proves no catalog row has moved
        /// since (<see cref="Deploying.RecordedLive"/>): a deployment that plans on it proves it after planning, for the tables its
        /// steps act on, and after applying, for every other row by their sum, or plans again on a checked catalog.
        /// </summary>
        public bool Unconfirmed { get; init; }

        /// <summary>The history row whose target this catalog is, when it is a recorded one that row wrote once as both (<see cref="Deploying.RecordedLive"/>).</summary>
        public Deploying.StoredTarget.RecordedTarget? RecordedAsTarget { get; init; }
    }

    /// <summary>
    /// Reads the managed schemas from pg_catalog in one round trip (an NpgsqlBatch) into the model records.
    /// Types, defaults, checks and predicates are PostgreSQL's own rendering, so two catalogs compare equal
    /// exactly when PostgreSQL would print them the same.
    /// </summary>
    internal static class CatalogReader
    {
        /// <summary>The queries of the model, read in this order (the history marker comes first); the fingerprint covers them all.</summary>
        public static readonly string[] Queries =
        {
            CatalogQueries.Schemas, CatalogQueries.Enums, CatalogQueries.Tables, CatalogQueries.Columns, CatalogQueries.Constraints, CatalogQueries.Indexes,
            CatalogQueries.Functions, CatalogQueries.Triggers, CatalogQueries.Unmanaged, ObjectQueries.Objects, CatalogQueries.Extensions,
            DomainQueries.Domains,
        };

        // What a read of tablesOnly runs: the schemas, the tables with their columns, constraints and indexes, their triggers,
        // and the extensions (a scoped shadow takes nothing else from its read: ScopedShadow). Every query costs about a scan of
        // its catalogs, whatever the schemas hold.
        private static readonly string[] TableQueries =
        {
            CatalogQueries.Schemas, CatalogQueries.Tables, CatalogQueries.Columns, CatalogQueries.Constraints, CatalogQueries.Indexes,
            CatalogQueries.Triggers, CatalogQueries.Extensions,
        };

        /// <summary>
        /// Reads the schemas, with the marker, the stamp and the fingerprint when <paramref name="fingerprinted"/> (a shadow's
        /// read needs neither: nothing records it). With <paramref name="tablesOnly"/>, the enums, functions, domains, views and
        /// other objects are not read (their lists are empty). With <paramref name="onlyTables"/>, only those tables' columns,
        /// constraints and indexes are read (every table is listed: a scoped re-read merges them into the recorded ones); with
        /// both, only those tables at all (a scoped shadow's read of the tables it created).
        /// </summary>
        /// <remarks>
        /// The stamp is taken in the batch's first statement and each query's rows and digest in a statement of its own
        /// (READ COMMITTED: a snapshot each). A later stamp equal to this one proves the catalog unchanged since the first
        /// statement, so the rows read after it are the catalog's as that stamp saw it; DDL committed between the two moves
        /// every later stamp, and then the fingerprint, computed over exactly the rows read, decides.
        /// </remarks>
        public static async Task<CatalogSnapshot> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<string> schemas,
            HistoryTable history, CancellationToken cancellationToken, bool fingerprinted = true, IReadOnlyCollection<(string Schema, string Name)>? onlyTables = null,
            bool withTableStamps = false, bool tablesOnly = false)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            // Expressions are printed relative to search_path: the managed schemas, then the session's, for the live and the shadow alike.
            batch.BatchCommands.Add(SearchPathCommand(schemas, withSessionPath: true));
            // A read of some tables only is part of a ScopedCatalogRead, which took the stamp with its table stamps.
            var marker = new NpgsqlBatchCommand(withTableStamps ? TableStamps.Sql : fingerprinted && onlyTables == null ? CatalogFingerprint.MarkerAndStampSql : CatalogFingerprint.MarkerSql);
            marker.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
            if (withTableStamps)
            {
                marker.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
                marker.Parameters.Add(new NpgsqlParameter { Value = history.Name });
            }

            batch.BatchCommands.Add(marker);
            foreach (var sql in Queries)
            {
                if (tablesOnly && !TableQueries.Contains(sql))
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT WHERE false")); // no rows: the query's list stays empty
                    continue;
                }

                var perTable = CatalogFingerprint.PerTable.Contains(sql);
                var only = onlyTables != null && (perTable || (tablesOnly && (sql == CatalogQueries.Tables || sql == CatalogQueries.Triggers)));
                var query = only ? OnlyTables(sql) : sql;
                var command = new NpgsqlBatchCommand(fingerprinted ? CatalogFingerprint.WithDigest(query, perTable) : query);
                command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
                if (sql.Contains("$3") || sql.Contains("$2"))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
                    command.Parameters.Add(new NpgsqlParameter { Value = history.Name });
                }

                if (only)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = onlyTables!.Select(t => t.Schema).ToArray() });
                    command.Parameters.Add(new NpgsqlParameter { Value = onlyTables!.Select(t => t.Name).ToArray() });
                }

                batch.BatchCommands.Add(command);
            }

            var digests = fingerprinted ? new List<string>() : null;
            var tableDigests = fingerprinted ? new TableDigests() : null;
            Action<NpgsqlDataReader>? TableDigest(string query) => tableDigests == null ? null : r =>
                tableDigests.Add(Array.IndexOf(Queries, query), r.GetString(0), r.GetString(1), r.GetString(r.FieldCount - 1));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var (historyMarker, stamp, searchPath, tableStamps) = (await ReadAll(reader, r => (r.IsDBNull(0) ? null : r.GetString(0), r.GetString(1), r.GetString(2),
                withTableStamps ? TableStamps.Of(r, 3) : null), null, cancellationToken)).Single();
            await reader.NextResultAsync(cancellationToken);
            var existing = await ReadAll(reader, r => r.GetString(0), digests, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var enums = await ReadAll(reader, r => new EnumModel(r.GetString(0), r.GetString(1), r.GetFieldValue<string[]>(2).ToEquatableArray(),
                EquatableArray<RenamedLabel>.Empty, NullableString(r, 3)), digests, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var tables = await ReadAll(reader, r => (Schema: r.GetString(0), Name: r.GetString(1), Comment: NullableString(r, 2)), digests, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var columns = await ReadAll(reader, ReadColumn, digests, cancellationToken, TableDigest(CatalogQueries.Columns));
            await reader.NextResultAsync(cancellationToken);
            var constraints = await ReadAll(reader, ReadConstraint, digests, cancellationToken, TableDigest(CatalogQueries.Constraints));
            await reader.NextResultAsync(cancellationToken);
            var indexes = await ReadAll(reader, ReadIndex, digests, cancellationToken, TableDigest(CatalogQueries.Indexes));
            await reader.NextResultAsync(cancellationToken);
            var functions = await ReadAll(reader, ReadFunction, digests, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var triggers = await ReadAll(reader, ReadTrigger, digests, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var unmanaged = await ReadAll(reader, r => new CatalogObject((CatalogObjectKind)Enum.Parse(typeof(CatalogObjectKind), r.GetString(0)),
                r.GetString(1), r.GetString(2), NullableString(r, 3)), digests, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var objects = await ReadAll(reader, ReadObject, digests, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var extensions = await ReadAll(reader, r => new ExtensionModel(r.GetString(0), r.GetString(1), r.GetString(2)), digests, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var domains = await ReadAll(reader, ReadDomain, digests, cancellationToken);
            // A per-table query's last column is its rows' table's digest; the query's is their sum.
            if (digests != null)
                foreach (var query in CatalogFingerprint.PerTable)
                    digests[Array.IndexOf(Queries, query)] = tableDigests!.Combined(Array.IndexOf(Queries, query));
            var fingerprint = digests == null || onlyTables != null ? "" : CatalogFingerprint.Combine(digests);

            var model = new SchemaModel(
                existing.ToEquatableArray(),
                enums.ToEquatableArray(),
                BuildTables(tables, columns, constraints, indexes).ToEquatableArray(),
                functions.ToEquatableArray(),
                triggers.ToEquatableArray(),
                unmanaged.ToEquatableArray(),
                objects.ToEquatableArray()) { Extensions = extensions.ToEquatableArray(), Domains = domains.ToEquatableArray() };
            return new CatalogSnapshot(model, historyMarker, fingerprint, stamp, searchPath) { QueryDigests = digests, TableDigests = tableDigests, TableStamps = tableStamps };
        }

        // A query on tables restricted to some of them ($4: their schemas, $5: their names). The names select the tables through
        // pg_class's index on relname, so the query costs what those tables' rows do: filtered by schema alone, every query
        // scans pg_class (and joins every row of the catalog it reads), however few tables it returns.
        private static string OnlyTables(string query)
        {
            const string where = "WHERE n.nspname = ANY($1)";
            var at = query.IndexOf(where, StringComparison.Ordinal);
            if (at < 0 || query.IndexOf(where, at + 1, StringComparison.Ordinal) >= 0)
                throw new InvalidOperationException("A catalog query on tables must filter its tables' schemas once: " + query);
            return query.Insert(at + where.Length,
                " AND c.relname = ANY($5::name[]) AND (n.nspname::text, c.relname::text) IN (SELECT * FROM unnest($4::text[], $5::text[]))");
        }

        /// <summary>
        /// Sets search_path to the given schemas for the rest of the transaction; <paramref name="withSessionPath"/> appends
        /// the schemas of the session's search_path (as <c>current_schemas(false)</c> resolves it, <c>$user</c> included),
        /// so that names the application resolves through search_path (an extension's types and functions in
        /// <c>public</c>) resolve the same way in the deployer's statements, the live catalog and the shadow.
        /// </summary>
        public static async Task SetSearchPathAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> schemas, CancellationToken cancellationToken,
            bool withSessionPath = false)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(SearchPathCommand(schemas, withSessionPath));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>
        /// No JIT and no parallel workers for the rest of the transaction, as a select list. The catalog queries' plans cost
        /// enough to cross jit_above_cost, and compiling them took the server longer than running them (about 1 s of a
        /// 200-table read with its fingerprint); and enough to be given parallel workers, each a new process that opens every
        /// catalog it scans for the first time: the stamp's 40 small scans took 75 ms in a warm backend with two workers and
        /// 11 ms without (docs/benchmarks.md).
        /// </summary>
        internal const string SerialPlans = "set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)";

        // The given schemas first, in order; then, with the session's path, every schema of current_schemas(false) not
        // already named. Setting it twice in a transaction gives the same path (the tail is what the session had).
        internal static NpgsqlBatchCommand SearchPathCommand(IReadOnlyList<string> schemas, bool withSessionPath)
        {
            if (!withSessionPath)
            {
                var fixedPath = new NpgsqlBatchCommand("SELECT set_config('search_path', $1, true)");
                fixedPath.Parameters.Add(new NpgsqlParameter { Value = SearchPath(schemas) });
                return fixedPath;
            }

            var command = new NpgsqlBatchCommand("SELECT " + SerialPlans + """
                , set_config('search_path', coalesce(nullif(concat_ws(', ', nullif($1, ''), nullif(array_to_string(array(
                    SELECT quote_ident(s) FROM unnest(current_schemas(false)) WITH ORDINALITY c(s, o) WHERE s <> ALL($2) ORDER BY o), ', '), '')), ''), 'pg_catalog'), true)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = schemas.Count == 0 ? "" : SqlSyntax.IdentifierList(schemas) });
            command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
            return command;
        }

        private static string SearchPath(IReadOnlyList<string> schemas) => schemas.Count == 0 ? "pg_catalog" : SqlSyntax.IdentifierList(schemas);

        // Rows are grouped by table once, so reading a catalog stays linear in its size.
        private static IEnumerable<TableModel> BuildTables(List<(string Schema, string Name, string? Comment)> tables, List<(string, string, ColumnModel)> columns,
            List<(string Schema, string Table, object Constraint)> constraints, List<(string, string, IndexModel)> indexes)
        {
            var columnsOf = columns.ToLookup(c => (c.Item1, c.Item2), c => c.Item3);
            var constraintsOf = constraints.ToLookup(c => (c.Schema, c.Table));
            var indexesOf = indexes.ToLookup(i => (i.Item1, i.Item2), i => i.Item3);
            foreach (var (schema, name, comment) in tables)
            {
                var own = constraintsOf[(schema, name)].ToList();
                yield return new TableModel(
                    schema,
                    name,
                    columnsOf[(schema, name)].ToEquatableArray(),
                    own.Select(c => c.Constraint).OfType<PrimaryKeyModel>().FirstOrDefault(),
                    own.Select(c => c.Constraint).OfType<CheckModel>().ToEquatableArray(),
                    own.Select(c => c.Constraint).OfType<ForeignKeyModel>().ToEquatableArray(),
                    indexesOf[(schema, name)].ToEquatableArray(),
                    comment,
                    null,
                    own.Select(c => c.Constraint).OfType<ConstraintModel>().ToEquatableArray());
            }
        }

        private static (string, string, ColumnModel) ReadColumn(NpgsqlDataReader r)
        {
            var enumSchema = NullableString(r, 4);
            var expression = NullableString(r, 7);
            var generated = r.GetString(9) == "s";
            var identity = r.GetString(8) switch { "d" => IdentityKind.ByDefault, "a" => IdentityKind.Always, _ => IdentityKind.None };
            var column = new ColumnModel(
                r.GetString(2),
                enumSchema != null ? r.GetString(5) : r.GetString(3),
                !r.GetBoolean(6),
                generated ? null : expression,
                identity,
                generated ? expression : null,
                NullableString(r, 10),
                null,
                enumSchema,
                NullableString(r, 11),
                NullableString(r, 12),
                NullableString(r, 13));
            return (r.GetString(0), r.GetString(1), column);
        }

        // Each constraint as the model record its kind is: a primary key, a CHECK, a foreign key, or one the model lacks.
        private static (string, string, object) ReadConstraint(NpgsqlDataReader r)
        {
            var type = r.GetString(3);
            var name = r.GetString(2);
            var columns = r.GetFieldValue<string[]>(6).ToEquatableArray();
            var comment = NullableString(r, 15);
            object constraint = type switch
            {
                "p" => new PrimaryKeyModel(name, columns, comment, r.GetString(4)),
                // An unvalidated CHECK (NOT VALID) is not the CHECK the model asks for: it differs, and is re-validated.
                "c" => new CheckModel(name, CheckExpression(r.GetString(4)) + (r.GetBoolean(5) ? "" : " NOT VALID"), comment),
                "f" when ForeignKeyDefinition.SetsSomeColumnsOnDelete(r.GetString(4)) => new ConstraintModel(name, r.GetString(4), comment),
                "f" => new ForeignKeyModel(name, columns, r.GetString(7), r.GetString(8), r.GetFieldValue<string[]>(9).ToEquatableArray(),
                    Action(r.GetString(10)), Action(r.GetString(11)), r.GetBoolean(12), r.GetBoolean(13), r.GetString(14) == "f", r.GetBoolean(5), comment),
                _ => new ConstraintModel(name, r.GetString(4), comment),
            };
            return (r.GetString(0), r.GetString(1), constraint);
        }

        private static (string, string, IndexModel) ReadIndex(NpgsqlDataReader r) =>
            (r.GetString(0), r.GetString(1), new IndexModel(r.GetString(2), r.GetFieldValue<string[]>(5).ToEquatableArray(), r.GetBoolean(3),
                r.GetString(4), NullableString(r, 7), r.GetFieldValue<string[]>(6).ToEquatableArray(), r.GetBoolean(8), r.GetString(9), NullableString(r, 10)));

        // pg_get_functiondef prints "CREATE OR REPLACE FUNCTION schema.name(…)\n RETURNS …"; the model holds what follows the name.
        private static FunctionModel ReadFunction(NpgsqlDataReader r)
        {
            var definition = r.GetString(4);
            // The session's temporary schema (where a role without CREATE on the database renders the shadow) is printed as pg_temp.
            var schema = r.GetString(0).StartsWith("pg_temp_", StringComparison.Ordinal) ? "pg_temp" : r.GetString(0);
            var prefix = "CREATE OR REPLACE FUNCTION " + SqlSyntax.QualifiedName(schema, r.GetString(1));
            var tail = definition.StartsWith(prefix, StringComparison.Ordinal) ? definition.Substring(prefix.Length) : definition;
            return new FunctionModel(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), tail.TrimEnd(),
                EquatableArray<FunctionParameter>.Empty, EquatableArray<FunctionParameter>.Empty, NullableString(r, 5));
        }

        // pg_get_triggerdef prints "CREATE TRIGGER name BEFORE …"; the model holds what follows the name.
        private static TriggerModel ReadTrigger(NpgsqlDataReader r)
        {
            var definition = r.GetString(5);
            var prefix = "CREATE TRIGGER " + SqlSyntax.Identifier(r.GetString(2)) + " ";
            var tail = definition.StartsWith(prefix, StringComparison.Ordinal) ? definition.Substring(prefix.Length) : definition;
            return new TriggerModel(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), tail, NullableString(r, 6));
        }

        private static DomainModel ReadDomain(NpgsqlDataReader r)
        {
            var names = r.GetFieldValue<string[]>(6);
            var definitions = r.GetFieldValue<string[]>(7);
            var validated = r.GetFieldValue<bool[]>(8);
            return new DomainModel(r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), NullableString(r, 4),
                names.Select((name, i) => new DomainCheck(name, CheckExpression(definitions[i]), validated[i])).ToEquatableArray(), NullableString(r, 5));
        }

        // pg_get_constraintdef prints "CHECK ((a > 0))" (and " NOT VALID"); the model holds what is inside CHECK (…).
        private static string CheckExpression(string definition)
        {
            var text = definition.EndsWith(" NOT VALID", StringComparison.Ordinal) ? definition.Substring(0, definition.Length - " NOT VALID".Length) : definition;
            return text.StartsWith("CHECK (", StringComparison.Ordinal) && text.EndsWith(")", StringComparison.Ordinal)
                ? text.Substring("CHECK (".Length, text.Length - "CHECK (".Length - 1)
                : text;
        }

        private static ReferentialAction Action(string code) => code switch
        {
            "r" => ReferentialAction.Restrict,
            "c" => ReferentialAction.Cascade,
            "n" => ReferentialAction.SetNull,
            "d" => ReferentialAction.SetDefault,
            _ => ReferentialAction.NoAction,
        };

        private static TemplateObjectModel ReadObject(NpgsqlDataReader r)
        {
            var schemas = r.GetFieldValue<string[]>(6);
            var names = r.GetFieldValue<string[]>(7);
            var columns = r.GetFieldValue<string?[]>(8);
            return new TemplateObjectModel((TemplateObjectKind)Enum.Parse(typeof(TemplateObjectKind), r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3),
                NullableString(r, 4), NullableString(r, 5), schemas.Select((s, i) => new ObjectDependency(s, names[i], columns[i])).ToEquatableArray());
        }

        private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        // The rows of one query; with digests, the query's digest too: the last column of every row (WithDigest), or that of no rows.
        private static async Task<List<T>> ReadAll<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, List<string>? digests, CancellationToken cancellationToken,
            Action<NpgsqlDataReader>? tableDigest = null)
        {
            var rows = new List<T>();
            string? digest = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
                tableDigest?.Invoke(reader);
                digest ??= digests == null ? null : reader.GetString(reader.FieldCount - 1);
            }

            digests?.Add(digest ?? CatalogFingerprint.EmptyDigest);
            return rows;
        }
    }
}
