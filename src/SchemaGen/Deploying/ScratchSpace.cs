using System;
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
    /// A session has one temporary schema, so every managed schema is folded into pg_temp (<see cref="Folded"/>): that is
    /// sound while no name of a relation, type or function is used in two of them, because the name then says which schema
    /// an object read back from pg_temp belongs to (<see cref="SchemaOf"/>). A model that uses a name in two schemas needs
    /// CREATE. Functions in pg_temp are never found through search_path, which is harmless here: the model's own functions
    /// are called qualified, and the qualifiers are mapped into pg_temp like every other.
    /// </remarks>
    internal sealed record ScratchSpace(bool InTemporarySchema, IReadOnlyList<string> Folded, IReadOnlyDictionary<string, string> SchemaOfName)
    {
        public static readonly ScratchSpace Schemas = new(false, new string[0], new Dictionary<string, string>());

        /// <summary>The managed schema an object of the temporary schema came from, by its name (null: not the model's).</summary>
        public string? SchemaOf(string name) =>
            SchemaOfName.TryGetValue(name, out var schema) ? schema : Folded.Count == 1 ? Folded[0] : null;

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
            var schemasOfName = Names(desired).GroupBy(n => n.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(n => n.Schema).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
            var shared = schemasOfName.Where(p => p.Value.Count > 1).Select(p => p.Key).OrderBy(n => n, StringComparer.Ordinal).ToList();
            // PostgreSQL refuses a materialized view over temporary tables (0A000), so one in the model rules pg_temp out.
            var materialized = desired.Objects.Where(o => o.Kind == TemplateObjectKind.MaterializedView).Select(o => SqlSyntax.QualifiedName(o.Schema, o.Name)).ToList();
            if (mayUseTemp && shared.Count == 0 && materialized.Count == 0)
                return new ScratchSpace(true, schemas, schemasOfName.ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal));

            var lacksCreate = $"The connecting role lacks the CREATE privilege on database {quoted}, which the scratch schemas of the shadow need: its TEMPORARY privilege "
                + "gives it one temporary schema, ";
            var why = !mayUseTemp
                ? $"The connecting role lacks both the CREATE privilege on database {quoted} (for the scratch schemas of the shadow) and the TEMPORARY "
                  + "privilege (to render the model in its temporary schema instead); grant either."
                : materialized.Count > 0
                    ? lacksCreate + $"where PostgreSQL cannot create the model's materialized views ({string.Join(", ", materialized)}) over temporary tables."
                    : lacksCreate + $"into which the model's schemas ({string.Join(", ", schemas.Select(SqlSyntax.Identifier))}) cannot be folded because they use the same names: "
                      + string.Join(", ", shared.Take(5).Select(n => $"{SqlSyntax.Identifier(n)} in {string.Join(" and ", schemasOfName[n].Select(SqlSyntax.Identifier))}")) + ".";
            throw new SchemaDeployException(why + " A model recorded in the history table before needs neither: its rendered target is read back from there.",
                sqlState: PostgresErrorCodes.InsufficientPrivilege, phase: DeployPhase.RenderingShadow);
        }

        // The schemas the model creates objects in (not the history table's, which the shadow never holds).
        private static IReadOnlyList<string> ObjectSchemas(SchemaModel desired) =>
            SchemaMapping.UsedSchemas(desired with { Schemas = EquatableArray<string>.Empty }).ToList();

        // Every name the model's objects take in a schema's namespaces — relations (tables, views, sequences, indexes, the
        // indexes of keys and identity columns), types (enums, domains, the row types of relations) and functions — as one
        // namespace: conservative, since PostgreSQL keeps functions apart from relations and types.
        private static IEnumerable<(string Schema, string Name)> Names(SchemaModel desired) =>
            desired.Tables.SelectMany(t => new[] { t.Name }
                    .Concat(t.Indexes.Select(i => i.Name))
                    .Concat(t.PrimaryKey == null ? new string[0] : new[] { t.PrimaryKey.Name })
                    .Concat(t.OtherConstraints.Select(k => k.Name))
                    .Concat(t.Columns.Where(c => c.Identity != IdentityKind.None).Select(c => c.IdentitySequence ?? SqlNaming.ImplicitName(t.Name, c.Name, "seq")))
                    .Select(name => (t.Schema, name)))
                .Concat(desired.Enums.Select(e => (e.Schema, e.Name)))
                .Concat(desired.Domains.Select(d => (d.Schema, d.Name)))
                .Concat(desired.Functions.Select(f => (f.Schema, f.Name)))
                .Concat(desired.Objects.Select(o => (o.Schema, o.Name)));
    }
}
