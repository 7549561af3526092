using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// Every model the generator cannot map faithfully is a diagnostic at the offending property or attribute,
/// naming the model, the member and the fix, and the rest of the model is still generated.
/// </summary>
public class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using SchemaGen;
        namespace TestModels;

        """;

    [Fact]
    public void UnmappableTypeIsReportedAtThePropertyWithTheFix()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("links")]
            public class Link
            {
                [Key] public int Id { get; set; }
                public Uri Target { get; set; } = null!;
                public byte Small { get; set; }
                public int Kept { get; set; }
            }
            """);

        var diagnostics = Errors(result, "SG0001");
        Assert.Equal(["Target", "Small"], diagnostics.Select(SourceText));
        Assert.Contains("'Link.Target' has type 'System.Uri'", diagnostics[0].GetMessage());
        Assert.Contains("[Column(TypeName = \"…\")]", diagnostics[0].GetMessage());
        Assert.Contains("[NotMapped]", diagnostics[0].GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, diagnostics[0].Severity);

        // The rest of the table is still generated, so the IDE keeps working while the model is fixed.
        Assert.Contains("kept integer NOT NULL", result.RenderedSql);
        Assert.DoesNotContain("target", result.RenderedSql);
    }

    [Fact]
    public void FlagsEnumIsUnmappable()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Flags] public enum Access { Read = 1, Write = 2 }
            [Table("grants")]
            public class Grant { [Key] public int Id { get; set; } public Access Access { get; set; } }
            """);
        Assert.Equal(["Access"], Errors(result, "SG0001").Select(SourceText));
    }

    [Fact]
    public void TableWithoutPrimaryKeyIsAWarningAtTheClass()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("events")]
            public class Event { public string? Name { get; set; } }
            """);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0002");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("Event", SourceText(diagnostic));
        Assert.Contains("Table 'events' (TestModels.Event) has no primary key", diagnostic.GetMessage());
    }

    [Fact]
    public void UserGivenNameOver63BytesIsAnErrorAtTheName()
    {
        var longName = new string('x', 64);
        var result = GeneratorHarness.Run(Usings + $$"""
            [Table("t")]
            [Index(nameof(A), Name = "{{longName}}")]
            public class T { [Key] public int Id { get; set; } public int A { get; set; } [Column("{{longName}}")] public int B { get; set; } }
            """);
        var diagnostics = Errors(result, "SG0003");
        Assert.Equal(2, diagnostics.Count);
        Assert.Contains(diagnostics, d => SourceText(d) == "\"" + longName + "\"" && d.GetMessage().Contains("column name '" + longName + "' is 64 bytes"));
        Assert.Contains(diagnostics, d => SourceText(d) == "\"" + longName + "\"" && d.GetMessage().Contains("index name"));
    }

    [Fact]
    public void DuplicateNamesAreErrors()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("things")]
            public class Thing { [Key] public int Id { get; set; } public int Size { get; set; } [Column("size")] public int Other { get; set; } }
            [Table("things")]
            public class OtherThing { [Key] public int Id { get; set; } }
            """);
        var diagnostics = Errors(result, "SG0004");
        Assert.Contains(diagnostics, d => SourceText(d) == "Other" && d.GetMessage().Contains("column name 'size' is used by both Thing.Size and Thing.Other"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("table name 'public.things' is used by both TestModels.OtherThing and TestModels.Thing"));
    }

    [Fact]
    public void ValidationAttributeOnAnIncompatibleTypeIsAnError()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("bad")]
            public class Bad
            {
                [Key] public int Id { get; set; }
                [Range(1, 10)] public string? Text { get; set; }
                [Range(1, 10)] public double Ratio { get; set; }
                [RegularExpression("a+")] public int Number { get; set; }
                [MaxLength(3)] public DateTime When { get; set; }
                [AllowedValues(1L, 2L)] public int Small { get; set; }
                [Numeric(10, 2)] public int NotDecimal { get; set; }
            }
            """);
        var diagnostics = Errors(result, "SG0005");
        Assert.Equal(["Range(1, 10)", "Range(1, 10)", "RegularExpression(\"a+\")", "MaxLength(3)", "AllowedValues(1L, 2L)", "Numeric(10, 2)"], diagnostics.Select(SourceText));
        Assert.Contains("[Range] on 'Bad.Ratio' cannot be enforced by PostgreSQL: Range(int, int) rounds", diagnostics[1].GetMessage());
    }

    [Fact]
    public void RangeOfANonNumericOperandTypeSaysWhatItCompares()
    {
        // The message named numbers for these, which is not what Validator compares.
        var result = GeneratorHarness.Run(Usings + """
            [Table("periods")]
            public class Period
            {
                [Key] public int Id { get; set; }
                [Range(typeof(DateTime), "2000-01-01", "2100-01-01")] public DateTime Start { get; set; }
                [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan Length { get; set; }
                [Range(typeof(string), "a", "m")] public string Code { get; set; } = null!;
            }
            """);
        var diagnostics = Errors(result, "SG0005");
        Assert.Equal(3, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.DoesNotContain("numbers", d.GetMessage()));
        Assert.Contains("Range(typeof(DateTime), …) compares System.DateTime values", diagnostics[0].GetMessage());
        Assert.Contains("Range(typeof(TimeSpan), …) compares System.TimeSpan values", diagnostics[1].GetMessage());
        Assert.Contains("Range(typeof(string), …) compares string values", diagnostics[2].GetMessage());
        Assert.All(diagnostics, d => Assert.Contains("[Check", d.GetMessage()));
    }

    [Fact]
    public void ReferenceToANonTableOrMismatchedKeyIsAnError()
    {
        var result = GeneratorHarness.Run(Usings + """
            public class NotATable { public int Id { get; set; } }
            [Table("parents")] public class Parent { [Key] public long ParentId { get; set; } }
            [Table("children")]
            public class Child
            {
                [Key] public int Id { get; set; }
                [References(typeof(NotATable))] public int A { get; set; }
                [References(typeof(Parent))] public int B { get; set; }
            }
            """);
        var diagnostics = Errors(result, "SG0007");
        Assert.Equal(2, diagnostics.Count);
        Assert.Contains("it is not a class marked [Table]", diagnostics[0].GetMessage());
        Assert.Contains("its key 'ParentId' is long and 'B' is int", diagnostics[1].GetMessage());
        Assert.StartsWith("References(typeof(", SourceText(diagnostics[0]));
    }

    [Fact]
    public void DefaultThatCannotBeSqlIsAnErrorAtTheInitializer()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("clocks")]
            public class Clock
            {
                [Key] public int Id { get; set; }
                public DateTime Local { get; set; } = DateTime.Now;
                public int Computed { get; set; } = Environment.ProcessorCount * 2;
            }
            """);
        var diagnostics = Errors(result, "SG0008");
        Assert.Equal(["DateTime.Now", "Environment.ProcessorCount * 2"], diagnostics.Select(SourceText));
        Assert.Contains("[DefaultSql(", diagnostics[0].GetMessage());
    }

    [Fact]
    public void ContradictoryNullabilityIsAWarning()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("people")]
            public class Person { [Key] public int? Id { get; set; } [Required] public string? Name { get; set; } }
            """);
        var diagnostics = result.GeneratorDiagnostics.Where(d => d.Id == "SG0009").ToList();
        Assert.Equal(["Id", "Name"], diagnostics.Select(SourceText));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains("[Required] makes the column NOT NULL", diagnostics[1].GetMessage());
        Assert.Contains("name text NOT NULL", result.Load().Sql);
    }

    [Fact]
    public void IndexNamingAnUnknownPropertyIsAnError()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("items")]
            [Index("Missing")]
            public class Item { [Key] public int Id { get; set; } [NotMapped] public int Ignored { get; set; } }
            [Table("others")]
            [Index(nameof(Ignored))]
            public class Other { [Key] public int Id { get; set; } [NotMapped] public int Ignored { get; set; } }
            """);
        var diagnostics = Errors(result, "SG0013");
        Assert.Equal(["Index(\"Missing\")", "Index(nameof(Ignored))"], diagnostics.Select(SourceText));
        Assert.Contains("names 'Missing', which is not a mapped property of 'Item'", diagnostics[0].GetMessage());
    }

    [Fact]
    public void ACorrectModelHasNoDiagnostics()
    {
        var result = GeneratorHarness.Run(FeatureModels.Sample());
        Assert.Empty(result.AllDiagnostics);
    }

    private static System.Collections.Generic.List<Diagnostic> Errors(GeneratorResult result, string id)
    {
        var found = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        return found;
    }

    private static string SourceText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

}
