using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// Views over what the plan drops and creates again besides columns: an enum type recreated because a label was removed
/// or reordered, or a domain for a new base type (its columns are converted, its old type dropped), and a template function
/// dropped for a new signature. PostgreSQL refuses each while a view uses them, even when the view's own definition does not
/// change, so the views go first and come back afterwards, in the same transaction.
/// </summary>
public class ViewDependencyTests
{
    private const string Model = """
        [assembly: Domain("net_amount", "numeric(12,2)")]
        namespace TestModels;

        public enum InvoiceState { Draft, Sent, Paid, Void }

        [Table("invoices")]
        public class Invoice
        {
            [Key] public int Id { get; set; }
            public InvoiceState State { get; set; }
            [Numeric(12, 2)] public decimal Amount { get; set; }
            [Column(TypeName = "net_amount")] public decimal Net { get; set; }
        }
        """;

    private const string Functions = """
        CREATE OR REPLACE FUNCTION public.gross(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * 1.2 $$;
        """;

    // open_invoices uses the enum column; paid_marker only the type (a cast); gross_invoices calls the function.
    private const string Views = """
        CREATE VIEW public.open_invoices AS SELECT id, state FROM public.invoices WHERE state <> 'paid';
        CREATE VIEW public.paid_marker AS SELECT 'paid'::public.invoice_state AS state;
        CREATE VIEW public.gross_invoices AS SELECT id, public.gross(amount) AS gross FROM public.invoices;
        CREATE VIEW public.net_invoices AS SELECT id, net FROM public.invoices;
        """;

    private static GeneratedSchema Build(string model = Model, string functions = Functions) =>
        GeneratorHarness.Run([Evolution.Usings + model], [("/project/Sql/01_functions.sql", functions), ("/project/Sql/02_views.sql", Views)]).Load();

    private static async Task<Npgsql.NpgsqlConnection> DeployedWithRowsAsync()
    {
        var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Build().Target, connection);
        await connection.ExecuteAsync("INSERT INTO public.invoices (id, state, amount, net) VALUES (1, 'draft', 10, 8), (2, 'paid', 20, 16), (3, 'sent', 30, 24)");
        return connection;
    }

    [Theory]
    [InlineData("a label no row holds removed", "Draft, Sent, Paid }")]
    [InlineData("labels reordered", "Sent, Draft, Paid, Void }")]
    public async Task Views_over_a_recreated_enum_are_dropped_and_created_again(string change, string labels)
    {
        await using var connection = await DeployedWithRowsAsync();
        var rows = await Evolution.RowsAsync(connection, "public.invoices");
        var changed = Build(Model.Replace("Draft, Sent, Paid, Void }", labels));

        var result = await SchemaDeployer.DeployAsync(changed.Target, connection, new DeployOptions { AllowDataLoss = true });

        var kinds = result.Steps.Select(s => (s.Kind, s.Object)).ToList();
        Assert.True(kinds.IndexOf((StepKind.DropView, "public.open_invoices")) is >= 0 and var drop
            && drop < kinds.IndexOf((StepKind.RecreateEnum, "public.invoice_state")), change + ": " + string.Join(", ", kinds));
        Assert.True(kinds.IndexOf((StepKind.DropView, "public.paid_marker")) < kinds.IndexOf((StepKind.RecreateEnum, "public.invoice_state")));
        Assert.True(kinds.IndexOf((StepKind.CreateView, "public.open_invoices")) > kinds.IndexOf((StepKind.RecreateEnum, "public.invoice_state")));
        Assert.DoesNotContain((StepKind.DropView, "public.gross_invoices"), kinds);
        Assert.Equal(rows, await Evolution.RowsAsync(connection, "public.invoices"));
        Assert.Equal("1,3", await connection.ScalarAsync<string>("SELECT string_agg(id::text, ',' ORDER BY id) FROM public.open_invoices"));
        await Evolution.AssertSameAsFreshAsync(connection, changed);
    }

    [Fact]
    public async Task Views_calling_a_function_dropped_for_a_new_signature_are_dropped_and_created_again()
    {
        await using var connection = await DeployedWithRowsAsync();
        // A defaulted parameter: the view's call, and so its definition, stay the same; the old function must still go.
        var changed = Build(functions: Functions.Replace("gross(amount numeric)", "gross(amount numeric, rate numeric DEFAULT 1.2)").Replace("amount * 1.2", "amount * rate"));

        var result = await SchemaDeployer.DeployAsync(changed.Target, connection);

        var kinds = result.Steps.Select(s => (s.Kind, s.Object)).ToList();
        var dropFunction = kinds.FindIndex(k => k.Kind == StepKind.DropFunction);
        Assert.True(dropFunction >= 0, string.Join(", ", kinds));
        Assert.InRange(kinds.IndexOf((StepKind.DropView, "public.gross_invoices")), 0, dropFunction - 1);
        Assert.True(kinds.IndexOf((StepKind.CreateView, "public.gross_invoices")) > dropFunction);
        Assert.DoesNotContain((StepKind.DropView, "public.open_invoices"), kinds);
        Assert.True(result.Safe);
        Assert.Equal(36.0m, await connection.ScalarAsync<decimal>("SELECT gross FROM public.gross_invoices WHERE id = 3"));
        await Evolution.AssertSameAsFreshAsync(connection, changed);
    }

    [Fact]
    public async Task Views_over_a_domain_recreated_for_a_new_base_type_are_dropped_and_created_again()
    {
        await using var connection = await DeployedWithRowsAsync();
        var rows = await Evolution.RowsAsync(connection, "public.invoices");
        var changed = Build(Model.Replace("\"numeric(12,2)\"", "\"numeric(14,2)\""));

        var result = await SchemaDeployer.DeployAsync(changed.Target, connection, new DeployOptions { AllowDataLoss = true });

        var kinds = result.Steps.Select(s => (s.Kind, s.Object)).ToList();
        var recreate = kinds.IndexOf((StepKind.RecreateDomain, "public.net_amount"));
        Assert.True(recreate >= 0, string.Join(", ", kinds));
        Assert.InRange(kinds.IndexOf((StepKind.DropView, "public.net_invoices")), 0, recreate - 1);
        Assert.True(kinds.IndexOf((StepKind.CreateView, "public.net_invoices")) > recreate);
        Assert.DoesNotContain((StepKind.DropView, "public.open_invoices"), kinds);
        Assert.Equal(rows, await Evolution.RowsAsync(connection, "public.invoices"));
        await Evolution.AssertSameAsFreshAsync(connection, changed);
    }
}
