using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Npgsql;
using Npgsql.NameTranslation;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Model;

/// <summary>
/// Names and literals are checked against their authorities: snake_case against Npgsql's own translator
/// (so enums map without configuration), quoting against PostgreSQL's quote_ident and quote_literal, type
/// spellings against format_type, and derived names against what PostgreSQL actually stores.
/// </summary>
public class NamingAndQuotingTests
{
    private static readonly string[] ClrNames =
    [
        "JobRecord", "CompletedWithErrors", "HTTPServer", "HTTPServerURL", "Id", "ID", "IPAddress", "Sha256Hash", "Version2Name",
        "already_snake", "With_Underscore", "X", "x", "ABC", "AbcDEF", "Größe", "ÄrgerlichesDing", "Name1Name", "Name12", "ÉCOLE",
    ];

    [Fact]
    public void SnakeCaseIsNpgsqlsTranslation()
    {
        var npgsql = new NpgsqlSnakeCaseNameTranslator();
        Assert.Equal(ClrNames.Select(npgsql.TranslateMemberName), ClrNames.Select(SqlNaming.ToSnakeCase));
        Assert.Equal("completed_with_errors", SqlNaming.ToSnakeCase("CompletedWithErrors"));
    }

    [Fact]
    public async Task IdentifierQuotingIsQuoteIdent()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var keywords = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT word FROM pg_get_keywords()", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                keywords.Add(reader.GetString(0));
        }

        var names = keywords.Concat(["jobs", "job_id", "Jobs", "job id", "2fast", "_private", "a$b", "größe", "quo\"te", "semi;colon", "x"]).ToArray();
        await using var quote = new NpgsqlCommand("SELECT array_agg(quote_ident(n) ORDER BY o) FROM unnest($1::text[]) WITH ORDINALITY u(n, o)", connection);
        quote.Parameters.Add(new NpgsqlParameter { Value = names });
        var expected = (string[])(await quote.ExecuteScalarAsync())!;
        Assert.Equal(expected, names.Select(SqlSyntax.Identifier));
    }

    [Fact]
    public async Task LiteralsRoundTripWhateverStandardConformingStringsSays()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        string[] values = ["", "plain", "it's", "back\\slash", "both \\' mixed", "multi\nline", "tab\there", "ünïcödé 😀", "''", "\\\\"];
        foreach (var setting in new[] { "on", "off" })
        {
            await connection.ExecuteAsync($"SET standard_conforming_strings = {setting}");
            foreach (var value in values)
                Assert.Equal(value, await connection.ScalarAsync<string>("SELECT " + SqlSyntax.Literal(value)));
        }
    }

    [Fact]
    public async Task TypeNamesAreCanonicalizedAsFormatTypePrintsThem()
    {
        string[] spellings =
        [
            "VARCHAR(30)", "varchar", "character varying(10)", "int", "INT4", "int8", "int2", "bool", "float8", "float4", "float",
            "decimal(10, 2)", "numeric", "timestamptz", "timestamp", "timestamp(3)", "timestamptz(6)", "time", "timetz", "char", "char(3)",
            "text[]", "int[]", "varchar(5)[]", "jsonb", "json", "uuid", "bytea", "inet", "date", "interval", "money",
        ];
        await using var connection = await Postgres.NewDatabaseAsync();
        var columns = string.Join(", ", spellings.Select((s, i) => $"c{i} {s}"));
        await connection.ExecuteAsync($"CREATE TABLE spellings ({columns})");
        await using var command = new NpgsqlCommand("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'spellings'::regclass AND attnum > 0 ORDER BY attnum", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var actual = new List<string>();
        while (await reader.ReadAsync())
            actual.Add(reader.GetString(0));
        Assert.Equal(actual, spellings.Select(SqlTypeNames.Canonical));
    }

    [Fact]
    public async Task DerivedNamesFit63BytesAndPostgreSqlKeepsThemWhole()
    {
        var longTable = "an_uncommonly_long_table_name_for_testing";
        var columns = new[] { "first_rather_long_column", "second_rather_long_column" };
        var multibyte = new[] { "größenangabe_größenangabe_größenangabe", "maßeinheit_maßeinheit" };
        var names = new[]
        {
            SqlNaming.DeriveName("ix", longTable, columns),
            SqlNaming.DeriveName("ix", longTable, columns.Reverse().ToArray()),
            SqlNaming.DeriveName("ix", longTable, multibyte),
            SqlNaming.DeriveName("ix", "short", "a"),
        };

        Assert.All(names, n => Assert.True(Encoding.UTF8.GetByteCount(n) <= 63, n));
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Equal("ix_short_a", names[3]);
        Assert.Equal(names[0], SqlNaming.DeriveName("ix", longTable, columns)); // deterministic

        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync("CREATE TABLE t (a int)");
        foreach (var name in names)
            await connection.ExecuteAsync($"CREATE INDEX {SqlSyntax.Identifier(name)} ON t (a)");
        foreach (var name in names)
            Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = $1", name));
    }

    [Theory]
    [InlineData("t", "id")]
    [InlineData("an_uncommonly_long_table_name_for_testing_the_cut_of_names_xx", "id")]
    [InlineData("t", "an_uncommonly_long_column_name_for_testing_the_cut_of_names_xxx")]
    [InlineData("an_uncommonly_long_table_name_for_testing", "a_long_column_name_too_here")]
    [InlineData("größenangabe_größenangabe_größenangabe_größe", "maßeinheit_maßeinheit_maß")]
    [InlineData("表表表表表表表表表表表表表表表表表表表表表", "列列列列列列列列列列列")]
    [InlineData("t😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", "c😀😀😀😀😀😀😀😀😀😀😀")]
    public async Task AnIdentityColumnsSequenceHasTheNamePostgreSqlGivesIt(string table, string column)
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync($"CREATE TABLE {SqlSyntax.Identifier(table)} ({SqlSyntax.Identifier(column)} integer GENERATED ALWAYS AS IDENTITY)");
        var sequence = await connection.ScalarAsync<string>("SELECT relname::text FROM pg_class WHERE relkind = 'S'");
        Assert.Equal(sequence, SqlNaming.ImplicitName(table, column, "seq"));
    }
}
