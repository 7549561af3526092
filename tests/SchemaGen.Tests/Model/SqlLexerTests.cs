using System.Linq;
using CsCheck;
using SchemaGen.Model;
using Xunit;

namespace SchemaGen.Tests.Model;

/// <summary>
/// <see cref="SqlLexer"/> on its own: it never throws, its tokens tile the text (only white space between them), and
/// the rules of scan.l that the server oracle cannot show token by token (operators, nesting comments, positions).
/// </summary>
public class SqlLexerTests
{
    private static readonly Gen<string> Text = Gen.OneOf<string>(
        "'", "\"", "$", "$$", "$a$", "E'", "U&'", "U&\"", "B'", "X'", "\\", "--", "/*", "*/", "\n", " ", "\t", "\v", ";", ":", "::", ".", "..",
        "(", ")", "a", "Ab", "é", "1", "1.5", "e", "+", "-", "<=", "!", "@", "😀", "\0", "UESCAPE", "'!'")
        .Array[0, 30].Select(parts => string.Concat(parts));

    [Fact]
    public void Tokens_tile_any_text_with_white_space_between_them()
    {
        Text.Sample(sql =>
        {
            var tokens = SqlLexer.Tokens(sql, 0, sql.Length, comments: true);
            var at = 0;
            foreach (var token in tokens)
            {
                Assert.True(token.Start >= at && token.End > token.Start && token.End <= sql.Length, $"{token} at {token.Start}-{token.End} after {at}");
                Assert.True(sql.Substring(at, token.Start - at).All(SqlLexer.IsSpace), $"'{sql.Substring(at, token.Start - at)}' before {token}");
                Assert.Equal(sql.Substring(token.Start, token.End - token.Start), token.Text);
                at = token.End;
            }

            Assert.True(sql.Substring(at).All(SqlLexer.IsSpace));
            // Without comments: the same tokens less the comments.
            Assert.Equal(tokens.Where(t => t.Kind != SqlTokenKind.Comment), SqlLexer.Tokens(sql));
        }, iter: 3000);
    }

    [Theory]
    [InlineData("a+-1", "a|+|-|1")] // a trailing + or - is cut from an operator of only +-*/<>=
    [InlineData("a@-1", "a|@-|1")] // but kept when the operator has one of ~!@#^&|`?%
    [InlineData("x<=y", "x|<=|y")]
    [InlineData("a*/*c*/b", "a|*|b")] // an operator stops where a comment starts
    [InlineData("1..2", "1|..|2")]
    [InlineData("x::int", "x|::|int")]
    [InlineData("$1.5", "$1|.5")]
    [InlineData("a$b$c", "a$b$c")] // $ continues a name, so this is no dollar quote
    [InlineData("/* a /* b */ c */ d", "d")] // comments nest
    [InlineData(".5e-3x", ".5e-3x")] // trailing junk stays one token (an error)
    public void Tokens_are_split_as_scan_l_splits_them(string sql, string expected)
    {
        Assert.Equal(expected, string.Join("|", SqlLexer.Tokens(sql).Select(t => t.Text)));
    }

    [Fact]
    public void Unterminated_quotes_and_comments_run_to_the_end_with_an_error_at_their_start()
    {
        foreach (var (sql, message) in new[] { ("x 'abc", "string literal"), ("x \"abc", "quoted identifier"), ("x $q$ abc $p$", "$q$"), ("x /* a /* b */", "comment") })
        {
            var error = SqlLexer.FirstError(SqlLexer.Tokens(sql, 0, sql.Length, comments: true));
            Assert.NotNull(error);
            Assert.Equal((2, sql.Length), (error.Value.Start, error.Value.End));
            Assert.Contains(message, error.Value.Error);
            Assert.Contains("not closed", error.Value.Error);
        }
    }
}
