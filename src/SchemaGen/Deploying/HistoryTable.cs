using SchemaGen.Model;

namespace SchemaGen
{
    /// <summary>
    /// The table that records each deployment (model hash, applied at, steps' SQL, duration, application).
    /// Its comment holds the last deployment's model hash and catalog fingerprint, so that a deploy of an
    /// unchanged model is recognised in the same round trip as the catalog read.
    /// </summary>
    internal sealed record HistoryTable(string Schema)
    {
        public string Name => "schemagen_history";

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
            + "    application_name text NOT NULL DEFAULT current_setting('application_name')\n"
            + ")";

        public string Insert =>
            "INSERT INTO " + QualifiedName + " (model_hash, fingerprint, steps, duration_ms) VALUES ($1, $2, $3, $4) RETURNING id";

        public static string Marker(string modelHash, string fingerprint) => "schemagen " + modelHash + " " + fingerprint;

        public string SetMarker(string modelHash, string fingerprint) =>
            "COMMENT ON TABLE " + QualifiedName + " IS " + SqlSyntax.Literal(Marker(modelHash, fingerprint));
    }
}
