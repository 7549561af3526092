using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// The generator reuses a class's parse while its syntax tree and the compilation's declarations are the same
/// (Caching/ParseCache). Whatever the edits, a driver that has run before produces exactly what a fresh driver
/// produces on the same compilation: the same sources and the same diagnostics at the same places. The model is
/// spread over files so that each kind of edit reaches a table through another file: an enum (members, a
/// [PgName], its doc comment), constants used in attribute arguments, a base class (a property, a doc comment,
/// a method body above a property the generator reports on, so a body edit moves that diagnostic, and a
/// <c>#nullable disable</c> inside that body, which changes the properties after it), a
/// foreign-key target (its key's type), global usings (an alias, a namespace), <c>#define</c>/<c>#if</c> in the
/// table's file, comments, doc comments and method bodies.
/// </summary>
public class IncrementalEquivalenceTests
{
    private const int EditKinds = 18;

    [Fact]
    public void AfterAnyEditsTheRerunEqualsAFreshRun()
    {
        var reused = 0;
        Gen.Int[0, EditKinds - 1].Array[1, 10].Sample(edits =>
        {
            var state = new Project();
            var compilation = GeneratorHarness.Compile(); // no trees yet; each file is added below
            var trees = new Dictionary<string, SyntaxTree>();
            compilation = Update(compilation, trees, state);
            var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
            AssertSameAsFresh(driver, compilation, "the first run");
            foreach (var edit in edits)
            {
                state = state.Apply(edit);
                compilation = Update(compilation, trees, state);
                var counts = IncrementalTests.CountParses(() => driver = driver.RunGenerators(compilation));
                System.Threading.Interlocked.Add(ref reused, counts.Reused);
                AssertSameAsFresh(driver, compilation, $"edit {edit} in [{string.Join(", ", edits)}]");
            }
        }, iter: 25);

        // The property means something only if results were reused.
        Assert.True(reused > 0, "no parse was reused");
    }

    // Replaces only the trees whose text changed, so the others stay the same objects (as in the IDE).
    private static CSharpCompilation Update(CSharpCompilation compilation, Dictionary<string, SyntaxTree> trees, Project state)
    {
        foreach (var (path, text) in state.Files())
        {
            trees.TryGetValue(path, out var old);
            if (old != null && old.ToString() == text)
                continue;
            var tree = CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);
            compilation = old == null ? compilation.AddSyntaxTrees(tree) : compilation.ReplaceSyntaxTree(old, tree);
            trees[path] = tree;
        }

        return compilation;
    }

    private static void AssertSameAsFresh(GeneratorDriver driver, CSharpCompilation compilation, string after)
    {
        var rerun = driver.GetRunResult().Results.Single();
        var fresh = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Null(rerun.Exception);
        Assert.True(Sources(fresh) == Sources(rerun), "The sources differ from a fresh run's after " + after);
        Assert.True(Diagnostics(fresh) == Diagnostics(rerun),
            $"The diagnostics differ from a fresh run's after {after}:\nfresh:\n{Diagnostics(fresh)}\nrerun:\n{Diagnostics(rerun)}");
    }

    private static string Sources(GeneratorRunResult run) =>
        string.Join("\n", run.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.HintName + "\n" + s.SourceText));

    private static string Diagnostics(GeneratorRunResult run) =>
        string.Join("\n", run.Diagnostics.Select(d => d + " @" + d.Location.SourceSpan).Order(StringComparer.Ordinal));

    /// <summary>The project as values, one per kind of edit; <see cref="Apply"/> makes one edit.</summary>
    private sealed record Project
    {
        public int Comment { get; init; }
        public int Doc { get; init; }
        public int Body { get; init; }
        public bool EnumMemberAdded { get; init; }
        public bool EnumMemberRenamed { get; init; }
        public bool EnumPgName { get; init; }
        public int EnumDoc { get; init; }
        public int MaxStage { get; init; } = 100;
        public bool BaseProperty { get; init; }
        public int BaseBody { get; init; }
        public int BaseDoc { get; init; }
        public bool LongKey { get; init; }
        public bool Priced { get; init; }
        public bool NullableDisabled { get; init; }
        public int Amount { get; init; }
        public int Kinds { get; init; }
        public int HelperBody { get; init; }
        public bool Blob { get; init; }

        public Project Apply(int edit) => edit switch
        {
            0 => this with { Comment = Comment + 1 },
            1 => this with { Doc = Doc + 1 },
            2 => this with { Body = Body + 1 },
            3 => this with { EnumMemberAdded = !EnumMemberAdded },
            4 => this with { EnumMemberRenamed = !EnumMemberRenamed },
            5 => this with { EnumPgName = !EnumPgName },
            6 => this with { EnumDoc = EnumDoc + 1 },
            7 => this with { MaxStage = MaxStage == 100 ? 200 : 100 },
            8 => this with { BaseProperty = !BaseProperty },
            9 => this with { BaseBody = BaseBody + 1 },
            10 => this with { BaseDoc = BaseDoc + 1 },
            11 => this with { LongKey = !LongKey },
            12 => this with { Priced = !Priced },
            13 => this with { NullableDisabled = !NullableDisabled },
            14 => this with { Amount = (Amount + 1) % 3 },
            15 => this with { Kinds = (Kinds + 1) % 3 },
            16 => this with { Blob = !Blob },
            _ => this with { HelperBody = HelperBody + 1 },
        };

        public IEnumerable<(string Path, string Text)> Files()
        {
            yield return ("Enums.cs", $$"""
                using NpgsqlTypes;
                namespace TestModels;
                /// <summary>The customer's tier {{EnumDoc}}.</summary>
                public enum Tier { Free, {{(EnumMemberAdded ? "Gold, " : "")}}{{(EnumPgName ? "[PgName(\"professional\")] " : "")}}{{(EnumMemberRenamed ? "Premium" : "Pro")}} }
                """);
            yield return ("Limits.cs", $$"""
                namespace TestModels;
                public static class Limits
                {
                    public const int MaxStage = {{MaxStage}};
                }
                """);
            // The method comes first, so that editing its body moves the diagnostic on Blob (an unmappable type):
            // a result with a diagnostic in another file is never reused.
            yield return ("Entity.cs", $$"""
                namespace TestModels;
                public abstract class Entity
                {
                    public int Describe()
                    {
                {{(NullableDisabled ? "#nullable disable" : "")}}
                        return {{string.Concat(Enumerable.Repeat("1 + ", BaseBody))}}0;
                    }

                    /// <summary>When it was created {{BaseDoc}}.</summary>
                    public System.DateTime CreatedAt { get; set; }
                    public string Title { get; set; } = "";
                {{(Blob ? "    public object? Blob { get; set; }" : "")}}
                {{(BaseProperty ? "    public string? Note { get; set; }" : "")}}
                }
                """);
            yield return ("Customer.cs", $$"""
                using System.ComponentModel.DataAnnotations;
                using System.ComponentModel.DataAnnotations.Schema;
                namespace TestModels;
                [Table("customers")]
                public class Customer : Entity
                {
                    [Key] public {{(LongKey ? "long" : "int")}} Id { get; set; }
                    public Tier Tier { get; set; }
                }
                """);
            yield return ("GlobalUsings.cs", $$"""
                global using Amount = {{new[] { "decimal", "double", "long" }[Amount]}};
                {{(Kinds == 0 ? "" : "global using Kinds." + (Kinds == 1 ? "A" : "B") + ";")}}
                """);
            yield return ("Kinds.cs", """
                namespace Kinds.A { public enum Priority { Low, High } }
                namespace Kinds.B { public enum Priority { Low, Medium, High } }
                """);
            yield return ("Order.cs", $$"""
                {{(Priced ? "#define PRICED" : "")}}
                using System.ComponentModel.DataAnnotations;
                using System.ComponentModel.DataAnnotations.Schema;
                using SchemaGen;
                namespace TestModels;
                // A comment {{Comment}}.
                /// <summary>An order {{Doc}}.</summary>
                [Table("orders")]
                public class Order : Entity
                {
                    [Key] public int Id { get; set; }
                    [References(typeof(Customer))] public {{(LongKey ? "long" : "int")}} CustomerId { get; set; }
                    [Range(1, Limits.MaxStage)] public int Stage { get; set; } = 1;
                    public string Label { get; set; } = "";
                    public Amount Total { get; set; }
                    public Priority Priority { get; set; }
                #if PRICED
                    public decimal Price { get; set; }
                #endif

                    public int Remaining()
                    {
                        return {{Body}};
                    }
                }
                """);
            yield return ("Helper.cs", $$"""
                namespace TestModels;
                public static class Helper
                {
                    public static int Twice(int x) => x * {{HelperBody + 2}};
                }
                """);
        }
    }
}
