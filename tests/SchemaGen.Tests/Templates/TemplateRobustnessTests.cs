using System.Linq;
using CsCheck;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// Half-written templates, as they are while someone types them, never crash the generator; what PostgreSQL cannot take
/// as written (a NUL anywhere in a statement, a name it would cut at 63 bytes) is a diagnostic at its line, and the
/// statement is left out of the model.
/// </summary>
public class TemplateRobustnessTests
{
    private const string Model = """
        namespace TestModels;
        [Table("items")]
        public class Item { [Key] public int Id { get; set; } }
        """;

    private static readonly string[] Fragments =
    [
        "CREATE", " OR", " REPLACE", " FUNCTION", " TRIGGER", " f", " public.", "\"Q\"", "(", ")", ",", " p_a", " integer", " DEFAULT", " 1",
        " RETURNS", " TABLE", " SETOF", " trigger", " LANGUAGE", " sql", " AS", " $$", " $x$", " SELECT", " ;", "'", "E'\\'", "--", "\n", "/*", "*/",
        " BEFORE", " UPDATE", " ON", " items", " FOR EACH ROW", " EXECUTE", " PROCEDURE", " =", "::", "\"",
        "\0", " " + new string('q', 64), " VIEW", " SEQUENCE",
    ];

    [Theory]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 \0 $$;", "SG0012", "NUL")]
    [InlineData("CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'a\0b' $$;", "SG0012", "NUL")]
    [InlineData("CREATE FUNCTION \"f\0\"() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;", "SG0012", "NUL")] // it made the generator throw
    [InlineData("CREATE FUNCTION f(\"p\0\" int) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;", "SG0012", "NUL")]
    [InlineData("CREATE FUNCTION \"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\"() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;", "SG0003", "function name")]
    [InlineData("CREATE VIEW vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv AS SELECT 1 AS x;", "SG0003", "view name")] // failed the deployment
    [InlineData("CREATE SEQUENCE ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss;", "SG0003", "sequence name")]
    public void What_PostgreSQL_cannot_take_as_written_is_a_diagnostic_at_the_line_and_left_out(string template, string id, string message)
    {
        var result = GeneratorHarness.Run([Evolution.Usings + Model], [("/project/Sql/bad.sql", template)]);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Equal("/project/Sql/bad.sql", diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain("FUNCTION", result.RenderedSql);
        Assert.DoesNotContain("VIEW", result.RenderedSql);
        Assert.DoesNotContain("SEQUENCE", result.RenderedSql);
    }

    [Fact]
    public void Any_sequence_of_SQL_fragments_yields_output_or_diagnostics_never_an_exception()
    {
        Gen.Int[0, Fragments.Length - 1].Array[0, 40]
            .Select(indexes => string.Concat(indexes.Select(i => Fragments[i])))
            .Sample(template =>
            {
                // GeneratorHarness.Run fails the test if the generator throws.
                var result = GeneratorHarness.Run([Evolution.Usings + Model], [("/project/Sql/typing.sql", template)]);
                Assert.NotNull(result.GeneratedSource);
                Assert.All(result.GeneratorDiagnostics.Where(d => d.Id == "SG0012"), d => Assert.Equal("/project/Sql/typing.sql", d.Location.GetLineSpan().Path));
            }, iter: 300);
    }
}
