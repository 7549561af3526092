using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SchemaGen.Tests.Infrastructure;
using Xunit;
using static SchemaGen.Tests.Hosting.HostedDeploymentTests;

namespace SchemaGen.Tests.Hosting;

/// <summary><c>AddHealthChecks().AddSchemaDriftCheck()</c>: the health endpoint says whether the database still matches the model.</summary>
public class DriftHealthCheckTests
{
    [Fact]
    public async Task TheHealthEndpointTurnsDegradedAfterAHandEditAndNamesTheDrift()
    {
        var database = Postgres.Instance.CreateDatabase();
        var builder = TestApp.Builder(new Dictionary<string, string?> { ["SchemaGen:ConnectionString"] = database }, new CapturedLog());
        builder.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        builder.Services.AddHealthChecks().AddSchemaDriftCheck();
        await using var app = builder.Build();
        app.MapHealthChecks("/health");
        await app.StartAsync();
        var client = app.GetTestClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));

        await ExecuteAsync(database, "ALTER TABLE app.tasks ADD COLUMN hand_made integer");

        Assert.Equal("Degraded", await client.GetStringAsync("/health"));
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = report.Entries["schema"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        var drift = Assert.IsType<string[]>(entry.Data["drift"]);
        Assert.Contains(drift, d => d.Contains("hand_made", StringComparison.Ordinal));
        Assert.Equal(JobPipeline.Schema.ModelHash, entry.Data["modelHash"]);
        await app.StopAsync();
    }

    [Fact]
    public async Task DriftCanBeReportedAsUnhealthy()
    {
        var database = Postgres.Instance.CreateDatabase();
        await DeployAsync(database);
        await ExecuteAsync(database, "DROP INDEX app.ix_tasks_status");
        var builder = TestApp.Builder(new Dictionary<string, string?> { ["SchemaGen:ConnectionString"] = database, ["SchemaGen:OnStartup"] = "None" }, new CapturedLog());
        builder.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        builder.Services.AddHealthChecks().AddSchemaDriftCheck(driftStatus: HealthStatus.Unhealthy);
        await using var app = builder.Build();
        await app.StartAsync();

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains((string[])report.Entries["schema"].Data["drift"], d => d.Contains("ix_tasks_status", StringComparison.Ordinal));
        await app.StopAsync();
    }

    [Fact]
    public void TheDriftCheckNeedsTheModelRegisteredFirst()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddHealthChecks().AddSchemaDriftCheck());

        Assert.Contains("AddSchemaDeployment", error.Message);
    }
}
