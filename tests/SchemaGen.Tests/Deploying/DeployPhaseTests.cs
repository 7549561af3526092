using System;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// Every failure is a <see cref="SchemaDeployException"/> that says which operation and which phase failed, with the
/// statement and SQLSTATE, and names the missing privilege when PostgreSQL refused one (42501).
/// </summary>
public class DeployPhaseTests
{
    private const string Model = """
        [assembly: SchemaOptions(DefaultSchema = "app")]
        namespace TestModels;

        [Table("items")]
        public class Item
        {
            [Key] public int Id { get; set; }
            public string Name { get; set; } = null!;
        }
        """;

    private static async Task<NpgsqlConnection> ConnectAsRoleWithoutCreateOnDatabaseAsync(NpgsqlConnection admin, string role)
    {
        await admin.ExecuteAsync($"""
            DO $$ BEGIN CREATE ROLE {role} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            REVOKE CREATE ON DATABASE "{admin.Database}" FROM PUBLIC;
            CREATE SCHEMA app AUTHORIZATION {role};
            """);
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Username = role }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    [Fact]
    public async Task Without_CREATE_on_the_database_the_error_names_the_phase_and_the_privilege()
    {
        var schema = Evolution.Build(Model);
        await using var admin = await Postgres.NewDatabaseAsync();
        await using var connection = await ConnectAsRoleWithoutCreateOnDatabaseAsync(admin, "schemagen_no_create_db");
        // Neither scratch schemas nor the temporary schema, and a schema that is not empty, so the model must be rendered.
        await admin.ExecuteAsync($"""REVOKE TEMPORARY ON DATABASE "{admin.Database}" FROM PUBLIC; CREATE TABLE app.unrelated (x integer)""");

        var plan = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.PlanAsync(schema.Target, connection));
        Assert.Equal(DeployOperation.Plan, plan.Operation);
        Assert.Equal(DeployPhase.RenderingShadow, plan.Phase);
        Assert.Equal("42501", plan.SqlState);
        Assert.StartsWith("Plan failed while rendering the model in a scratch schema", plan.Message);
        Assert.Contains("CREATE privilege on database", plan.Message);
        Assert.Contains("TEMPORARY privilege", plan.Message);
        Assert.DoesNotContain("deploy", plan.Message.Split('\n')[0], StringComparison.OrdinalIgnoreCase);

        var verify = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.VerifyAsync(schema.Target, connection));
        Assert.Equal(DeployOperation.Verify, verify.Operation);
        Assert.StartsWith("Verify failed while rendering the model in a scratch schema", verify.Message);

        var deploy = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(schema.Target, connection));
        Assert.Equal(DeployOperation.Deploy, deploy.Operation);
        Assert.Equal(DeployPhase.RenderingShadow, deploy.Phase);
        Assert.Equal(0L, await admin.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relnamespace = 'app'::regnamespace AND relname <> 'unrelated'"));
    }

    [Fact]
    public async Task A_refused_step_names_its_number_and_the_statement()
    {
        var before = Evolution.Build(EvolutionModels.Items);
        var after = Evolution.Build(EvolutionModels.Items.Replace("public int Count", "[Range(0, 1)] public int Count"));
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(before.Target, connection);
        await connection.ExecuteAsync("INSERT INTO items (id, name, count, status) VALUES (1, 'a', 5, 'queued')");

        var error = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection));

        Assert.Equal(DeployOperation.Deploy, error.Operation);
        Assert.Equal(DeployPhase.ApplyingStep, error.Phase);
        Assert.NotNull(error.Step);
        Assert.Equal("23514", error.SqlState);
        Assert.Contains($"step {error.Step}", error.Message);
        Assert.Contains("VALIDATE CONSTRAINT", error.Statement);
    }
}
