using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Where the shadow is rendered, chosen from the connecting role's privileges on the database: scratch schemas when it
    /// may create schemas (CREATE), else the session's own temporary schema (TEMPORARY, granted to PUBLIC by default), so a
    /// role that owns its schemas but has no CREATE on the database still deploys a new model.
    /// </summary>
    /// <remarks>
    /// A session has one temporary schema, so pg_temp stands in for one managed schema only: a model whose objects are in
    /// several schemas (equal names in two of them would collide) needs CREATE. Functions in pg_temp are never found
    /// through search_path, which is harmless here: the model's own functions are called qualified, and the qualifiers are
    /// mapped into pg_temp like every other.
    /// </remarks>
    internal sealed record ScratchSpace(bool InTemporarySchema, string? TemporaryFor)
    {
        public static readonly ScratchSpace Schemas = new(false, null);

        public static async Task<ScratchSpace> ChooseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaModel desired,
            CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(
                "SELECT current_database(), has_database_privilege(current_database(), 'CREATE'), has_database_privilege(current_database(), 'TEMPORARY'), pg_is_in_recovery()",
                connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (database, mayCreate, mayUseTemp, standby) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
            await reader.CloseAsync();

            var quoted = SqlSyntax.Identifier(database);
            if (standby)
                throw new SchemaDeployException($"The model was never deployed to database {quoted}, so it must be rendered in a scratch place, and a hot standby "
                    + "cannot create anything: run this against the primary first (a standby then reads the target the deployment recorded).", phase: DeployPhase.RenderingShadow);
            if (mayCreate)
                return Schemas;

            var schemas = ObjectSchemas(desired);
            if (mayUseTemp && schemas.Count <= 1)
                return new ScratchSpace(true, schemas.FirstOrDefault());

            var why = mayUseTemp
                ? $"The connecting role lacks the CREATE privilege on database {quoted}, which the scratch schemas of the shadow need: its TEMPORARY privilege "
                  + $"gives it one temporary schema, and this model has objects in {schemas.Count} schemas ({string.Join(", ", schemas.Select(SqlSyntax.Identifier))})."
                : $"The connecting role lacks both the CREATE privilege on database {quoted} (for the scratch schemas of the shadow) and the TEMPORARY "
                  + "privilege (to render the model in its temporary schema instead); grant either.";
            throw new SchemaDeployException(why + " A model recorded in the history table before needs neither: its rendered target is read back from there.",
                sqlState: PostgresErrorCodes.InsufficientPrivilege, phase: DeployPhase.RenderingShadow);
        }

        // The schemas the model creates objects in (not the history table's, which the shadow never holds).
        private static IReadOnlyList<string> ObjectSchemas(SchemaModel desired) =>
            SchemaMapping.UsedSchemas(desired with { Schemas = EquatableArray<string>.Empty }).ToList();
    }
}
