using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Objects;

/// <summary>
/// <c>[assembly: Extension]</c>: created before the tables that use its types and functions, kept when the model no
/// longer declares it, updated to a pinned version, and refused with advice (the package to install, the privilege to
/// grant) when the server or the role cannot create it. All on the throwaway cluster, whose extensions are real.
/// </summary>
public class ExtensionTests
{
    private const string Members = """
        [assembly: Extension("citext"{0})]
        [assembly: Extension("uuid-ossp")]

        namespace ExtensionModels;

        [Table("members")]
        public class Member
        {
            [Key, DefaultSql("uuid_generate_v4()")] public Guid Id { get; set; }
            [Column(TypeName = "citext"), MaxLength(80)] public required string Email { get; set; }
        }
        """;

    private static GeneratedSchema Model(string citextOptions = "") => Evolution.Build(Members.Replace("{0}", citextOptions));

    [Fact]
    public async Task AnExtensionInASchemaNothingElseUsesGetsItsSchemaCreated()
    {
        var schema = Evolution.Build(Members.Replace("{0}", ", Schema = \"ext\"").Replace("TypeName = \"citext\"", "TypeName = \"ext.citext\""));
        await using var connection = await Postgres.NewDatabaseAsync();

        await SchemaDeployer.DeployAsync(schema.Target, connection);

        Assert.Equal("ext", await connection.ScalarAsync<string>("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'citext'"));
        Assert.Equal("ext.citext", await connection.ScalarAsync<string>("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'members'::regclass AND attname = 'email'"));
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
    }

    [Fact]
    public async Task TheExtensionIsCreatedBeforeTheTableAndItsTypeAndFunctionWork()
    {
        var schema = Model();
        await using var connection = await Postgres.NewDatabaseAsync();

        var first = await SchemaDeployer.DeployAsync(schema.Target, connection);
        var kinds = first.Steps.Select(s => s.Kind).ToList();
        Assert.Equal([StepKind.CreateExtension, StepKind.CreateExtension, StepKind.CreateTable], kinds.Take(3));
        Assert.Equal(["citext", "uuid-ossp"], first.Steps.Take(2).Select(s => s.Object));

        // citext compares case-insensitively (the CHECK of [MaxLength] too), and the default calls the extension's function.
        await connection.ExecuteAsync("INSERT INTO members (email) VALUES ('Ann@Example.com')");
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "CREATE UNIQUE INDEX ux_probe ON members (email); INSERT INTO members (email) VALUES ('ann@example.COM')"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
        Assert.Equal(36, (await connection.ScalarAsync<string>("SELECT id::text FROM members")).Length);

        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
        var second = await SchemaDeployer.DeployAsync(schema.Target, connection);
        Assert.True(second.NoOp);
    }

    [Fact]
    public async Task AnInstalledExtensionIsUsedAsItIsAndNeverDropped()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync("CREATE EXTENSION citext VERSION '1.5'; CREATE EXTENSION hstore");

        var first = await SchemaDeployer.DeployAsync(Model().Target, connection);
        Assert.Equal(["uuid-ossp"], first.Steps.Where(s => s.Kind == StepKind.CreateExtension).Select(s => s.Object));
        Assert.Equal("1.5", await connection.ScalarAsync<string>("SELECT extversion FROM pg_extension WHERE extname = 'citext'"));

        // A model that no longer declares or uses them, deployed with every drop allowed: the extensions stay, unreported.
        var without = Evolution.Build("""
            namespace ExtensionModels;

            [Table("members")]
            public class Member { [Key] public Guid Id { get; set; } }
            """);
        var options = new DeployOptions { AllowDataLoss = true, DropUnmanaged = true };
        await SchemaDeployer.DeployAsync(without.Target, connection, options);
        Assert.Equal(4L, await connection.ScalarAsync<long>(
            "SELECT count(*) FROM pg_extension WHERE extname IN ('plpgsql', 'citext', 'hstore', 'uuid-ossp')"));
        var drift = await SchemaDeployer.VerifyAsync(without.Target, connection, options);
        Assert.True(drift.IsClean, string.Join("\n", drift.Drift));
        var plan = await SchemaDeployer.PlanAsync(without.Target, connection, options);
        Assert.True(plan.IsEmpty, plan.Sql);
        Assert.Empty(plan.Unmanaged);
    }

    [Fact]
    public async Task APinnedVersionIsDriftUntilTheDeployUpdatesIt()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync("CREATE EXTENSION citext VERSION '1.4'");
        var pinned = Model(", Version = \"1.6\"");

        var drift = await SchemaDeployer.VerifyAsync(pinned.Target, connection);
        var version = Assert.Single(drift.Drift, d => d.Object == "version of extension citext");
        Assert.Equal(("1.6", "1.4"), (version.Model, version.Database));

        var deployed = await SchemaDeployer.DeployAsync(pinned.Target, connection);
        Assert.Contains(deployed.Steps, s => s.Kind == StepKind.UpdateExtension && s.Sql == "ALTER EXTENSION citext UPDATE TO '1.6';");
        Assert.Equal("1.6", await connection.ScalarAsync<string>("SELECT extversion FROM pg_extension WHERE extname = 'citext'"));
        Assert.True((await SchemaDeployer.VerifyAsync(pinned.Target, connection)).IsClean);
    }

    [Fact]
    public async Task ASchemaOverrideMovesTheTablesAndLeavesTheExtensionWhereItIsCreated()
    {
        var schema = Model();
        await using var connection = await Postgres.NewDatabaseAsync();
        var options = new DeployOptions { Schema = "tenant_a" };

        await SchemaDeployer.DeployAsync(schema.Target, connection, options);
        Assert.Equal("public", await connection.ScalarAsync<string>(
            "SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'citext'"));
        Assert.Equal("citext", await connection.ScalarAsync<string>(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tenant_a.members'::regclass AND attname = 'email'"));
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection, options)).IsClean);
        Assert.True((await SchemaDeployer.DeployAsync(schema.Target, connection, options)).NoOp);
    }

    [Fact]
    public async Task OnlineModeCreatesTheExtensionInItsFirstPhase()
    {
        var schema = Model();
        await using var connection = await Postgres.NewDatabaseAsync();
        var options = new DeployOptions { Mode = DeployMode.Online };

        var deployed = await SchemaDeployer.DeployAsync(schema.Target, connection, options);
        Assert.Equal(StepKind.CreateExtension, deployed.Steps[0].Kind);
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection, options)).IsClean);
    }

    [Fact]
    public async Task AnExtensionTheServerLacksNamesTheDebianPackage()
    {
        var schema = Evolution.Build("""
            [assembly: Extension("schemagen_missing")]

            namespace ExtensionModels;

            [Table("things")]
            public class Thing { [Key] public int Id { get; set; } }
            """);
        await using var connection = await Postgres.NewDatabaseAsync();

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(schema.Target, connection));
        // PostgreSQL 15 says "could not open extension control file" (58P01); later minor versions "is not available" (0A000).
        Assert.Contains(refused.SqlState, new[] { PostgresErrorCodes.UndefinedFile, PostgresErrorCodes.FeatureNotSupported });
        Assert.Contains("does not have extension schemagen_missing installed", refused.Message);
        Assert.True(refused.Message.Contains("apt-get install -y postgresql-15-schemagen-missing", StringComparison.Ordinal), refused.Message);
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'things'"));
    }

    [Fact]
    public async Task AnExtensionTheRoleMayNotCreateNamesThePrivilege()
    {
        var database = Postgres.Instance.CreateDatabase();
        await using var admin = new NpgsqlConnection(database);
        await admin.OpenAsync();
        var role = "deployer_" + Guid.NewGuid().ToString("N")[..8];
        await admin.ExecuteAsync($"CREATE ROLE {role} LOGIN; GRANT CREATE ON SCHEMA public TO {role}; GRANT CREATE ON DATABASE \"{DatabaseName(database)}\" TO {role}");
        try
        {
            await using var deployer = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Username = role }.ConnectionString);
            await deployer.OpenAsync();

            // The shadow's scratch schemas need CREATE on the database, and with it a role may create trusted extensions (hstore).
            var trusted = await SchemaDeployer.DeployAsync(WithExtension("hstore").Target, deployer);
            Assert.Contains(trusted.Steps, s => s.Kind == StepKind.CreateExtension && s.Object == "hstore");

            // file_fdw is not trusted: only a superuser may create it.
            var untrusted = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(WithExtension("file_fdw").Target, deployer));
            Assert.Contains("Extension file_fdw is not trusted: only a superuser can create it", untrusted.Message);
        }
        finally
        {
            await admin.ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    private static string DatabaseName(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    private static GeneratedSchema WithExtension(string name) => Evolution.Build($$"""
        [assembly: Extension("{{name}}")]

        namespace ExtensionModels;

        [Table("things")]
        public class Thing { [Key] public int Id { get; set; } }
        """);
}
