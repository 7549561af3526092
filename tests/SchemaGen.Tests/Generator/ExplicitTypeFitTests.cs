using System.Collections.Generic;
using System.Linq;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// A <c>[Column(TypeName)]</c> naming a built-in type or a model enum that the property's C# type cannot hold is SG0005 at
/// the property (the table would take values Npgsql cannot read back as the property); every supported pairing stays quiet.
/// </summary>
public class ExplicitTypeFitTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; using SchemaGen; namespace TestModels;\n"
        + "public enum Mood { Happy, Sad } public sealed class Address { public string? City { get; set; } }\n";

    /// <summary>(the property as declared, the C# type the message advises).</summary>
    public static IEnumerable<object[]> Misfits() =>
    [
        ["[Column(TypeName = \"text\")] public int X { get; set; }", "string"],
        ["[Column(TypeName = \"integer\")] public byte[] X { get; set; } = [];", "int"],
        ["[Column(TypeName = \"uuid\")] public string X { get; set; } = \"\";", "Guid"],
        ["[Column(TypeName = \"integer\")] public short X { get; set; }", "int"],
        ["[Column(TypeName = \"bigint\")] public int? X { get; set; }", "long"],
        ["[Column(TypeName = \"numeric(10,2)\")] public double X { get; set; }", "decimal"],
        ["[Column(TypeName = \"timestamp\")] public DateTimeOffset X { get; set; }", "DateTime"],
        ["[Column(TypeName = \"float(24)\")] public string X { get; set; } = \"\";", "float"],
        ["[Column(TypeName = \"text\")] public List<int> X { get; set; } = new();", "string"],
        ["[Column(TypeName = \"integer[]\")] public string[] X { get; set; } = [];", "int[]"],
        ["[Column(TypeName = \"mood\")] public int X { get; set; }", "TestModels.Mood"],
        ["[Column(TypeName = \"boolean\")] public Mood X { get; set; }", "bool"],
        ["[Column(TypeName = \"interval day to second(3)\")] public List<string> X { get; set; } = new();", "TimeSpan"], // found by the fuzz test
        ["[Column(TypeName = \"interval year\")] public int X { get; set; }", "TimeSpan"],
    ];

    public static IEnumerable<object[]> Fits() =>
    [
        ["[Column(TypeName = \"character varying(20)\")] public string X { get; set; } = \"\";"],
        ["[Column(TypeName = \"char(3)\")] public string X { get; set; } = \"\";"],
        ["[Column(TypeName = \"bigint\")] public long X { get; set; }"],
        ["[Column(TypeName = \"smallint\")] public short X { get; set; }"],
        ["[Column(TypeName = \"numeric(10,2)\")] public decimal? X { get; set; }"],
        ["[Column(TypeName = \"timestamp\")] public DateTime X { get; set; }"],
        ["[Column(TypeName = \"date\")] public DateOnly X { get; set; }"],
        ["[Column(TypeName = \"integer[]\")] public List<int> X { get; set; } = new();"],
        ["[Column(TypeName = \"text\")] public Mood X { get; set; }"],
        ["[Column(TypeName = \"text[]\")] public Mood[]? X { get; set; }"],
        ["[Column(TypeName = \"mood\")] public Mood X { get; set; }"],
        ["[Column(TypeName = \"mood\")] public string X { get; set; } = \"\";"],
        ["[Column(TypeName = \"jsonb\")] public Address? X { get; set; }"],
        ["[Column(TypeName = \"jsonb\")] public List<Address> X { get; set; } = new();"],
        ["[Column(TypeName = \"json\")] public Dictionary<string, string>? X { get; set; }"],
        ["[Column(TypeName = \"json\")] public Dictionary<string, object> X { get; set; } = new();"],
        ["[Column(TypeName = \"json\")] public List<Address> X { get; set; } = [];"],
        ["[Column(TypeName = \"xml\")] public string? X { get; set; }"],
        ["[Column(TypeName = \"money\")] public decimal X { get; set; }"],
        ["[Column(TypeName = \"bytea\")] public byte[] X { get; set; } = [];"],
        ["[Column(TypeName = \"interval day to second(3)\")] public TimeSpan X { get; set; }"],
    ];

    [Theory]
    [MemberData(nameof(Misfits))]
    public void ATypeNameThePropertyCannotHoldIsSG0005AtTheProperty(string property, string advice)
    {
        var diagnostics = Diagnostics(property);
        var found = diagnostics.Where(d => d.Id == "SG0005" && d.GetMessage().Contains("its TypeName is")).ToList();
        Assert.True(found.Count == 1, $"{property}: expected one SG0005 for the TypeName, got {string.Join("; ", diagnostics)}");
        Assert.EndsWith("use " + advice, found[0].GetMessage());
        Assert.Equal("X", found[0].Location.SourceTree!.ToString().Substring(found[0].Location.SourceSpan.Start, found[0].Location.SourceSpan.Length));
    }

    [Theory]
    [MemberData(nameof(Fits))]
    public void ATypeNameThePropertyHoldsIsQuiet(string property)
    {
        var diagnostics = Diagnostics(property);
        Assert.True(diagnostics.Count == 0, $"{property}: expected no diagnostic, got {string.Join("; ", diagnostics)}");
    }

    private static List<Microsoft.CodeAnalysis.Diagnostic> Diagnostics(string property)
    {
        var usesMood = property.Contains("mood", System.StringComparison.Ordinal);
        var model = Usings + "[Table(\"t\")] public class T { [Key] public int Id { get; set; } " + property + (usesMood ? " public Mood Declared { get; set; }" : "") + " }";
        var run = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(model)).GetRunResult();
        Assert.Null(run.Results.Single().Exception);
        return run.Diagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
    }
}
