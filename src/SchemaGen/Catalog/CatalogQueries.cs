namespace SchemaGen.Catalog
{
    /// <summary>
    /// The pg_catalog queries of <see cref="CatalogReader"/>, sent together in one batch. $1 is the managed
    /// schemas, $2 the history table's qualified name, $3 its bare name (kept out of the model).
    /// Expressions come back as PostgreSQL prints them (format_type, pg_get_expr, pg_get_constraintdef).
    /// </summary>
    internal static class CatalogQueries
    {
        // Tables an extension owns (PostGIS's spatial_ref_sys in public) are the extension's, not the schema's: every query
        // on tables leaves them out, as the queries on functions, types and views leave out extension members.
        public const string HistoryMarker = "SELECT obj_description(to_regclass($2), 'pg_class')";

        public const string Schemas = "SELECT nspname::text FROM pg_namespace WHERE nspname = ANY($1) ORDER BY 1";

        public const string Enums = """
            SELECT n.nspname::text, t.typname::text, array_agg(e.enumlabel::text ORDER BY e.enumsortorder), obj_description(t.oid, 'pg_type')
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE n.nspname = ANY($1)
            GROUP BY t.oid, n.nspname, t.typname ORDER BY 1, 2
            """;

        public const string Tables = """
            SELECT n.nspname::text, c.relname::text, (SELECT ds.description FROM pg_description ds WHERE ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            ORDER BY 1, 2
            """;

        // Enum and domain columns name their type's schema (TypeSchema) and quoted name, as the model does.
        // Collation: only where it is not the type's default. Identity options: the owned sequence's settings, as the
        // SET clauses of ALTER COLUMN that would restore them.
        public const string Columns = """
            SELECT n.nspname::text, c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod),
                   CASE WHEN t.typtype IN ('e', 'd') THEN tn.nspname::text WHEN et.typtype IN ('e', 'd') THEN etn.nspname::text END,
                   CASE WHEN t.typtype IN ('e', 'd') THEN quote_ident(t.typname) WHEN et.typtype IN ('e', 'd') THEN quote_ident(et.typname) || '[]' END,
                   a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, (SELECT ds.description FROM pg_description ds WHERE ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum),
                   CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN
                       (SELECT CASE WHEN cn.nspname = 'pg_catalog' THEN quote_ident(co.collname) ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END
                        FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END,
                   (SELECT format('SET START WITH %s SET INCREMENT BY %s SET MINVALUE %s SET MAXVALUE %s SET CACHE %s SET %sCYCLE',
                                  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, CASE WHEN s.seqcycle THEN '' ELSE 'NO ' END)
                    FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid
                    WHERE a.attidentity <> '' AND dep.classid = 'pg_class'::regclass AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'),
                   (SELECT sc.relname::text FROM pg_depend dep JOIN pg_class sc ON sc.oid = dep.objid
                    WHERE a.attidentity <> '' AND dep.classid = 'pg_class'::regclass AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i')
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
            LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY 1, 2, a.attnum
            """;

        // Not the copies PostgreSQL makes of a foreign key for each partition of the table it references, or of a partitioned
        // table's foreign key for each partition (conparentid): they go with the foreign key, and cannot be dropped alone. A
        // copied primary key, unique or check constraint is read: attaching a table as a partition makes its own key the copy.
        public const string Constraints = """
            SELECT n.nspname::text, c.relname::text, k.conname::text, k.contype::text, pg_get_constraintdef(k.oid), k.convalidated,
                   array(SELECT (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = u.n) FROM unnest(k.conkey) WITH ORDINALITY u(n, o) ORDER BY u.o),
                   rn.nspname::text, r.relname::text,
                   array(SELECT (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attnum = u.n) FROM unnest(k.confkey) WITH ORDINALITY u(n, o) ORDER BY u.o),
                   k.confdeltype::text, k.confupdtype::text, k.condeferrable, k.condeferred, k.confmatchtype::text, (SELECT ds.description FROM pg_description ds WHERE ds.objoid = k.oid AND ds.classoid = 'pg_constraint'::regclass AND ds.objsubid = 0)
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class r ON r.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
            WHERE n.nspname = ANY($1) AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e') AND k.contype IN ('p', 'u', 'c', 'f', 'x')
              AND NOT (k.contype = 'f' AND k.conparentid <> 0)
            ORDER BY 1, 2, 3
            """;

        // Not the indexes of primary keys, unique and exclusion constraints (read as constraints). Such a constraint is on its
        // index's table: naming it (conrelid) finds the constraint through pg_constraint's index, where conindid alone, which
        // has none, scans pg_constraint once per index read.
        public const string Indexes = """
            SELECT n.nspname::text, c.relname::text, i.relname::text, x.indisunique, am.amname::text,
                   array(SELECT CASE WHEN u.k = 0 THEN pg_get_indexdef(x.indexrelid, u.o::int, true) ELSE a.attname::text END
                         FROM unnest(x.indkey[0:x.indnkeyatts - 1]) WITH ORDINALITY u(k, o)
                         LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.k ORDER BY u.o),
                   array(SELECT a.attname::text FROM unnest(x.indkey[x.indnkeyatts:x.indnatts - 1]) WITH ORDINALITY u(k, o)
                         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.k ORDER BY u.o),
                   pg_get_expr(x.indpred, x.indrelid), x.indisvalid,
                   substr(def.text, strpos(def.text, ' USING ') + 1), (SELECT ds.description FROM pg_description ds WHERE ds.objoid = i.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = i.relam
            CROSS JOIN LATERAL (SELECT pg_get_indexdef(x.indexrelid)) def(text)
            WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = x.indrelid AND k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
            ORDER BY 1, 2, 3
            """;

        // Functions of the managed schemas, except those an extension owns (plpgsql_check installs its own).
        public const string Functions = """
            SELECT n.nspname::text, p.proname::text, pg_get_function_identity_arguments(p.oid), pg_get_function_result(p.oid), pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc')
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = ANY($1) AND p.prokind IN ('f', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY 1, 2, 3
            """;

        public const string Triggers = """
            SELECT n.nspname::text, c.relname::text, t.tgname::text, fn.nspname::text, f.proname::text, pg_get_triggerdef(t.oid), obj_description(t.oid, 'pg_trigger')
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_proc f ON f.oid = t.tgfoid JOIN pg_namespace fn ON fn.oid = f.pronamespace
            WHERE n.nspname = ANY($1) AND NOT t.tgisinternal AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            ORDER BY 1, 2, 3
            """;

        // Objects of kinds the model does not manage, so they are reported rather than invisible: views, materialized
        // views, foreign tables, sequences no column owns, domains, composite/range/base types, aggregates, and
        // policies and rules on the managed tables. Objects an extension owns are left out. Also the state of managed
        // objects that no other query shows and that changes what they do: an UNLOGGED table, a trigger that does not fire
        // as created, a foreign key whose triggers do not, a default on a view's column, a partitioned table, a typed table, and a
        // table that inherits from another or is a partition of one, on either side of the managed schemas (CatalogStateDiffer
        // sets them back). Ordered by every column: the rows' order is part of the catalog's fingerprint.
        public const string Unmanaged = """
            SELECT CASE c.relkind WHEN 'v' THEN 'View' WHEN 'm' THEN 'MaterializedView' WHEN 'f' THEN 'ForeignTable' ELSE 'Sequence' END,
                   n.nspname::text, c.relname::text, NULL::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND c.relkind IN ('v', 'm', 'f', 'S')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
            UNION ALL
            SELECT CASE t.typtype WHEN 'd' THEN 'Domain' ELSE 'Type' END, n.nspname::text, t.typname::text, NULL
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ANY($1) AND t.typtype IN ('d', 'c', 'r', 'b')
              AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
              AND NOT (t.typtype = 'b' AND t.typcategory = 'A')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype IN ('i', 'e'))
            UNION ALL
            SELECT 'Aggregate', n.nspname::text, p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = ANY($1) AND p.prokind IN ('a', 'w')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            UNION ALL
            SELECT 'Policy', n.nspname::text, pol.polname::text, c.relname::text
            FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            UNION ALL
            SELECT 'RowSecurity', n.nspname::text, c.relname::text, c.relname::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity) AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            UNION ALL
            SELECT 'Rule', n.nspname::text, r.rulename::text, c.relname::text
            FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND r.rulename <> '_RETURN' AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            UNION ALL
            SELECT 'UnloggedTable', n.nspname::text, c.relname::text, c.relname::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND c.relpersistence = 'u' AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            UNION ALL
            SELECT 'DisabledTrigger', n.nspname::text, t.tgname::text, c.relname::text
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND NOT t.tgisinternal AND t.tgenabled <> 'O' AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            UNION ALL
            SELECT 'UnenforcedForeignKey', n.nspname::text, k.conname::text, c.relname::text
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND k.contype = 'f' AND EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgconstraint = k.oid AND t.tgenabled <> 'O')
              AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            UNION ALL
            SELECT 'ViewColumnDefault', n.nspname::text, a.attname::text, c.relname::text
            FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
            WHERE n.nspname = ANY($1) AND c.relkind = 'v' AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            UNION ALL
            SELECT 'PartitionedTable', n.nspname::text, c.relname::text, c.relname::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND c.relkind = 'p' AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            UNION ALL
            SELECT 'TypedTable', n.nspname::text, format_type(c.reloftype, NULL), c.relname::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND c.reloftype <> 0 AND c.relname <> $3 AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid = c.oid AND member.deptype = 'e')
            UNION ALL
            SELECT CASE WHEN c.relispartition THEN 'TablePartition' ELSE 'TableInheritance' END, n.nspname::text,
                   quote_ident(pn.nspname) || '.' || quote_ident(p.relname), c.relname::text
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
            WHERE (n.nspname = ANY($1) OR pn.nspname = ANY($1)) AND c.relkind IN ('r', 'p', 'f') AND p.relkind IN ('r', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend member WHERE member.classid = 'pg_class'::regclass AND member.objid IN (c.oid, p.oid) AND member.deptype = 'e')
            ORDER BY 1, 2, 3, 4
            """;

        // Every extension of the database, whatever its schema: extensions are per database, not per schema. $1 (the managed
        // schemas, which every query of the batch is given) is only referenced so that it has a type.
        public const string Extensions = """
            SELECT e.extname::text, n.nspname::text, e.extversion::text
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE cardinality($1::text[]) >= 0
            ORDER BY 1
            """;
    }
}
