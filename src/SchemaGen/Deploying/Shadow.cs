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
    internal static class Shadow
    {
        public static async Task<SchemaModel> RenderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaModel desired,
            IReadOnlyList<string> schemas, HistoryTable history, CancellationToken cancellationToken)
        {
            var toShadow = schemas.ToDictionary(s => s, s => "schemagen_shadow_" + StableHash.Hex32(s));
            var fromShadow = toShadow.ToDictionary(p => p.Value, p => p.Key);
            var shadowModel = SchemaMapping.Rename(desired, s => toShadow.TryGetValue(s, out var mapped) ? mapped : s);
            shadowModel = shadowModel with { Schemas = schemas.Select(s => toShadow[s]).ToEquatableArray() };

            await transaction.SaveAsync("schemagen_shadow", cancellationToken);
            try
            {
                await CatalogReader.SetSearchPathAsync(connection, transaction, shadowModel.Schemas.ToList(), cancellationToken);
                foreach (var part in DdlRenderer.RenderObjects(shadowModel))
                {
                    await using var command = new NpgsqlCommand(part.Sql, connection, transaction);
                    try
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                    catch (PostgresException e)
                    {
                        throw new SchemaDeployException($"PostgreSQL refused the model's own DDL ({part.Kind} {part.Name}): {e.MessageText} (SQLSTATE {e.SqlState}). Nothing was changed.",
                            part.Sql, e.SqlState, e.Position == 0 ? null : e.Position, inner: e);
                    }
                }

                var shadowHistory = history with { Schema = toShadow[history.Schema] };
                var snapshot = await CatalogReader.ReadAsync(connection, transaction, shadowModel.Schemas.ToList(), shadowHistory, cancellationToken);
                return SchemaMapping.Rename(snapshot.Model, s => fromShadow.TryGetValue(s, out var real) ? real : s);
            }
            finally
            {
                // A broken connection (the session was killed) has no savepoint to go back to; its error is the one to report.
                if (connection.State == System.Data.ConnectionState.Open)
                    await transaction.RollbackAsync("schemagen_shadow", cancellationToken);
            }
        }
    }
}
