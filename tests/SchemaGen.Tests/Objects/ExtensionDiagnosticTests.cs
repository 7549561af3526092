using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Objects;

/// <summary>SG0020: a column typed with a well-known extension's type needs that extension declared.</summary>
public class ExtensionDiagnosticTests
{
    private const string Model = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using SchemaGen;
        {0}
        namespace TestModels;

        [Table("places")]
        public class Place
        {
            [Key] public int Id { get; set; }
            [Column(TypeName = "citext")] public string? Name { get; set; }
            [Column(TypeName = "public.ltree[]")] public string[]? Paths { get; set; }
            [Column(TypeName = "my_domain")] public int Rating { get; set; }
        }
        """;

    [Fact]
    public void AnExtensionTypeWithoutItsExtensionIsReportedNamingTheDeclarationToAdd()
    {
        var result = GeneratorHarness.Run(Model.Replace("{0}", "[assembly: Extension(\"ltree\")]"));
        var reported = result.AllDiagnostics.Where(d => d.Id == "SG0020").ToList();

        var only = Assert.Single(reported); // ltree is declared; my_domain is no extension's type
        Assert.Equal(DiagnosticSeverity.Warning, only.Severity);
        Assert.Equal("Column 'name' of table 'public.places' has type citext, which extension citext provides; declare it with [assembly: Extension(\"citext\")] so that the deployer creates it before the table",
            only.GetMessage());
        Assert.Equal("Name", SourceAt(only)); // at the property, where the type is written, not at its class
    }

    [Fact]
    public void DeclaredExtensionsLeaveNothingToReport()
    {
        var result = GeneratorHarness.Run(Model.Replace("{0}", "[assembly: Extension(\"citext\")]\n[assembly: Extension(\"ltree\", Version = \"1.2\")]"));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "SG0020");
    }

    private static string SourceAt(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
