using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// The model as PostgreSQL itself renders it. PostgreSQL rewrites what it is given (casts in checks,
    /// <c>varchar</c> as <c>character varying</c>), so instead of re-implementing that, the model is created in
    /// scratch schemas inside a savepoint, read back with the same catalog reader as the live schema, and
    /// rolled back. Comparing catalog with catalog, an unchanged model diffs as empty.
    /// </summary>
    /// <remarks>
    /// The shadow must print every expression exactly as the live schema does, so names resolve the same way in both:
    /// <list type="bullet">
    /// <item>search_path is the scratch schemas, then the managed schemas, then the session's search_path, so an
    /// extension's type or function in <c>public</c> (citext, uuid_generate_v4()) is found as it is live, and printed
    /// unqualified in both;</item>
    /// <item>the model's own schema names in raw SQL (defaults, checks, generated columns, predicates, templates) are
    /// mapped into the scratch schemas token by token, only where they qualify one of the model's objects;</item>
    /// <item>the scratch schema names PostgreSQL prints back (an enum named <c>interval</c> is always printed qualified,
    /// because pg_catalog's <c>interval</c> comes first) are mapped back to the real names.</item>
    /// </list>
    /// A role without CREATE on the database renders the model in its session's temporary schema instead
    /// (<see cref="ScratchSpace"/>): the same steps with every managed schema folded into <c>pg_temp</c> and no CREATE
    /// SCHEMA; what PostgreSQL prints back as <c>pg_temp_N</c> or <c>pg_temp</c> goes back to the managed schema its name
    /// belongs to.
    /// </remarks>
    internal static class Shadow
    {
        public const string Prefix = "schemagen_shadow_";

        public static string NameFor(string schema) => Prefix + StableHash.Hex32(schema);

        // tablesOnly: read back only the schemas, tables, triggers and extensions (CatalogReader.ReadAsync).
        public static async Task<SchemaModel> RenderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaModel desired,
            IReadOnlyList<string> schemas, HistoryTable history, CancellationToken cancellationToken, bool tablesOnly = false)
        {
            var space = await ScratchSpace.ChooseAsync(connection, transaction, desired, cancellationToken);
            // The history table's schema need not hold any of the model's objects (a model only in "archive").
            var toShadow = space.InTemporarySchema
                ? schemas.Append(history.Schema).Distinct().ToDictionary(s => s, s => space.Folded.Contains(s) ? TemporarySchema : NameFor(s))
                : schemas.Append(history.Schema).Distinct().ToDictionary(s => s, NameFor);
            var shadowModel = SchemaMapping.Rename(desired, s => toShadow.TryGetValue(s, out var mapped) ? mapped : s);
            // pg_temp exists for every session: only scratch schemas are created.
            var created = space.InTemporarySchema ? new string[0] : schemas.Select(s => toShadow[s]).ToArray();
            shadowModel = shadowModel with { Schemas = created.ToEquatableArray() };

            await transaction.SaveAsync("schemagen_shadow", cancellationToken);
            try
            {
                var searchPath = space.InTemporarySchema ? new[] { TemporarySchema } : created;
                await CatalogReader.SetSearchPathAsync(connection, transaction, searchPath.Concat(schemas).ToList(), cancellationToken, withSessionPath: true);
                // pg_temp maps back by name (Unfold below), the scratch schemas by theirs.
                var fromShadow = toShadow.Where(p => p.Value != TemporarySchema).ToDictionary(p => p.Value, p => p.Key);
                await CreateAsync(connection, transaction, shadowModel, fromShadow, cancellationToken);

                // PostgreSQL prints the session's temporary schema as pg_temp_N in some places and pg_temp in others: both map back.
                var read = created;
                if (space.InTemporarySchema)
                {
                    var temporary = await TemporarySchemaNameAsync(connection, transaction, cancellationToken);
                    read = temporary == null ? new string[0] : new[] { temporary };
                }

                var shadowHistory = history with { Schema = read.Length == 0 ? toShadow[history.Schema] : read[0] };
                // A read of tables only reads exactly the tables created, through pg_class's index (a thousand-table database
                // holds a few in the shadow).
                var itsTables = tablesOnly && read.Length > 0
                    ? shadowModel.Tables.Select(t => (t.Schema == TemporarySchema ? read[0] : t.Schema, t.Name)).ToList()
                    : null;
                var snapshot = await CatalogReader.ReadAsync(connection, transaction, read, shadowHistory, cancellationToken, fingerprinted: false,
                    onlyTables: itsTables, tablesOnly: tablesOnly);
                // RenameAll maps only the qualifiers of schemas the model uses: pg_temp is named among them to be mapped too.
                var back = SchemaMapping.RenameAll(snapshot.Model with { Schemas = snapshot.Model.Schemas.Concat(fromShadow.Keys).Distinct().ToEquatableArray() },
                    s => fromShadow.TryGetValue(s, out var real) ? real : s);
                if (space.InTemporarySchema)
                    back = AsPrintedLive(SchemaMapping.Unfold(back, read.Append(TemporarySchema).ToList(), space.SchemaOf), space.Folded, desired)
                        with { Schemas = space.Folded.ToEquatableArray() };
                return back with { Schemas = schemas.Where(back.Schemas.Contains).ToEquatableArray() };
            }
            catch (PostgresException e)
            {
                throw SchemaDeployException.FromPostgres(DeployPhase.RenderingShadow, e, e.BatchCommand?.CommandText, "Reading the model back from the scratch schemas failed");
            }
            finally
            {
                // A broken connection (the backend killed) has no savepoint left to roll back; its error is the one to report.
                if (transaction.Connection?.FullState == System.Data.ConnectionState.Open)
                    await transaction.RollbackAsync("schemagen_shadow", cancellationToken);
            }
        }

        // Calls of the model's own functions, which PostgreSQL printed qualified because pg_temp is never searched for
        // functions, mapped back to their managed schemas: the live catalog, read with those schemas on search_path, prints them bare.
        private static SchemaModel AsPrintedLive(SchemaModel rendered, IEnumerable<string> schemas, SchemaModel desired)
        {
            foreach (var schema in schemas)
            {
                var own = new HashSet<string>(desired.Functions.Where(f => f.Schema == schema).Select(f => f.Name));
                rendered = SchemaMapping.UnqualifyCalls(rendered, schema, own.Contains);
            }

            return rendered;
        }

        /// <summary>The name PostgreSQL accepts for the session's temporary schema.</summary>
        public const string TemporarySchema = "pg_temp";

        private static async Task CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaModel shadowModel, Dictionary<string, string> fromShadow,
            CancellationToken cancellationToken)
        {
            foreach (var part in DdlRenderer.RenderObjects(shadowModel))
            {
                try
                {
                    await DdlBatch.ExecuteAsync(part.Sql, connection, transaction, cancellationToken);
                }
                catch (PostgresException e)
                {
                    var what = part.Kind == SqlObjectKind.Schemas ? "the scratch schemas" : $"{part.Kind} {Unshadow(part.Schema, fromShadow)}{(part.Name.Length == 0 ? "" : "." + part.Name)}";
                    throw SchemaDeployException.FromPostgres(DeployPhase.RenderingShadow, e, StatementOf(part.Sql, e), $"PostgreSQL refused the model's own DDL for {what}",
                        connection: connection);
                }
            }
        }

        // pg_temp_N, created with the session's first temporary object (none when the model has no objects).
        private static async Task<string?> TemporarySchemaNameAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()", connection, transaction);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }

        private static string Unshadow(string schema, Dictionary<string, string> fromShadow) => fromShadow.TryGetValue(schema, out var real) ? real : schema;

        // One part of the script may hold several statements (CREATE SCHEMA for each schema, a table and its indexes): the refused one.
        private static string StatementOf(string sql, PostgresException e) => e.BatchCommand?.CommandText ?? sql.Trim();
    }
}
