using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// The objects beyond tables that PostgreSQL's catalog holds for some schemas — views, materialized views (and their
/// indexes), sequences, aggregates, functions, triggers, domains and extensions — read with plain pg_catalog queries
/// (independent of the product's code) and printed by PostgreSQL itself, with search_path = pg_catalog so every user
/// name is schema-qualified. <see cref="PgCatalog"/> reads the tables; this reads the rest.
/// </summary>
public static class PgObjects
{
    /// <summary>A view (<paramref name="Kind"/> 'v') or materialized view ('m') with its definition and comment.</summary>
    public sealed record View(string Name, char Kind, string Definition, string? Comment);

    /// <summary>A sequence with its options printed as one line, and the column that owns it (null: none).</summary>
    public sealed record Sequence(string Name, string Options, string? OwnedBy);

    /// <summary>An aggregate: its signature and its pg_aggregate row printed as one line.</summary>
    public sealed record Aggregate(string Signature, string Definition);

    /// <summary>A function (not an aggregate) as pg_get_functiondef prints it.</summary>
    public sealed record Function(string Signature, string Definition);

    /// <summary>A trigger: its table, name and definition as pg_get_triggerdef prints it.</summary>
    public sealed record Trigger(string Table, string Name, string Definition);

    /// <summary>A domain: base type, NOT NULL, default, its CHECK constraints (sorted) and comment.</summary>
    public sealed record Domain(string Name, string BaseType, bool NotNull, string? Default, string[] Checks, string? Comment);

    /// <summary>An installed extension and the schema of its objects.</summary>
    public sealed record Extension(string Name, string Schema);

    /// <summary>An index on a materialized view, as pg_get_indexdef prints it.</summary>
    public sealed record ViewIndex(string View, string Name, string Definition);

    public sealed record Snapshot(List<View> Views, List<ViewIndex> ViewIndexes, List<Sequence> Sequences, List<Aggregate> Aggregates,
        List<Function> Functions, List<Trigger> Triggers, List<Domain> Domains, List<Extension> Extensions);

    // Objects that belong to an extension (pg_depend 'e') are the extension's, not the schema's.
    private const string NotOfExtension = "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = {0}::regclass AND e.objid = {1} AND e.deptype = 'e')";

    private static string NotExtensions(string catalog, string oid) => string.Format(NotOfExtension, $"'{catalog}'", oid);

    public static async Task<Snapshot> ReadAsync(NpgsqlConnection connection, params string[] schemas)
    {
        await connection.ExecuteAsync("SET search_path = pg_catalog");
        try
        {
            var views = await QueryAsync(connection, $"""
                SELECT c.oid::regclass::text, c.relkind, pg_get_viewdef(c.oid), obj_description(c.oid, 'pg_class')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY($1) AND c.relkind IN ('v', 'm') AND {NotExtensions("pg_class", "c.oid")} ORDER BY 1
                """, r => new View(r.GetString(0), r.GetChar(1), r.GetString(2), Text(r, 3)), schemas);
            var viewIndexes = await QueryAsync(connection, """
                SELECT x.indrelid::regclass::text, i.relname, pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ANY($1) AND t.relkind = 'm' ORDER BY 1, 2
                """, r => new ViewIndex(r.GetString(0), r.GetString(1), r.GetString(2)), schemas);
            var sequences = await QueryAsync(connection, $"""
                SELECT c.oid::regclass::text,
                       format('AS %s INCREMENT %s MINVALUE %s MAXVALUE %s START %s CACHE %s%s', format_type(s.seqtypid, NULL), s.seqincrement,
                              s.seqmin, s.seqmax, s.seqstart, s.seqcache, CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END),
                       (SELECT d.refobjid::regclass::text || '.' || quote_ident(a.attname) FROM pg_depend d
                        JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0)
                FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY($1) AND {NotExtensions("pg_class", "c.oid")} ORDER BY 1
                """, r => new Sequence(r.GetString(0), r.GetString(1), Text(r, 2)), schemas);
            var aggregates = await QueryAsync(connection, $"""
                SELECT p.oid::regprocedure::text,
                       format('kind %s, sfunc %s, stype %s, finalfunc %s, combinefunc %s, initcond %s, parallel %s', a.aggkind, a.aggtransfn::regproc,
                              format_type(a.aggtranstype, NULL), a.aggfinalfn::regproc, a.aggcombinefn::regproc, coalesce(a.agginitval, '(none)'), p.proparallel)
                FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ANY($1) AND {NotExtensions("pg_proc", "p.oid")} ORDER BY 1
                """, r => new Aggregate(r.GetString(0), r.GetString(1)), schemas);
            var functions = await QueryAsync(connection, $"""
                SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid)
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ANY($1) AND p.prokind IN ('f', 'p') AND {NotExtensions("pg_proc", "p.oid")} ORDER BY 1
                """, r => new Function(r.GetString(0), r.GetString(1)), schemas);
            var triggers = await QueryAsync(connection, """
                SELECT g.tgrelid::regclass::text, g.tgname, pg_get_triggerdef(g.oid)
                FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY($1) AND NOT g.tgisinternal ORDER BY 1, 2
                """, r => new Trigger(r.GetString(0), r.GetString(1), r.GetString(2)), schemas);
            var domains = await QueryAsync(connection, $"""
                SELECT t.oid::regtype::text, format_type(t.typbasetype, t.typtypmod), t.typnotnull, pg_get_expr(t.typdefaultbin, 0),
                       array(SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY 1),
                       obj_description(t.oid, 'pg_type')
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ANY($1) AND t.typtype = 'd' AND {NotExtensions("pg_type", "t.oid")} ORDER BY 1
                """, r => new Domain(r.GetString(0), r.GetString(1), r.GetBoolean(2), Text(r, 3), r.GetFieldValue<string[]>(4), Text(r, 5)), schemas);
            var extensions = await QueryAsync(connection, """
                SELECT x.extname, n.nspname FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
                WHERE x.extname <> 'plpgsql' ORDER BY 1
                """, r => new Extension(r.GetString(0), r.GetString(1)), schemas);
            return new Snapshot(views, viewIndexes, sequences, aggregates, functions, triggers, domains, extensions);
        }
        finally
        {
            await connection.ExecuteAsync("RESET search_path");
        }
    }

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, string[] schemas) =>
        PgCatalog.QueryAsync(connection, sql, read, schemas);
}
