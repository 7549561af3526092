using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// Golden-file snapshots. A test's output is compared with the approved file under Golden/; on a difference
/// the test fails with a line diff and writes the output beside it as *.received.*. Run with
/// SCHEMAGEN_APPROVE=1 to accept new output (then review the change in git).
/// </summary>
public static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(FindTestsRoot(callerFile), "Golden");
        var approved = Path.Combine(directory, name);
        var received = Path.Combine(directory, Path.GetFileNameWithoutExtension(name) + ".received" + Path.GetExtension(name));
        actual = actual.Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable("SCHEMAGEN_APPROVE") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(approved, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(approved))
        {
            File.WriteAllText(received, actual);
            throw new XunitException($"No approved snapshot {name}. Review {received} and run with SCHEMAGEN_APPROVE=1 to accept it.");
        }

        var expected = File.ReadAllText(approved).Replace("\r\n", "\n");
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        throw new XunitException($"Snapshot {name} differs (output written to {received}):\n{Diff(expected, actual)}");
    }

    private static string FindTestsRoot(string callerFile)
    {
        var directory = Path.GetDirectoryName(callerFile)!;
        while (!File.Exists(Path.Combine(directory, "SchemaGen.Tests.csproj")))
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("SchemaGen.Tests.csproj not found above " + callerFile);
        return directory;
    }

    // The first differing lines with a little context: enough to see what changed without a diff tool.
    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        var lines = Enumerable.Range(Math.Max(0, first - 2), 8).Select(i =>
        {
            var before = i < e.Length ? e[i] : null;
            var after = i < a.Length ? a[i] : null;
            return before == after ? "  " + before : $"- {before}\n+ {after}";
        });
        return $"first difference at line {first + 1}:\n" + string.Join("\n", lines);
    }
}
