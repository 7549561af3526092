using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// SG0006: a [RegularExpression] pattern using a .NET construct that PostgreSQL 15 refuses, or runs with
/// another meaning, is an error at the pattern, naming the construct and what to write instead. The list is
/// held to the real engine: every construct flagged is refused by the test server or gives another answer than
/// Validator, and the constructs left alone (lookbehind among them) run on it as in .NET.
/// </summary>
public class RegexCompatibilityTests
{
    /// <summary>How PostgreSQL treats a flagged construct.</summary>
    public enum Engine
    {
        /// <summary>CREATE TABLE fails: invalid regular expression.</summary>
        Refuses,

        /// <summary>PostgreSQL runs it, and decides <c>Witness</c> otherwise than Validator.</summary>
        Misreads,
    }

    /// <summary>One flagged construct: a pattern using it (and nothing else flagged), and what the message quotes.</summary>
    public sealed record Construct(string Name, string Pattern, string Quoted, Engine Engine, string Witness = "")
    {
        public override string ToString() => Name;
    }

    public static readonly Construct[] Flagged =
    [
        new("named group", @"(?<year>\d{4})-\d{2}", "(?<year>", Engine.Refuses),
        new("named group in quotes", @"(?'year'\d{4})", "(?'year'", Engine.Refuses),
        new("named back reference", @"(a)\k<1>", @"\k<1>", Engine.Refuses),
        new("atomic group", @"(?>a+)b", "(?>", Engine.Refuses),
        new("possessive *+", "a*+b", "*+", Engine.Refuses),
        new("possessive ++", "a++b", "++", Engine.Refuses),
        new("possessive ?+", "a?+b", "?+", Engine.Refuses),
        new("possessive {n}+", "a{2}+b", "{2}+", Engine.Refuses),
        new(@"\p{…}", @"\p{L}+", @"\p{L}", Engine.Refuses),
        new(@"\P{…}", @"\P{Nd}+", @"\P{Nd}", Engine.Refuses),
        new("(?m)", "(?m)abc", "(?m)", Engine.Refuses),
        new("(?s)", "(?s)a.b", "(?s)", Engine.Refuses),
        new("(?x)", "(?x)a b", "(?x)", Engine.Refuses),
        new("(?n)", "(?n)(a)b", "(?n)", Engine.Refuses),
        new("(?-i)", "(?-i)abc", "(?-i)", Engine.Refuses),
        new("(?i) not at the start", "a(?i)bc", "(?i)", Engine.Refuses),
        new("scoped (?i:…)", "(?i:a)bc", "(?i:", Engine.Refuses),
        new("conditional group", "(?(a)ab|c)", "(?(", Engine.Refuses),
        new(@"\G", @"\Gabc", @"\G", Engine.Refuses),
        new(@"\z", @"abc\z", @"\z", Engine.Refuses),
        new("class subtraction", "[a-z-[aeiou]]+", "-[aeiou]", Engine.Refuses),
        new("back reference in a lookaround", @"(a)(?<=\1)", @"\1", Engine.Refuses),
        new("repetition count over 255", "a{1,256}", "{1,256}", Engine.Refuses),
        new(@"\b (backspace in PostgreSQL)", @"abc\b", @"\b", Engine.Misreads, "abc"),
        new(@"\B (backslash in PostgreSQL)", @"a\Bb", @"\B", Engine.Misreads, "ab"),
        new(@"\x with a third hex digit", @"\x41B", @"\x41", Engine.Misreads, "AB"),
        new("POSIX class in brackets", "[[:alpha:]]+", "[:alpha:]", Engine.Misreads, "abc"),
        new(@"\w (every Unicode letter, mark and digit in .NET)", @"\w+", @"\w", Engine.Misreads, "a\u0301"),
        new(@"\W", @"a\Wb", @"\W", Engine.Misreads, "a\u0301b"),
    ];

    /// <summary>Patterns using constructs PostgreSQL 15 runs as .NET does, with values to compare both engines on.</summary>
    public static readonly (string Pattern, string[] Values)[] Compatible =
    [
        ("[0-9a-f]{64}", [new string('a', 64), new string('g', 64)]),
        ("[a-z][a-z0-9_]*", ["job_1", "1job", "Job"]),
        (@"(?i)abc", ["abc", "ABC", "abd"]),
        (@"a(?<=a)b", ["ab", "b"]),
        (@"\d+(?<!0)", ["10", "11", "0"]),
        (@"(?<=^)x", ["x"]),
        (@"(?=.*\d)[a-z\d]{3,}", ["ab1", "abc", "1"]),
        (@"[a-z]+(?!x)", ["abc", "abx"]),
        (@"(a|b)\1", ["aa", "ab", "bb"]),
        (@"\Aabc\Z", ["abc", "abcd"]),
        (@"a(?#a comment)b", ["ab", "a b"]),
        (@"\x41\u0042", ["AB", "ab"]),
        (@"[\b]x", ["\bx", "bx"]),
        (@"[(?<x>)]+", ["(?<x>)", "y"]),
        (@"a{,3}", ["a{,3}", "aaa"]),
        (@"[a-z]{1,255}", ["abc", new string('a', 256)]),
        (@"a+?b", ["aab", "ab", "b"]),
        (@"[A-Za-z0-9_]+@[A-Za-z0-9_]+\.com", ["me@example.com", "me@example.org"]),
        (@"[A-Za-z0-9_\-. ]+", ["a-b. c", "a/b"]),
        (@"\s*\S+\s*", [" a ", "   "]),
        (@"\t\n?\r?", ["\t", "\t\n\r", "x"]),
        // What the messages advise instead of \b, \B, (?s) and \x41B:
        (@"abc(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])", ["abc"]),
        (@"a(?<=[A-Za-z0-9_])(?=[A-Za-z0-9_])b", ["ab"]),
        (@"a[\s\S]b", ["a\nb", "a b", "ab"]),
        (@"\u0041B", ["AB", "\u041b"]),
    ];

    public static IEnumerable<object[]> FlaggedCases() => Flagged.Select(c => new object[] { c });

    public static IEnumerable<object[]> CompatiblePatterns() => Compatible.Select(c => new object[] { c.Pattern });

    [Theory]
    [MemberData(nameof(FlaggedCases))]
    public void ConstructIsAnErrorAtThePatternNamingItAndTheFix(Construct construct)
    {
        var literal = "@\"" + construct.Pattern.Replace("\"", "\"\"") + "\"";
        var result = GeneratorHarness.Run(Model($"[RegularExpression({literal})] public string? Value {{ get; set; }}"));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0006");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(literal, SourceText(diagnostic));
        var message = diagnostic.GetMessage();
        Assert.StartsWith("[RegularExpression] on 'Probe.Value' uses ", message);
        Assert.Contains("'" + construct.Quoted, message);
        Assert.Matches("(write|remove|list|move|make) ", message); // what to do instead

        // The CHECK PostgreSQL would refuse or misread is left out; the rest of the table is generated.
        Assert.DoesNotContain("ck_probe_value_regex", result.RenderedSql);
        Assert.Contains("CREATE TABLE public.probe", result.RenderedSql);
    }

    [Fact]
    public void TheDiagnosticIsAtTheArgumentWhateverFormItTakes()
    {
        var result = GeneratorHarness.Run(Model("""
            [RegularExpression(pattern: Patterns.Year)] public string? Named { get; set; }
            [RegularExpression(Patterns.Year, ErrorMessage = "a year")] public string? Constant { get; set; }
            """) + """

            public static class Patterns { public const string Year = @"(?<y>\d{4})"; }
            """);
        Assert.Equal(["Patterns.Year", "Patterns.Year"], result.GeneratorDiagnostics.Where(d => d.Id == "SG0006").Select(SourceText));
    }

    [Fact]
    public void EachConstructOfAPatternIsReportedOnce()
    {
        var result = GeneratorHarness.Run(Model("""[RegularExpression(@"(?<a>x)(?<b>y)\p{L}\p{N}")] public string? Value { get; set; }"""));
        var messages = result.GeneratorDiagnostics.Where(d => d.Id == "SG0006").Select(d => d.GetMessage()).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains("named group '(?<a>'", messages[0]);
        Assert.Contains(@"Unicode category '\p{L}'", messages[1]);
    }

    [Theory]
    [MemberData(nameof(CompatiblePatterns))]
    public void APatternPostgreSqlRunsAsDotNetDoesHasNoDiagnostic(string pattern)
    {
        var literal = "@\"" + pattern.Replace("\"", "\"\"") + "\"";
        var result = GeneratorHarness.Run(Model($"[RegularExpression({literal})] public string? Value {{ get; set; }}"));
        Assert.Empty(result.AllDiagnostics);
        Assert.Contains("ck_probe_value_regex", result.Load().Sql);
    }

    [Theory]
    [InlineData(@"\")]
    [InlineData(@"(?")]
    [InlineData(@"(?<")]
    [InlineData(@"(?'x")]
    [InlineData(@"(?(")]
    [InlineData(@"[a-")]
    [InlineData(@"[a-[")]
    [InlineData(@"[[:")]
    [InlineData(@"[^")]
    [InlineData(@"a{")]
    [InlineData(@"a{1,")]
    [InlineData(@"a{99999999999999999999}")]
    [InlineData(@"\k")]
    [InlineData(@"\k<")]
    [InlineData(@"\p{")]
    [InlineData(@"\x4")]
    [InlineData(@"\u00")]
    [InlineData(@"))((")]
    [InlineData(@"(?i)")]
    [InlineData(@"(?imnsx-")]
    public void HalfTypedPatternsNeverCrashTheGenerator(string pattern)
    {
        // GeneratorHarness.Run fails the test if the generator throws.
        GeneratorHarness.Run(Model($"[RegularExpression(@\"{pattern.Replace("\"", "\"\"")}\")] public string? Value {{ get; set; }}"));
    }

    [Fact]
    public async Task EveryFlaggedConstructIsRefusedOrMisreadByPostgreSql()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var version = await connection.ScalarAsync<int>("SELECT current_setting('server_version_num')::int");
        var wrong = new List<string>();
        foreach (var construct in Flagged)
        {
            // .NET runs every flagged pattern, except possessive quantifiers, which it refuses as well.
            var dotNetRefuses = !IsValidDotNetPattern(construct.Pattern);
            if (dotNetRefuses != construct.Name.StartsWith("possessive", StringComparison.Ordinal))
                wrong.Add($"{construct.Name}: .NET {(dotNetRefuses ? "refuses" : "accepts")} the pattern");

            var (postgres, error) = await PostgresMatches(connection, construct.Pattern, construct.Witness);
            if (construct.Engine == Engine.Refuses && error == null)
                wrong.Add($"{construct.Name}: PostgreSQL {version} runs '{construct.Pattern}'");
            if (construct.Engine == Engine.Misreads)
            {
                var validator = new RegularExpressionAttribute(construct.Pattern).IsValid(construct.Witness);
                if (error != null || postgres == validator)
                    wrong.Add($"{construct.Name}: PostgreSQL {version} {(error != null ? "refuses it: " + error : "agrees with Validator on '" + construct.Witness + "'")}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task EveryPatternLeftAloneRunsOnPostgreSqlAsValidatorDecides()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var wrong = new List<string>();
        foreach (var (pattern, values) in Compatible)
        {
            foreach (var value in values)
            {
                var validator = new RegularExpressionAttribute(pattern).IsValid(value);
                var (postgres, error) = await PostgresMatches(connection, pattern, value);
                if (error != null || postgres != validator)
                    wrong.Add($"'{pattern}' on '{value}': Validator {validator}, PostgreSQL {(error ?? postgres.ToString())}");
            }
        }

        Assert.Empty(wrong);
    }

    private static string Model(string members) => """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        namespace TestModels;

        [Table("probe")]
        public class Probe
        {
            [Key] public int Id { get; set; }

        """ + members + "\n}\n";

    // The value as the generated CHECK tests it (docs/type-mapping.md): '' passes, else the whole value must
    // match, with a leading (?i) kept in front of the anchors.
    private static async Task<(bool Matches, string? Error)> PostgresMatches(NpgsqlConnection connection, string pattern, string value)
    {
        var options = pattern.StartsWith("(?i)", StringComparison.Ordinal) ? "(?i)" : "";
        var anchored = options + "^(?:" + pattern[options.Length..] + ")$";
        try
        {
            var matches = await connection.ScalarAsync<bool>("SELECT $1 ~ $2", value, anchored);
            return (value == "" || matches, null);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidRegularExpression)
        {
            return (false, e.MessageText);
        }
    }

    private static bool IsValidDotNetPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string SourceText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
