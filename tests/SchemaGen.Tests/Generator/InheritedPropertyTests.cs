using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// A property that a derived model redeclares (<c>new</c>, or <c>override</c>) is one column, and the column is the
/// property the model's type shows: its type, and the validation attributes Validator applies to it (Validator is the
/// oracle, as in <see cref="ValidatorOracleTests"/>). The column keeps the place of the base class's declaration.
/// </summary>
public class InheritedPropertyTests
{
    private const string Model = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        namespace TestModels;

        public class Named
        {
            public string Name { get; set; } = "";
            public virtual string? Code { get; set; }
            [MaxLength(3)] public virtual string? Tag { get; set; }
            [Range(1, 10)] public virtual int Level { get; set; }
            public int Size { get; set; }
            [MaxLength(4)] public string? Note { get; set; }
            [SchemaGen.RenamedFrom("old_rank")] public virtual int Rank { get; set; }
        }

        [Table("redeclared")]
        public class Redeclared : Named
        {
            [Key] public int Id { get; set; }
            [MaxLength(5)] public new string Name { get; set; } = "";
            [MaxLength(2)] public override string? Code { get; set; }
            public override string? Tag { get; set; }
            [Range(1, 5)] public override int Level { get; set; }
            public new long Size { get; set; }
            [NotMapped] public new string? Note { get; set; }
            public override int Rank { get; set; }
        }
        """;

    public static IEnumerable<object?[]> Cases() =>
    [
        ["Name", new object?[] { "", "abcde", "abcdef" }],
        ["Code", new object?[] { null, "ab", "abc" }],
        ["Tag", new object?[] { null, "abc", "abcd" }],
        ["Level", new object?[] { 1, 5, 6, 10, 11 }],
    ];

    [Fact]
    public async Task EachRedeclaredPropertyIsOneColumnCheckedAsValidatorChecksIt()
    {
        var schema = GeneratorHarness.Run(Model).Load();
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync(schema.Sql);
        var type = schema.Assembly.GetType("TestModels.Redeclared")!;

        var mismatches = new List<string>();
        var id = 0;
        foreach (var testCase in Cases())
        {
            var property = (string)testCase[0]!;
            foreach (var value in (object?[])testCase[1]!)
            {
                var expected = Validator.TryValidateProperty(value, new ValidationContext(Activator.CreateInstance(type)!) { MemberName = property }, new List<ValidationResult>());
                var actual = await TryInsert(connection, ++id, property.ToLowerInvariant(), value);
                if (expected != actual)
                    mismatches.Add($"{property} = {value ?? "null"}: Validator {(expected ? "accepts" : "rejects")}, PostgreSQL {(actual ? "accepts" : "rejects")}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task TheColumnsAreTheDerivedTypesPropertiesInTheBaseClassOrder()
    {
        var schema = GeneratorHarness.Run(Model).Load();
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync(schema.Sql);

        var columns = await connection.ScalarAsync<string>(
            "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'redeclared'::regclass AND attnum > 0");
        Assert.Equal("name character varying(5), code character varying(2), tag character varying(3), level integer, size bigint, rank integer, id integer", columns);
    }

    [Fact]
    public void AnOverrideDoesNotInheritWhatIsNotInheritable()
    {
        // [RenamedFrom] is declared Inherited = false: the base class's rename is not the derived table's.
        var model = GeneratorHarness.Run(Model).Load().Model;
        Assert.Null(model.Tables.Single(t => t.Name == "redeclared").Columns.Single(c => c.Name == "rank").RenamedFrom);
    }

    private static async Task<bool> TryInsert(NpgsqlConnection connection, int id, string column, object? value)
    {
        var row = new Dictionary<string, object?> { ["id"] = id, ["name"] = "", ["level"] = 1, ["size"] = 5_000_000_000L, ["rank"] = 0, [column] = value };
        var sql = $"INSERT INTO redeclared ({string.Join(", ", row.Keys)}) VALUES ({string.Join(", ", row.Keys.Select((_, i) => "$" + (i + 1)))})";
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var item in row.Values)
            command.Parameters.Add(new NpgsqlParameter { Value = item ?? DBNull.Value });
        try
        {
            await command.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.StringDataRightTruncation)
        {
            return false;
        }
    }
}
