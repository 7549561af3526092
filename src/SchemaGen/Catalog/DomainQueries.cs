namespace SchemaGen.Catalog
{
    /// <summary>The catalog query for domains, beside <see cref="CatalogQueries"/> and sent in the same batch (same parameters).</summary>
    internal static class DomainQueries
    {
        // Domains of the managed schemas (not an extension's): the base type as format_type prints it, NOT NULL, the default
        // as pg_get_expr prints it now (typdefault keeps the text of creation time), the comment, and the CHECK constraints
        // by name with pg_get_constraintdef and whether each is validated. A domain's NOT NULL is typnotnull on PostgreSQL 15
        // and 16 (a 'n' constraint as well from 17 on), so only CHECK constraints are read as constraints.
        public const string Domains = """
            SELECT n.nspname::text, t.typname::text, format_type(t.typbasetype, t.typtypmod), t.typnotnull, pg_get_expr(t.typdefaultbin, 0),
                   obj_description(t.oid, 'pg_type'),
                   array(SELECT k.conname::text FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY 1),
                   array(SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname),
                   array(SELECT k.convalidated FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ANY($1) AND t.typtype = 'd'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
            ORDER BY 1, 2
            """;
    }
}
