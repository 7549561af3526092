using System.Linq;
using CsCheck;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>Half-written templates, as they are while someone types them, never crash the generator.</summary>
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
    ];

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
