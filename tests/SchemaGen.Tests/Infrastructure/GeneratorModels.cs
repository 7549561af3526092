using System;
using System.Collections;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// The model as the generator holds it (its own, internal copy of the SchemaGen.Model records), taken from the
/// pipeline's tracked SchemaSpec step, and a structural comparison of it with the runtime's records.
/// </summary>
public static class GeneratorModels
{
    /// <summary>Runs the generator with step tracking and returns the SchemaModel of its SchemaSpec (null if none).</summary>
    public static object? Of(string[] sources, (string Path, string Text)[] templates)
    {
        var driver = GeneratorHarness.CreateDriver(trackSteps: true, additionalTexts: templates.Select(t => (AdditionalText)new GeneratorHarness.Template(t.Path, t.Text)))
            .RunGenerators(GeneratorHarness.Compile(sources));
        var run = driver.GetRunResult().Results.Single();
        var spec = run.TrackedSteps["SchemaSpec"].SelectMany(s => s.Outputs).Select(o => o.Value).SingleOrDefault();
        return spec?.GetType().GetProperty("Model")!.GetValue(spec);
    }

    /// <summary>
    /// Where two model graphs of different assemblies differ, member by member (records by property name, enums by
    /// name, arrays item by item); null when they are equal.
    /// </summary>
    public static string? FirstDifference(object? expected, object? actual, string path = "model")
    {
        if (expected == null || actual == null)
            return expected == null && actual == null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        var type = expected.GetType();
        if (type == typeof(string) || type.IsPrimitive)
            return expected.Equals(actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        if (type.IsEnum)
            return actual.GetType().IsEnum && expected.ToString() == actual.ToString() ? null : $"{path}: expected {expected}, got {actual}";
        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = actualItems.Cast<object?>().ToList();
            if (left.Count != right.Count)
                return $"{path}: expected {left.Count} items, got {right.Count}";
            return left.Select((item, i) => FirstDifference(item, right[i], $"{path}[{i}]")).FirstOrDefault(d => d != null);
        }

        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract" && p.GetIndexParameters().Length == 0).ToList();
        var actualType = actual.GetType();
        if (actualType.Name != type.Name)
            throw new XunitException($"{path}: comparing a {type.Name} with a {actualType.Name}");
        var missing = members.Select(p => p.Name).Except(actualType.GetProperties().Select(p => p.Name)).ToList();
        if (missing.Count > 0)
            throw new XunitException($"{path}: the runtime's {actualType.Name} has no {string.Join(", ", missing)}");
        return members.Select(p => FirstDifference(p.GetValue(expected), actualType.GetProperty(p.Name)!.GetValue(actual), path + "." + p.Name))
            .FirstOrDefault(d => d != null);
    }

    private static string Show(object? value) => value == null ? "null" : value is string s ? "\"" + s + "\"" : value.ToString()!;
}
