using System.Collections.Generic;
using System.Linq;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// A template's sequence, view, materialized view or index takes a name in the schema's relation and type namespace,
/// which the C# model's tables, keys, indexes, identity sequences, enums and domains take first: a clash is SG0004 at
/// the template's statement, not a deployment PostgreSQL refuses (or, for an identity sequence, one whose outcome
/// depends on the order of creation).
/// </summary>
public class TemplateNameClashTests
{
    private const string Model = """
        [assembly: SchemaGen.Domain("year", "integer")]
        namespace TestModels;
        public enum Mood { Happy }
        [Table("t")] public class T
        {
            [Key, DatabaseGenerated(DatabaseGeneratedOption.Identity)] public int Id { get; set; }
            [Indexed] public int A { get; set; }
            public Mood M { get; set; }
        }
        """;

    public static IEnumerable<object[]> Clashes() =>
    [
        ["CREATE VIEW public.t AS SELECT 1 AS x;", "table TestModels.T"],
        ["CREATE VIEW mood AS SELECT 1 AS x;", "enum TestModels.Mood"],
        ["CREATE VIEW public.year AS SELECT 1 AS x;", "domain year"],
        ["CREATE SEQUENCE public.pk_t;", "the primary key of TestModels.T"],
        ["CREATE SEQUENCE ix_t_a;", "an index of TestModels.T"],
        ["CREATE SEQUENCE public.t_id_seq;", "the sequence of identity column id of TestModels.T"],
        ["CREATE MATERIALIZED VIEW public.mv AS SELECT 1 AS x;\nCREATE INDEX pk_t ON public.mv (x);", "the primary key of TestModels.T"],
    ];

    [Theory]
    [MemberData(nameof(Clashes))]
    public void IsSG0004AtTheTemplateStatement(string template, string owner)
    {
        var result = GeneratorHarness.Run([Evolution.Usings + Model], [("/project/Sql/objects.sql", template)]);

        var clash = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0004");
        Assert.Equal("/project/Sql/objects.sql", clash.Location.GetLineSpan().Path);
        Assert.Contains(owner, clash.GetMessage());
    }

    [Fact]
    public void AFunctionMayShareATablesName()
    {
        // Functions live in pg_proc, apart from relations and types.
        var result = GeneratorHarness.Run([Evolution.Usings + Model], [("/project/Sql/objects.sql", "CREATE FUNCTION public.t() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;")]);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SG0004");
        Assert.Contains("FUNCTION public.t()", result.Load().Sql);
    }
}
