using System.Linq;
using SchemaGen.Model;
using Xunit;

namespace SchemaGen.Tests.Model;

/// <summary>
/// <see cref="SqlSyntax.Statements"/>: a script splits at the semicolons that end statements, never at one inside a
/// string, a quoted identifier, a dollar-quoted body or a comment, and each statement keeps its offset in the script.
/// </summary>
public class StatementSplittingTests
{
    [Fact]
    public void Semicolons_inside_quotes_bodies_and_comments_do_not_split()
    {
        const string script = """
            CREATE TABLE "a;b" (note text DEFAULT 'x;y'); -- a comment; still one
            /* block; comment */ CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
              SELECT 'it''s;'
            """;

        var statements = SqlSyntax.Statements(script);

        Assert.Equal(3, statements.Count);
        Assert.StartsWith("CREATE TABLE \"a;b\"", statements[0].Text);
        Assert.StartsWith("-- a comment; still one", statements[1].Text);
        Assert.EndsWith("$body$;", statements[1].Text);
        Assert.Equal("SELECT 'it''s;'", statements[2].Text);
        Assert.All(statements, s => Assert.Equal(s.Text, script.Substring(s.Start, s.Text.Length)));
    }
}
