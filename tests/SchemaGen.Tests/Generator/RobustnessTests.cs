using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// The generator never throws: half-typed code in the IDE, missing types, wrong attribute arguments and
/// odd declarations end in diagnostics (from the compiler or from SchemaGen), never in a generator crash.
/// </summary>
public class RobustnessTests
{
    public static IEnumerable<object[]> BrokenModels() =>
    [
        ["missing type", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public Missing M { get; set; } }"],
        ["table without name", "[Table(null!)] public class T { [Key] public int Id { get; set; } }"],
        ["empty table name", "[Table(\"\")] public class T { [Key] public int Id { get; set; } }"],
        ["table on a struct", "[Table(\"t\")] public struct T { public int Id { get; set; } }"],
        ["static class", "[Table(\"t\")] public static class T { public static int Id { get; set; } }"],
        ["generic class", "[Table(\"t\")] public class T<X> { [Key] public int Id { get; set; } public X? Value { get; set; } }"],
        ["unfinished property", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public int Half { get; "],
        ["attribute with wrong arguments", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Range(\"a\")] public int R { get; set; } [MaxLength(\"x\")] public string? S { get; set; } }"],
        ["index without properties", "[Table(\"t\")] [Index] public class T { [Key] public int Id { get; set; } }"],
        ["index with null name", "[Table(\"t\")] [Index(null!)] public class T { [Key] public int Id { get; set; } }"],
        ["references nothing", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [References(null!)] public int R { get; set; } }"],
        ["check without sql", "[Table(\"t\")] [Check(null!)] public class T { [Key] public int Id { get; set; } }"],
        ["self-inheriting", "[Table(\"t\")] public class T : T { [Key] public int Id { get; set; } }"],
        ["enum without members", "public enum E { } [Table(\"t\")] public class T { [Key] public int Id { get; set; } public E Value { get; set; } }"],
        ["negative lengths", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [MaxLength(-5)] public string? A { get; set; } [StringLength(0)] public string? B { get; set; } [Numeric(-1, 5)] public decimal C { get; set; } }"],
        ["regex that is not a literal", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [RegularExpression(Pattern)] public string? A { get; set; } private const string Pattern = \"[a-z]\"; }"],
        ["nul character in a default", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public string A { get; set; } = \"a\\0b\"; }"],
        ["foreign key to itself by name", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [ForeignKey(\"Id\")] public int Other { get; set; } }"],
        ["deep cycle", "[Table(\"a\")] public class A { [Key] public int Id { get; set; } [References(typeof(B))] public int B { get; set; } } [Table(\"b\")] public class B { [Key] public int Id { get; set; } [References(typeof(C))] public int C { get; set; } } [Table(\"c\")] public class C { [Key] public int Id { get; set; } [References(typeof(A))] public int A { get; set; } }"],
    ];

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public void BrokenModelsNeverCrashTheGenerator(string description, string model)
    {
        var source = "using System; using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; using SchemaGen; namespace TestModels;\n" + model;
        var compilation = GeneratorHarness.Compile(source);
        var run = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();
        Assert.True(run.Results.Single().Exception == null, $"{description}: {run.Results.Single().Exception}");
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CS8785"); // "generator failed"
    }

    [Fact]
    public void ACycleOfReferencesIsBrokenWithAlterTable()
    {
        var source = "using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; using SchemaGen; namespace TestModels;\n"
            + (string)BrokenModels().Single(m => (string)m[0] == "deep cycle")[1];
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.AllDiagnostics);
        // a is created first (the smallest name); its reference to b waits until b exists.
        Assert.Contains("CREATE TABLE public.a (", result.Load().Sql);
        Assert.Contains("ALTER TABLE public.a ADD CONSTRAINT fk_a_b FOREIGN KEY (b) REFERENCES public.b (id);", result.Load().Sql);
    }

    [Fact]
    public void CancellationIsHonoured()
    {
        var compilation = GeneratorHarness.Compile(FeatureModels.Sample());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<System.OperationCanceledException>(() => GeneratorHarness.CreateDriver().RunGenerators(compilation, cancelled.Token));
    }
}
