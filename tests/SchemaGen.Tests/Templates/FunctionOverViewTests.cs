using System.Threading.Tasks;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// A template function whose result is a template view's row type, or whose SQL body reads a view, can be created only
/// after the view: the script, the first deploy and a deploy that adds it put it after the views.
/// </summary>
public class FunctionOverViewTests
{
    private const string Model = "namespace TestModels;\n[Table(\"t\")] public class T { [Key] public int Id { get; set; } public int A { get; set; } }";

    private const string View = "CREATE VIEW public.big AS SELECT id, a FROM public.t WHERE a > 10;\n";

    private const string Functions = """
        CREATE FUNCTION public.big_rows() RETURNS SETOF public.big LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT * FROM public.big; END $$;
        CREATE FUNCTION public.big_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM big $$;
        """;

    // The functions first in the file: the order must come from what they use, not from where they are written.
    private static GeneratedSchema Build(string template) =>
        GeneratorHarness.Run([Evolution.Usings + Model], [("/project/Sql/objects.sql", template)]).Load();

    [Fact]
    public async Task TheScriptAndTheFirstDeployCreateTheViewFirst()
    {
        var schema = Build(Functions + View);
        await using (var script = await Postgres.NewDatabaseAsync())
            await script.ExecuteAsync(schema.Sql);

        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        await connection.ExecuteAsync("INSERT INTO t VALUES (1, 5), (2, 50)");
        Assert.Equal("2|1", await connection.ScalarAsync<string>("SELECT (SELECT string_agg(id::text, ',') FROM public.big_rows()) || '|' || public.big_count()"));
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
    }

    [Fact]
    public async Task ADeployThatAddsThemCreatesThemAfterTheView()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Build(View).Target, connection);
        var schema = Build(Functions + View);

        await SchemaDeployer.DeployAsync(schema.Target, connection);

        await Evolution.AssertSameAsFreshAsync(connection, schema);
    }
}
