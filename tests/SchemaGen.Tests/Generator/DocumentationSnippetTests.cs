using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// Every C# snippet in README.md and docs/ that is a complete model (a file: it starts with its usings and
/// declares a [Table]) compiles as a user would paste it into a new project, with the generator and without
/// an error. A new project has the SDK's implicit global usings, and nothing else.
/// </summary>
public class DocumentationSnippetTests
{
    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; "
        + "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    public static IEnumerable<object[]> CompleteModels()
    {
        var root = Processes.RepositoryRoot();
        var files = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories));
        foreach (var file in files.OrderBy(f => f, System.StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            foreach (Match block in Regex.Matches(text, @"^[ \t]*```csharp\n(.*?)^[ \t]*```", RegexOptions.Singleline | RegexOptions.Multiline))
            {
                var code = block.Groups[1].Value;
                if (code.TrimStart().StartsWith("using ", System.StringComparison.Ordinal) && code.Contains("[Table("))
                    yield return [Path.GetRelativePath(root, file) + ":" + (text.Take(block.Index).Count(c => c == '\n') + 1), code];
            }
        }
    }

    [Fact]
    public void TheReadmeHasACompleteModel() =>
        Assert.Contains(CompleteModels(), m => ((string)m[0]).StartsWith("README.md:", System.StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(CompleteModels))]
    public void ACompleteModelCompilesAsPasted(string where, string code)
    {
        var result = GeneratorHarness.Run(ImplicitUsings, code);
        var errors = result.GeneratorDiagnostics.Concat(result.Compilation.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, where + ":\n" + string.Join("\n", errors));
        Assert.NotNull(result.GeneratedSource);
    }
}
