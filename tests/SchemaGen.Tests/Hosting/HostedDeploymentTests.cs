using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchemaGen.Hosting;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Hosting;

/// <summary>
/// <c>services.AddSchemaDeployment(Schema.Target)</c> in a real ASP.NET Core host against PostgreSQL: the schema is
/// deployed before anything else starts, a refused deployment stops start-up with a clear log, and the options come
/// from configuration.
/// </summary>
public class HostedDeploymentTests
{
    [Fact]
    public async Task TheSchemaIsDeployedBeforeAnyHostedServiceStarts()
    {
        var database = Postgres.Instance.CreateDatabase();
        var log = new CapturedLog();
        var builder = TestApp.Builder(new Dictionary<string, string?> { ["SchemaGen:ConnectionString"] = database }, log);
        // Registered before the deployment: the host still runs every StartingAsync before any StartAsync.
        builder.Services.AddSingleton<TablesSeenAtStart>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TablesSeenAtStart>());
        builder.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        await using var app = builder.Build();
        app.MapGet("/jobs", async () =>
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            return await connection.ScalarAsync<long>("SELECT count(*) FROM app.jobs");
        });

        await app.StartAsync();
        var response = await app.GetTestClient().GetStringAsync("/jobs");

        Assert.Equal(2, app.Services.GetRequiredService<TablesSeenAtStart>().Count);
        Assert.Equal("0", response);
        Assert.Contains(log.At(LogLevel.Information), m => m.StartsWith("Deployed schema " + JobPipeline.Schema.ModelHash, StringComparison.Ordinal));
        await app.StopAsync();

        // The next start finds nothing to do.
        var again = TestApp.Builder(new Dictionary<string, string?> { ["SchemaGen:ConnectionString"] = database }, log);
        again.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        await using var second = again.Build();
        await second.StartAsync();
        Assert.Contains(log.At(LogLevel.Information), m => m.StartsWith("Schema " + JobPipeline.Schema.ModelHash + " is already deployed", StringComparison.Ordinal));
        Assert.Equal(1L, await ScalarAsync<long>(database, "SELECT count(*) FROM app.schemagen_history"));
        await second.StopAsync();
    }

    [Fact]
    public async Task ARefusedDeploymentStopsStartUpAndSaysWhy()
    {
        var database = Postgres.Instance.CreateDatabase();
        await DeployAsync(database);
        // A column the model does not have, with data in it: dropping it loses data, so the deployment is refused.
        await ExecuteAsync(database, "ALTER TABLE app.jobs ADD COLUMN legacy_note text; INSERT INTO app.jobs (job_id, job_type) VALUES (repeat('a', 64), 'kept')");
        await ExecuteAsync(database, "UPDATE app.jobs SET legacy_note = 'precious'");
        var log = new CapturedLog();
        var builder = TestApp.Builder(new Dictionary<string, string?> { ["SchemaGen:ConnectionString"] = database }, log);
        builder.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        await using var app = builder.Build();

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => app.StartAsync());

        var critical = Assert.Single(log.At(LogLevel.Critical));
        Assert.Contains("does not start", critical);
        Assert.Contains("legacy_note", critical);
        Assert.Contains("legacy_note", refused.Message);
        Assert.Equal("precious", await ScalarAsync<string>(database, "SELECT legacy_note FROM app.jobs"));
    }

    [Fact]
    public async Task OptionsBoundFromConfigurationAllowTheDataLoss()
    {
        var database = Postgres.Instance.CreateDatabase();
        await DeployAsync(database);
        await ExecuteAsync(database, "ALTER TABLE app.jobs ADD COLUMN legacy_note text DEFAULT 'x'; INSERT INTO app.jobs (job_id, job_type) VALUES (repeat('a', 64), 'kept')");
        var log = new CapturedLog();
        var builder = TestApp.Builder(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Jobs"] = database,
            ["SchemaGen:ConnectionStringName"] = "Jobs",
            ["SchemaGen:AllowDataLoss"] = "true",
        }, log);
        builder.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        await using var app = builder.Build();

        await app.StartAsync();

        Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'legacy_note'"));
        Assert.Equal("kept", await ScalarAsync<string>(database, "SELECT job_type FROM app.jobs"));
        await app.StopAsync();
    }

    [Fact]
    public async Task VerifyOnlyLogsTheDriftAndChangesNothing()
    {
        var database = Postgres.Instance.CreateDatabase();
        await DeployAsync(database);
        await ExecuteAsync(database, "ALTER TABLE app.jobs ADD COLUMN hand_made integer");
        var log = new CapturedLog();
        var settings = new Dictionary<string, string?> { ["SchemaGen:ConnectionString"] = database, ["SchemaGen:OnStartup"] = "Verify" };
        var builder = TestApp.Builder(settings, log);
        builder.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        await using (var app = builder.Build())
        {
            await app.StartAsync();
            Assert.Contains(log.At(LogLevel.Warning), m => m.Contains("hand_made", StringComparison.Ordinal));
            await app.StopAsync();
        }

        Assert.Equal(1L, await ScalarAsync<long>(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'hand_made'"));

        // FailOnDrift turns the same drift into a failed start.
        settings["SchemaGen:FailOnDrift"] = "true";
        var strict = TestApp.Builder(settings, new CapturedLog());
        strict.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        await using var failing = strict.Build();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.StartAsync());
        Assert.Contains("hand_made", error.Message);
    }

    [Fact]
    public async Task WithoutAConnectionTheErrorSaysWhatToConfigure()
    {
        var builder = TestApp.Builder(new Dictionary<string, string?>(), new CapturedLog());
        builder.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("SchemaGen:ConnectionString", error.Message);
        Assert.Contains("NpgsqlDataSource", error.Message);
    }

    [Fact]
    public async Task TheApplicationsDataSourceIsUsedWhenNoConnectionStringIsConfigured()
    {
        var database = Postgres.Instance.CreateDatabase();
        var builder = TestApp.Builder(new Dictionary<string, string?>(), new CapturedLog());
        builder.Services.AddSingleton(JobPipeline.Schema.MapTypes(new NpgsqlDataSourceBuilder(database)).Build());
        builder.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        await using var app = builder.Build();

        await app.StartAsync();

        Assert.Equal(1L, await ScalarAsync<long>(database, "SELECT count(*) FROM app.schemagen_history"));
        // The data source's first connection was the deployment's, before the enum types existed: it knows them now.
        await using var command = app.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT 'completed_with_errors'::app.job_status");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(JobPipeline.Models.JobStatus.CompletedWithErrors, reader.GetFieldValue<JobPipeline.Models.JobStatus>(0));
        await app.StopAsync();
    }

    internal static async Task DeployAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await JobPipeline.Schema.DeployAsync(connection);
    }

    internal static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    internal static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return await connection.ScalarAsync<T>(sql);
    }

    /// <summary>A hosted service that counts the model's tables when it starts.</summary>
    private sealed class TablesSeenAtStart(IConfiguration configuration) : IHostedService
    {
        public long Count { get; private set; } = -1;

        public async Task StartAsync(CancellationToken cancellationToken) =>
            Count = await ScalarAsync<long>(configuration["SchemaGen:ConnectionString"]!, "SELECT count(*) FROM pg_tables WHERE schemaname = 'app' AND tablename IN ('jobs', 'tasks')");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
