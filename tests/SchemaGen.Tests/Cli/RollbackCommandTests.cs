using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Cli;

/// <summary><c>schemagen rollback --to ID</c>: an earlier deployment's model deployed again, hazards refused unless allowed.</summary>
public class RollbackCommandTests
{
    private const string Earlier = """
        [assembly: SchemaOptions(DefaultSchema = "app")]
        namespace TestModels;
        [Table("notes")]
        public class Note
        {
            [Key] public int Id { get; set; }
            public string Text { get; set; } = "";
        }
        """;

    [Fact]
    public async Task Rollback_refuses_hazards_with_exit_2_then_restores_the_earlier_model()
    {
        var database = Postgres.Instance.CreateDatabase();
        var earlier = Evolution.Build(Earlier);
        long first;
        await using (var connection = new NpgsqlConnection(database))
            first = (await SchemaDeployer.DeployAsync(earlier.Target, connection)).HistoryId!.Value;
        var deploy = await SchemaGenCli.RunOnSampleAsync("deploy", "--connection", database, "--allow-data-loss");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("INSERT INTO app.jobs (job_id, job_type) VALUES (repeat('a', 64), 'kept')");
        }

        var dryRun = await SchemaGenCli.RunOnSampleAsync("rollback", "--connection", database, "--to", first.ToString(), "--drop-unmanaged", "--dry-run");
        Assert.True(dryRun.ExitCode == 2, dryRun.ToString());
        Assert.Contains("app.jobs", dryRun.Output);
        Assert.Contains("would bring", dryRun.Output);

        var refused = await SchemaGenCli.RunOnSampleAsync("rollback", "--connection", database, "--to", first.ToString(), "--drop-unmanaged");
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("app.jobs", refused.Error);

        var rolledBack = await SchemaGenCli.RunOnSampleAsync("rollback", "--connection", database, "--to", first.ToString(), "--drop-unmanaged", "--allow-data-loss");
        Assert.True(rolledBack.ExitCode == 0, rolledBack.ToString());
        Assert.Contains($"back to deployment #{first}", rolledBack.Output);
        await using var db = new NpgsqlConnection(database);
        await db.OpenAsync();
        Assert.True((await SchemaDeployer.VerifyAsync(earlier.Target, db)).IsClean);

        var unknown = await SchemaGenCli.RunOnSampleAsync("rollback", "--connection", database, "--to", "999");
        Assert.True(unknown.ExitCode == 3, unknown.ToString());
        Assert.Contains("no deployment 999", unknown.Error);
    }
}
