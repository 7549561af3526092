using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// A CHECK derived from a validation attribute rejects exactly what the attribute rejects. .NET's own
/// Validator is the oracle: for boundary values of every attribute, PostgreSQL accepts the row exactly when
/// Validator.TryValidateProperty accepts the value.
/// </summary>
public class ValidatorOracleTests
{
    private const string Model = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        namespace TestModels;

        [Table("probe")]
        public class Probe
        {
            [Key] public int Id { get; set; }
            [Required] public string Name { get; set; } = "ok";
            [Range(1, 10)] public int? Score { get; set; }
            [Range(-5L, 5L)] public long? Wide { get; set; }
            [Range(0.5, 1.5, MinimumIsExclusive = true, MaximumIsExclusive = true)] public double? Fraction { get; set; }
            [Range(typeof(decimal), "0.01", "999.99")] public decimal? Amount { get; set; }
            [MaxLength(5)] public string? Short { get; set; }
            [StringLength(int.MaxValue)] public string? Unbounded { get; set; }
            [MaxLength(10485760)] public string? AtVarcharLimit { get; set; }
            [MaxLength(10485761)] public string? BeyondVarcharLimit { get; set; }
            [MinLength(3)] public string? AtLeastThree { get; set; }
            [StringLength(8, MinimumLength = 2)] public string? Code { get; set; }
            [Length(2, 5)] public string? Bounded { get; set; }
            [Length(1, 3)] public int[]? FewNumbers { get; set; }
            [MaxLength(4)] public byte[]? SmallBlob { get; set; }
            [RegularExpression("[a-z]+")] public string? Lowercase { get; set; }
            [RegularExpression("(?i)abc")] public string? AnyCase { get; set; }
            [RegularExpression(@"\d{3}-\d{4}")] public string? Phone { get; set; }
            [RegularExpression(@"a.c|[.\]]x\.")] public string? Dotted { get; set; }
            [RegularExpression(@"[A-Z]{2}-\d+")] public string? Plate { get; set; }
            [RegularExpression(@"[\d.]+")] public string? DigitsOrDots { get; set; }
            [RegularExpression(@"\D+")] public string? NoDigits { get; set; }
            [RegularExpression(@"a\sb")] public string? Spaced { get; set; }
            [RegularExpression(@"\S+")] public string? NoSpaces { get; set; }
            [Range(0.0, double.PositiveInfinity)] public int? NonNegative { get; set; }
            [Range(double.NegativeInfinity, 5.0, MaximumIsExclusive = true)] public long? BelowFive { get; set; }
            [RegularExpression(@"[\Sa]+")] public string? NotSpaceInBrackets { get; set; }
            [RegularExpression(@"[^\d]+")] public string? NotDigitInBrackets { get; set; }
            [RegularExpression(@"(?i)sk[a-c]+i\x41[^x]\.")] public string? CaseBlind { get; set; }
            [AllowedValues("draft", "final")] public string? Stage { get; set; }
            [AllowedValues(1, 2, null)] public int? OneOrTwo { get; set; }
            [DeniedValues(13, 666)] public int? Unlucky { get; set; }
        }
        """;

    public static IEnumerable<object?[]> Cases() =>
    [
        ["Name", new object?[] { "a", " a ", "", " ", "\t\n", "\u3000", "\u00a0\u2028", "\u200b", null }],
        ["Score", new object?[] { null, 0, 1, 5, 10, 11, int.MinValue }],
        ["Fraction", new object?[] { null, 0.5, 0.5000000001, 1.0, 1.4999999999, 1.5, -1.0 }],
        ["Amount", new object?[] { null, 0m, 0.009m, 0.01m, 999.99m, 999.991m, 1000m }],
        ["Short", new object?[] { null, "", "abcde", "abcdef", "ab\u00e9de" }],
        ["Unbounded", new object?[] { null, "", "abc" }],
        ["AtVarcharLimit", new object?[] { null, "abc" }],
        ["BeyondVarcharLimit", new object?[] { null, "abc" }],
        ["AtLeastThree", new object?[] { null, "", "ab", "abc", "abcdefgh" }],
        ["Code", new object?[] { "", "a", "ab", "abcdefgh", "abcdefghi" }],
        ["Bounded", new object?[] { "a", "ab", "abcde", "abcdef" }],
        ["FewNumbers", new object?[] { null, Array.Empty<int>(), new[] { 1 }, new[] { 1, 2, 3 }, new[] { 1, 2, 3, 4 } }],
        ["SmallBlob", new object?[] { null, Array.Empty<byte>(), new byte[4], new byte[5] }],
        ["Lowercase", new object?[] { null, "", "abc", "abc1", "1abc", "ABC", "ab c", "abc\n" }],
        ["AnyCase", new object?[] { "abc", "ABC", "aBc", "abcd", "xabc", "" }],
        ["Phone", new object?[] { "555-1234", "555-12345", "5551234", "x555-1234", "٥٥٥-١٢٣٤", "５５５-１２３４", "߁߂߃-߄߅߆߇" }],
        ["Plate", new object?[] { "AB-1234", "AB-١٢٣٤", "AB-۱۲", "AB-१२", "AB-12a4", "AB-\U0001D7CE" }],
        ["DigitsOrDots", new object?[] { "1.2", "١.٢", "a", "꘠꘡" }],
        ["NoDigits", new object?[] { "abc", "a1", "١", "é" }],
        ["Spaced", new object?[] { "a b", "a\u3000b", "a\u200bb", "a\tb", "a\u0085b", "a\u00a0b", "ab", "a\u180eb" }],
        ["NoSpaces", new object?[] { "abc", "a b", "a\u2028", "x\u200b" }],
        ["NonNegative", new object?[] { null, -1, 0, int.MaxValue }],
        ["BelowFive", new object?[] { null, long.MinValue, 4L, 5L }],
        ["NotSpaceInBrackets", new object?[] { "abc", "a b", "a\u3000", "\U0001F600", "\u00e9" }],
        ["CaseBlind", new object?[] { "skabiaz.", "SKABIAZ.", "\u017f\u212aABC\u0130az.", "skab\u0131az.", "skabiAX.", "skabiaX.", "SKABIA\u00e9." }],
        ["NotDigitInBrackets", new object?[] { "abc", "a1", "\u0661", "\U0001D7CE", "\n" }],
        ["Dotted", new object?[] { "abc", "a.c", "a\nc", "a\rc", ".x.", "]x.", "]xy", "\nx.", "ac" }],
        ["Stage", new object?[] { "draft", "final", "other", "", "Draft", null }],
        ["OneOrTwo", new object?[] { 1, 2, 3, 0, null }],
        ["Unlucky", new object?[] { 13, 666, 0, 14, null }],
    ];

    [Fact]
    public async Task EveryCheckRejectsExactlyWhatValidatorRejects()
    {
        var (schema, type, connection) = await Deploy();
        await using var _ = connection;

        var mismatches = new List<string>();
        var id = 0;
        foreach (var testCase in Cases())
        {
            var property = (string)testCase[0]!;
            foreach (var value in (object?[])testCase[1]!)
            {
                var instance = Activator.CreateInstance(type)!;
                var expected = Validator.TryValidateProperty(value, new ValidationContext(instance) { MemberName = property }, new List<ValidationResult>());
                var actual = await TryInsert(connection, ++id, SqlNaming.ToSnakeCase(property), value);
                if (expected != actual)
                    mismatches.Add($"{property} = {Show(value)}: Validator {(expected ? "accepts" : "rejects")}, PostgreSQL {(actual ? "accepts" : "rejects")}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task TrailingSpacesBeyondAVarcharLengthAreTruncatedByPostgreSql()
    {
        // A documented difference (docs/type-mapping.md): [MaxLength] maps to character varying(n), and the SQL
        // standard has PostgreSQL cut off excess trailing spaces instead of refusing the value. Validator
        // refuses it. If the mapping ever changes, this test says so.
        var (_, type, connection) = await Deploy();
        await using var _ = connection;
        var value = "abcde   ";
        Assert.False(Validator.TryValidateProperty(value, new ValidationContext(Activator.CreateInstance(type)!) { MemberName = "Short" }, new List<ValidationResult>()));
        Assert.True(await TryInsert(connection, 1, "short", value));
        Assert.Equal("abcde", await connection.ScalarAsync<string>("SELECT short FROM probe WHERE id = 1"));
    }

    private static async Task<(GeneratedSchema Schema, Type Type, NpgsqlConnection Connection)> Deploy()
    {
        var schema = GeneratorHarness.Run(Model).Load();
        var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync(schema.Sql);
        return (schema, schema.Assembly.GetType("TestModels.Probe")!, connection);
    }

    private static async Task<bool> TryInsert(NpgsqlConnection connection, int id, string column, object? value)
    {
        // Every other column gets a value its attributes accept ([Required] and [AllowedValues] refuse null).
        var row = new Dictionary<string, object?> { ["id"] = id, ["name"] = "ok", ["stage"] = "draft", [column] = value };
        var sql = $"INSERT INTO probe ({string.Join(", ", row.Keys)}) VALUES ({string.Join(", ", row.Keys.Select((_, i) => "$" + (i + 1)))})";
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var item in row.Values)
            command.Parameters.Add(new NpgsqlParameter { Value = item ?? DBNull.Value });
        try
        {
            await command.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.NotNullViolation)
        {
            return false;
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + string.Concat(s.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"",
        Array a => "[" + string.Join(", ", a.Cast<object>()) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}
