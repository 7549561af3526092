namespace SchemaGen.Catalog
{
    /// <summary>
    /// The pg_catalog queries of <see cref="CatalogReader"/>, sent together in one batch. $1 is the managed
    /// schemas, $2 the history table's qualified name, $3 its bare name (kept out of the model).
    /// Expressions come back as PostgreSQL prints them (format_type, pg_get_expr, pg_get_constraintdef).
    /// </summary>
    internal static class CatalogQueries
    {
        public const string HistoryMarker = "SELECT obj_description(to_regclass($2), 'pg_class')";

        public const string Schemas = "SELECT nspname::text FROM pg_namespace WHERE nspname = ANY($1) ORDER BY 1";

        public const string Enums = """
            SELECT n.nspname::text, t.typname::text, array_agg(e.enumlabel::text ORDER BY e.enumsortorder), obj_description(t.oid, 'pg_type')
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE n.nspname = ANY($1)
            GROUP BY t.oid, n.nspname, t.typname ORDER BY 1, 2
            """;

        public const string Tables = """
            SELECT n.nspname::text, c.relname::text, obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $3
            ORDER BY 1, 2
            """;

        public const string Columns = """
            SELECT n.nspname::text, c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod),
                   CASE WHEN t.typtype = 'e' THEN tn.nspname::text WHEN et.typtype = 'e' THEN etn.nspname::text END,
                   CASE WHEN t.typtype = 'e' THEN quote_ident(t.typname) WHEN et.typtype = 'e' THEN quote_ident(et.typname) || '[]' END,
                   a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, col_description(c.oid, a.attnum)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
            LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $3 AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY 1, 2, a.attnum
            """;

        public const string Constraints = """
            SELECT n.nspname::text, c.relname::text, k.conname::text, k.contype::text, pg_get_constraintdef(k.oid), k.convalidated,
                   array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o),
                   rn.nspname::text, r.relname::text,
                   array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o),
                   k.confdeltype::text, k.confupdtype::text
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class r ON r.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
            WHERE n.nspname = ANY($1) AND c.relname <> $3 AND k.contype IN ('p', 'c', 'f')
            ORDER BY 1, 2, 3
            """;

        public const string Indexes = """
            SELECT n.nspname::text, c.relname::text, i.relname::text, x.indisunique, am.amname::text,
                   array(SELECT CASE WHEN u.k = 0 THEN pg_get_indexdef(x.indexrelid, u.o::int, true) ELSE a.attname::text END
                         FROM unnest(x.indkey[0:x.indnkeyatts - 1]) WITH ORDINALITY u(k, o)
                         LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.k ORDER BY u.o),
                   array(SELECT a.attname::text FROM unnest(x.indkey[x.indnkeyatts:x.indnatts - 1]) WITH ORDINALITY u(k, o)
                         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.k ORDER BY u.o),
                   pg_get_expr(x.indpred, x.indrelid), x.indisvalid
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = i.relam
            WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND c.relname <> $3
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
            ORDER BY 1, 2, 3
            """;
    
        // Functions of the managed schemas, except those an extension owns (plpgsql_check installs its own).
        public const string Functions = """
            SELECT n.nspname::text, p.proname::text, pg_get_function_identity_arguments(p.oid), pg_get_function_result(p.oid), pg_get_functiondef(p.oid)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = ANY($1) AND p.prokind IN ('f', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY 1, 2, 3
            """;

        public const string Triggers = """
            SELECT n.nspname::text, c.relname::text, t.tgname::text, fn.nspname::text, f.proname::text, pg_get_triggerdef(t.oid)
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_proc f ON f.oid = t.tgfoid JOIN pg_namespace fn ON fn.oid = f.pronamespace
            WHERE n.nspname = ANY($1) AND NOT t.tgisinternal AND c.relname <> $3
            ORDER BY 1, 2, 3
            """;
    }
}
