using System.IO;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Cli;

/// <summary><c>schemagen deploy</c> to several databases: one unreachable database fails alone.</summary>
public class FleetDeployCommandTests
{
    [Fact]
    public async Task Deploys_every_reachable_database_reports_the_unreachable_one_and_exits_3()
    {
        var first = Postgres.Instance.CreateDatabase();
        var second = Postgres.Instance.CreateDatabase();
        var closedPort = SchemaGenCli.ClosedPort();
        var unreachable = new NpgsqlConnectionStringBuilder(first) { Port = closedPort, Database = "tenant_gone" }.ConnectionString;
        var connectionsFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(connectionsFile, $"# tenants\n{second}\n\n{unreachable}\n");

        var run = await SchemaGenCli.RunOnSampleAsync("deploy", "--connection", first, "--connections-file", connectionsFile);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains($"127.0.0.1:{closedPort}/tenant_gone", run.Output);
        Assert.Contains("failed:", run.Output);
        Assert.Contains("2 of 3 database(s) succeeded; 1 failed.", run.Output);
        foreach (var database in new[] { first, second })
        {
            await using var connection = new NpgsqlConnection(database);
            Assert.True((await JobPipeline.Schema.VerifyAsync(connection)).IsClean);
        }
    }

    [Fact]
    public async Task Two_connection_strings_to_the_same_database_are_told_apart()
    {
        var database = Postgres.Instance.CreateDatabase();
        var again = new NpgsqlConnectionStringBuilder(database) { ApplicationName = "second" }.ConnectionString;

        var run = await SchemaGenCli.RunOnSampleAsync("deploy", "--connection", database, "--connection", again);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("(#1)", run.Output);
        Assert.Contains("(#2)", run.Output);
    }
}
