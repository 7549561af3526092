using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;
using Xunit;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// What PostgreSQL's own catalog says about a schema, read with plain pg_catalog queries (independent of
/// the product's code) and printed by PostgreSQL itself (format_type, pg_get_expr, pg_get_constraintdef,
/// pg_get_indexdef) with search_path = pg_catalog, so every user type is schema-qualified.
/// </summary>
public static class PgCatalog
{
    public sealed record Column(string Table, int Position, string Name, string Type, bool NotNull, string? Default, string Identity, string Generated, string? Comment);
    public sealed record Constraint(string Table, string Name, char Type, string Definition);
    public sealed record Index(string Table, string Name, bool IsUnique, string Method, string[] Keys, string[] Include, bool IsPartial, string Definition);
    public sealed record Enum(string Name, string[] Labels, string? Comment);
    public sealed record Table(string Name, string? Comment);

    public sealed record Snapshot(List<Enum> Enums, List<Table> Tables, List<Column> Columns, List<Constraint> Constraints, List<Index> Indexes)
    {
        /// <summary>A readable, deterministic dump for golden files.</summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var e in Enums)
                text.Append($"enum {e.Name} ({string.Join(", ", e.Labels)})").Append(e.Comment == null ? "" : " -- " + e.Comment).Append('\n');
            foreach (var t in Tables)
            {
                text.Append($"\ntable {t.Name}").Append(t.Comment == null ? "" : " -- " + t.Comment).Append('\n');
                foreach (var c in Columns.Where(c => c.Table == t.Name))
                {
                    text.Append($"  column {c.Name} {c.Type}{(c.NotNull ? " NOT NULL" : "")}")
                        .Append(c.Default == null ? "" : " DEFAULT " + c.Default)
                        .Append(c.Identity == "" ? "" : " IDENTITY " + c.Identity)
                        .Append(c.Generated == "" ? "" : " GENERATED " + c.Generated)
                        .Append(c.Comment == null ? "" : " -- " + c.Comment).Append('\n');
                }
                foreach (var c in Constraints.Where(c => c.Table == t.Name))
                    text.Append($"  constraint {c.Name} {c.Definition}\n");
                foreach (var i in Indexes.Where(i => i.Table == t.Name))
                    text.Append($"  index {i.Definition}\n");
            }
            return text.ToString();
        }
    }

    public static async Task<Snapshot> ReadAsync(NpgsqlConnection connection, params string[] schemas)
    {
        await connection.ExecuteAsync("SET search_path = pg_catalog");
        try
        {
            var enums = await QueryAsync(connection, """
                SELECT t.oid::regtype::text, array_agg(e.enumlabel::text ORDER BY e.enumsortorder), obj_description(t.oid, 'pg_type')
                FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ANY($1) GROUP BY t.oid ORDER BY 1
                """, r => new Enum(r.GetString(0), r.GetFieldValue<string[]>(1), r.IsDBNull(2) ? null : r.GetString(2)), schemas);
            var tables = await QueryAsync(connection, """
                SELECT c.oid::regclass::text, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY($1) AND c.relkind = 'r' AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e') ORDER BY 1
                """, r => new Table(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)), schemas);
            var columns = await QueryAsync(connection, """
                SELECT a.attrelid::regclass::text, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, col_description(a.attrelid, a.attnum)
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE n.nspname = ANY($1) AND c.relkind = 'r' AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, 2
                """, r => new Column(r.GetString(0), r.GetInt16(1), r.GetString(2), r.GetString(3), r.GetBoolean(4),
                    r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)), schemas);
            var constraints = await QueryAsync(connection, """
                SELECT k.conrelid::regclass::text, k.conname, k.contype, pg_get_constraintdef(k.oid)
                FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
                WHERE n.nspname = ANY($1) AND k.conrelid <> 0 AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = k.conrelid AND e.deptype = 'e') ORDER BY 1, 2
                """, r => new Constraint(r.GetString(0), r.GetString(1), r.GetChar(2), r.GetString(3)), schemas);
            var indexes = await QueryAsync(connection, """
                SELECT x.indrelid::regclass::text, i.relname, x.indisunique, am.amname,
                       array(SELECT a.attname::text FROM unnest(x.indkey[:x.indnkeyatts - 1]) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o),
                       array(SELECT a.attname::text FROM unnest(x.indkey[x.indnkeyatts:]) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o),
                       x.indpred IS NOT NULL, pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = i.relnamespace
                WHERE n.nspname = ANY($1) AND NOT x.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = x.indrelid AND e.deptype = 'e') ORDER BY 1, 2
                """, r => new Index(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetString(3), r.GetFieldValue<string[]>(4),
                    r.GetFieldValue<string[]>(5), r.GetBoolean(6), r.GetString(7)), schemas);
            return new Snapshot(enums, tables, columns, constraints, indexes);
        }
        finally
        {
            await connection.ExecuteAsync("RESET search_path");
        }
    }

    /// <summary>
    /// Asserts that what PostgreSQL created is what the model says, object by object: every column's
    /// canonical type, nullability, default, identity, generation and comment; every constraint; every index.
    /// </summary>
    /// <remarks>The deployer's own history table is not part of any model and is left out.</remarks>
    // An extension's type is printed qualified here (search_path = pg_catalog) and written unqualified in the model, which
    // finds it through search_path: compare it without the schema of the model's extension that provides it.
    private static string ExtensionTypeAsModelled(SchemaModel model, string printed)
    {
        foreach (var extension in model.Extensions)
        {
            var prefix = SqlSyntax.Identifier(extension.Schema ?? DdlRenderer.DefaultExtensionSchema) + ".";
            if (printed.StartsWith(prefix, StringComparison.Ordinal) && ExtensionTypes.ExtensionOf(printed.Substring(prefix.Length)) == extension.Name)
                return printed.Substring(prefix.Length);
        }

        return printed;
    }

    public static void AssertMatches(SchemaModel model, Snapshot catalog)
    {
        Assert.Equal(model.Enums.Select(e => Qualified(e.Schema, e.Name)).Order(StringComparer.Ordinal), catalog.Enums.Select(e => e.Name).Order(StringComparer.Ordinal));
        foreach (var e in model.Enums)
        {
            var actual = catalog.Enums.Single(c => c.Name == Qualified(e.Schema, e.Name));
            Assert.Equal(e.Labels, actual.Labels);
            Assert.Equal(e.Comment, actual.Comment);
        }

        Assert.Equal(model.Tables.Select(t => Qualified(t.Schema, t.Name)).OrderBy(n => n, StringComparer.Ordinal), catalog.Tables.Select(t => t.Name).Where(n => !IsHistoryTable(n)).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var table in model.Tables)
        {
            var name = Qualified(table.Schema, table.Name);
            Assert.Equal(table.Comment, catalog.Tables.Single(t => t.Name == name).Comment);

            var columns = catalog.Columns.Where(c => c.Table == name).ToList();
            Assert.Equal(table.Columns.Select(c => c.Name), columns.Select(c => c.Name));
            foreach (var (expected, actual) in table.Columns.Zip(columns))
            {
                var where = $"{name}.{expected.Name}";
                Assert.True(DdlRenderer.ColumnType(expected) == ExtensionTypeAsModelled(model, actual.Type), $"{where}: model type {DdlRenderer.ColumnType(expected)}, catalog {actual.Type}");
                Assert.True(expected.IsNullable != actual.NotNull, $"{where}: model nullable={expected.IsNullable}, catalog NOT NULL={actual.NotNull}");
                Assert.True((expected.DefaultSql != null || expected.GeneratedSql != null) == (actual.Default != null), $"{where}: default {expected.DefaultSql} vs {actual.Default}");
                Assert.Equal(expected.Identity switch { IdentityKind.ByDefault => "d", IdentityKind.Always => "a", _ => "" }, actual.Identity);
                Assert.Equal(expected.GeneratedSql != null ? "s" : "", actual.Generated);
                Assert.Equal(expected.Comment, actual.Comment);
            }

            var constraints = catalog.Constraints.Where(c => c.Table == name).ToList();
            var expectedConstraints = table.Checks.Select(c => (c.Name, 'c'))
                .Concat(table.ForeignKeys.Select(f => (f.Name, 'f')))
                .Concat(table.PrimaryKey == null ? [] : new[] { (table.PrimaryKey.Name, 'p') })
                .OrderBy(c => c.Name, StringComparer.Ordinal);
            Assert.Equal(expectedConstraints, constraints.Select(c => (c.Name, c.Type)).OrderBy(c => c.Name, StringComparer.Ordinal));
            if (table.PrimaryKey != null)
                Assert.Equal($"PRIMARY KEY ({string.Join(", ", table.PrimaryKey.Columns.Select(SqlSyntax.Identifier))})", constraints.Single(c => c.Name == table.PrimaryKey.Name).Definition);
            foreach (var fk in table.ForeignKeys)
            {
                var definition = constraints.Single(c => c.Name == fk.Name).Definition;
                Assert.StartsWith($"FOREIGN KEY ({string.Join(", ", fk.Columns.Select(SqlSyntax.Identifier))}) REFERENCES {Qualified(fk.RefSchema, fk.RefTable)}({string.Join(", ", fk.RefColumns.Select(SqlSyntax.Identifier))})", definition);
                Assert.Equal(fk.OnDelete != ReferentialAction.NoAction, definition.Contains(" ON DELETE "));
                Assert.Equal(fk.OnUpdate != ReferentialAction.NoAction, definition.Contains(" ON UPDATE "));
            }

            var indexes = catalog.Indexes.Where(i => i.Table == name).ToList();
            Assert.Equal(table.Indexes.Select(i => i.Name), indexes.Select(i => i.Name));
            foreach (var (expected, actual) in table.Indexes.Zip(indexes))
            {
                Assert.Equal(expected.IsUnique, actual.IsUnique);
                Assert.Equal(expected.Method, actual.Method);
                Assert.Equal(expected.KeyColumns, actual.Keys);
                Assert.Equal(expected.Include, actual.Include);
                Assert.Equal(expected.Where != null, actual.IsPartial);
            }
        }
    }

    private static string Qualified(string schema, string name) => SqlSyntax.QualifiedName(schema, name);

    /// <summary>The rows of a catalog query, with the schemas as its parameter $1 when it has one.</summary>
    internal static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, string[] schemas)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("$1", StringComparison.Ordinal))
            command.Parameters.Add(new NpgsqlParameter { Value = schemas });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(read(reader));
        return rows;
    }

    private static bool IsHistoryTable(string qualifiedName) => qualifiedName == "schemagen_history" || qualifiedName.EndsWith(".schemagen_history", StringComparison.Ordinal);
}
