using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CsCheck;
using Npgsql;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Model;

/// <summary>
/// <see cref="SqlLexer"/> against PostgreSQL itself: a string constant's value is what <c>SELECT</c> returns, a name is
/// the column label PostgreSQL gives it, what the lexer marks as an error the server refuses, and a script splits
/// into exactly the statements the server runs (the script goes through dblink_exec, which sends it as one simple
/// query, so the server's own scanner splits it; the statements log what they ran).
/// </summary>
public class SqlLexerOracleTests
{
    /// <summary>Constants PostgreSQL reads; each is one token.</summary>
    private static readonly string[] Literals =
    [
        "'plain'", "''", "'it''s'", "'semi;colon'", "'back\\slash'", "'multi\nline'", "'€uro'", "N'national'",
        "E'tab\\tnew\\nline\\b\\f\\r'", "E'\\''", "E'\\\\'", "e'\\q'", "E'\\101\\x41\\u0041\\U00000041'", "E'\\xc3\\xa9'", "E'\\303\\251'",
        "E'\\uD83D\\uDE00'", "E'\\x4g'", "E'\\8'", "E'it''s'",
        "U&'d\\0061t\\+000061'", "U&'d!0061t' UESCAPE '!'", "u&'\\\\'", "U&'\\D83D\\DE00'", "U&'x' uescape '#'",
        "'con'\n'tinued'", "'con' -- comment\n  'tinued'", "'a'\r\n\t'b'", "E'a\\\\'\n'b\\n'", "'one'  \n -- two\n\n 'three'",
        "$$dollar; 'quoted'$$", "$tag$ $$ inside $tag$", "$a$ $b$ $a$", "$_$é$_$", "$$$$", "$x1$a$x$b$x1$",
    ];

    /// <summary>Constants PostgreSQL refuses.</summary>
    private static readonly string[] Refused =
    [
        "E'\\0'", "E'\\xff'", "E'\\uD83D'", "E'\\uDE00'", "E'\\u0000'", "E'\\u12'", "U&'\\D83D'", "U&'\\zzzz'", "U&'\\+110000'",
        "U&'x' UESCAPE 'a'", "U&'x' UESCAPE '+'", "'open", "$$open", "E'\\'", "1abc", "1.5e", "0x1F", "1_000", "$1x",
    ];

    /// <summary>Names, and the label PostgreSQL gives a column called so.</summary>
    private static readonly string[] Names =
    [
        "abc", "ABC", "MixedCase", "\"Quoted\"", "\"with \"\"quote\"\"\"", "é€x", "ÀB", "a$b", "_x1", "U&\"d\\0061t\"", "U&\"d!0061t\" UESCAPE '!'",
        "\"semi;colon\"", "a\u00a0b", "\"\"\"\"", "select_", "\"select\"",
    ];

    [Fact]
    public async Task String_constants_have_the_value_PostgreSQL_reads()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var wrong = new List<string>();
        foreach (var literal in Literals)
        {
            var token = Assert.Single(SqlLexer.Tokens(literal));
            var read = await SelectAsync(connection, literal);
            if (token.Kind != SqlTokenKind.String || token.Error != null || token.Value != read)
                wrong.Add($"{literal}: PostgreSQL reads [{read}], the lexer [{token.Value}] ({token})");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Tokens_the_lexer_refuses_PostgreSQL_refuses()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var wrong = new List<string>();
        foreach (var literal in Refused)
        {
            var error = SqlLexer.FirstError(SqlLexer.Tokens(literal));
            string? refusal = null;
            try
            {
                await SelectAsync(connection, literal);
            }
            catch (PostgresException e)
            {
                refusal = e.MessageText;
            }

            if (error == null || refusal == null)
                wrong.Add($"{literal}: PostgreSQL says [{refusal ?? "fine"}], the lexer [{error?.Error ?? "fine"}]");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Names_are_read_as_PostgreSQL_labels_them()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var wrong = new List<string>();
        foreach (var name in Names)
        {
            var token = Assert.Single(SqlLexer.Tokens(name));
            await using var command = new NpgsqlCommand($"SELECT $1::int AS {name}", connection) { Parameters = { new NpgsqlParameter { Value = 1 } } };
            await using var reader = await command.ExecuteReaderAsync();
            if (!token.IsIdentifier || token.Error != null || token.Value != reader.GetName(0))
                wrong.Add($"{name}: PostgreSQL labels it [{reader.GetName(0)}], the lexer reads [{token.Value}] ({token})");
        }

        Assert.Empty(wrong);
        // And a quoted name is what quote_ident writes back: the two directions agree.
        foreach (var name in new[] { "Mixed", "with space", "quo\"te", "select", "é" })
            Assert.Equal(name, Assert.Single(SqlLexer.Tokens(await connection.ScalarAsync<string>("SELECT quote_ident($1)", name))).Value);
    }

    [Fact]
    public async Task Scripts_split_into_the_statements_PostgreSQL_runs()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await PrepareLogAsync(connection);
        var script = string.Join("", Literals.Select((literal, i) => Insert(literal) + Separators[i % Separators.Length]))
            + "CREATE FUNCTION two() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
            + "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 3; END;\n"
            + Insert("(SELECT 'after; the bodies')");

        var problem = await CompareSplitAsync(connection, script);

        Assert.Null(problem);
        Assert.Equal(2, SqlSyntax.Statements(script).Count(s => s.Text.StartsWith("CREATE", StringComparison.Ordinal)));
        Assert.Equal(2L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_proc WHERE proname IN ('two', 'p')"));
    }

    private static readonly string[] Separators = [";", ";\n", "; -- a comment; with a semicolon\n", ";/* a; /* nested; */ still; */", ";;", " ;\n\n"];

    /// <summary>Random string constants of every style, with quotes, backslashes, semicolons, dollars and newlines inside.</summary>
    private static readonly Gen<string> Content = Gen.OneOf<string>("a", "'", "\\", ";", "$", "$$", "\n", "-", "--", "/*", "*/", "é", "\"", " ", "x", "0", "😀")
        .Array[0, 6].Select(parts => string.Concat(parts));

    private static readonly Gen<string> Literal = Gen.Select(Content, Content, Gen.Int[0, 5], Gen.OneOf("", "a", "x_1"), (text, more, style, tag) => style switch
    {
        0 => "'" + text.Replace("'", "''") + "'",
        1 => "E'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        // A body cannot hold its own closing tag (nor end in a '$' that would make one).
        2 => (text + "$" + tag + "$").IndexOf("$" + tag + "$", StringComparison.Ordinal) == text.Length
            ? "$" + tag + "$" + text + "$" + tag + "$" : "'" + text.Replace("'", "''") + "'",
        3 => "U&'" + text.Replace("\\", "\\\\").Replace("'", "''") + "'",
        4 => "'" + text.Replace("'", "''") + "'\n -- between\n'" + more.Replace("'", "''") + "'",
        _ => "(SELECT " + "'" + text.Replace("'", "''") + "' || E'" + more.Replace("\\", "\\\\").Replace("'", "''") + "')",
    });

    [Fact]
    public async Task Random_scripts_split_as_PostgreSQL_splits_them()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await PrepareLogAsync(connection);
        var scripts = Gen.Select(Literal, Gen.OneOf(Separators)).Array[1, 5]
            .Select(parts => string.Concat(parts.Select(p => Insert(p.Item1) + p.Item2)));

        await scripts.SampleAsync(async script =>
        {
            await connection.ExecuteAsync("TRUNCATE oracle_log RESTART IDENTITY");
            if (await CompareSplitAsync(connection, script) is { } problem)
                throw new Xunit.Sdk.XunitException(problem);
        }, iter: 40, threads: 1, print: script => script);
    }

    private static string Insert(string value) => "INSERT INTO oracle_log (v) VALUES (" + value + ")";

    private static async Task PrepareLogAsync(NpgsqlConnection connection) =>
        await connection.ExecuteAsync("CREATE EXTENSION dblink; CREATE TABLE oracle_log (id serial PRIMARY KEY, v text)");

    // Null when the lexer's statements are the server's: as many, and each INSERT's constant has the value it logged.
    private static async Task<string?> CompareSplitAsync(NpgsqlConnection connection, string script)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        var target = $"host={builder.Host} port={builder.Port} dbname={builder.Database} user={builder.Username}";
        await using (var command = new NpgsqlCommand("SELECT dblink_exec($1, $2)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = target });
            command.Parameters.Add(new NpgsqlParameter { Value = script });
            await command.ExecuteScalarAsync();
        }

        var logged = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT v FROM oracle_log ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                logged.Add(reader.GetString(0));
        }

        var inserts = SqlLexer.Statements(SqlLexer.Tokens(script)).Where(s => s[0].Is("insert")).ToList();
        var ours = inserts.Select(s => string.Concat(s.Where(t => t.Kind == SqlTokenKind.String).Select(t => t.Value))).ToList();
        // SqlSyntax keeps a statement that is only a comment or a semicolon (as written); the lexer's statements drop them.
        if (SqlSyntax.Statements(script).Count(s => SqlLexer.Statements(SqlLexer.Tokens(s.Text)).Count > 0) != SqlLexer.Statements(SqlLexer.Tokens(script)).Count)
            return "SqlSyntax.Statements and SqlLexer.Statements disagree";
        return ours.SequenceEqual(logged) ? null
            : $"PostgreSQL ran {logged.Count} inserts [{string.Join("|", logged)}], the lexer split {ours.Count} [{string.Join("|", ours)}]";
    }

    // The value of a constant, read by the server. A positional parameter keeps Npgsql from rewriting the SQL.
    private static async Task<string> SelectAsync(NpgsqlConnection connection, string literal)
    {
        await using var command = new NpgsqlCommand($"SELECT {literal}\n, $1::int", connection) { Parameters = { new NpgsqlParameter { Value = 1 } } };
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
