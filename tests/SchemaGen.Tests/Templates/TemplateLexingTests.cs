using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// Templates are read with the one SQL lexer (SchemaGen.Model's SqlLexer) and wrappers checked against the one type
/// table: regressions of the scanners and alias tables they replaced.
/// </summary>
public class TemplateLexingTests
{
    // The old template scanner ended a comment at the first */ and split a BEGIN ATOMIC body at its first
    // semicolon: both were SG0012 for SQL that PostgreSQL runs.
    private const string Atomic = """
        /* a comment /* nested; with a semicolon */ still the comment; */
        CREATE OR REPLACE FUNCTION app.two() RETURNS integer LANGUAGE sql
        BEGIN ATOMIC
            SELECT 1;
            SELECT CASE WHEN true THEN 2 END;
        END;
        """;

    private const string OpensAt = "CREATE OR REPLACE FUNCTION app.opens_at() RETURNS timetz LANGUAGE sql AS $$ SELECT '09:00+01'::timetz $$;";

    [Fact]
    public async Task BEGIN_ATOMIC_bodies_and_nested_comments_are_read_as_PostgreSQL_reads_them()
    {
        var result = Run("""
            [SqlFunction("two")]
            public static partial Task<int> TwoAsync(this NpgsqlConnection connection);
            """, Atomic);

        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Id.StartsWith("SG", System.StringComparison.Ordinal)));
        var two = Assert.Single(result.Load().Model.Functions, f => f.Name == "two");
        Assert.EndsWith("SELECT CASE WHEN true THEN 2 END;\nEND", two.Definition.Replace("\r\n", "\n"));

        // The function's DDL, as the model renders it, is one statement PostgreSQL runs (sent as written: Npgsql's
        // own statement splitting would cut the body, so no parameterless NpgsqlCommand carries it here).
        var ddl = global::SchemaGen.Model.SqlSyntax.Statements(result.Load().Sql).Single(s => s.Text.Contains("app.two")).Text;
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync("CREATE SCHEMA app; CREATE EXTENSION dblink");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal("CREATE FUNCTION", await connection.ScalarAsync<string>(
            "SELECT dblink_exec($1, $2)", new object?[] { $"host={builder.Host} port={builder.Port} dbname={builder.Database} user={builder.Username}", ddl }));
        Assert.Equal(2, await connection.ScalarAsync<int>("SELECT app.two()"));
    }

    [Fact]
    public async Task A_BEGIN_ATOMIC_template_deploys_verifies_clean_and_redeploys_as_a_no_op()
    {
        var schema = Run("""
            [SqlFunction("two")]
            public static partial Task<int> TwoAsync(this NpgsqlConnection connection);
            """, Atomic).Load();
        await using var connection = await Postgres.NewDatabaseAsync();

        // The deployer sends each statement as PostgreSQL reads it: Npgsql's own splitting would cut the body at "SELECT 1;".
        await global::SchemaGen.SchemaDeployer.DeployAsync(schema.Target, connection);

        Assert.Equal(2, await connection.ScalarAsync<int>("SELECT app.two()"));
        Assert.True((await global::SchemaGen.SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
        Assert.True((await global::SchemaGen.SchemaDeployer.DeployAsync(schema.Target, connection)).NoOp);
    }

    // SqlTypeFit's alias table did not know timetz (nor 'time with time zone'), so any C# type passed.
    [Theory]
    [InlineData("int", "use DateTimeOffset")]
    [InlineData("TimeOnly", "use DateTimeOffset")]
    [InlineData("DateTimeOffset", null)]
    public void A_timetz_result_fits_only_DateTimeOffset(string type, string? message)
    {
        var diagnostics = Run($$"""
            [SqlFunction("opens_at")]
            public static partial Task<{{type}}> OpensAtAsync(this NpgsqlConnection connection);
            """, OpensAt).GeneratorDiagnostics.Where(d => d.Id.StartsWith("SG", System.StringComparison.Ordinal)).ToList();

        if (message == null)
        {
            Assert.Empty(diagnostics);
            return;
        }

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SG0011", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage());
    }

    private static GeneratorResult Run(string members, string template)
    {
        var source = WrapperModels.Usings + "namespace TestModels;\n\npublic static partial class Calls\n{\n" + members + "\n}\n";
        return GeneratorHarness.Run([WrapperModels.Usings + WrapperModels.Model, source], [.. WrapperModels.TemplateFiles, ("/project/Sql/extra.sql", template)]);
    }
}
