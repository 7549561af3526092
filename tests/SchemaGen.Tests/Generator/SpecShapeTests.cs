using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SchemaGen.Model;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// No cached step holds a Roslyn object: a symbol, syntax node or tree, location, compilation or semantic model in
/// a step's output would keep old compilations alive and make the step differ on every edit. The check walks the
/// output types of every step TrackingNames names (records, EquatableArray&lt;T&gt;, generic arguments, properties,
/// fields, and every subtype of an abstract type), and is shown to catch a type that hides a Location.
/// </summary>
public class SpecShapeTests
{
    private static readonly Type[] Banned =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel)];

    [Fact]
    public void NoTrackedStepOutputHoldsARoslynObject()
    {
        var (_, _, run) = IncrementalTests.RunOnce();
        foreach (var step in IncrementalTests.AllSteps())
        {
            Assert.True(run.TrackedSteps.TryGetValue(step, out var steps), $"step {step} did not run");
            var types = steps!.SelectMany(s => s.Outputs).Select(o => o.Value?.GetType()).Where(t => t != null).Distinct().ToList();
            Assert.NotEmpty(types);
            foreach (var type in types)
                Assert.Empty(Offences(type!, step));
        }
    }

    [Fact]
    public void TheWalkFindsALocationHiddenInAnEquatableArrayOfANestedRecord() =>
        Assert.Equal(["LeakySpec.Items<Leaky>.At: Microsoft.CodeAnalysis.Location"], Offences(typeof(LeakySpec), nameof(LeakySpec)));

    [Fact]
    public void TheWalkFindsASymbolInASubtypeOfAnAbstractRecord() =>
        Assert.Equal(["Target.Sub.Symbol: Microsoft.CodeAnalysis.ISymbol"], Offences(typeof(Target), nameof(Target)).Select(o => o.Replace(typeof(Target).Name + "+", "")));

    [Fact]
    public void TheWalkPassesPlainData() => Assert.Empty(Offences(typeof(PlainSpec), nameof(PlainSpec)));

    private static List<string> Offences(Type root, string name)
    {
        var offences = new List<string>();
        Walk(root, name, new HashSet<Type>(), offences);
        return offences;
    }

    private static void Walk(Type type, string path, HashSet<Type> seen, List<string> offences)
    {
        if (Banned.Any(b => b.IsAssignableFrom(type)))
        {
            offences.Add(path + ": " + type.FullName);
            return;
        }

        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type.IsPointer)
            return;
        if (type.IsArray)
        {
            Walk(type.GetElementType()!, path + "[]", seen, offences);
            return;
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            Walk(argument, path + "<" + argument.Name + ">", seen, offences);

        // BCL types (Nullable<T>, ImmutableArray<T>, Type) and Roslyn's plain values (TextSpan, DiagnosticDescriptor)
        // are judged by their generic arguments only; ours are opened up.
        var ns = type.Namespace ?? "";
        if (ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            return;

        const BindingFlags members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var current = type; current != null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(members).Where(f => !f.Name.Contains("k__BackingField", StringComparison.Ordinal)))
                Walk(field.FieldType, path + "." + field.Name, seen, offences);
            foreach (var property in current.GetProperties(members).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
                Walk(property.PropertyType, path + "." + property.Name, seen, offences);
        }

        if (type.IsAbstract)
        {
            foreach (var subtype in type.Assembly.GetTypes().Where(t => t != type && type.IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
                Walk(subtype, path + "." + subtype.Name, seen, offences);
        }
    }

    private sealed record Leaky(string Name, Location At);

    private sealed record LeakySpec(string Name, EquatableArray<Leaky> Items);

    private abstract record Target
    {
        public sealed record Sub(ISymbol Symbol) : Target;

        public sealed record Fine(string Name) : Target;
    }

    private sealed record PlainSpec(string Name, EquatableArray<string> Names, Microsoft.CodeAnalysis.Text.TextSpan Span, int? Count);
}
