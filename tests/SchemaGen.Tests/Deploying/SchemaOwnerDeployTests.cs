using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;
using SchemaGen.Tests.Generator;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// A role that owns the managed schemas (or has CREATE on public) but has no CREATE on the database deploys: a model
/// that must be rendered is rendered in the session's temporary schema instead of scratch schemas, and renders exactly
/// as the scratch schemas do (the stored targets are equal, the migrated database equals a fresh one).
/// </summary>
public class SchemaOwnerDeployTests
{
    public static IEnumerable<object[]> SnapshotModels() => FeatureModels.Names().Append(new object[] { "JobPipeline" }).Append(new object[] { "ThreeSchemas" });

    // Objects in three schemas that refer to each other: a foreign key, an enum and a domain used across schemas, a sequence
    // called by another schema's default, a function called by another schema's check, views joining two schemas and over each other.
    private const string ThreeSchemas = """
        namespace TestModels;

        public enum Priority { Low, High }

        [Table("customers", Schema = "crm")]
        public class Customer
        {
            [Key] public int Id { get; set; }
            [MaxLength(40)] public string Name { get; set; } = "";
            [Column(TypeName = "crm.code")] public string Code { get; set; } = "";
        }

        [Table("orders", Schema = "sales")]
        [Index(nameof(CustomerId), nameof(Priority))]
        [Check("crm.is_code(note)")]
        public class Order
        {
            [Key] public long Id { get; set; }
            [DefaultSql("nextval('sales.order_no')")] public long Number { get; set; }
            [References(typeof(Customer))] public int CustomerId { get; set; }
            public Priority Priority { get; set; } = Priority.Low;
            public string? Note { get; set; }
        }
        """;

    private static readonly (string Path, string Text)[] ThreeSchemasTemplates =
    [
        ("/project/Sql/01_sequences.sql", "CREATE SEQUENCE sales.order_no START 100;\n"),
        ("/project/Sql/02_functions.sql", "CREATE OR REPLACE FUNCTION crm.is_code(value text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT value ~ '^[A-Z]+$' $$;\n"),
        ("/project/Sql/03_views.sql", """
            CREATE VIEW reporting.customer_orders AS
                SELECT c.id, c.name, count(o.id) AS orders, max(o.priority) AS top_priority
                FROM crm.customers c LEFT JOIN sales.orders o ON o.customer_id = c.id GROUP BY c.id, c.name;

            CREATE VIEW reporting.busy_customers AS SELECT id, name FROM reporting.customer_orders WHERE orders > 10;
            """),
    ];

    [Theory]
    [MemberData(nameof(SnapshotModels))]
    public async Task ASchemaOwnerRendersEverySnapshotModelInItsTemporarySchemaAsScratchSchemasDo(string name)
    {
        var model = Build(name);
        await using var reference = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(model.Target, reference);
        var scratchTarget = await reference.ScalarAsync<string>($"SELECT target FROM {History(model)}", []);

        await using var admin = await Postgres.NewDatabaseAsync();
        await using var owner = await SchemaOwner.CreateAsync(admin, model.Model);
        // An object the model does not have, so the database is not empty and the model is rendered, not just applied.
        await admin.ExecuteAsync($"CREATE TABLE {SqlSyntax.QualifiedName(model.Target.DefaultSchema, "unrelated")} (x integer)");

        var deployed = await SchemaDeployer.DeployAsync(model.Target, owner.Connection);

        Assert.False(deployed.NoOp);
        Assert.Equal(scratchTarget, await admin.ScalarAsync<string>($"SELECT target FROM {History(model)}", []));
        await admin.ExecuteAsync($"DROP TABLE {SqlSyntax.QualifiedName(model.Target.DefaultSchema, "unrelated")}");
        Assert.True((await SchemaDeployer.VerifyAsync(model.Target, owner.Connection)).IsClean);
        Assert.True((await SchemaDeployer.DeployAsync(model.Target, owner.Connection)).NoOp);
        Assert.Equal(await PgDump.SchemaAsync(reference), await PgDump.SchemaAsync(admin));
    }

    [Theory]
    [MemberData(nameof(EvolutionTests.Safe), MemberType = typeof(EvolutionTests))]
    public async Task ASchemaOwnerEvolvesItsModelAsAFreshDeployWould(EvolutionTests.Change change)
    {
        var before = Evolution.Build(EvolutionModels.Items);
        var after = Evolution.Build(change.Model);
        await using var admin = await Postgres.NewDatabaseAsync();
        await using var owner = await SchemaOwner.CreateAsync(admin, before.Model);
        await SchemaDeployer.DeployAsync(before.Target, owner.Connection);
        await owner.Connection.ExecuteAsync("INSERT INTO items (id, name, count, note, status) VALUES (1, 'a', 1, NULL, 'queued'), (2, 'b', 2, 'x', 'done');" + change.ExtraSeed);

        var result = await SchemaDeployer.DeployAsync(after.Target, owner.Connection);

        Assert.False(result.NoOp);
        Assert.Equal(change.Rows, await Evolution.RowsAsync(admin, change.Table));
        await Evolution.AssertSameAsFreshAsync(admin, after);
    }

    [Fact]
    public async Task ARoleWithNeitherCreateNorTemporaryIsToldWhichPrivilegeToGrant()
    {
        var model = Evolution.Build(EvolutionModels.Items);
        await using var admin = await Postgres.NewDatabaseAsync();
        await admin.ExecuteAsync($"REVOKE TEMPORARY ON DATABASE {SqlSyntax.Identifier(admin.Database)} FROM PUBLIC; CREATE TABLE unrelated (x integer)");
        await using var owner = await SchemaOwner.CreateAsync(admin, model.Model);

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(model.Target, owner.Connection));

        Assert.Contains($"lacks both the CREATE privilege on database {admin.Database} (for the scratch schemas of the shadow) and the TEMPORARY privilege", refused.Message);
        Assert.Equal("42501", refused.SqlState);
        Assert.Equal(0L, await admin.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'items'", []));
    }

    [Fact]
    public async Task SchemasThatUseTheSameNameCannotBeFoldedIntoTheTemporarySchemaAndTheRefusalNamesThem()
    {
        var model = GeneratorHarness.Run([Evolution.Usings + """
            namespace TestModels;

            [Table("items", Schema = "north")] public class NorthItem { [Key] public int Id { get; set; } }
            [Table("items", Schema = "south")] public class SouthItem { [Key] public int Id { get; set; } }
            """], []).Load();
        await using var admin = await Postgres.NewDatabaseAsync();
        await using var owner = await SchemaOwner.CreateAsync(admin, model.Model);
        await admin.ExecuteAsync("CREATE TABLE north.unrelated (x integer)");

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(model.Target, owner.Connection));

        Assert.Contains($"lacks the CREATE privilege on database {admin.Database}", refused.Message);
        Assert.Contains("because they use the same names: items in north and south", refused.Message);
        Assert.Equal("42501", refused.SqlState);
        Assert.Equal(0L, await admin.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'items'", []));
    }

    [Fact]
    public async Task AModelWithAMaterializedViewCannotBeRenderedInTheTemporarySchemaAndTheRefusalSaysWhy()
    {
        var model = Templates.ObjectTemplateModels.Build();
        await using var admin = await Postgres.NewDatabaseAsync();
        await using var owner = await SchemaOwner.CreateAsync(admin, model.Model);
        await admin.ExecuteAsync("CREATE TABLE shop.unrelated (x integer)");

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(model.Target, owner.Connection));

        Assert.Contains("where PostgreSQL cannot create the model's materialized views (shop.invoice_stats) over temporary tables", refused.Message);
        Assert.Equal("42501", refused.SqlState);
    }

    internal static GeneratedSchema Build(string name) => name switch
    {
        "JobPipeline" => GeneratorHarness.Run(FeatureModels.Sample(), FeatureModels.SampleTemplates()).Load(),
        "ThreeSchemas" => GeneratorHarness.Run([Evolution.Usings + "[assembly: Domain(\"code\", \"text\", Schema = \"crm\", Check = \"VALUE <> ''\")]\n" + ThreeSchemas], ThreeSchemasTemplates).Load(),
        _ => GeneratorHarness.Run(FeatureModels.All[name], []).Load(),
    };

    internal static string History(GeneratedSchema model) => SqlSyntax.QualifiedName(model.Target.DefaultSchema, "schemagen_history");
}

/// <summary>
/// A login role that owns every schema a model uses (public: CREATE and USAGE on it, as PostgreSQL 15 no longer grants
/// them to PUBLIC) and has no CREATE on the database; dropped with what it owns when disposed.
/// </summary>
internal sealed class SchemaOwner : IAsyncDisposable
{
    private readonly NpgsqlConnection _admin;
    private readonly string _role;

    private SchemaOwner(NpgsqlConnection admin, string role, NpgsqlConnection connection)
    {
        _admin = admin;
        _role = role;
        Connection = connection;
    }

    public NpgsqlConnection Connection { get; }

    public static async Task<SchemaOwner> CreateAsync(NpgsqlConnection admin, SchemaModel model)
    {
        var role = "owner_" + Guid.NewGuid().ToString("N")[..8];
        await admin.ExecuteAsync($"CREATE ROLE {role} LOGIN");
        foreach (var schema in SchemaMapping.UsedSchemas(model).Append("public").Distinct())
        {
            var quoted = SqlSyntax.Identifier(schema);
            await admin.ExecuteAsync(schema == "public"
                ? $"GRANT USAGE, CREATE ON SCHEMA public TO {role}"
                : $"CREATE SCHEMA {quoted} AUTHORIZATION {role}");
        }

        // Creating an extension needs CREATE on the database (a superuser for untrusted ones such as PostGIS): as
        // docs/deploying.md says, an administrator creates the model's extensions once, and the deployer leaves them alone.
        foreach (var extension in model.Extensions)
            await admin.ExecuteAsync(DdlRenderer.CreateExtension(extension));

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres.Instance.AdminConnectionString)
            { Database = admin.Database, Username = role, Password = null, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        Assert.False(await connection.ScalarAsync<bool>("SELECT has_database_privilege(current_database(), 'CREATE')", []));
        return new SchemaOwner(admin, role, connection);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        // The databases stay (as every test's do); the role's objects in them are handed to the administrator first.
        await _admin.ExecuteAsync($"REASSIGN OWNED BY {_role} TO CURRENT_USER; DROP OWNED BY {_role}; DROP ROLE {_role}");
    }
}
