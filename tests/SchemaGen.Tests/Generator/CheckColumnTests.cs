using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// SG0013 for [Check]: a name in the SQL that is not a column of the table is an error at the SQL, naming it
/// and the column it most likely meant. The scan is conservative: literals, functions, casts, keywords and
/// qualified names are never taken for columns, and every valid check below is run on PostgreSQL to prove it.
/// </summary>
public class CheckColumnTests
{
    private const string Usings = """
        using System;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using SchemaGen;
        namespace TestModels;

        """;

    [Fact]
    public async Task ATypoInACheckIsAnErrorAtTheSqlWithTheNearestColumn()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("jobs")]
            [Check("stage <= total_stage")]
            public class Job
            {
                [Key] public int Id { get; set; }
                public int Stage { get; set; }
                public int TotalStages { get; set; }
            }
            """);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0013");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("\"stage <= total_stage\"", SourceText(diagnostic));
        Assert.Equal("[Check] on 'Job' refers to 'total_stage', which is not a column of table 'jobs'; did you mean 'total_stages'?", diagnostic.GetMessage());

        // The CHECK is still generated as written, so suppressing a false positive keeps the constraint; here
        // PostgreSQL indeed refuses it.
        Assert.Contains("CHECK (stage <= total_stage)", result.RenderedSql);
        await using var connection = await Postgres.NewDatabaseAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "CREATE TABLE jobs (id integer PRIMARY KEY, stage integer NOT NULL, total_stages integer NOT NULL, CHECK (stage <= total_stage))"));
        Assert.Equal(PostgresErrorCodes.UndefinedColumn, error.SqlState);
        Assert.Contains("total_stage", error.MessageText);
    }

    [Fact]
    public void EveryUnknownNameIsReportedOnceAndFarOffNamesListTheColumns()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("jobs")]
            [Check("colour IN ('red', 'blue') AND colour <> 'green'", Name = "ck_jobs_colour")]
            [Check(sql: "stage > 0 AND Stagee < 10")]
            public class Job
            {
                [Key] public int Id { get; set; }
                public int Stage { get; set; }
            }
            """);

        var diagnostics = result.GeneratorDiagnostics.Where(d => d.Id == "SG0013").ToList();
        Assert.Equal(2, diagnostics.Count);
        Assert.Equal("\"colour IN ('red', 'blue') AND colour <> 'green'\"", SourceText(diagnostics[0]));
        Assert.EndsWith("refers to 'colour', which is not a column of table 'jobs'; its columns are id, stage", diagnostics[0].GetMessage());
        Assert.Equal("\"stage > 0 AND Stagee < 10\"", SourceText(diagnostics[1]));
        Assert.EndsWith("refers to 'Stagee', which is not a column of table 'jobs'; did you mean 'stage'?", diagnostics[1].GetMessage());
    }

    [Fact]
    public void QuotedNamesKeepTheirCaseAndUnquotedOnesAreFolded()
    {
        // With AsIs naming the column is "Quantity": unquoted, PostgreSQL looks for quantity.
        var result = GeneratorHarness.Run(Usings.Replace("namespace TestModels;", """
            [assembly: SchemaOptions(Naming = NamingConvention.AsIs)]
            namespace TestModels;
            """) + """
            [Table("lines")]
            [Check("Quantity > 0")]
            [Check("\"Quantity\" < 1000")]
            [Check("\"quantity\" <> 13")]
            public class Line
            {
                [Key] public int Id { get; set; }
                public int Quantity { get; set; }
            }
            """);

        var diagnostics = result.GeneratorDiagnostics.Where(d => d.Id == "SG0013").ToList();
        Assert.Equal(["\"Quantity > 0\"", "\"\\\"quantity\\\" <> 13\""], diagnostics.Select(SourceText));
        Assert.EndsWith("refers to 'Quantity', which is not a column of table 'lines'; did you mean '\"Quantity\"'?", diagnostics[0].GetMessage());
        Assert.Contains("refers to '\"quantity\"'", diagnostics[1].GetMessage());
    }

    [Fact]
    public void ACheckNamingAPropertyThatCouldNotBeMappedIsNotReportedTwice()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("links")]
            [Check("target IS NOT NULL")]
            public class Link { [Key] public int Id { get; set; } public Uri Target { get; set; } = null!; }
            """);
        Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0001");
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SG0013");
    }

    [Fact]
    public void IndexAndForeignKeyNamesAreStillCheckedAsProperties()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("items")]
            [Index("Missing")]
            public class Item { [Key] public int Id { get; set; } }
            """);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0013");
        Assert.Equal("[Index] on 'Item' names 'Missing', which is not a mapped property of 'Item'", diagnostic.GetMessage());
    }

    [Fact]
    public async Task ValidChecksHaveNoDiagnosticAndPostgreSqlCreatesThem()
    {
        var result = GeneratorHarness.Run(Usings + """
            public enum Kind { Small, Large }

            [Table("things")]
            [Check("char_length(name) > 0 AND lower(name) <> 'none'")]
            [Check("low <= high AND high < 1e6 AND low > -.5")]
            [Check("created_at <= now() + interval '1 day' AND created_at > date '2000-01-01'")]
            [Check("low::numeric BETWEEN 0 AND 10 OR low::double precision > 0.5e-3 OR CAST(low AS bigint) < 0")]
            [Check("extract(year FROM created_at) >= 2000 AND date_part('dow', created_at) IS NOT NULL")]
            [Check("name ~ E'^\\\\w+$' AND name <> $$it's \"x\"$$ AND name <> $t$y$t$ AND name COLLATE \"C\" >= 'a'")]
            [Check("coalesce(low, 0) < greatest(high, 1) AND NOT (low IS NULL) AND low IS DISTINCT FROM 99")]
            [Check("kind <> 'large'::kind OR tags @> ARRAY['big']::text[]")]
            [Check("CASE WHEN kind = 'small' THEN high < 100 ELSE true END")]
            [Check("things.low < things.high -- the same, qualified\n /* and commented */")]
            [Check("\"name\" <> '' AND position('x' IN name) >= 0 AND substring(name FROM 1 FOR 1) IS NOT NULL")]
            [Check("created_at AT TIME ZONE 'UTC' < localtimestamp + interval '1 year' AND current_date > '2000-01-01'")]
            public class Thing
            {
                [Key] public int Id { get; set; }
                public string Name { get; set; } = null!;
                public int Low { get; set; }
                public int High { get; set; }
                public Kind Kind { get; set; }
                public string[] Tags { get; set; } = null!;
                public DateTime CreatedAt { get; set; }
            }
            """);

        Assert.Empty(result.AllDiagnostics);
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync(result.Load().Sql);
    }

    [Theory]
    [InlineData("'unterminated")]
    [InlineData("\"unterminated")]
    [InlineData("E'\\")]
    [InlineData("$$")]
    [InlineData("$a")]
    [InlineData("/*")]
    [InlineData("-- only a comment")]
    [InlineData("1e")]
    [InlineData("U&")]
    [InlineData("U&'x")]
    [InlineData("::")]
    [InlineData("x::")]
    [InlineData("\"\"")]
    [InlineData("(((")]
    public void HalfTypedChecksNeverCrashTheGenerator(string sql)
    {
        // GeneratorHarness.Run fails the test if the generator throws.
        GeneratorHarness.Run(Usings + $$"""
            [Table("t")]
            [Check({{SymbolDisplay(sql)}})]
            public class T { [Key] public int Id { get; set; } }
            """);
    }

    private static string SymbolDisplay(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);

    private static string SourceText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
