using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// SQL function and trigger templates: parsed by the generator, part of <c>Schema.Sql</c> after the tables,
/// deployed, replaced when the body changes, dropped and created (with their triggers) when the signature
/// changes, and reported at their line when they cannot be read.
/// </summary>
public class TemplateDeployTests
{
    private const string Model = """
        namespace TestModels;

        [Table("items")]
        public class Item
        {
            [Key] public int Id { get; set; }
            public int Count { get; set; }
            public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
        }
        """;

    private const string Touch = """
        -- Keeps updated_at current; a semicolon in a comment; does not end anything.
        CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.updated_at := now(); -- also not the end
            RETURN NEW;
        END $$;

        CREATE OR REPLACE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
        """;

    private const string Count = """
        CREATE OR REPLACE FUNCTION count_items(p_min integer DEFAULT 0) RETURNS bigint LANGUAGE sql STABLE AS $$
            SELECT count(*) FROM public.items WHERE count >= p_min
        $$;
        """;

    private static GeneratedSchema Build(params string[] templates) =>
        GeneratorHarness.Run([Evolution.Usings + Model], templates.Select((t, i) => ($"/project/Sql/{i:00}_template.sql", t)).ToArray()).Load();

    [Fact]
    public async Task Templates_follow_the_tables_in_the_script_and_work_on_an_empty_database()
    {
        var schema = Build(Touch, Count);

        var model = schema.Model;
        Assert.Equal(["touch_updated_at", "count_items"], model.Functions.Select(f => f.Name));
        var count = model.Functions[1];
        Assert.Equal(("public", "bigint", "integer"), (count.Schema, count.Returns, count.Signature));
        Assert.Equal([("p_min", "integer", true)], count.Parameters.Select(p => (p.Name, p.Type, p.HasDefault)));
        Assert.Equal("BEFORE UPDATE ON public.items FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at()", Assert.Single(model.Triggers).Definition);
        Assert.True(schema.Sql.IndexOf("CREATE TABLE public.items") < schema.Sql.IndexOf("CREATE OR REPLACE FUNCTION public.touch_updated_at()"));

        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync(schema.Sql);
        await connection.ExecuteAsync("INSERT INTO items (id, count, updated_at) VALUES (1, 5, '2000-01-01'), (2, 1, '2000-01-01'); UPDATE items SET count = 6 WHERE id = 1");
        Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count_items(p_min => 6)"));
        Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count(*) FROM items WHERE updated_at > '2001-01-01'"));
    }

    [Fact]
    public async Task Templates_round_trip_and_follow_their_changes()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var first = Build(Touch, Count);
        await SchemaDeployer.DeployAsync(first.Target, connection);
        Assert.True((await SchemaDeployer.VerifyAsync(first.Target, connection)).IsClean);
        Assert.True((await SchemaDeployer.DeployAsync(first.Target, connection)).NoOp);

        // A new body: replaced in place.
        var body = Build(Touch, Count.Replace("count >= p_min", "count > p_min"));
        var replaced = await SchemaDeployer.DeployAsync(body.Target, connection);
        Assert.Equal([StepKind.ReplaceFunction], replaced.Steps.Select(s => s.Kind));
        await Evolution.AssertSameAsFreshAsync(connection, body);

        // A new signature: the old function is dropped and the new one created.
        var signature = Build(Touch, Count.Replace("p_min integer DEFAULT 0", "p_min bigint DEFAULT 0"));
        var changed = await SchemaDeployer.DeployAsync(signature.Target, connection);
        Assert.Equal([StepKind.DropFunction, StepKind.CreateFunction], changed.Steps.Select(s => s.Kind));
        await Evolution.AssertSameAsFreshAsync(connection, signature);
    }

    [Fact]
    public async Task A_function_whose_result_type_changes_is_dropped_and_created()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Build(Touch).Target, connection);

        // Same name and signature, another result type: CREATE OR REPLACE cannot do it.
        var other = Build(Touch + """

            CREATE OR REPLACE FUNCTION item_total() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
            """);
        await SchemaDeployer.DeployAsync(other.Target, connection);
        var widened = Build(Touch + """

            CREATE OR REPLACE FUNCTION item_total() RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$;
            """);

        var result = await SchemaDeployer.DeployAsync(widened.Target, connection);

        Assert.Equal([StepKind.DropFunction, StepKind.CreateFunction], result.Steps.Select(s => s.Kind));
        await Evolution.AssertSameAsFreshAsync(connection, widened);
    }

    [Theory]
    [InlineData("CREATE TABLE t (id int);", 1, "only CREATE FUNCTION, TRIGGER, VIEW, MATERIALIZED VIEW, SEQUENCE, AGGREGATE and INDEX")]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1;\n", 1, "is not closed")]
    [InlineData("-- two\n-- lines\nCREATE OR REPLACE FUNCTION f LANGUAGE sql;", 3, "expected the function's name and its parameter list")]
    public void Unreadable_templates_are_SG0012_at_their_line(string template, int line, string message)
    {
        var result = GeneratorHarness.Run([Evolution.Usings + Model], [("/project/Sql/bad.sql", template)]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0012");
        Assert.Equal("/project/Sql/bad.sql", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Contains("bad.sql", diagnostic.GetMessage());
    }
}
