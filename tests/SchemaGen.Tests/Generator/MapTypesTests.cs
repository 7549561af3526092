using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// Schema.MapTypes configures everything Npgsql needs for the model's column types: through a data source it
/// built, one value of every type in docs/type-mapping.md's table is written and read back unchanged.
/// </summary>
public class MapTypesTests
{
    private const string Model = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using System.Net;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using SchemaGen;
        namespace TestModels;

        public enum Mood { Happy, VerySad }
        public sealed class Address { public string? City { get; set; } public int Zip { get; set; } }

        [Table("every_type")]
        public class EveryType
        {
            [Key] public int Id { get; set; }
            public string? Text { get; set; }
            [MaxLength(5)] public string? Short { get; set; }
            public bool? Flag { get; set; }
            public short? Small { get; set; }
            public int? Number { get; set; }
            public long? Big { get; set; }
            public float? Single { get; set; }
            public double? Double { get; set; }
            public decimal? Money { get; set; }
            [Numeric(5, 2)] public decimal? Price { get; set; }
            public DateTime? At { get; set; }
            public DateTimeOffset? AtOffset { get; set; }
            public DateOnly? Day { get; set; }
            public TimeOnly? Time { get; set; }
            public TimeSpan? Span { get; set; }
            public Guid? Uuid { get; set; }
            public byte[]? Bytes { get; set; }
            public IPAddress? Address { get; set; }
            public int[]? Numbers { get; set; }
            public List<string>? Names { get; set; }
            public IReadOnlyList<long>? Longs { get; set; }
            public Dictionary<string, object>? Bag { get; set; }
            public IDictionary<string, int>? Counts { get; set; }
            public JsonDocument? Document { get; set; }
            public JsonElement? Element { get; set; }
            public JsonNode? Node { get; set; }
            public JsonObject? Object { get; set; }
            public JsonArray? Array { get; set; }
            [Column(TypeName = "jsonb")] public Address? Home { get; set; }
            public Mood? Mood { get; set; }
            public Mood[]? Moods { get; set; }
        }
        """;

    [Fact]
    public async Task EveryMappedTypeIsWrittenAndReadThroughAMapTypesDataSource()
    {
        var schema = GeneratorHarness.Run(Model).Load();
        var database = Postgres.Instance.CreateDatabase();
        await using (var deploy = new NpgsqlConnection(database))
        {
            await deploy.OpenAsync();
            await deploy.ExecuteAsync(schema.Sql);
        }

        var entity = schema.Assembly.GetType("TestModels.EveryType")!;
        var mood = schema.Assembly.GetType("TestModels.Mood")!;
        var address = Activator.CreateInstance(schema.Assembly.GetType("TestModels.Address")!)!;
        address.GetType().GetProperty("City")!.SetValue(address, "Zürich");
        address.GetType().GetProperty("Zip")!.SetValue(address, 8001);
        var values = new Dictionary<string, object>
        {
            ["text"] = "text 'with' quotes", ["short"] = "abcde", ["flag"] = true, ["small"] = (short)-3, ["number"] = 42, ["big"] = long.MaxValue,
            ["single"] = 1.5f, ["double"] = Math.PI, ["money"] = 12345678901234567890.123456789m, ["price"] = 123.25m,
            ["at"] = new DateTime(2024, 2, 29, 12, 30, 0, DateTimeKind.Utc), ["at_offset"] = new DateTimeOffset(2024, 2, 29, 12, 30, 0, TimeSpan.Zero),
            ["day"] = new DateOnly(2024, 2, 29), ["time"] = new TimeOnly(23, 59, 58), ["span"] = TimeSpan.FromMinutes(90), ["uuid"] = Guid.NewGuid(),
            ["bytes"] = new byte[] { 0, 1, 255 }, ["address"] = IPAddress.Parse("192.168.0.1"), ["numbers"] = new[] { 1, 2, 3 },
            ["names"] = new List<string> { "a", "b" }, ["longs"] = new List<long> { 1L, 2L }, ["bag"] = new Dictionary<string, object> { ["a"] = 1, ["b"] = "x" },
            ["counts"] = new Dictionary<string, int> { ["a"] = 1 }, ["document"] = JsonDocument.Parse("{\"a\":[1,2]}"),
            ["element"] = JsonDocument.Parse("{\"e\":true}").RootElement, ["node"] = JsonNode.Parse("{\"n\":1}")!, ["object"] = new JsonObject { ["o"] = 2 },
            ["array"] = new JsonArray(1, 2), ["home"] = address, ["mood"] = Enum.Parse(mood, "VerySad"),
            ["moods"] = new[] { Enum.Parse(mood, "Happy"), Enum.Parse(mood, "VerySad") }.Select(m => m).ToArray() is var boxed ? ToTyped(boxed, mood) : null!,
        };

        var builder = new NpgsqlDataSourceBuilder(database);
        schema.Assembly.GetTypes().Single(t => t.Name == "Schema").GetMethod("MapTypes")!.Invoke(null, [builder, null]);
        await using var dataSource = builder.Build();
        await using var connection = await dataSource.OpenConnectionAsync();

        var failures = new List<string>();
        foreach (var (column, value) in values)
        {
            var property = entity.GetProperties().Single(p => Snake(p.Name) == column);
            var clrType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            // Npgsql reads an array as T[] or List<T>, not as an interface: read IReadOnlyList<T> as List<T>.
            if (clrType.IsInterface && clrType.IsGenericType && clrType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
                clrType = typeof(List<>).MakeGenericType(clrType.GetGenericArguments());
            try
            {
                await using (var insert = new NpgsqlCommand($"INSERT INTO every_type (id, \"{column}\") VALUES (1, $1)", connection))
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = value });
                    await insert.ExecuteNonQueryAsync();
                }

                await using var select = new NpgsqlCommand($"SELECT \"{column}\" FROM every_type", connection);
                await using var reader = await select.ExecuteReaderAsync();
                await reader.ReadAsync();
                var read = typeof(NpgsqlDataReader).GetMethod(nameof(NpgsqlDataReader.GetFieldValue))!.MakeGenericMethod(clrType).Invoke(reader, [0]);
                if (Show(read) != Show(value))
                    failures.Add($"{column} ({clrType.Name}): wrote {Show(value)}, read {Show(read)}");
            }
            catch (Exception e)
            {
                failures.Add($"{column} ({clrType.Name}): {(e.InnerException ?? e).Message}");
            }
            finally
            {
                await connection.ExecuteAsync("DELETE FROM every_type");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static Array ToTyped(object[] items, Type elementType)
    {
        var array = Array.CreateInstance(elementType, items.Length);
        for (var i = 0; i < items.Length; i++)
            array.SetValue(items[i], i);
        return array;
    }

    private static string Snake(string name) => SchemaGen.Model.SqlNaming.ToSnakeCase(name);

    private static string Show(object? value) => value switch
    {
        null => "null",
        IPAddress ip => ip.ToString(),
        // JSON as jsonb normalises it (no insignificant white space), compared as compact text.
        JsonDocument d => JsonNode.Parse(d.RootElement.GetRawText())!.ToJsonString(),
        JsonElement e => JsonNode.Parse(e.GetRawText())!.ToJsonString(),
        JsonNode n => n.ToJsonString(),
        _ => JsonSerializer.Serialize(value),
    };
}
