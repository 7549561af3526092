using System.IO;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Cli;

/// <summary>
/// <c>schemagen compare</c>: a schema file run in a scratch database and compared with the model. Every test that runs
/// <c>compare</c> is in the <see cref="CompareCommandCollection"/>, so they run one after another and each can check that
/// no scratch database is left (another class's compare running meanwhile had its scratch database counted).
/// </summary>
[Collection(CompareCommandCollection.Name)]
public class CompareCommandTests
{
    [Fact]
    public async Task The_models_own_script_matches()
    {
        var file = await WriteSchemaFileAsync(JobPipeline.Schema.Sql);

        var run = await SchemaGenCli.RunOnSampleAsync("compare", "--static", file, "--connection", Postgres.Instance.AdminConnectionString);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("matches the model", run.Output);
        Assert.Equal(0L, await ScratchDatabasesLeftAsync());
    }

    [Fact]
    public async Task A_missing_index_and_a_different_column_are_reported_with_both_sides()
    {
        var planted = JobPipeline.Schema.Sql
            .Replace("CREATE INDEX ix_jobs_status ON app.jobs USING btree (status);\n", "")
            .Replace("retry_count integer DEFAULT 0 NOT NULL", "retry_count bigint DEFAULT 0 NOT NULL");
        var file = await WriteSchemaFileAsync(planted);

        var run = await SchemaGenCli.RunOnSampleAsync("compare", "--static", file, "--connection", Postgres.Instance.AdminConnectionString);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("index app.jobs.ix_jobs_status", run.Output);
        Assert.Contains("missing from schema file", run.Output);
        Assert.Contains("column app.tasks.retry_count", run.Output);
        Assert.Contains("retry_count integer DEFAULT 0 NOT NULL", run.Output);
        Assert.Contains("retry_count bigint DEFAULT 0 NOT NULL", run.Output);
        Assert.Contains("2 difference(s)", run.Output);
        Assert.Equal(0L, await ScratchDatabasesLeftAsync());
    }

    [Fact]
    public async Task A_file_PostgreSQL_refuses_is_reported_at_its_line_and_column()
    {
        var file = await WriteSchemaFileAsync("CREATE SCHEMA app;\nCREATE TABLE app.a (id integer);\nCREATE TABLE app.b (id integr);\n");

        var run = await SchemaGenCli.RunOnSampleAsync("compare", "--static", file, "--connection", Postgres.Instance.AdminConnectionString);

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.True((run.Output + run.Error).Contains(".sql:3:"), run.ToString());
        Assert.Contains("CREATE TABLE app.b (id integr);", run.Output + run.Error);
        Assert.Equal(0L, await ScratchDatabasesLeftAsync());
    }

    private static async Task<string> WriteSchemaFileAsync(string sql)
    {
        var file = Path.Combine(Path.GetTempPath(), $"schemagen-compare-{System.Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, sql);
        return file;
    }

    private static async Task<long> ScratchDatabasesLeftAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres.Instance.AdminConnectionString);
        await connection.OpenAsync();
        return await connection.ScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname LIKE 'schemagen\\_compare\\_%'");
    }
}

/// <summary>The tests that run <c>schemagen compare</c>: never in parallel, because they count its scratch databases.</summary>
[CollectionDefinition(Name)]
public class CompareCommandCollection
{
    public const string Name = "schemagen compare";
}
