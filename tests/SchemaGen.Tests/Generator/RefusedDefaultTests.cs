using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// SG0024 against PostgreSQL as the oracle: each property below (some typed by a domain) is a table of its own, deployed, and a row is inserted
/// that leaves the property's column out. The warning is reported exactly for the columns where that INSERT fails.
/// </summary>
public class RefusedDefaultTests
{
    private static readonly string[] Properties =
    [
        "[MaxLength(3)] public string X { get; set; } = \"abcdef\";",
        "[MaxLength(3)] public string X { get; set; } = \"abc\";",
        "[MaxLength(3)] public string X { get; set; } = \"ab   \";",             // cut to "ab " by PostgreSQL, not refused
        "[MaxLength(2)] public string X { get; set; } = \"😀😀\";",               // two characters in four UTF-16 units
        "[MaxLength(2)] public string X { get; set; } = \"😀😀😀\";",
        "[Column(TypeName = \"character(1)\")] public Level X { get; set; } = Level.High;",
        "[Column(TypeName = \"character(4)\")] public Level X { get; set; } = Level.High;",
        "[Column(TypeName = \"character varying(2)\")] public string X { get; set; } = \"xyz\";",
        "[Column(TypeName = \"text\"), MaxLength(3)] public string X { get; set; } = \"abcd\";",
        "[Column(TypeName = \"text\"), MaxLength(3)] public string X { get; set; } = \"abc  \";",   // a CHECK cuts nothing
        "[Range(1, 10)] public int X { get; set; } = 0;",
        "[Range(1, 10)] public int X { get; set; } = 10;",
        "[Range(1.0, 10.0, MaximumIsExclusive = true)] public double X { get; set; } = 10;",
        "[Range(1.0, 10.0, MinimumIsExclusive = true)] public double X { get; set; } = 1.5;",
        "[Range(typeof(decimal), \"0.01\", \"99.99\")] public decimal X { get; set; } = 100m;",
        "[Range(typeof(decimal), \"0.01\", \"99.99\")] public decimal X { get; set; } = 99.99m;",
        "[Range(0L, long.MaxValue)] public long X { get; set; } = -1;",
        "[MinLength(1)] public List<string> X { get; set; } = new();",
        "[MinLength(1)] public int[] X { get; set; } = [];",
        "[MinLength(1)] public byte[] X { get; set; } = [];",
        "[MaxLength(1)] public List<string> X { get; set; } = new();",
        "[Required] public string X { get; set; } = \"   \";",
        "[Required] public string X { get; set; } = \" a \";",
        "[RegularExpression(\"[A-Z]{2}\")] public string X { get; set; } = \"us\";",
        "[RegularExpression(\"[A-Z]{2}\")] public string X { get; set; } = \"US\";",
        "[RegularExpression(\"a|ab\")] public string X { get; set; } = \"ab\";",
        "[AllowedValues(\"a\", \"b\")] public string X { get; set; } = \"c\";",
        "[AllowedValues(\"a\", \"b\")] public string X { get; set; } = \"b\";",
        "[DeniedValues(0L)] public long X { get; set; } = 0;",
        "[DeniedValues(0L)] public long X { get; set; } = 1;",
        "[AllowedValues(Level.Low)] public Level X { get; set; } = Level.High;",
        "[Length(2, 5)] public string X { get; set; } = \"a\";",
        "[StringLength(5, MinimumLength = 2)] public string X { get; set; } = \"abc\";",
        // Domains (Domains below): the forms of a CHECK that DomainCheckForms reads, through a chain of domains too.
        "[Column(TypeName = \"percent\")] public int X { get; set; } = 150;",
        "[Column(TypeName = \"percent\")] public int X { get; set; } = 100;",
        "[Column(TypeName = \"small_percent\")] public int X { get; set; } = 50;",       // its own CHECK
        "[Column(TypeName = \"small_percent\")] public int X { get; set; } = -1;",       // the CHECK of percent, its base
        "[Column(TypeName = \"small_percent\")] public int X { get; set; } = 10;",
        "[Column(TypeName = \"positive\")] public decimal X { get; set; } = 0m;",
        "[Column(TypeName = \"positive\")] public decimal X { get; set; } = 0.5m;",
        "[Column(TypeName = \"code3\")] public string X { get; set; } = \"abcd\";",
        "[Column(TypeName = \"code3\")] public string X { get; set; } = \"a\";",
        "[Column(TypeName = \"code3\")] public string X { get; set; } = \"abc\";",
    ];

    private const string Domains = """
        [assembly: Domain("percent", "integer", Check = "VALUE BETWEEN 0 AND 100")]
        [assembly: Domain("small_percent", "percent", Check = "VALUE <= 10")]
        [assembly: Domain("positive", "numeric", Check = "VALUE > 0")]
        [assembly: Domain("code3", "text", Check = "char_length(VALUE) <= 3 AND char_length(VALUE) >= 2")]

        """;

    [Fact]
    public async Task TheWarningNamesExactlyTheDefaultsTheDatabaseRefuses()
    {
        var model = "using System; using System.Collections.Generic; using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; using SchemaGen;\n"
            + Domains + "namespace TestModels;\n"
            + "public enum Level { Low, High }\n"
            + string.Concat(Properties.Select((property, i) => $"[Table(\"c{i}\")] public class C{i} {{ [Key] public int Id {{ get; set; }} {property} }}\n"));
        var result = GeneratorHarness.Run(model);
        var warned = result.GeneratorDiagnostics.Where(d => d.Id == "SG0024").Select(d => d.GetMessage()).ToList();
        Assert.All(result.GeneratorDiagnostics.Where(d => d.Id != "SG0024"), d => Assert.Fail("unexpected " + d));

        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(result.Load().Target, connection);

        var mismatches = new List<string>();
        for (var i = 0; i < Properties.Length; i++)
        {
            var refused = false;
            try
            {
                await connection.ExecuteAsync($"INSERT INTO public.c{i} (id) VALUES (1)");
            }
            catch (PostgresException)
            {
                refused = true;
            }

            var warning = warned.SingleOrDefault(m => m.StartsWith($"The default of 'C{i}.X'", System.StringComparison.Ordinal));
            if (refused != (warning != null))
                mismatches.Add($"{Properties[i]}: INSERT {(refused ? "refused" : "taken")}, warning: {warning ?? "none"}");
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Contains(warned, m => m.Contains("(\"abcdef\") is refused by the column's type character varying(3)", System.StringComparison.Ordinal));
        Assert.Contains(warned, m => m.Contains("(0) is refused by the column's CHECK from [Range]", System.StringComparison.Ordinal));
        Assert.Contains(warned, m => m.Contains("(150) is refused by the column's domain public.percent (CHECK (VALUE BETWEEN 0 AND 100))", System.StringComparison.Ordinal));
    }
}
