using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen
{
    /// <summary>
    /// The table that records each deployment (model hash, applied at, steps' SQL, duration, application).
    /// Its comment holds the last deployment's model hash and catalog fingerprint, so that a deploy of an
    /// unchanged model is recognised in the same round trip as the catalog read. Its name is reserved: the
    /// catalog reader leaves every table of that name out of the model.
    /// </summary>
    internal sealed record HistoryTable(string Schema)
    {
        public const string ReservedName = "schemagen_history";

        // The columns the deployer writes and reads, with their types as format_type prints them.
        private static readonly (string Name, string Type)[] Columns =
        {
            ("id", "bigint"), ("model_hash", "text"), ("fingerprint", "text"), ("applied_at", "timestamp with time zone"),
            ("steps", "text[]"), ("duration_ms", "double precision"), ("application_name", "text"),
            ("model", "text"), ("default_schema", "text"), ("rolled_back_to", "bigint"), ("target", "text"), ("server_version", "integer"),
            ("table_hashes", "text[]"), ("live", "text"), ("live_scope", "text"), ("managed_schemas", "text[]"), ("live_digests", "text"), ("live_stamps", "text"),
        };

        // Columns added after the first release: a history table without them is upgraded in place, not damaged.
        // model: the deployed model as packed ModelData (what a rollback deploys again; rows written before the packed
        // form hold its text); rolled_back_to: the row a rollback restored; target: the model as this server rendered
        // it (the shadow), packed, which Plan and Verify of the same model reuse instead of rendering again, so they
        // need no CREATE privilege and run on a hot standby; server_version: its major version; table_hashes: a hash
        // per table of the model and one of the rest (TableHashes), so that the next deployment of a changed model
        // renders in the shadow only the tables that changed and takes the others from this target (ScopedShadow);
        // live: the catalog as read after applying (packed like target; null when it is the target, the usual case),
        // and live_scope what that read depended on (RecordedLive), so the next deployment plans against it while the
        // catalog's stamp is still the marker's; managed_schemas: the schemas the deployment read and compared, which
        // the next ones keep managing while they exist (LeftSchemas); live_digests: the digests of each table's catalog
        // rows in that read (TableDigests), and live_stamps: the stamp of each table's catalog rows then (TableStamps),
        // so the next deployment re-reads only the tables whose rows its steps moved (ScopedCatalogRead).
        private static readonly string[] AddedColumns =
            { "model", "default_schema", "rolled_back_to", "target", "server_version", "table_hashes", "live", "live_scope", "managed_schemas", "live_digests", "live_stamps" };

        public string Name => ReservedName;

        public string QualifiedName => SqlSyntax.QualifiedName(Schema, Name);

        /// <summary>The advisory lock key: the same for every instance deploying into this schema.</summary>
        public long LockKey => System.Convert.ToInt64(StableHash.Sha256Hex("schemagen:" + QualifiedName).Substring(0, 15), 16);

        public string Create =>
            "CREATE TABLE IF NOT EXISTS " + QualifiedName + " (\n"
            + "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            + "    model_hash text NOT NULL,\n"
            + "    fingerprint text NOT NULL,\n"
            + "    applied_at timestamp with time zone NOT NULL DEFAULT now(),\n"
            + "    steps text[] NOT NULL,\n"
            + "    duration_ms double precision NOT NULL,\n"
            + "    application_name text NOT NULL DEFAULT current_setting('application_name'),\n"
            + Upgrade("    ", ",\n") + "\n"
            + ")";

        private static string Upgrade(string prefix, string separator) =>
            string.Join(separator, AddedColumns.Select(c => prefix + c + " " + Columns.Single(k => k.Name == c).Type));

        public string Insert =>
            "INSERT INTO " + QualifiedName + " (model_hash, fingerprint, steps, duration_ms, model, default_schema, rolled_back_to, target, table_hashes, live, live_scope, managed_schemas, live_digests, live_stamps, server_version) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, " + ServerMajorVersion + ") RETURNING id";

        /// <summary>The schemas the last recorded deployment managed that still exist, sorted (<see cref="Deploying.LeftSchemas"/>).</summary>
        public string SelectManagedSchemas =>
            "SELECT array(SELECT s FROM unnest(h.managed_schemas) s WHERE EXISTS (SELECT FROM pg_namespace WHERE nspname = s) ORDER BY 1) FROM (SELECT managed_schemas FROM "
            + QualifiedName + " ORDER BY id DESC LIMIT 1) h";

        /// <summary>
        /// Run before <see cref="Insert"/> in its transaction: the row's model data (the model, its target and the live catalog,
        /// megabytes each for a large model) is compressed with lz4 where the server was built with it. PostgreSQL's default,
        /// pglz, spends tens of milliseconds on each at about the same size. SET LOCAL, so nothing outlives the transaction.
        /// </summary>
        public const string CompressWithLz4 =
            "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)";

        private const string ServerMajorVersion = "current_setting('server_version_num')::integer / 10000";

        /// <summary>The rendered target last recorded for a model hash on a server of this major version ($1: the hash).</summary>
        public string SelectTarget =>
            "SELECT target FROM " + QualifiedName + " WHERE model_hash = $1 AND target IS NOT NULL AND server_version = " + ServerMajorVersion
            + " ORDER BY id DESC LIMIT 1";

        /// <summary>
        /// The last rendered target recorded with its table hashes on a server of this major version, whatever its model: the
        /// table hashes, the row's id, and the target, null when the row is $1 (a row whose target the caller has already read).
        /// </summary>
        public string SelectLatestTarget =>
            "SELECT table_hashes, id, CASE WHEN id = $1 THEN NULL ELSE target END FROM " + QualifiedName
            + " WHERE target IS NOT NULL AND table_hashes IS NOT NULL AND server_version = " + ServerMajorVersion + " ORDER BY id DESC LIMIT 1";

        /// <summary>The live catalog a deployment of this model hash ($1) recorded with this fingerprint ($2) and scope ($3), with its table digests and stamps,
        /// and the row's id when that catalog is the row's target: a null <c>live</c> beside a <c>live_scope</c> is the row's <c>target</c> (a deployment
        /// writes the text once when the two are equal).</summary>
        public string SelectLive =>
            "SELECT coalesce(live, target), live_digests, live_stamps, CASE WHEN live IS NULL THEN id END FROM " + QualifiedName
            + " WHERE model_hash = $1 AND fingerprint = $2 AND live_scope = $3 AND coalesce(live, target) IS NOT NULL ORDER BY id DESC LIMIT 1";

        /// <summary>One recorded deployment's model, for a rollback: hash, ModelData (null in rows written before it was kept), default schema.</summary>
        public string SelectDeployment =>
            "SELECT model_hash, model, default_schema FROM " + QualifiedName + " WHERE id = $1";

        // The marker: "schemagen <model hash> <catalog fingerprint> <catalog stamp>" (markers written before the stamp have three fields).
        public static string Marker(string modelHash, string fingerprint, string stamp) => "schemagen " + modelHash + " " + fingerprint + " " + stamp;

        public string SetMarker(string modelHash, string fingerprint, string stamp) => SetMarker(Marker(modelHash, fingerprint, stamp));

        public string SetMarker(string marker) => "COMMENT ON TABLE " + QualifiedName + " IS " + SqlSyntax.Literal(marker);

        /// <summary>Whether the marker records this model deployed to a catalog with this full fingerprint.</summary>
        public static bool Records(string? marker, string modelHash, string fingerprint) => Field(marker, modelHash, 2) == fingerprint;

        /// <summary>Whether the marker records this model deployed to a catalog with this stamp (the no-op check's first tier).</summary>
        public static bool RecordsStamp(string? marker, string modelHash, string stamp) => Field(marker, modelHash, 3) == stamp;

        /// <summary>The marker's model hash and fingerprint when it records this stamp (whatever the model), else null.</summary>
        public static (string ModelHash, string Fingerprint)? RecordedWithStamp(string? marker, string stamp)
        {
            var fields = marker?.Split(' ');
            return fields is { Length: 4 } && fields[0] == "schemagen" && fields[3] == stamp ? (fields[1], fields[2]) : null;
        }

        /// <summary>The stamp the marker records, or null (no marker, or one written before the stamp).</summary>
        public static string? StampOf(string? marker)
        {
            var fields = marker?.Split(' ');
            return fields is { Length: 4 } && fields[0] == "schemagen" ? fields[3] : null;
        }

        /// <summary>Whether the marker records a deployment of this model (whatever the catalog was then).</summary>
        public static bool RecordsModel(string? marker, string modelHash) => Field(marker, modelHash, 1) != null;

        private static string? Field(string? marker, string modelHash, int index)
        {
            var fields = marker?.Split(' ');
            return fields != null && fields.Length > index && fields[0] == "schemagen" && fields[1] == modelHash ? fields[index] : null;
        }

        /// <summary>
        /// Refuses a model that has a table named <c>schemagen_history</c> (in any schema: the catalog reader never
        /// reads one), or a type of that name in the history table's schema (the table's row type would clash).
        /// </summary>
        public void EnsureNotInModel(SchemaModel model)
        {
            var clash = model.Tables.Where(t => t.Name == ReservedName).Select(t => "table " + SqlSyntax.QualifiedName(t.Schema, t.Name))
                .Concat(model.Enums.Where(e => e.Name == ReservedName && e.Schema == Schema).Select(e => "enum type " + SqlSyntax.QualifiedName(e.Schema, e.Name)))
                .FirstOrDefault();
            if (clash != null)
                throw new SchemaDeployException(
                    $"The model has a {clash}, but the name {ReservedName} is reserved for SchemaGen's record of deployments ({QualifiedName}) in every schema. "
                    + "Give it another name, e.g. [Table(\"deployment_history\")] on the class. Nothing was changed.",
                    phase: DeployPhase.ValidatingModel);
        }

        /// <summary>
        /// Creates the history table (and its schema) when it does not exist, and checks that an existing one still has
        /// the shape the deployer writes: a table with every column. A damaged one fails with what is wrong and what to do.
        /// </summary>
        public async Task EnsureUsableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            await using var shape = new NpgsqlCommand("""
                SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1), c.relkind::text,
                       array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
                       array(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)
                FROM (SELECT 1) one LEFT JOIN pg_class c ON c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relname = $2
                """, connection, transaction);
            shape.Parameters.Add(new NpgsqlParameter { Value = Schema });
            shape.Parameters.Add(new NpgsqlParameter { Value = Name });
            bool schemaExists;
            string? kind;
            string[] columns, types;
            await using (var reader = await shape.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                schemaExists = reader.GetBoolean(0);
                kind = reader.IsDBNull(1) ? null : reader.GetString(1);
                columns = reader.IsDBNull(2) ? new string[0] : reader.GetFieldValue<string[]>(2);
                types = reader.IsDBNull(3) ? new string[0] : reader.GetFieldValue<string[]>(3);
            }

            if (kind == null)
            {
                // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists: only when it does not.
                var create = (schemaExists ? "" : DdlRenderer.CreateSchema(Schema) + "\n") + Create;
                await using var command = new NpgsqlCommand(create, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }

            var what = kind switch
            {
                "r" => null,
                "v" => "a view",
                "m" => "a materialized view",
                "p" => "a partitioned table",
                "f" => "a foreign table",
                "S" => "a sequence",
                "i" or "I" => "an index",
                _ => "not a table (relkind " + kind + ")",
            };
            var missing = Columns.Where(c => !columns.Contains(c.Name)).Select(c => c.Name).ToList();
            if (what == null && missing.Count > 0 && missing.All(AddedColumns.Contains))
            {
                // Written by an earlier SchemaGen: add the columns it did not have yet.
                await using var upgrade = new NpgsqlCommand("ALTER TABLE " + QualifiedName + Upgrade(" ADD COLUMN IF NOT EXISTS ", ","), connection, transaction);
                await upgrade.ExecuteNonQueryAsync(cancellationToken);
                missing.Clear();
            }

            var retyped = Columns.Where(c => columns.Contains(c.Name) && types[System.Array.IndexOf(columns, c.Name)] != c.Type)
                .Select(c => $"{c.Name} is {types[System.Array.IndexOf(columns, c.Name)]}, not {c.Type}").ToList();
            if (what == null && missing.Count == 0 && retyped.Count == 0)
                return;

            var problem = what != null ? "it is " + what + ", not a table"
                : string.Join("; ", new[] { missing.Count == 0 ? null : "it lacks the column(s) " + string.Join(", ", missing), retyped.Count == 0 ? null : "column " + string.Join(", ", retyped) }
                    .Where(p => p != null));
            var drop = what != null && kind is "v" or "m" ? (kind == "v" ? "DROP VIEW " : "DROP MATERIALIZED VIEW ") : "DROP TABLE ";
            throw new SchemaDeployException(
                $"The history table {QualifiedName} is damaged: {problem}. SchemaGen records every deployment there and keeps the no-op marker in its comment. "
                + $"Move it aside to keep what it holds (ALTER TABLE {QualifiedName} RENAME TO schemagen_history_damaged) or drop it ({drop}{QualifiedName};), "
                + "then deploy again: the deployer creates it anew. Nothing was changed.",
                phase: DeployPhase.RecordingHistory);
        }
    }
}
