using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// [Column(TypeName = …)] is read as a type name, and written as PostgreSQL's format_type prints it; the real
/// server is the oracle. Anything that is not a type name, or whose modifiers PostgreSQL refuses or changes, is
/// SG0015 — TypeName never carries other SQL into the DDL.
/// </summary>
public class TypeNameTests
{
    private static readonly string[] Spellings =
    [
        "int", "INT4", "integer", "int2", "smallint", "int8", "bigint", "bool", "boolean", "float4", "real", "float8",
        "float", "float(1)", "float(24)", "float(25)", "float(53)", "double precision", "DOUBLE   PRECISION",
        "decimal", "numeric", "numeric(10)", "numeric(10,2)", "numeric( 10 , 2 )", "decimal(5,-2)", "numeric(1000,1000)",
        "varchar", "varchar(20)", "character varying(20)", "char varying(3)", "national character varying(4)", "nchar(2)",
        "char", "character", "char(5)", "bpchar", "bpchar(5)", "bit", "bit(3)", "varbit", "bit varying(5)", "bit varying",
        "timestamp", "timestamp(3)", "timestamptz", "timestamptz(3)", "timestamp with time zone", "timestamp(0) without time zone",
        "time", "time(2)", "timetz", "timetz(4)", "time with time zone", "time(6) with time zone", "time without time zone",
        "interval", "interval(3)", "interval year", "interval year to month", "interval day to second", "interval day to second(3)",
        "interval minute to second(2)", "interval second(6)",
        "text", "uuid", "bytea", "jsonb", "json", "inet", "cidr", "macaddr", "macaddr8", "date", "money", "xml", "tsvector", "tsquery",
        "int[]", "int[3]", "int[][]", "integer[3][4]", "text ARRAY", "text array[4]", "varchar(5)[]", "timestamp(3) with time zone[]",
        "numeric(4,1)[]", "char[]", "pg_catalog.int4", "pg_catalog.varchar(3)", "point", "int4range", "name", "\"char\"",
    ];

    /// <summary>Type names PostgreSQL refuses.</summary>
    private static readonly string[] Refused =
    [
        "float(0)", "float(54)", "varchar(0)", "char(0)", "numeric(0)", "numeric(1001)", "numeric(10,1001)", "int(5)", "integer(5)",
        "text(3)", "varchar(10,2)", "bit(0)", "interval hour to year", "interval year(3)",
        "int -- comment", "int;",
        "time(3) with time", "timestamptz with time zone", "varchar(", "int[", "a.b.c.d", "\"\"", "'text'",
    ];

    /// <summary>Column definitions that hold a type name and more: PostgreSQL takes them as a column, not as a type.</summary>
    private static readonly string[] NotOnlyATypeName = ["integer NOT NULL", "integer); CREATE TABLE pwned (id integer", "text COLLATE \"C\"", "int4 default 1"];

    /// <summary>Type names PostgreSQL takes, but not as written: it lowers the precision with a warning.</summary>
    private static readonly string[] Changed = ["timestamp(7)", "timestamptz(9)", "time(7)", "interval(7)", "interval second(7)"];

    [Fact]
    public async Task BuiltInTypeNamesAreWrittenAsFormatTypePrintsThem()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var columns = string.Join(", ", Spellings.Select((s, i) => $"c{i} {s}"));
        await connection.ExecuteAsync($"CREATE TABLE spellings ({columns})");
        var printed = await FormatTypes(connection, "spellings");

        var mismatches = new List<string>();
        for (var i = 0; i < Spellings.Length; i++)
        {
            var ok = SqlTypeNames.TryCanonical(Spellings[i], out var canonical, out var error);
            if (!ok || canonical != printed[i])
                mismatches.Add($"{Spellings[i]}: format_type prints '{printed[i]}', SchemaGen writes '{(ok ? canonical : error)}'");
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task WhatPostgreSqlRefusesOrChangesIsNotATypeName()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var wrong = new List<string>();
        foreach (var spelling in Refused.Concat(Changed).Concat(NotOnlyATypeName))
        {
            if (SqlTypeNames.TryCanonical(spelling, out var canonical, out _))
                wrong.Add($"{spelling}: SchemaGen takes it as '{canonical}'");
        }

        foreach (var spelling in Refused)
        {
            try
            {
                await connection.ExecuteAsync($"CREATE TEMP TABLE probe (c {spelling}); DROP TABLE probe;");
                wrong.Add($"{spelling}: PostgreSQL takes it, so it is not a refused type name");
            }
            catch (PostgresException)
            {
            }
        }

        foreach (var spelling in Changed)
        {
            await connection.ExecuteAsync($"CREATE TABLE changed (c {spelling})");
            var printed = (await FormatTypes(connection, "changed")).Single();
            if (printed.Contains("(" + spelling.Split('(', ')')[1] + ")"))
                wrong.Add($"{spelling}: PostgreSQL keeps it as '{printed}'");
            await connection.ExecuteAsync("DROP TABLE changed");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void SqlInATypeNameIsAnErrorAtTheTypeNameAndNeverReachesTheDdl()
    {
        var result = GeneratorHarness.Run("""
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;
            namespace TestModels;
            [Table("t")]
            public class T
            {
                [Key] public int Id { get; set; }
                [Column(TypeName = "integer NOT NULL); CREATE TABLE public.pwned (id integer")] public int Evil { get; set; }
                [Column(TypeName = "float(24)")] public float Single { get; set; }
                [Column(TypeName = "")] public int Empty { get; set; }
            }
            """);
        var diagnostics = result.GeneratorDiagnostics.Where(d => d.Id == "SG0015").ToList();
        Assert.Equal(["\"integer NOT NULL); CREATE TABLE public.pwned (id integer\"", "\"\""],
            diagnostics.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
        Assert.Contains("'NOT' is where the end of the type name should be", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("pwned", result.RenderedSql);
        Assert.Contains("single real NOT NULL", result.RenderedSql);
    }

    private static async Task<List<string>> FormatTypes(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '{table}'::regclass AND attnum > 0 ORDER BY attnum", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var printed = new List<string>();
        while (await reader.ReadAsync())
            printed.Add(reader.GetString(0));
        return printed;
    }
}
