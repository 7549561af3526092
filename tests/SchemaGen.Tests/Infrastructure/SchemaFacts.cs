using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// A database's schemas as facts, one line each, grouped by class, read by <see cref="PgCatalog"/> and
/// <see cref="PgObjects"/> (PostgreSQL's own rendering, independent of the product). Facts leave out the names
/// a schema's author rarely chooses: a constraint is its table and definition, an index its definition with the
/// index name blanked, so two databases built by different tools compare on what they do. Every other name
/// (tables, columns, views, sequences, functions, domains, extensions) is part of its fact.
/// </summary>
public static class SchemaFacts
{
    /// <summary>The deployer's own table (and its key's sequence), which only the deployed side has.</summary>
    private static bool IsHistory(string name) => name.EndsWith(".schemagen_history", StringComparison.Ordinal) || name.Contains(".schemagen_history.", StringComparison.Ordinal);

    public static async Task<SortedDictionary<string, List<string>>> ReadAsync(NpgsqlConnection connection, params string[] schemas)
    {
        var catalog = await PgCatalog.ReadAsync(connection, schemas);
        var objects = await PgObjects.ReadAsync(connection, schemas);
        var facts = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string kind, IEnumerable<string> lines) => facts[kind] = lines.Order(StringComparer.Ordinal).ToList();

        Add("schemas", await SchemasAsync(connection, schemas));
        Add("extensions", objects.Extensions.Select(x => $"{x.Name} in {x.Schema}"));
        Add("domains", objects.Domains.Select(d => $"{d.Name} AS {d.BaseType}{(d.NotNull ? " NOT NULL" : "")}{(d.Default == null ? "" : " DEFAULT " + d.Default)}"
            + string.Concat(d.Checks.Select(c => " " + c)) + Comment(d.Comment)));
        Add("enums", catalog.Enums.Select(e => $"{e.Name} ({string.Join(", ", e.Labels)}){Comment(e.Comment)}"));
        Add("tables", catalog.Tables.Where(t => !IsHistory(t.Name)).Select(t => t.Name + Comment(t.Comment)));
        Add("columns", catalog.Columns.Where(c => !IsHistory(c.Table)).Select(c => $"{c.Table}.{c.Name} {c.Type}{(c.NotNull ? " NOT NULL" : "")}"
            + (c.Default == null ? "" : " DEFAULT " + c.Default) + (c.Identity == "" ? "" : " IDENTITY " + c.Identity)
            + (c.Generated == "" ? "" : " GENERATED " + c.Generated)));
        Add("column comments", catalog.Columns.Where(c => !IsHistory(c.Table) && c.Comment != null).Select(c => $"{c.Table}.{c.Name}{Comment(c.Comment)}"));
        Add("constraints", catalog.Constraints.Where(c => !IsHistory(c.Table)).Select(c => $"{c.Table} {c.Definition}"));
        // Indexes of tables that no constraint owns; a materialized view's indexes are a class of their own.
        Add("indexes", catalog.Indexes.Where(i => !IsHistory(i.Table) && !catalog.Constraints.Any(c => c.Table == i.Table && c.Name == i.Name)
                && !objects.Views.Any(v => v.Name == i.Table))
            .Select(i => Unnamed(i.Definition)));
        Add("views", objects.Views.Where(v => v.Kind == 'v').Select(v => $"{v.Name} AS {Flat(v.Definition)}{Comment(v.Comment)}"));
        Add("materialized views", objects.Views.Where(v => v.Kind == 'm').Select(v => $"{v.Name} AS {Flat(v.Definition)}{Comment(v.Comment)}"));
        Add("materialized view indexes", objects.ViewIndexes.Select(i => Unnamed(i.Definition)));
        Add("sequences", objects.Sequences.Where(s => !IsHistory(s.OwnedBy ?? "")).Select(s => $"{s.Name} {s.Options}{(s.OwnedBy == null ? "" : " OWNED BY " + s.OwnedBy)}"));
        Add("functions", objects.Functions.Select(f => Flat(f.Definition)));
        Add("aggregates", objects.Aggregates.Select(a => $"{a.Signature} {a.Definition}"));
        Add("triggers", objects.Triggers.Where(t => !IsHistory(t.Table)).Select(t => t.Definition));
        Add("clustered indexes", await ClusteredAsync(connection, schemas));
        return facts;
    }

    /// <summary>
    /// The facts of one class that only one side has: "- expected" lines and "+ actual" lines (a fact both have
    /// as often on each side is no difference).
    /// </summary>
    public static (List<string> Missing, List<string> Extra) Difference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var extra = actual.ToList();
        var missing = new List<string>();
        foreach (var fact in expected)
        {
            if (!extra.Remove(fact))
                missing.Add(fact);
        }

        return (missing, extra);
    }

    private static string Comment(string? comment) => comment == null ? "" : " -- " + comment;

    private static string Flat(string definition) => Regex.Replace(definition.Trim(), @"\s+", " ");

    // "CREATE [UNIQUE] INDEX name ON …" with the name blanked: the name is the author's or the tool's choice.
    private static string Unnamed(string definition) => Regex.Replace(definition, @"^(CREATE (UNIQUE )?INDEX )\S+ ON ", "$1… ON ");

    private static Task<List<string>> SchemasAsync(NpgsqlConnection connection, string[] schemas) => PgCatalog.QueryAsync(connection, """
        SELECT n.nspname || coalesce(' -- ' || obj_description(n.oid, 'pg_namespace'), '') FROM pg_namespace n
        WHERE n.nspname = ANY($1) AND n.nspname <> 'public' ORDER BY 1
        """, r => r.GetString(0), schemas);

    // Which table a CLUSTER left marked with which index (the index by its definition, name blanked).
    private static async Task<List<string>> ClusteredAsync(NpgsqlConnection connection, string[] schemas) =>
        (await PgCatalog.QueryAsync(connection, """
            SELECT pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND x.indisclustered ORDER BY 1
            """, r => r.GetString(0), schemas)).Select(Unnamed).ToList();
}
