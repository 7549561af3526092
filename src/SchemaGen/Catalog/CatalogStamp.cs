using System.Linq;

namespace SchemaGen.Catalog
{
    /// <summary>
    /// The cheap first tier of the no-op check: a hash over the identity (ctid) and creating transaction (xmin) of every
    /// row of the database's catalogs that the catalog queries or PostgreSQL's rendering functions read. Any DDL, COMMENT
    /// or GRANT writes new row versions (PostgreSQL never updates these rows in place, except the statistics and frozen-xid
    /// fields of pg_class, which VACUUM and ANALYZE set and no catalog query reads), and a dropped row leaves the hash, so
    /// an unchanged stamp proves an unchanged catalog without rendering anything. A changed stamp proves nothing (another
    /// schema's DDL, a temporary table): then the full fingerprint (<see cref="CatalogFingerprint"/>) decides.
    /// </summary>
    internal static class CatalogStamp
    {
        // Every catalog of the database (not the shared ones) whose rows a catalog query reads or a pg_get_* function prints:
        // names of types, operators, collations, text search configurations, languages appear in rendered expressions.
        // Left out: pg_statistic* (ANALYZE rewrites them), large objects (data), publications and subscriptions.
        internal static readonly string[] Catalogs =
        {
            "pg_namespace", "pg_class", "pg_attribute", "pg_attrdef", "pg_type", "pg_enum", "pg_range", "pg_constraint", "pg_index",
            "pg_inherits", "pg_partitioned_table", "pg_proc", "pg_aggregate", "pg_language", "pg_trigger", "pg_rewrite", "pg_policy",
            "pg_depend", "pg_description", "pg_collation", "pg_sequence", "pg_extension", "pg_am", "pg_opclass", "pg_opfamily",
            "pg_operator", "pg_cast", "pg_conversion", "pg_ts_config", "pg_ts_dict", "pg_ts_parser", "pg_ts_template", "pg_transform",
            "pg_foreign_table", "pg_foreign_server", "pg_foreign_data_wrapper", "pg_event_trigger", "pg_default_acl", "pg_init_privs",
            "pg_seclabel",
        };

        // Rows of a catalog as (ctid, xmin), summed as 64-bit hashes so the order of a scan does not matter and no sort is needed.
        // pg_index's validity flags are hashed too: CREATE/DROP INDEX CONCURRENTLY sets them in place on some versions.
        // pg_description's row of the history table is left out: it is the marker, written after the stamp is taken.
        internal static string Row(string catalog, string alias = "") => catalog switch
        {
            "pg_index" => $"{alias}ctid::text || {alias}indisvalid::text || {alias}indisready::text || {alias}indislive::text",
            _ => $"{alias}ctid::text",
        };

        internal static string Filter(string catalog, string historyName, string alias = "") => catalog == "pg_description"
            ? $" WHERE NOT ({alias}classoid = 'pg_catalog.pg_class'::regclass AND {alias}objoid = coalesce(to_regclass({historyName}), 0) AND {alias}objsubid = 0)"
            : "";

        // Part of every stamp: raised whenever the catalog queries read something they did not, so that a marker written by
        // an earlier reader never matches and its recorded catalog (which lacks what this reader sees) is never planned
        // against; the first deployment after the upgrade reads the catalog once. 2: rules, UNLOGGED tables, trigger states;
        // 3: partitioned tables, partitions, inheritance and typed tables.
        private const string ReaderVersion = "reader 3";

        /// <summary>
        /// The same stamp from per-catalog sums computed elsewhere (<see cref="TableStamps"/>): <paramref name="sums"/> names a
        /// relation of <c>(cat, n, h)</c>, the catalog's index in <see cref="Catalogs"/>, a row count and the sum of the rows'
        /// hashes (<see cref="Row"/>, seeded with xmin), any number of rows per catalog.
        /// </summary>
        public static string FromSums(string sums) => "(SELECT md5('" + ReaderVersion + ",' || string_agg(s, ',' ORDER BY s)) FROM (\n"
            + "SELECT c.name || ':' || coalesce(sum(" + sums + ".n), 0) || ':' || coalesce(sum(" + sums + ".h), 0) AS s FROM (VALUES "
            + string.Join(", ", Catalogs.Select((c, i) => $"({i}, '{c}')")) + ") c(id, name) LEFT JOIN " + sums + " ON " + sums + ".cat = c.id GROUP BY c.name\n"
            + ") stamps)";

        /// <summary>The stamp as a scalar subquery ($2: the history table's qualified name).</summary>
        public static readonly string Sql = For("$2");

        /// <summary>The stamp as a scalar subquery, <paramref name="historyName"/> the SQL of the history table's qualified name.</summary>
        public static string For(string historyName) => "(SELECT md5('" + ReaderVersion + ",' || string_agg(s, ',' ORDER BY s)) FROM (\n"
            + string.Join("\n    UNION ALL ", Catalogs.Select(c =>
                $"SELECT '{c}:' || count(*) || ':' || coalesce(sum(hashtextextended({Row(c)}, xmin::text::bigint)), 0) FROM pg_catalog.{c}{Filter(c, historyName)}"))
            + "\n) stamps(s))";
    }
}
