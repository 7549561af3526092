namespace SchemaGen.Catalog
{
    /// <summary>
    /// The catalog query for the template objects besides functions and triggers (sequences no column owns, views,
    /// materialized views and their indexes, aggregates), sent in <see cref="CatalogReader"/>'s batch ($1: the managed
    /// schemas). Each row: kind, schema, name, definition as PostgreSQL renders it, the index's materialized view, the
    /// signature (an aggregate's argument types; a view's columns and types), and what a view uses (pg_depend through its
    /// rewrite rule) as three parallel arrays: schema, relation, function or type (an array type as its element; a
    /// table's row type is the relation), column (NULL for the whole).
    /// </summary>
    internal static class ObjectQueries
    {
        // The sequence options are the clauses ALTER SEQUENCE accepts, so a changed sequence is altered with them (never RESTART).
        public const string Objects = """
            SELECT 'Sequence', n.nspname::text, c.relname::text,
                   format('AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE %s %sCYCLE', format_type(s.seqtypid, NULL),
                          s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache, CASE WHEN s.seqcycle THEN '' ELSE 'NO ' END),
                   NULL::text, NULL::text, '{}'::text[], '{}'::text[], '{}'::text[]
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
            WHERE n.nspname = ANY($1) AND c.relkind = 'S'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
            UNION ALL
            SELECT CASE c.relkind WHEN 'v' THEN 'View' ELSE 'MaterializedView' END, n.nspname::text, c.relname::text,
                   coalesce('WITH (' || array_to_string(c.reloptions, ', ') || ') ', '') || 'AS ' || pg_get_viewdef(c.oid),
                   NULL::text,
                   (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                    FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                   coalesce(u.schemas, '{}'), coalesce(u.names, '{}'), coalesce(u.columns, '{}')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN LATERAL (
                SELECT array_agg(x.s ORDER BY x.s, x.r, x.a) AS schemas, array_agg(x.r ORDER BY x.s, x.r, x.a) AS names,
                       array_agg(x.a ORDER BY x.s, x.r, x.a) AS columns
                FROM (SELECT DISTINCT rn.nspname::text AS s, rc.relname::text AS r, ra.attname::text AS a
                      FROM pg_rewrite rw
                      JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> c.oid
                      JOIN pg_class rc ON rc.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                      LEFT JOIN pg_attribute ra ON ra.attrelid = d.refobjid AND ra.attnum = d.refobjsubid AND d.refobjsubid > 0
                      WHERE rw.ev_class = c.oid
                      UNION
                      SELECT pn.nspname::text, p.proname::text, NULL::text
                      FROM pg_rewrite rw
                      JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid AND d.refclassid = 'pg_proc'::regclass
                      JOIN pg_proc p ON p.oid = d.refobjid JOIN pg_namespace pn ON pn.oid = p.pronamespace
                      WHERE rw.ev_class = c.oid
                      UNION
                      SELECT tn.nspname::text, t.typname::text, NULL::text
                      FROM pg_rewrite rw
                      JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid AND d.refclassid = 'pg_type'::regclass
                      JOIN pg_type dt ON dt.oid = d.refobjid
                      JOIN pg_type t ON t.oid = CASE WHEN dt.typcategory = 'A' THEN dt.typelem ELSE dt.oid END
                      JOIN pg_namespace tn ON tn.oid = t.typnamespace
                      WHERE rw.ev_class = c.oid AND t.typrelid = 0 AND tn.nspname NOT IN ('pg_catalog', 'information_schema')) x) u ON true
            WHERE n.nspname = ANY($1) AND c.relkind IN ('v', 'm')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            UNION ALL
            SELECT 'Index', n.nspname::text, i.relname::text,
                   CASE WHEN x.indisunique THEN 'UNIQUE ' ELSE '' END || substr(pg_get_indexdef(x.indexrelid), strpos(pg_get_indexdef(x.indexrelid), ' USING ') + 1),
                   c.relname::text, NULL::text, '{}'::text[], '{}'::text[], '{}'::text[]
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND c.relkind = 'm'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            UNION ALL
            SELECT 'Aggregate', n.nspname::text, p.proname::text,
                   concat_ws(', ', 'SFUNC = ' || a.aggtransfn::regproc, 'STYPE = ' || format_type(a.aggtranstype, NULL),
                             CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,
                             CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC = ' || a.aggfinalfn::regproc END,
                             CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
                             'FINALFUNC_MODIFY = ' || a.aggfinalmodify::text,
                             CASE WHEN a.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || a.aggcombinefn::regproc END,
                             CASE WHEN a.aggserialfn <> 0 THEN 'SERIALFUNC = ' || a.aggserialfn::regproc END,
                             CASE WHEN a.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || a.aggdeserialfn::regproc END,
                             CASE WHEN a.agginitval IS NOT NULL THEN 'INITCOND = ' || quote_literal(a.agginitval) END,
                             CASE WHEN a.aggmtransfn <> 0 THEN 'MSFUNC = ' || a.aggmtransfn::regproc END,
                             CASE WHEN a.aggminvtransfn <> 0 THEN 'MINVFUNC = ' || a.aggminvtransfn::regproc END,
                             CASE WHEN a.aggmtranstype <> 0 THEN 'MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
                             CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC = ' || a.aggmfinalfn::regproc END,
                             CASE WHEN a.aggminitval IS NOT NULL THEN 'MINITCOND = ' || quote_literal(a.aggminitval) END,
                             CASE WHEN a.aggsortop <> 0 THEN 'SORTOP = ' || a.aggsortop::regoperator END,
                             'KIND = ' || a.aggkind::text, 'PARALLEL = ' || p.proparallel::text, 'RETURNS ' || pg_get_function_result(p.oid)),
                   NULL::text, pg_get_function_identity_arguments(p.oid), '{}'::text[], '{}'::text[], '{}'::text[]
            FROM pg_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = ANY($1) AND p.prokind = 'a'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY 1, 2, 3
            """;
    }
}
