using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// With the plpgsql_check extension in the database, function bodies are checked for real: Deploy refuses a
/// body that would fail when called, inside its transaction, and Verify reports what it finds.
/// </summary>
public class PlpgsqlCheckTests
{
    private const string Model = """
        namespace TestModels;

        public enum Level { Low, High }

        [Table("items")]
        public class Item { [Key] public int Id { get; set; } public Level Level { get; set; } }
        """;

    private static GeneratedSchema Build(string template) =>
        GeneratorHarness.Run([Evolution.Usings + Model], [("/project/Sql/check.sql", template)]).Load();

    private static async Task<Npgsql.NpgsqlConnection> DatabaseWithPlpgsqlCheckAsync()
    {
        var connection = await Postgres.NewDatabaseAsync();
        // Fails, not skips, where the server lacks the extension: .ci/install-postgres installs postgresql-15-plpgsql-check.
        await connection.ExecuteAsync("CREATE EXTENSION plpgsql_check");
        return connection;
    }

    [Fact]
    public async Task A_body_that_returns_the_wrong_type_is_refused_at_deploy_with_nothing_changed()
    {
        await using var connection = await DatabaseWithPlpgsqlCheckAsync();
        var good = Build("CREATE OR REPLACE FUNCTION public.total_items() RETURNS TABLE(total bigint) LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT count(*) FROM public.items; END $$;");
        await SchemaDeployer.DeployAsync(good.Target, connection);
        var before = await DatabaseState.CaptureAsync(connection);

        var bad = Build("CREATE OR REPLACE FUNCTION public.total_items() RETURNS TABLE(total bigint) LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT 0; END $$;");
        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(bad.Target, connection));

        var finding = Assert.Single(refused.Findings);
        Assert.Equal("public.total_items()", finding.Function);
        Assert.Contains("does not match", finding.Message);
        Assert.Contains("plpgsql_check", refused.Message);
        Assert.Contains(finding.Message, refused.Message);
        Assert.Equal(before, await DatabaseState.CaptureAsync(connection));
    }

    [Fact]
    public async Task Verify_reports_a_body_that_finds_a_type_only_through_search_path()
    {
        await using var connection = await DatabaseWithPlpgsqlCheckAsync();
        var schema = GeneratorHarness.Run([Evolution.Usings + "[assembly: SchemaOptions(DefaultSchema = \"app\")]\n" + Model], [("/project/Sql/check.sql", """
            CREATE OR REPLACE FUNCTION app.highest() RETURNS text LANGUAGE plpgsql AS $$
            DECLARE
                v_level level := 'high';
            BEGIN
                RETURN v_level::text;
            END $$;
            """)]).Load();
        await SchemaDeployer.DeployAsync(schema.Target, connection);

        var verify = await SchemaDeployer.VerifyAsync(schema.Target, connection);

        Assert.Empty(verify.Drift);
        var finding = Assert.Single(verify.Findings);
        Assert.Equal("app.highest()", finding.Function);
        Assert.Contains("type \"level\" does not exist", finding.Message);
        Assert.False(verify.IsClean);
    }
}
