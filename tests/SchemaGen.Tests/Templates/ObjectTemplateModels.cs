using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// A shop model with a sequence its invoices number from, an aggregate over a template function, views (one over the
/// other, written before it), and a materialized view with a unique index: every template kind besides functions and
/// triggers, for the snapshot, round trip and evolution tests.
/// </summary>
public static class ObjectTemplateModels
{
    public const string Shop = """
        namespace TestModels;

        [Table("customers", Schema = "shop")]
        public class Customer
        {
            [Key] public int Id { get; set; }
            [MaxLength(40)] public string Name { get; set; } = "";
        }

        [Table("invoices", Schema = "shop")]
        public class Invoice
        {
            [Key] public int Id { get; set; }
            [DefaultSql("nextval('shop.invoice_no')")] public long Number { get; set; }
            [References(typeof(Customer))] public int CustomerId { get; set; }
            [Numeric(12, 2)] public decimal Amount { get; set; }
            public int Quantity { get; set; }
        }
        """;

    public const string Sequences = "CREATE SEQUENCE shop.invoice_no START 1000 INCREMENT 1;\n";

    public const string Aggregates = """
        CREATE OR REPLACE FUNCTION shop.product_step(state numeric, value numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT state * value $$;

        CREATE AGGREGATE shop.product(numeric) (SFUNC = shop.product_step, STYPE = numeric, INITCOND = '1');
        """;

    // big_customers comes first in the file but selects from customer_totals: the script creates customer_totals first.
    public const string Views = """
        CREATE VIEW shop.big_customers AS SELECT id, name, total FROM shop.customer_totals WHERE total > 100;

        CREATE OR REPLACE VIEW shop.customer_totals AS
            SELECT c.id, c.name, sum(i.amount) AS total, shop.product(i.quantity::numeric) AS quantity_product
            FROM shop.customers c JOIN shop.invoices i ON i.customer_id = c.id
            GROUP BY c.id, c.name;

        CREATE MATERIALIZED VIEW shop.invoice_stats AS
            SELECT customer_id, count(*) AS invoices, sum(quantity) AS quantity FROM shop.invoices GROUP BY customer_id
            WITH DATA;

        CREATE UNIQUE INDEX invoice_stats_customer ON shop.invoice_stats (customer_id);
        """;

    public static string[] Sources => [Evolution.Usings + Shop];

    public static (string Path, string Text)[] Templates(string sequences = Sequences, string aggregates = Aggregates, string views = Views) =>
        [("/project/Sql/01_sequences.sql", sequences), ("/project/Sql/02_aggregates.sql", aggregates), ("/project/Sql/03_views.sql", views)];

    public static GeneratedSchema Build(string model = Shop, string sequences = Sequences, string aggregates = Aggregates, string views = Views) =>
        GeneratorHarness.Run([Evolution.Usings + model], Templates(sequences, aggregates, views)).Load();
}
