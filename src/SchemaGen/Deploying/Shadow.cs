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
    /// </remarks>
    internal static class Shadow
    {
        public const string Prefix = "schemagen_shadow_";

        public static string NameFor(string schema) => Prefix + StableHash.Hex32(schema);

        public static async Task<SchemaModel> RenderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaModel desired,
            IReadOnlyList<string> schemas, HistoryTable history, CancellationToken cancellationToken)
        {
            // The history table's schema need not hold any of the model's objects (a model only in "archive").
            var toShadow = schemas.Append(history.Schema).Distinct().ToDictionary(s => s, NameFor);
            var fromShadow = toShadow.ToDictionary(p => p.Value, p => p.Key);
            var shadowModel = SchemaMapping.Rename(desired, s => toShadow.TryGetValue(s, out var mapped) ? mapped : s);
            shadowModel = shadowModel with { Schemas = schemas.Select(s => toShadow[s]).ToEquatableArray() };

            await transaction.SaveAsync("schemagen_shadow", cancellationToken);
            try
            {
                await CatalogReader.SetSearchPathAsync(connection, transaction, shadowModel.Schemas.Concat(schemas).ToList(), cancellationToken, withSessionPath: true);
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
                            serverMajor: connection.PostgreSqlVersion.Major);
                    }
                }

                var shadowHistory = history with { Schema = toShadow[history.Schema] };
                var snapshot = await CatalogReader.ReadAsync(connection, transaction, shadowModel.Schemas.ToList(), shadowHistory, cancellationToken);
                return SchemaMapping.RenameAll(snapshot.Model, s => fromShadow.TryGetValue(s, out var real) ? real : s);
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

        private static string Unshadow(string schema, Dictionary<string, string> fromShadow) => fromShadow.TryGetValue(schema, out var real) ? real : schema;

        // One part of the script may hold several statements (CREATE SCHEMA for each schema, a table and its indexes): the refused one.
        private static string StatementOf(string sql, PostgresException e) => e.BatchCommand?.CommandText ?? sql.Trim();
    }
}
