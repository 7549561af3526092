using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// [SqlFunction] partial methods get implementations that call the real functions with named arguments and
/// read their results, in every supported shape; the compiled program runs against PostgreSQL.
/// </summary>
public class WrapperTests
{
    private const string Wrappers = """
        namespace TestModels;

        public sealed record AdvanceResult(bool Advanced, int NewStage, bool IsFinal);

        public sealed class JobRow
        {
            public string JobId { get; init; } = "";
            public int Stage { get; init; }
            public JobStatus Status { get; init; }
        }

        public static partial class JobFunctions
        {
            [SqlFunction("advance_job_stage")]
            public static partial Task<AdvanceResult?> AdvanceJobStageAsync(this NpgsqlConnection connection, string jobId, int currentStage, JsonDocument? stageResults = null, CancellationToken ct = default);

            [SqlFunction("count_jobs")]
            public static partial Task<long> CountJobsAsync(this NpgsqlConnection connection, JobStatus status, CancellationToken ct = default);

            [SqlFunction("jobs_in")]
            public static partial Task<IReadOnlyList<JobRow>> JobsInAsync(this NpgsqlConnection connection, JobStatus status);

            [SqlFunction("jobs_in")]
            public static partial IAsyncEnumerable<JobRow> StreamJobsAsync(this NpgsqlConnection connection, JobStatus status, CancellationToken ct = default);

            [SqlFunction("reset_jobs")]
            public static partial Task ResetJobsAsync(this NpgsqlConnection connection);
        }

        public static class Scenario
        {
            public static async Task<string> RunAsync(string connectionString)
            {
                await using (var setup = new NpgsqlConnection(connectionString))
                    await Schema.DeployAsync(setup);
                await using var dataSource = Schema.MapTypes(new NpgsqlDataSourceBuilder(connectionString)).Build();
                await using var c = await dataSource.OpenConnectionAsync();
                await using (var insert = new NpgsqlCommand("INSERT INTO app.jobs (job_id, total_stages) VALUES ('a', 2), ('b', 1)", c))
                    await insert.ExecuteNonQueryAsync();

                var lines = new List<string>
                {
                    "advance a: " + await c.AdvanceJobStageAsync("a", 1, JsonDocument.Parse("{\"s1\": 3}")),
                    "advance a again: " + await c.AdvanceJobStageAsync(currentStage: 1, jobId: "a"),
                    "advance missing: " + ((await c.AdvanceJobStageAsync("zzz", 1))?.ToString() ?? "no row"),
                    "queued: " + await c.CountJobsAsync(JobStatus.Queued),
                };
                foreach (var row in await c.JobsInAsync(JobStatus.Queued))
                    lines.Add($"list: {row.JobId} stage {row.Stage} {row.Status}");
                await foreach (var row in c.StreamJobsAsync(JobStatus.Queued))
                    lines.Add($"stream: {row.JobId}");
                await c.ResetJobsAsync();
                await using (var check = new NpgsqlCommand("SELECT string_agg(job_id || '=' || stage || ' ' || stage_results::text, ', ' ORDER BY job_id) FROM app.jobs", c))
                    lines.Add("after reset: " + await check.ExecuteScalarAsync());
                return string.Join("\n", lines);
            }
        }
        """;

    [Fact]
    public async Task Generated_wrappers_call_the_functions_and_read_every_result_shape()
    {
        var result = GeneratorHarness.Run([WrapperModels.Usings + WrapperModels.Model, WrapperModels.Usings + Wrappers], WrapperModels.TemplateFiles);
        Assert.Empty(result.AllDiagnostics);
        Golden.Verify("Wrappers.g.cs", result.GeneratedFunctions!);
        var schema = result.Load();

        var run = schema.Assembly.GetType("TestModels.Scenario")!.GetMethod("RunAsync")!;
        var output = await (Task<string>)run.Invoke(null, [Postgres.Instance.CreateDatabase()])!;

        Assert.Equal("""
            advance a: AdvanceResult { Advanced = True, NewStage = 2, IsFinal = True }
            advance a again: AdvanceResult { Advanced = False, NewStage = 2, IsFinal = True }
            advance missing: no row
            queued: 2
            list: a stage 2 Queued
            list: b stage 1 Queued
            stream: a
            stream: b
            after reset: a=1 {"s1": 3}, b=1 {}
            """, output);
    }

    [Fact]
    public void A_parameter_the_function_does_not_have_is_SG0010_with_the_nearest_name()
    {
        var diagnostics = Diagnostics("""
            [SqlFunction("advance_job_stage")]
            public static partial Task<AdvanceResult?> AdvanceAsync(this NpgsqlConnection connection, string jobId, int currentStage, JsonDocument? stageResult = null);
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("SG0010", "stageResult"), (diagnostic.Id, Text(diagnostic)));
        Assert.Contains("passes 'stageResult' as p_stage_result, which app.advance_job_stage(p_job_id, p_current_stage, p_stage_results) does not have; did you mean 'stageResults' (p_stage_results)?", diagnostic.GetMessage());
        Assert.Equal("stageResults", diagnostic.Properties["Suggested"]);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void A_required_parameter_left_out_is_SG0010_at_the_method()
    {
        var diagnostic = Assert.Single(Diagnostics("""
            [SqlFunction("advance_job_stage")]
            public static partial Task<AdvanceResult?> AdvanceAsync(this NpgsqlConnection connection, string jobId);
            """));

        Assert.Equal(("SG0010", "AdvanceAsync"), (diagnostic.Id, Text(diagnostic)));
        Assert.Contains("does not pass p_current_stage, which app.advance_job_stage(p_job_id, p_current_stage, p_stage_results) requires; add a parameter 'currentStage' (integer)", diagnostic.GetMessage());
    }

    [Fact]
    public void A_parameter_of_the_wrong_type_is_SG0010()
    {
        var diagnostic = Assert.Single(Diagnostics("""
            [SqlFunction("count_jobs")]
            public static partial Task<long> CountAsync(this NpgsqlConnection connection, int status);
            """));

        Assert.Equal(("SG0010", "status"), (diagnostic.Id, Text(diagnostic)));
        Assert.Contains("passes 'status' (int) as p_status, which is app.job_status in app.count_jobs(p_status); use TestModels.JobStatus", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public sealed record Narrow(long Total);", "Task<Narrow?>", "count_jobs", "Read", "'Read' reads rows of TestModels.Narrow, but app.count_jobs(p_status) returns bigint, not a table")]
    [InlineData("public sealed record Row(string JobId, long Stage, JobStatus Status);", "Task<Row?>", "jobs_in", null, "")]
    [InlineData("public sealed record Row(string JobId, short Stage, JobStatus Status);", "Task<Row?>", "jobs_in", "Stage", "'Stage' of TestModels.Row is short, but column stage of app.jobs_in(p_status) is integer; use int")]
    [InlineData("public sealed record Row(string JobId, int Stage, string Status);", "Task<Row?>", "jobs_in", null, "")]
    [InlineData("public sealed record Row<T>(string JobId, short Stage, T Status);", "Task<Row<JobStatus>?>", "jobs_in", "Stage", "is short, but column stage of app.jobs_in(p_status) is integer; use int")]
    [InlineData("public sealed record Row(string JobId, int Stage, JobStatus State);", "Task<Row?>", "jobs_in", "State", "reads column state, which app.jobs_in(p_status) does not return; its columns are job_id, stage, status")]
    [InlineData("", "Task<int>", "count_jobs", "Read", "'Read' reads int, but app.count_jobs(p_status) returns bigint; use long")]
    [InlineData("public enum Other { A }", "Task<Other>", "count_jobs", "Read", "'Read' reads TestModels.Other, but app.count_jobs(p_status) returns bigint; use long")]
    public void Results_the_CSharp_type_cannot_hold_are_SG0011_at_the_member(string declaration, string returnType, string function, string? span, string message)
    {
        var diagnostics = Diagnostics($$"""
            [SqlFunction("{{function}}")]
            public static partial {{returnType}} Read(this NpgsqlConnection connection, JobStatus status);
            """, declaration);

        if (span == null)
        {
            Assert.Empty(diagnostics);
            return;
        }

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("SG0011", span), (diagnostic.Id, Text(diagnostic)));
        Assert.Contains(message, diagnostic.GetMessage());
    }

    [Fact]
    public void A_function_no_template_defines_is_SG0012_at_the_attribute()
    {
        var diagnostic = Assert.Single(Diagnostics("""
            [SqlFunction("advance_job_stages")]
            public static partial Task ResetAsync(this NpgsqlConnection connection);
            """));

        Assert.Equal(("SG0012", "SqlFunction(\"advance_job_stages\")"), (diagnostic.Id, Text(diagnostic)));
        Assert.Contains("the templates define advance_job_stage, count_jobs, jobs_in, reset_jobs", diagnostic.GetMessage());
    }

    // The wrapper diagnostics of a class holding the given members, next to the jobs model and its templates.
    private static System.Collections.Generic.List<Diagnostic> Diagnostics(string members, string declarations = "")
    {
        var source = WrapperModels.Usings + "namespace TestModels;\n\npublic sealed record AdvanceResult(bool Advanced, int NewStage, bool IsFinal);\n"
            + declarations + "\n\npublic static partial class Calls\n{\n" + members + "\n}\n";
        var result = GeneratorHarness.Run([WrapperModels.Usings + WrapperModels.Model, source], WrapperModels.TemplateFiles);
        return result.GeneratorDiagnostics.Where(d => d.Id is "SG0010" or "SG0011" or "SG0012").ToList();
    }

    private static string Text(Diagnostic diagnostic) => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
