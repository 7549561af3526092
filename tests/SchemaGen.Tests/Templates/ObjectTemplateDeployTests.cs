using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;
using static SchemaGen.Tests.Templates.ObjectTemplateModels;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// Sequences, views, materialized views with their indexes, and aggregates from templates, deployed on a real
/// PostgreSQL and evolved with rows present: each change takes the steps PostgreSQL allows, rows and sequence state
/// survive, and the migrated database equals one deployed fresh.
/// </summary>
public class ObjectTemplateDeployTests
{
    private const string Rows = """
        INSERT INTO shop.customers (id, name) VALUES (1, 'Ada'), (2, 'Bob');
        INSERT INTO shop.invoices (id, customer_id, amount, quantity) VALUES (1, 1, 150.00, 2), (2, 1, 20.50, 3), (3, 2, 5.00, 1);
        """;

    private static async Task<Npgsql.NpgsqlConnection> DeployedWithRowsAsync()
    {
        var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Build().Target, connection);
        await connection.ExecuteAsync(Rows);
        await connection.ExecuteAsync("REFRESH MATERIALIZED VIEW shop.invoice_stats");
        return connection;
    }

    [Fact]
    public async Task The_objects_work_on_the_deployed_database()
    {
        await using var connection = await DeployedWithRowsAsync();

        Assert.Equal("1000,1001,1002", await connection.ScalarAsync<string>("SELECT string_agg(number::text, ',' ORDER BY id) FROM shop.invoices"));
        Assert.Equal("1:Ada:170.50:6", await connection.ScalarAsync<string>("SELECT string_agg(concat_ws(':', id, name, total, quantity_product), ',') FROM shop.customer_totals WHERE id = 1"));
        Assert.Equal("Ada", await connection.ScalarAsync<string>("SELECT string_agg(name, ',') FROM shop.big_customers"));
        Assert.Equal(2L, await connection.ScalarAsync<long>("SELECT invoices FROM shop.invoice_stats WHERE customer_id = 1"));
        Assert.True(await connection.ScalarAsync<bool>("SELECT indisunique FROM pg_index WHERE indexrelid = 'shop.invoice_stats_customer'::regclass"));
    }

    [Fact]
    public async Task A_changed_sequence_is_altered_and_keeps_its_position()
    {
        await using var connection = await DeployedWithRowsAsync();
        var rows = await Evolution.RowsAsync(connection, "shop.invoices");
        Assert.True((await SchemaDeployer.DeployAsync(Build().Target, connection)).NoOp);

        var stepped = Build(sequences: "CREATE SEQUENCE shop.invoice_no START 1000 INCREMENT 5 CACHE 1;\n");
        var result = await SchemaDeployer.DeployAsync(stepped.Target, connection);

        var step = Assert.Single(result.Steps);
        Assert.Equal(StepKind.AlterSequence, step.Kind);
        Assert.DoesNotContain("RESTART", step.Sql);
        Assert.Equal(rows, await Evolution.RowsAsync(connection, "shop.invoices"));
        Assert.Equal(1007L, await connection.ScalarAsync<long>("SELECT nextval('shop.invoice_no')"));
        await Evolution.AssertSameAsFreshAsync(connection, stepped);
        Assert.Equal(1012L, await connection.ScalarAsync<long>("SELECT nextval('shop.invoice_no')"));
    }

    [Fact]
    public async Task A_view_that_gains_a_column_at_the_end_is_replaced_in_place()
    {
        await using var connection = await DeployedWithRowsAsync();
        var wider = Build(views: Views.Replace("AS quantity_product", "AS quantity_product, count(*) AS invoice_count"));

        var result = await SchemaDeployer.DeployAsync(wider.Target, connection);

        var step = Assert.Single(result.Steps);
        Assert.Equal((StepKind.ReplaceView, "shop.customer_totals"), (step.Kind, step.Object));
        Assert.Equal(2L, await connection.ScalarAsync<long>("SELECT invoice_count FROM shop.customer_totals WHERE id = 1"));
        await Evolution.AssertSameAsFreshAsync(connection, wider);
    }

    [Fact]
    public async Task A_view_that_loses_a_column_is_dropped_and_created_with_the_views_over_it()
    {
        await using var connection = await DeployedWithRowsAsync();
        var narrower = Build(views: Views.Replace(", shop.product(i.quantity::numeric) AS quantity_product", ""));

        var result = await SchemaDeployer.DeployAsync(narrower.Target, connection);

        Assert.Equal([(StepKind.DropView, "shop.big_customers"), (StepKind.DropView, "shop.customer_totals"),
            (StepKind.CreateView, "shop.customer_totals"), (StepKind.CreateView, "shop.big_customers")], result.Steps.Select(s => (s.Kind, s.Object)));
        Assert.True(result.Safe);
        Assert.Equal("Ada", await connection.ScalarAsync<string>("SELECT string_agg(name, ',') FROM shop.big_customers"));
        await Evolution.AssertSameAsFreshAsync(connection, narrower);
    }

    [Fact]
    public async Task A_column_type_change_under_views_drops_and_recreates_them_in_the_same_transaction()
    {
        await using var connection = await DeployedWithRowsAsync();
        var rows = await Evolution.RowsAsync(connection, "shop.invoices");
        var widened = Build(model: Shop.Replace("public int Quantity", "public long Quantity"));

        var result = await SchemaDeployer.DeployAsync(widened.Target, connection);

        var kinds = result.Steps.Select(s => (s.Kind, s.Object)).ToList();
        Assert.Equal([(StepKind.DropView, "shop.big_customers"), (StepKind.DropView, "shop.customer_totals"), (StepKind.DropMaterializedView, "shop.invoice_stats")],
            kinds.Take(3).OrderBy(k => k.Kind).ThenBy(k => k.Object).ToList());
        Assert.Contains((StepKind.AlterColumnType, "shop.invoices.quantity"), kinds);
        Assert.True(kinds.IndexOf((StepKind.CreateView, "shop.customer_totals")) > kinds.IndexOf((StepKind.AlterColumnType, "shop.invoices.quantity")));
        Assert.Contains((StepKind.CreateIndex, "shop.invoice_stats_customer ON invoice_stats"), kinds);
        Assert.True(result.Safe);
        Assert.Equal(rows, await Evolution.RowsAsync(connection, "shop.invoices"));
        Assert.Equal(5m, await connection.ScalarAsync<decimal>("SELECT quantity FROM shop.invoice_stats WHERE customer_id = 1")); // sum(bigint) is numeric
        await Evolution.AssertSameAsFreshAsync(connection, widened);
    }

    [Fact]
    public async Task A_changed_materialized_view_is_dropped_and_filled_again_with_its_cost_noted()
    {
        await using var connection = await DeployedWithRowsAsync();
        var changed = Build(views: Views.Replace("sum(quantity) AS quantity", "sum(quantity) AS quantity, max(amount) AS largest"));

        var result = await SchemaDeployer.DeployAsync(changed.Target, connection);

        Assert.Equal([StepKind.DropMaterializedView, StepKind.CreateMaterializedView, StepKind.CreateIndex], result.Steps.Select(s => s.Kind));
        Assert.True(result.Safe);
        Assert.Contains(result.Steps[1].Cost.Warnings, w => w.Contains("fills the materialized view again"));
        Assert.Equal(150.00m, await connection.ScalarAsync<decimal>("SELECT largest FROM shop.invoice_stats WHERE customer_id = 1"));
        await Evolution.AssertSameAsFreshAsync(connection, changed);
    }

    [Fact]
    public async Task A_changed_aggregate_is_dropped_and_created_with_the_views_that_call_it()
    {
        await using var connection = await DeployedWithRowsAsync();
        var changed = Build(aggregates: Aggregates.Replace("INITCOND = '1'", "INITCOND = '2'"));

        var result = await SchemaDeployer.DeployAsync(changed.Target, connection);

        Assert.Equal([(StepKind.DropView, "shop.big_customers"), (StepKind.DropView, "shop.customer_totals"), (StepKind.DropAggregate, "shop.product(numeric)"),
            (StepKind.CreateAggregate, "shop.product(numeric)"), (StepKind.CreateView, "shop.customer_totals"), (StepKind.CreateView, "shop.big_customers")],
            result.Steps.Select(s => (s.Kind, s.Object)));
        Assert.Equal(12m, await connection.ScalarAsync<decimal>("SELECT quantity_product FROM shop.customer_totals WHERE id = 1"));
        await Evolution.AssertSameAsFreshAsync(connection, changed);
    }

    [Fact]
    public async Task Verify_reports_a_hand_edited_view_and_a_dropped_sequence_and_Deploy_repairs_them()
    {
        await using var connection = await DeployedWithRowsAsync();
        var schema = Build();
        await connection.ExecuteAsync("""
            CREATE OR REPLACE VIEW shop.big_customers AS SELECT id, name, total FROM shop.customer_totals WHERE total > 5;
            ALTER TABLE shop.invoices ALTER COLUMN number DROP DEFAULT;
            DROP SEQUENCE shop.invoice_no;
            """);

        var drift = await SchemaDeployer.VerifyAsync(schema.Target, connection);

        Assert.False(drift.IsClean);
        Assert.Contains(drift.Drift, d => d.Kind == DriftKind.Different && d.Object == "view shop.big_customers");
        Assert.Contains(drift.Drift, d => d.Kind == DriftKind.Missing && d.Object == "sequence shop.invoice_no");
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
        Assert.Equal("Ada", await connection.ScalarAsync<string>("SELECT string_agg(name, ',') FROM shop.big_customers"));
    }

    [Fact]
    public async Task An_unmanaged_view_in_the_way_of_a_type_change_is_a_hazard_naming_it_and_is_recreated_when_allowed()
    {
        await using var connection = await DeployedWithRowsAsync();
        await connection.ExecuteAsync("CREATE VIEW shop.quantities AS SELECT id, quantity FROM shop.invoices");
        var widened = Build(model: Shop.Replace("public int Quantity", "public long Quantity"));

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(widened.Target, connection));
        var hazard = Assert.Single(refused.Hazards);
        Assert.Equal((HazardKind.UnmanagedDependentView, "shop.quantities"), (hazard.Kind, hazard.Object));
        Assert.Contains("shop.invoices.quantity", hazard.Message);
        Assert.Equal("integer", await connection.ScalarAsync<string>("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'shop.invoices'::regclass AND attname = 'quantity'"));

        await SchemaDeployer.DeployAsync(widened.Target, connection, new DeployOptions { AllowDataLoss = true });

        Assert.Equal("bigint", await connection.ScalarAsync<string>("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'shop.quantities'::regclass AND attname = 'quantity'"));
        Assert.Equal(3L, await connection.ScalarAsync<long>("SELECT count(*) FROM shop.quantities"));
        var plan = await SchemaDeployer.PlanAsync(widened.Target, connection);
        Assert.True(plan.IsEmpty, plan.Sql);
        Assert.Equal(["view shop.quantities"], plan.Unmanaged);
    }

    [Fact]
    public async Task An_unmanaged_view_sequence_and_aggregate_are_reported_and_dropped_only_with_DropUnmanaged()
    {
        await using var connection = await DeployedWithRowsAsync();
        var schema = Build();
        await connection.ExecuteAsync("""
            CREATE VIEW shop.names AS SELECT name FROM shop.customers;
            CREATE SEQUENCE shop.spare;
            CREATE AGGREGATE shop.total_product(numeric) (SFUNC = shop.product_step, STYPE = numeric);
            """);

        var plan = await SchemaDeployer.PlanAsync(schema.Target, connection);
        Assert.True(plan.IsEmpty, plan.Sql);
        Assert.Equal(["aggregate shop.total_product(numeric)", "sequence shop.spare", "view shop.names"], plan.Unmanaged.OrderBy(u => u));
        Assert.False((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);

        var dropped = await SchemaDeployer.DeployAsync(schema.Target, connection, new DeployOptions { DropUnmanaged = true });

        Assert.Equal([(StepKind.DropView, "shop.names"), (StepKind.DropSequence, "shop.spare"), (StepKind.DropAggregate, "shop.total_product(numeric)")],
            dropped.Steps.Select(s => (s.Kind, s.Object)).OrderBy(s => s.Object));
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
    }

    [Theory]
    [InlineData("CREATE VIEW (a) AS SELECT 1;", 1, "expected the view's name")]
    [InlineData("-- an index on a table\nCREATE INDEX ix ON shop.customers (name);", 2, "not a materialized view of the templates")]
    [InlineData("CREATE OR REPLACE MATERIALIZED VIEW m AS SELECT 1;", 1, "no CREATE OR REPLACE for a materialized view")]
    [InlineData("CREATE SEQUENCE IF NOT EXISTS s;", 1, "remove IF NOT EXISTS")]
    [InlineData("CREATE AGGREGATE a (SFUNC = f, STYPE = int);", 1, "expected the aggregate's")]
    // Created before the tables, so PostgreSQL refused it at deploy time (42P01); and ownership is not compared.
    [InlineData("CREATE SEQUENCE s START 5\n    OWNED BY shop.customers.id;", 2, "OWNED BY ties the sequence to a column")]
    [InlineData("CREATE SEQUENCE s AS bigint OWNED BY customers.id CACHE 2;", 1, "use an identity column")]
    [InlineData("CREATE VIEW v AS SELECT 'open;\n", 1, "is not closed")]
    public void Unreadable_object_templates_are_SG0012_at_their_line(string template, int line, string message)
    {
        var result = GeneratorHarness.Run([Evolution.Usings + Shop], [("/project/Sql/bad.sql", template)]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0012");
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains(message, diagnostic.GetMessage());
    }

    [Fact]
    public async Task A_sequence_owned_by_none_is_a_plain_sequence()
    {
        var result = GeneratorHarness.Run([Evolution.Usings + Shop], ObjectTemplateModels.Templates(sequences: Sequences + "CREATE SEQUENCE shop.spare OWNED BY NONE;\n"));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var schema = result.Load();
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
        Assert.True((await SchemaDeployer.DeployAsync(schema.Target, connection)).NoOp);
    }

    [Theory]
    [InlineData("CREATE VIEW shop.v AS SELECT customers.nme FROM shop.customers;", "'nme', which is not a column of table 'shop.customers'; did you mean 'name'?")]
    [InlineData("CREATE MATERIALIZED VIEW v AS SELECT shop.invoices.qty FROM shop.invoices;", "materialized view public.v refers to 'qty', which is not a column of table 'shop.invoices'")]
    public void A_view_over_a_column_the_model_does_not_have_is_SG0013_at_the_view(string template, string message)
    {
        var result = GeneratorHarness.Run([Evolution.Usings + Shop], [("/project/Sql/views.sql", template)]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SG0013");
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Equal("/project/Sql/views.sql", diagnostic.Location.GetLineSpan().Path);
    }

    [Theory]
    [InlineData("CREATE VIEW shop.v AS SELECT c.nme FROM shop.customers c;")] // an alias: PostgreSQL's to judge
    [InlineData("CREATE VIEW shop.v AS SELECT customers.name, shop.product_step(1, 2) FROM shop.customers;")]
    public void Views_SchemaGen_cannot_judge_or_that_are_right_have_no_SG0013(string template)
    {
        var result = GeneratorHarness.Run([Evolution.Usings + Shop], [("/project/Sql/views.sql", template)]);

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SG0013");
    }
}
