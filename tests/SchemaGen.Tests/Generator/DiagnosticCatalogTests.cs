using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// Every diagnostic SchemaGen can report has a help link to its page, the page exists in docs/diagnostics,
/// and AnalyzerReleases lists it with the same severity (and lists nothing else).
/// </summary>
public class DiagnosticCatalogTests
{
    private const string HelpLinkBase = "https://github.com/schemagen/schemagen/blob/main/docs/diagnostics/";

    private static readonly Type Descriptors = typeof(SchemaGenerator).Assembly.GetType("SchemaGen.Generators.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;

    private static IReadOnlyList<DiagnosticDescriptor> All() =>
        Descriptors.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    [Fact]
    public void EveryDescriptorLinksToItsPageAndThePageExists()
    {
        var descriptors = All();
        Assert.NotEmpty(descriptors);
        Assert.Equal(HelpLinkBase, Descriptors.GetField("HelpLinkBase", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null));
        foreach (var descriptor in descriptors)
        {
            Assert.Equal(HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            var page = Path.Combine(RepositoryRoot(), "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{descriptor.Id} has no page {page}");
            Assert.StartsWith("# " + descriptor.Id + ":", File.ReadLines(page).First());
        }
    }

    [Fact]
    public void AnalyzerReleasesListExactlyTheDescriptorsWithTheirSeverity()
    {
        var released = new Dictionary<string, string>();
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot(), "src", "SchemaGen.Generators", file)))
            {
                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length >= 3 && cells[0].StartsWith("SG", StringComparison.Ordinal))
                    released.Add(cells[0], cells[2]);
            }
        }

        var descriptors = All().GroupBy(d => d.Id).ToDictionary(g => g.Key, g => Assert.Single(g.Select(d => d.DefaultSeverity).Distinct()).ToString());
        Assert.Equal(descriptors.OrderBy(p => p.Key), released.OrderBy(p => p.Key));
    }

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "SchemaGen.Generators.sln")))
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("SchemaGen.Generators.sln not found above " + AppContext.BaseDirectory);
        return directory;
    }
}
