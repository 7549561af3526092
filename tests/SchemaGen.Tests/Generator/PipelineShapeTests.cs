using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// Every value that passes between the pipeline's steps is a class, an ImmutableArray of classes or a pair of classes:
/// the shapes of Roslyn's own ForAttributeWithMetadataName, whose step code the compiler's precompiled image holds. Any
/// other value type (a tuple holding an array or a tuple, an EquatableArray) makes the JIT compile Roslyn's step tables
/// again for it in every build (ClassShapedSteps; docs/benchmarks.md). The walk starts at the source outputs and follows
/// every step's inputs back to ForAttributeWithMetadataName's transforms, so untracked steps are seen too; a model with a
/// diagnostic runs the reporting branch.
/// </summary>
public class PipelineShapeTests
{
    [Fact]
    public void EveryStepPassesClassesOrTheShapesRoslynPrecompiles()
    {
        var (_, _, run) = IncrementalTests.RunOnce();
        var withDiagnostic = GeneratorHarness.CreateDriver(trackSteps: true)
            .RunGenerators(GeneratorHarness.Compile("""
                using System;
                using System.ComponentModel.DataAnnotations;
                using System.ComponentModel.DataAnnotations.Schema;
                namespace TestModels;
                [Table("links")]
                public class Link { [Key] public int Id { get; set; } public Uri Target { get; set; } = null!; }
                """))
            .GetRunResult().Results.Single();
        Assert.Contains(withDiagnostic.Diagnostics, d => d.Id == "SG0001");

        var shapes = new[] { run, withDiagnostic }.SelectMany(OutputTypes).Distinct().ToList();
        Assert.Contains(shapes, t => t.Type.IsGenericType && t.Type.GetGenericTypeDefinition() == typeof(ValueTuple<,>)); // the walk reached a Combine
        Assert.Empty(shapes.Where(t => !Precompiled(t.Type)).Select(t => t.Step + ": " + t.Type));
    }

    [Theory]
    [InlineData(typeof(string), true)]
    [InlineData(typeof(ImmutableArray<string>), true)]
    [InlineData(typeof(ValueTuple<string, object>), true)]
    [InlineData(typeof(ValueTuple<ImmutableArray<string>, string>), false)]
    [InlineData(typeof(ValueTuple<ValueTuple<string, string>, string>), false)]
    [InlineData(typeof(SchemaGen.Model.EquatableArray<string>), false)]
    [InlineData(typeof(int), false)]
    public void TheRuleTellsTheShapes(Type type, bool precompiled) => Assert.Equal(precompiled, Precompiled(type));

    private static bool Precompiled(Type type)
    {
        if (!type.IsValueType)
            return true;
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : null;
        return (definition == typeof(ImmutableArray<>) || definition == typeof(ValueTuple<,>)) && type.GetGenericArguments().All(a => !a.IsValueType);
    }

    private static IEnumerable<(string? Step, Type Type)> OutputTypes(GeneratorRunResult run)
    {
        var seen = new HashSet<IncrementalGeneratorRunStep>();
        var pending = new Stack<IncrementalGeneratorRunStep>(run.TrackedOutputSteps.Values.SelectMany(steps => steps));
        while (pending.Count > 0)
        {
            var step = pending.Pop();
            if (!seen.Add(step))
                continue;
            foreach (var (value, _) in step.Outputs)
                yield return (step.Name, value.GetType());
            if (step.Name is "ParsedTables" or "ParsedWrappers")
                continue; // ForAttributeWithMetadataName's transform: the steps before it are Roslyn's own
            foreach (var (source, _) in step.Inputs)
                pending.Push(source);
        }
    }
}
