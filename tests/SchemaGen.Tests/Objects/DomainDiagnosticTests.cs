using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Objects;

/// <summary>
/// SG0022 (a domain that cannot be created), SG0005 (a property whose C# type does not hold its domain's base type) and
/// SG0023 (validation attributes that accept what the domain's CHECK refuses), each reported where it was written.
/// </summary>
public class DomainDiagnosticTests
{
    private const string Model = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using SchemaGen;
        {0}
        namespace TestModels;

        [Table("films")]
        public class Film
        {
            [Key] public int Id { get; set; }
            {1}
        }
        """;

    private static GeneratorResult Run(string domains, string property = "") =>
        GeneratorHarness.Run(Model.Replace("{0}", domains).Replace("{1}", property));

    [Theory]
    [InlineData("""[assembly: Domain("year", "integer", Check = "VALUE >= 1901 AND release_year <= 2155")]""", "its Check names release_year, but a domain's CHECK can refer only to VALUE")]
    [InlineData("""[assembly: Domain("year", "integer", Check = "VALUE > 0; DROP TABLE films")]""", "its Check contains ';': write one expression, not statements")]
    [InlineData("""[assembly: Domain("year", "integer", Check = "VALUE > 'abc")]""", "its Check is not valid SQL: ")]
    [InlineData("""[assembly: Domain("year", "integer", Default = "(1901")]""", "its Default has unbalanced parentheses")]
    [InlineData("""[assembly: Domain("year", "integr")]""", "its base type integr is not a PostgreSQL type, nor an enum or domain of the model, nor a type of a known extension")]
    [InlineData("""[assembly: Domain("year", "integer NOT NULL")]""", "its base type \"integer NOT NULL\" is not a type name PostgreSQL takes as written: ")]
    [InlineData("""[assembly: Domain("email", "citext")]""", "its base type citext is a type of extension citext, which the model does not declare; add [assembly: Extension(\"citext\")]")]
    [InlineData("""[assembly: Domain(" ", "integer")]""", "its name is empty")]
    public void ADomainThatCannotBeCreatedIsAnErrorAtItsAttribute(string declaration, string problem)
    {
        var result = Run(declaration);
        var reported = Assert.Single(result.AllDiagnostics, d => d.Id == "SG0022");
        Assert.Equal(DiagnosticSeverity.Error, reported.Severity);
        Assert.Contains(problem, reported.GetMessage());
        Assert.StartsWith("Domain(", SourceAt(reported));
    }

    [Fact]
    public void DomainsOverEnumsDomainsAndDeclaredExtensionTypesAreAccepted()
    {
        var result = Run("""
            [assembly: Extension("citext")]
            [assembly: Domain("email", "citext", Check = "VALUE LIKE '%@%'")]
            [assembly: Domain("recent_year", "year", Check = "VALUE >= 2000")]
            [assembly: Domain("year", "integer", Check = "VALUE BETWEEN 1901 AND 2155")]
            """, "[Column(TypeName = \"recent_year\")] public int Year { get; set; }");
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("SG"));
    }

    [Theory]
    [InlineData("""[Column(TypeName = "year")] public string? ReleaseYear { get; set; }""", "its TypeName is domain public.year over integer, which a string? does not hold; use int")]
    [InlineData("""[Column(TypeName = "public.year")] public bool ReleaseYear { get; set; }""", "its TypeName is domain public.year over integer, which a bool does not hold; use int")]
    [InlineData("""[Column(TypeName = "year[]")] public int ReleaseYear { get; set; }""", "use an array or List<T>")]
    public void APropertyWhoseTypeDoesNotHoldTheDomainsBaseTypeIsSG0005(string property, string problem)
    {
        var result = Run("""[assembly: Domain("year", "integer")]""", property);
        var reported = Assert.Single(result.AllDiagnostics, d => d.Id == "SG0005");
        Assert.Contains(problem, reported.GetMessage());
        Assert.Equal("ReleaseYear", SourceAt(reported));
    }

    [Theory]
    [InlineData("VALUE >= 1901 AND VALUE <= 2155", "[Range(0, 3000)]", "accepts 0,")]
    [InlineData("VALUE >= 1901 AND VALUE <= 2155", "[Range(1901, 3000)]", "accepts 3000,")]
    [InlineData("(VALUE >= 1901) AND (VALUE <= 2155)", "[Range(1901, 2156)]", "accepts 2156,")]
    [InlineData("VALUE BETWEEN 1901 AND 2155", "[Range(1900, 2155)]", "accepts 1900,")]
    [InlineData("1901 <= VALUE AND VALUE < 2155", "[Range(1901, 2155)]", "accepts 2155,")]
    [InlineData("1901 <= VALUE AND VALUE < 2155", "[Range(1901, 2155, MaximumIsExclusive = true)]", null)]
    [InlineData("VALUE > 1900 AND VALUE <= 2155 AND VALUE % 2 = 0", "[Range(1900, 2155)]", "accepts 1900,")]
    [InlineData("VALUE >= 1901 OR VALUE <= 2155", "[Range(0, 3000)]", null)]
    [InlineData("VALUE >= 1901 AND VALUE <= 2155", "[Range(1901, 2155)]", null)]
    public void ARangeThatAcceptsWhatTheDomainsCheckRefusesIsSG0023(string check, string attributes, string? accepted)
    {
        var result = Run($$"""[assembly: Domain("year", "integer", Check = "{{check}}")]""", attributes + " [Column(TypeName = \"year\")] public int ReleaseYear { get; set; }");
        var reported = result.AllDiagnostics.Where(d => d.Id == "SG0023").ToList();
        if (accepted == null)
        {
            Assert.Empty(reported);
            return;
        }

        var only = Assert.Single(reported);
        Assert.Equal(DiagnosticSeverity.Warning, only.Severity);
        Assert.Contains("[Range] on 'Film.ReleaseYear' " + accepted, only.GetMessage());
        Assert.Contains("domain 'year' (" + check + ")", only.GetMessage());
    }

    [Theory]
    [InlineData("char_length(VALUE) <= 10", "[MaxLength(20)]", true)]
    [InlineData("length(VALUE) < 11", "[StringLength(10)]", false)]
    [InlineData("char_length(VALUE) >= 3", "[Length(2, 10)]", true)]
    [InlineData("char_length(VALUE) >= 3", "[MinLength(3)]", false)]
    public void ALengthThatAcceptsWhatTheDomainsCheckRefusesIsSG0023(string check, string attribute, bool reported)
    {
        var result = Run($$"""[assembly: Domain("code", "text", Check = "{{check}}")]""", attribute + " [Column(TypeName = \"code\")] public string? Code { get; set; }");
        Assert.Equal(reported, result.AllDiagnostics.Any(d => d.Id == "SG0023"));
    }

    private static string SourceAt(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
