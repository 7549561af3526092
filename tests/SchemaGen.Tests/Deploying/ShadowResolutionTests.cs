using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// The shadow (the model created in scratch schemas and read back) must print every expression exactly as the live
/// schema prints it: names resolved through the same search_path (extension types and functions in public or any
/// schema of the session's search_path), qualifiers PostgreSQL adds mapped back, and the model's own schema names in
/// raw SQL mapped into the scratch schemas token by token.
/// </summary>
public class ShadowResolutionTests
{
    private static GeneratedSchema Build(string source, params (string Path, string Text)[] templates) =>
        GeneratorHarness.Run([Evolution.Usings + source], templates).Load();

    /// <summary>Deploys from empty; then Verify is clean, Plan is empty, and a second Deploy is a no-op.</summary>
    private static async Task AssertDeploysCleanlyAsync(NpgsqlConnection connection, GeneratedSchema schema, DeployOptions? options = null)
    {
        var first = await SchemaDeployer.DeployAsync(schema.Target, connection, options);
        Assert.False(first.NoOp);
        var drift = await SchemaDeployer.VerifyAsync(schema.Target, connection, options);
        Assert.True(drift.IsClean, string.Join("\n", drift.Drift));
        var plan = await SchemaDeployer.PlanAsync(schema.Target, connection, options);
        Assert.True(plan.IsEmpty, plan.Sql);
        Assert.True((await SchemaDeployer.DeployAsync(schema.Target, connection, options)).NoOp);
    }

    // Enums named like built-in types: PostgreSQL prints them schema-qualified (pg_catalog comes first), so the
    // shadow prints its scratch schema's name where the live schema prints its own.
    [Theory]
    [InlineData("Interval", null)]
    [InlineData("Point", null)]
    [InlineData("Line", null)]
    [InlineData("Path", null)]
    [InlineData("Money", null)]
    [InlineData("Date", null)]
    [InlineData("Interval", "app")]
    [InlineData("Money", "Mixed Case")]
    public async Task An_enum_named_like_a_builtin_type_in_a_default_and_a_check_deploys(string name, string? defaultSchema)
    {
        var options = defaultSchema == null ? "" : $"[assembly: SchemaOptions(DefaultSchema = \"{defaultSchema}\")]\n";
        var schema = Build(options + $$"""
            namespace TestModels;

            public enum {{name}} { Daily, Weekly, Monthly }

            [Table("plans")]
            public class Plan
            {
                [Key] public int Id { get; set; }
                public {{name}} Every { get; set; } = {{name}}.Weekly;
                [AllowedValues({{name}}.Daily, {{name}}.Weekly)] public {{name}} Other { get; set; } = {{name}}.Daily;
            }
            """);
        await using var connection = await Postgres.NewDatabaseAsync();
        await AssertDeploysCleanlyAsync(connection, schema);
    }

    // Extension types and functions installed in public resolve in the shadow as they do live, whichever schema the
    // model deploys into.
    [Theory]
    [InlineData(null)]
    [InlineData("app")]
    public async Task Extension_types_and_functions_in_public_resolve_in_the_shadow(string? defaultSchema)
    {
        var options = defaultSchema == null ? "" : $"[assembly: SchemaOptions(DefaultSchema = \"{defaultSchema}\")]\n";
        var schema = Build(options + """
            namespace TestModels;

            [Table("users")]
            [Check("email <> ''::citext")]
            public class User
            {
                [Key, DefaultSql("uuid_generate_v4()")] public Guid Id { get; set; }
                [Column(TypeName = "citext")] public string Email { get; set; } = null!;
            }
            """);
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync("CREATE EXTENSION citext; CREATE EXTENSION \"uuid-ossp\";");

        var plan = await SchemaDeployer.PlanAsync(schema.Target, connection);
        Assert.False(plan.IsEmpty);
        await AssertDeploysCleanlyAsync(connection, schema);
        await connection.ExecuteAsync($"INSERT INTO {(defaultSchema ?? "public")}.users (email) VALUES ('A@x')");
        Assert.Equal(1L, await connection.ScalarAsync<long>($"SELECT count(*) FROM {(defaultSchema ?? "public")}.users WHERE email = 'a@X'"));
    }

    // An extension in a schema of the session's search_path (not public, not managed) resolves the same way.
    [Fact]
    public async Task Extension_in_a_schema_on_the_session_search_path_resolves_in_the_shadow()
    {
        var schema = Build("""
            [assembly: SchemaOptions(DefaultSchema = "app")]
            namespace TestModels;

            [Table("users")]
            public class User
            {
                [Key] public int Id { get; set; }
                [Column(TypeName = "citext")] public string Email { get; set; } = null!;
            }
            """);
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync("CREATE SCHEMA ext; CREATE EXTENSION citext SCHEMA ext; SET search_path = \"$user\", public, ext;");
        await AssertDeploysCleanlyAsync(connection, schema);
    }

    // Raw SQL naming the model's own schema is mapped into the shadow token by token; string literals and quoted
    // identifiers that merely look like the schema stay as written.
    [Fact]
    public async Task Raw_sql_naming_the_models_own_schema_is_mapped_into_the_shadow()
    {
        var schema = Build("""
            [assembly: SchemaOptions(DefaultSchema = "app")]
            namespace TestModels;

            public enum Status { Open, Closed }

            [Table("codes")]
            [Check("status::text <> 'app.closed'::text AND status <> 'closed'::app.status", Name = "ck_codes_status")]
            public class Code
            {
                [Key] public int Id { get; set; }
                [DefaultSql("app.next_code()")] public string Value { get; set; } = null!;
                [DefaultSql("'app.next_code()'")] public string Label { get; set; } = null!;
                public Status Status { get; set; }
            }
            """, ("/project/Sql/next_code.sql", """
            CREATE OR REPLACE FUNCTION next_code() RETURNS text LANGUAGE sql VOLATILE AS $$
                SELECT 'C' || (random() * 1000)::int::text
            $$;
            """));

        // The function a default calls is created before the table, in Schema.Sql too.
        var sql = schema.Sql;
        Assert.True(sql.IndexOf("FUNCTION app.next_code()") < sql.IndexOf("CREATE TABLE app.codes"), sql);
        await using var empty = await Postgres.NewDatabaseAsync();
        await empty.ExecuteAsync(sql);

        await using var connection = await Postgres.NewDatabaseAsync();
        var plan = await SchemaDeployer.PlanAsync(schema.Target, connection);
        Assert.False(plan.IsEmpty);
        await connection.ExecuteAsync(sql);
        var drift = await SchemaDeployer.VerifyAsync(schema.Target, connection);
        Assert.True(drift.IsClean, string.Join("\n", drift.Drift));
        Assert.Equal("'app.next_code()'::text", await connection.ScalarAsync<string>(
            "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE a.attname = 'label'"));
    }

    // The model's own schema in raw SQL follows the model: into the shadow, and into the schema of a run-time override,
    // while a qualified name of something the model does not own (an extension's function in public) stays.
    [Fact]
    public async Task Raw_sql_naming_the_models_own_schema_follows_a_schema_override()
    {
        var schema = Build("""
            [assembly: SchemaOptions(DefaultSchema = "app")]
            namespace TestModels;

            public enum Status { Open, Closed }

            [Table("tickets")]
            [Check("status <> 'closed'::app.status OR note IS NOT NULL", Name = "ck_tickets_closed_note")]
            public class Ticket
            {
                [Key, DefaultSql("public.uuid_generate_v4()")] public Guid Id { get; set; }
                [DefaultSql("'open'::app.status")] public Status Status { get; set; }
                public string? Note { get; set; }
            }
            """);
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync("CREATE EXTENSION \"uuid-ossp\" SCHEMA public");
        var options = new DeployOptions { Schema = "tenant" };

        await AssertDeploysCleanlyAsync(connection, schema, options);

        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'app'"));
        await connection.ExecuteAsync("INSERT INTO tenant.tickets (note) VALUES (NULL)");
        Assert.Equal("open", await connection.ScalarAsync<string>("SELECT status::text FROM tenant.tickets"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => connection.ExecuteAsync("INSERT INTO tenant.tickets (status) VALUES ('closed')"));
    }

    // A default calling an unqualified template function: the shadow creates the function before the table.
    [Fact]
    public async Task A_default_calling_a_template_function_renders_in_the_shadow()
    {
        var schema = Build("""
            namespace TestModels;

            [Table("tickets")]
            [Check("is_valid_code(code)")]
            public class Ticket
            {
                [Key] public int Id { get; set; }
                [DefaultSql("make_code(4)")] public string Code { get; set; } = null!;
            }
            """, ("/project/Sql/codes.sql", """
            CREATE OR REPLACE FUNCTION make_code(p_length integer) RETURNS text LANGUAGE sql VOLATILE AS $$
                SELECT upper(substr(md5(random()::text), 1, p_length))
            $$;

            CREATE OR REPLACE FUNCTION is_valid_code(p_code text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
                SELECT p_code ~ '^[0-9A-F]+$'
            $$;

            CREATE OR REPLACE FUNCTION ticket_count() RETURNS bigint LANGUAGE sql STABLE AS $$
                SELECT count(*) FROM public.tickets
            $$;
            """));

        var sql = schema.Sql;
        Assert.True(sql.IndexOf("FUNCTION public.make_code(") < sql.IndexOf("CREATE TABLE public.tickets"), sql);
        Assert.True(sql.IndexOf("FUNCTION public.is_valid_code(") < sql.IndexOf("CREATE TABLE public.tickets"), sql);
        Assert.True(sql.IndexOf("FUNCTION public.ticket_count(") > sql.IndexOf("CREATE TABLE public.tickets"), sql);

        // Deployed, the functions the table calls are created before it too.
        await using var connection = await Postgres.NewDatabaseAsync();
        var deployed = await SchemaDeployer.DeployAsync(schema.Target, connection);
        Assert.True(deployed.Steps.ToList().FindIndex(s => s.Object.StartsWith("public.make_code")) < deployed.Steps.ToList().FindIndex(s => s.Kind == StepKind.CreateTable));
        await connection.ExecuteAsync("INSERT INTO tickets (id) VALUES (1);");
        var drift = await SchemaDeployer.VerifyAsync(schema.Target, connection);
        Assert.True(drift.IsClean, string.Join("\n", drift.Drift));
        Assert.True((await SchemaDeployer.PlanAsync(schema.Target, connection)).IsEmpty);
    }

    // PostgreSQL checks a LANGUAGE sql body when the function is created, a PL/pgSQL one only when it runs: a PL/pgSQL
    // function that a default calls and that reads the same table goes before the table; a SQL one cannot, and stays after.
    [Fact]
    public async Task Template_order_follows_what_PostgreSQL_checks_when_a_function_is_created()
    {
        var schema = Build("""
            namespace TestModels;

            [Table("orders")]
            public class Order
            {
                [Key, DefaultSql("next_order_id()")] public int Id { get; set; }
                [DefaultSql("order_count()")] public long Before { get; set; }
            }
            """, ("/project/Sql/orders.sql", """
            CREATE OR REPLACE FUNCTION order_count() RETURNS bigint LANGUAGE sql STABLE AS $$
                SELECT count(*) FROM public.orders
            $$;

            CREATE OR REPLACE FUNCTION next_order_id() RETURNS integer LANGUAGE plpgsql AS $$
            BEGIN
                RETURN (SELECT coalesce(max(id), 0) + 1 FROM public.orders); -- LANGUAGE sql in a comment
            END $$;
            """));

        var sql = schema.Sql;
        Assert.True(sql.IndexOf("FUNCTION public.next_order_id()") < sql.IndexOf("CREATE TABLE public.orders"), sql);
        Assert.True(sql.IndexOf("FUNCTION public.order_count()") > sql.IndexOf("CREATE TABLE public.orders"), sql);
        Assert.Equal(DdlRenderer.Render(schema.Model), sql);
    }

    // A trigger executing a built-in function keeps the name as written: only functions the templates define are
    // qualified with the model's schema.
    [Fact]
    public async Task A_trigger_executing_a_builtin_function_deploys()
    {
        var schema = Build("""
            [assembly: SchemaOptions(DefaultSchema = "app")]
            namespace TestModels;

            [Table("documents")]
            public class Document
            {
                [Key] public int Id { get; set; }
                public string Body { get; set; } = null!;
                [Column(TypeName = "tsvector")] public string? Search { get; set; }
            }
            """, ("/project/Sql/search.sql", """
            CREATE OR REPLACE TRIGGER documents_search BEFORE INSERT OR UPDATE ON documents
                FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(search, 'pg_catalog.english', body);
            """));

        var trigger = Assert.Single(schema.Model.Triggers);
        Assert.DoesNotContain("app.tsvector_update_trigger", trigger.Definition);
        await using var connection = await Postgres.NewDatabaseAsync();
        await AssertDeploysCleanlyAsync(connection, schema);
        await connection.ExecuteAsync("INSERT INTO app.documents (id, body) VALUES (1, 'cats and dogs')");
        Assert.Equal("'cat':1 'dog':3", await connection.ScalarAsync<string>("SELECT search::text FROM app.documents"));
    }

    // Nothing in the default schema: the history table still goes there, and the shadow does not need it.
    [Theory]
    [InlineData(null)]
    [InlineData("app")]
    public async Task A_model_with_nothing_in_the_default_schema_deploys(string? defaultSchema)
    {
        var options = defaultSchema == null ? "" : $"[assembly: SchemaOptions(DefaultSchema = \"{defaultSchema}\")]\n";
        var schema = Build(options + """
            namespace TestModels;

            [Table("items", Schema = "archive")]
            public class Item
            {
                [Key] public int Id { get; set; }
                public string Name { get; set; } = null!;
            }
            """);
        await using var connection = await Postgres.NewDatabaseAsync();
        await AssertDeploysCleanlyAsync(connection, schema);
        Assert.Equal(1L, await connection.ScalarAsync<long>($"SELECT count(*) FROM {defaultSchema ?? "public"}.schemagen_history"));
    }
}
