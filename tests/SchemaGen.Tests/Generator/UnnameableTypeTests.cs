using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// MapTypes names every enum of the model and every type stored as JSON. One the generated class cannot name (private
/// or protected to a class, file-local, inside a generic class) is SG0001 at the property, never a compiler error
/// inside Schema.g.cs.
/// </summary>
public class UnnameableTypeTests
{
    private const string Usings = "using System.Collections.Generic; using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; namespace TestModels;\n";

    public static IEnumerable<object[]> Models() =>
    [
        ["public class Outer<X> { [Table(\"t\")] public class T { [Key] public int Id { get; set; } public E V { get; set; } } public enum E { A } }", "V"],
        ["file enum E { A } [Table(\"t\")] file class T { [Key] public int Id { get; set; } public E[] V { get; set; } = []; }", "V"],
        ["public class Outer { [Table(\"t\")] private class T { [Key] public int Id { get; set; } public E? V { get; set; } } private enum E { A } }", "V"],
        ["public class Outer { [Table(\"t\")] protected class T { [Key] public int Id { get; set; } public Dictionary<string, P> D { get; set; } = new(); } protected class P { public int X { get; set; } } }", "D"],
        ["public class Outer { [Table(\"t\")] private protected class T { [Key] public int Id { get; set; } [Column(TypeName = \"jsonb\")] public List<P> D { get; set; } = new(); } private protected class P { public int X { get; set; } } }", "D"],
    ];

    [Theory]
    [MemberData(nameof(Models))]
    public void IsSG0001AtThePropertyAndTheGeneratedFileCompiles(string model, string property)
    {
        var result = GeneratorHarness.Run(Usings + model);

        var unmappable = result.GeneratorDiagnostics.Where(d => d.Id == "SG0001").ToList();
        Assert.Equal([property], unmappable.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
        var generatedTrees = result.Compilation.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs")).ToList();
        Assert.NotEmpty(generatedTrees);
        Assert.DoesNotContain(result.Compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree != null && generatedTrees.Contains(d.Location.SourceTree));
    }
}
