using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// A diagnostic the assembler reports at a column (here SG0020, a column type of an extension the model does not declare)
/// travels as the property's documentation id and lands on the property's own declaration, whatever the shape of the
/// class: in the global namespace, nested, generic, inherited from a generic base, a keyword-named property, a positional
/// record's parameter.
/// </summary>
public class ColumnDiagnosticLocationTests
{
    private const string Usings = "using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; using SchemaGen;\n";

    [Theory]
    [InlineData("""
        namespace TestModels;
        [Table("plain")] public class Plain { [Key] public int Id { get; set; } [Column(TypeName = "citext")] public string? Target { get; set; } }
        """)]
    [InlineData("""
        [Table("global_one")] public class GlobalOne { [Key] public int Id { get; set; } [Column(TypeName = "citext")] public string? Target { get; set; } }
        """)]
    [InlineData("""
        namespace TestModels.Deeper.Still;
        public static class Outer
        {
            public class Middle
            {
                [Table("nested")] public class Inner { [Key] public int Id { get; set; } [Column(TypeName = "citext")] public string? Target { get; set; } }
            }
        }
        """)]
    [InlineData("""
        namespace TestModels;
        public class Base<T> { [Key] public int Id { get; set; } [Column(TypeName = "citext")] public string? Target { get; set; } }
        [Table("derived")] public class Derived : Base<long> { public T2? Unused<T2>() => default; }
        """)]
    [InlineData("""
        namespace TestModels;
        public class Holder<T> { [Table("generic_nested")] public class Row { [Key] public int Id { get; set; } [Column(TypeName = "citext")] public string? Target { get; set; } } }
        """)]
    [InlineData("""
        namespace TestModels;
        public class Base { [Key] public int Id { get; set; } public virtual string? Target { get; set; } }
        [Table("overriding")] public class Overriding : Base { [Column(TypeName = "citext")] public override string? Target { get; set; } }
        """)]
    [InlineData("""
        namespace TestModels;
        [Table("keyword")] public class Keyword { [Key] public int Id { get; set; } [Column("target", TypeName = "citext")] public string? @event { get; set; } }
        """)]
    [InlineData("""
        namespace TestModels;
        [Table("positional")] public record Positional([property: Key] int Id, [property: Column(TypeName = "citext")] string? Target);
        """)]
    public void AColumnDiagnosticOfTheAssemblerIsAtTheProperty(string model)
    {
        var result = GeneratorHarness.Run(Usings + model);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0020");
        Assert.True(diagnostic.Location.IsInSource, $"not in source: {diagnostic.Location}");
        var text = diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
        Assert.Contains(text, new[] { "Target", "@event" });
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Id != "SG0020"));
    }

    // The facts of a column typed with [Column(TypeName)] travel with their own id (ExplicitTypeFit, SG0005).
    [Fact]
    public void AnExplicitTypeThePropertyCannotHoldIsAtThePropertyInheritedFromAGenericBase()
    {
        var result = GeneratorHarness.Run(Usings + """
            namespace TestModels;
            public class Base<T> { [Key] public int Id { get; set; } [Column(TypeName = "integer")] public string? Target { get; set; } }
            [Table("derived")] public class Derived : Base<long> { }
            """);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0005");
        Assert.True(diagnostic.Location.IsInSource, $"not in source: {diagnostic.Location}");
        Assert.Equal("Target", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    // A column inherited from a class of another assembly has no declaration in this project's source: its diagnostic is
    // at the table class that inherits it, not nowhere (where #pragma and .editorconfig cannot reach it either).
    // The assembler's (SG0020, from the column's id) and the parser's (SG0001, from the property's location, which is metadata).
    [Theory]
    [InlineData("[Column(TypeName = \"citext\")] public string? Target { get; set; }", "SG0020")]
    [InlineData("public object? Target { get; set; }", "SG0001")]
    [InlineData("[MaxLength(0)] public string? Target { get; set; }", "SG0005")]
    public void AColumnInheritedFromAnotherAssemblyHasItsDiagnosticAtTheTableClass(string property, string id)
    {
        var library = GeneratorHarness.Compile(Usings + """
            namespace Shared;
            public class Entity { [Key] public int Id { get; set; } PROPERTY }
            """.Replace("PROPERTY", property)).WithAssemblyName("Shared");
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var compilation = GeneratorHarness.Compile(Usings + """
            namespace TestModels;
            [Table("derived")] public class FromLibrary : Shared.Entity { }
            """).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));

        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Assert.True(diagnostic.Location.IsInSource, $"not in source: {diagnostic.Location}");
        Assert.Equal("FromLibrary", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    // An enum of another assembly has no declaration in the project either: a clash of its type name (SG0004, with a table
    // or with a local enum ordered before it) is at the first table that uses it.
    [Theory]
    [InlineData("""[Table("status")] public class Statuses { [Key] public int Id { get; set; } public Zshared.Status S { get; set; } }""", "Statuses")]
    [InlineData("""public enum Status { Local } [Table("t")] public class Uses { [Key] public int Id { get; set; } public Status A { get; set; } public Zshared.Status B { get; set; } }""", "Uses")]
    public void ANameClashOfAnEnumFromAnotherAssemblyIsAtTheTableThatUsesIt(string model, string expected)
    {
        var library = GeneratorHarness.Compile(Usings + "namespace Zshared; public enum Status { Active, Done }").WithAssemblyName("Zshared");
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var compilation = GeneratorHarness.Compile(Usings + "namespace TestModels;\n" + model).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));

        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);

        var clash = Assert.Single(diagnostics, d => d.Id == "SG0004");
        Assert.True(clash.Location.IsInSource, $"not in source: {clash.Location}");
        Assert.Equal(expected, clash.Location.SourceTree!.GetText().ToString(clash.Location.SourceSpan));
    }
}
