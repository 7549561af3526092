using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Model;

/// <summary>
/// <see cref="SqlBuiltinTypes"/> against PostgreSQL and Npgsql: every alias names the type the table says (as
/// <c>format_type</c> prints it), and a value of every type reads into each C# type the table lists.
/// </summary>
public class BuiltinTypeOracleTests
{
    [Fact]
    public async Task Every_alias_is_the_type_format_type_prints()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var wrong = new List<string>();
        foreach (var type in SqlBuiltinTypes.All)
        {
            Assert.Contains(type.Aliases, alias => SqlBuiltinTypes.Find(alias) == type);
            foreach (var alias in type.Aliases)
            {
                var printed = await connection.ScalarAsync<string>("SELECT format_type($1::text::regtype, NULL)", alias);
                if (printed != type.Name)
                    wrong.Add($"{alias}: PostgreSQL says {printed}, the table {type.Name}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_spelling_is_in_the_table_once()
    {
        var aliases = SqlBuiltinTypes.All.SelectMany(t => t.Aliases).ToList();
        Assert.Equal(aliases.Count, aliases.Distinct().Count());
        Assert.All(SqlBuiltinTypes.All, t => Assert.Equal(t, SqlBuiltinTypes.Find(t.Aliases[0])));
    }

    /// <summary>A value of each type that has C# readers.</summary>
    private static readonly Dictionary<string, string> Samples = new()
    {
        ["smallint"] = "7", ["integer"] = "7", ["bigint"] = "7", ["boolean"] = "true", ["real"] = "1.5", ["double precision"] = "1.5",
        ["numeric"] = "1.5", ["text"] = "x", ["character varying"] = "x", ["character"] = "x", ["name"] = "x", ["json"] = "{\"a\":1}",
        ["jsonb"] = "{\"a\":1}", ["timestamp without time zone"] = "2024-01-02 03:04:05", ["timestamp with time zone"] = "2024-01-02 03:04:05+00",
        ["time without time zone"] = "03:04:05", ["time with time zone"] = "03:04:05+01", ["date"] = "2024-01-02", ["interval"] = "1 day 2 hours",
        ["uuid"] = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", ["bytea"] = "\\x0102",
    };

    private static readonly Dictionary<string, Type> ClrTypes = new()
    {
        ["short"] = typeof(short), ["int"] = typeof(int), ["long"] = typeof(long), ["decimal"] = typeof(decimal), ["bool"] = typeof(bool),
        ["float"] = typeof(float), ["double"] = typeof(double), ["string"] = typeof(string), ["JsonDocument"] = typeof(JsonDocument),
        ["JsonElement"] = typeof(JsonElement), ["JsonNode"] = typeof(JsonNode), ["JsonObject"] = typeof(JsonObject), ["JsonArray"] = typeof(JsonArray),
        ["DateTime"] = typeof(DateTime), ["DateTimeOffset"] = typeof(DateTimeOffset), ["DateOnly"] = typeof(DateOnly), ["TimeOnly"] = typeof(TimeOnly),
        ["TimeSpan"] = typeof(TimeSpan), ["Guid"] = typeof(Guid), ["byte[]"] = typeof(byte[]),
    };

    [Fact]
    public async Task Npgsql_reads_every_type_into_each_CSharp_type_the_table_lists()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var wrong = new List<string>();
        var read = typeof(NpgsqlDataReader).GetMethod(nameof(NpgsqlDataReader.GetFieldValue))!;
        foreach (var type in SqlBuiltinTypes.All.Where(t => t.ClrTypes.Count > 0))
        {
            Assert.True(Samples.ContainsKey(type.Name), $"no sample value of {type.Name}");
            foreach (var clr in type.ClrTypes)
            {
                await using var command = new NpgsqlCommand($"SELECT $1::text::{type.Aliases[0]}", connection) { Parameters = { new NpgsqlParameter { Value = Samples[type.Name] } } };
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                try
                {
                    read.MakeGenericMethod(ClrTypes[clr]).Invoke(reader, [0]);
                }
                catch (Exception e)
                {
                    wrong.Add($"{type.Name} into {clr}: {(e.InnerException ?? e).Message}");
                }
            }
        }

        Assert.Empty(wrong);
    }
}
