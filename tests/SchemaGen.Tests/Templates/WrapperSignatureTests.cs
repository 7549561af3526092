using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// [SqlFunction] methods whose C# declarations are unusual but valid get implementations that compile and run (keyword
/// names, <c>params</c>), and those the generated code could not implement are SG0010/SG0011 at the method: never a
/// compiler error inside SqlFunctions.g.cs.
/// </summary>
public class WrapperSignatureTests
{
    private const string CountOf = "CREATE OR REPLACE FUNCTION app.count_of(p_values integer[]) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT cardinality(p_values) $$;";

    [Fact]
    public async Task Keyword_parameter_names_and_params_compile_and_run()
    {
        var source = WrapperModels.Usings + """
            namespace TestModels;

            public sealed class Queued { public string JobId { get; set; } = ""; public int Stage { get; set; } }

            public static partial class Calls
            {
                [SqlFunction("count_jobs")]
                public static partial Task<long> CountAsync(this NpgsqlConnection @this, JobStatus status, CancellationToken @checked = default);

                [SqlFunction("jobs_in")]
                public static partial IAsyncEnumerable<Queued> StreamAsync(this NpgsqlConnection @this, JobStatus status, CancellationToken @default = default);

                [SqlFunction("count_of")]
                public static partial Task<int> CountOfAsync(this NpgsqlConnection @this, params int[] values);
            }

            public static class Scenario
            {
                public static async Task<string> RunAsync(string connectionString)
                {
                    await using (var setup = new NpgsqlConnection(connectionString))
                        await Schema.DeployAsync(setup);
                    await using var dataSource = Schema.MapTypes(new NpgsqlDataSourceBuilder(connectionString)).Build();
                    await using var c = await dataSource.OpenConnectionAsync();
                    await using (var insert = new NpgsqlCommand("INSERT INTO app.jobs (job_id) VALUES ('a')", c))
                        await insert.ExecuteNonQueryAsync();
                    var streamed = new List<string>();
                    await foreach (var row in c.StreamAsync(JobStatus.Queued))
                        streamed.Add(row.JobId + " " + row.Stage);
                    return await c.CountAsync(JobStatus.Queued) + "; " + string.Join(", ", streamed) + "; " + await c.CountOfAsync(4, 5, 6);
                }
            }
            """;
        var result = GeneratorHarness.Run([WrapperModels.Usings + WrapperModels.Model, source], [.. WrapperModels.TemplateFiles, ("/project/Sql/count_of.sql", CountOf)]);

        Assert.Empty(result.AllDiagnostics);
        var run = result.Load().Assembly.GetType("TestModels.Scenario")!.GetMethod("RunAsync")!;
        Assert.Equal("1; a 1; 3", await (Task<string>)run.Invoke(null, [Postgres.Instance.CreateDatabase()])!);
    }

    [Fact]
    public async Task A_row_built_by_its_constructor_also_gets_its_other_settable_properties()
    {
        // The constructor took JobId; Stage, an init property beside it, was not read at all (always 0).
        var source = WrapperModels.Usings + """
            namespace TestModels;

            public sealed record Row(string JobId) { public int Stage { get; init; } public JobStatus Status { get; set; } public int Computed => Stage * 2; }

            public static partial class Calls
            {
                [SqlFunction("jobs_in")]
                public static partial Task<IReadOnlyList<Row>> JobsAsync(this NpgsqlConnection connection, JobStatus status);
            }

            public static class Scenario
            {
                public static async Task<string> RunAsync(string connectionString)
                {
                    await using (var setup = new NpgsqlConnection(connectionString))
                        await Schema.DeployAsync(setup);
                    await using var dataSource = Schema.MapTypes(new NpgsqlDataSourceBuilder(connectionString)).Build();
                    await using var c = await dataSource.OpenConnectionAsync();
                    await using (var insert = new NpgsqlCommand("INSERT INTO app.jobs (job_id, stage) VALUES ('a', 3)", c))
                        await insert.ExecuteNonQueryAsync();
                    return string.Join(", ", System.Linq.Enumerable.Select(await c.JobsAsync(JobStatus.Queued), r => r.JobId + " " + r.Stage + " " + r.Status));
                }
            }
            """;
        var result = GeneratorHarness.Run([WrapperModels.Usings + WrapperModels.Model, source], WrapperModels.TemplateFiles);

        Assert.Empty(result.AllDiagnostics);
        var run = result.Load().Assembly.GetType("TestModels.Scenario")!.GetMethod("RunAsync")!;
        Assert.Equal("a 3 Queued", await (Task<string>)run.Invoke(null, [Postgres.Instance.CreateDatabase()])!);
    }

    [Fact]
    public async Task A_variadic_function_is_called_with_its_array()
    {
        // PostgreSQL finds a VARIADIC parameter by name only with VARIADIC in front (42883 without it).
        const string sum = "CREATE OR REPLACE FUNCTION app.sum_of(p_base integer, VARIADIC p_values integer[]) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT p_base + sum(v)::integer FROM unnest(p_values) v $$;";
        var source = WrapperModels.Usings + """
            namespace TestModels;

            public static partial class Calls
            {
                [SqlFunction("sum_of")]
                public static partial Task<int> SumOfAsync(this NpgsqlConnection connection, int @base, params int[] values);
            }

            public static class Scenario
            {
                public static async Task<string> RunAsync(string connectionString)
                {
                    await using var c = new NpgsqlConnection(connectionString);
                    await c.OpenAsync();
                    await Schema.DeployAsync(c);
                    return (await c.SumOfAsync(100, 1, 2, 3)).ToString();
                }
            }
            """;
        var result = GeneratorHarness.Run([WrapperModels.Usings + WrapperModels.Model, source], [.. WrapperModels.TemplateFiles, ("/project/Sql/sum_of.sql", sum)]);

        Assert.Empty(result.AllDiagnostics);
        Assert.Contains("VARIADIC p_values => $2::integer[]", result.GeneratedFunctions);
        var run = result.Load().Assembly.GetType("TestModels.Scenario")!.GetMethod("RunAsync")!;
        Assert.Equal("106", await (Task<string>)run.Invoke(null, [Postgres.Instance.CreateDatabase()])!);
    }

    [Theory]
    [InlineData("[SqlFunction(\"count_jobs\")] public static partial Task<long?> CountAsync(this NpgsqlConnection c, JobStatus status);", "")]
    [InlineData("[SqlFunction(\"jobs_in\")] public static partial Task<IReadOnlyList<Row>> JobsAsync(this NpgsqlConnection c, JobStatus status);", "public sealed record Row(string? JobId, int? Stage, JobStatus? Status);")]
    public void Results_read_as_nullable_only_compile_without_warnings(string member, string declaration)
    {
        // The function's name was declared for the messages of non-null reads, and unused (CS0219) when there were none:
        // a warning in generated code, an error in projects that treat warnings as errors.
        var source = WrapperModels.Usings + "namespace TestModels;\n" + declaration + "\npublic static partial class Calls\n{\n" + member + "\n}\n";
        var result = GeneratorHarness.Run([WrapperModels.Usings + WrapperModels.Model, source], WrapperModels.TemplateFiles);

        Assert.Empty(result.AllDiagnostics);
    }

    [Theory]
    [InlineData("ref JobStatus status", "ref")]
    [InlineData("out JobStatus status", "out")]
    [InlineData("in JobStatus status", "in")]
    public void A_parameter_passed_by_reference_is_SG0010_at_the_method(string parameter, string modifier)
    {
        var (diagnostics, generatedErrors) = Run($"[SqlFunction(\"count_jobs\")] public static partial Task<long> CountAsync(this NpgsqlConnection c, {parameter});");

        Assert.Empty(generatedErrors);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "SG0010");
        Assert.Contains($"passes 'status' by reference ({modifier}); a [SqlFunction] parameter is a value sent to PostgreSQL: remove '{modifier}'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("Task<(string JobId, int Stage, JobStatus Status)?>", "", "a tuple")]
    [InlineData("Task<List<(string JobId, int Stage, JobStatus Status)>>", "", "a tuple")]
    [InlineData("Task<IReadOnlyList<Row>>", "public abstract record Row(string JobId, int Stage, JobStatus Status);", "abstract")]
    [InlineData("Task<Row?>", "public sealed class Row { private Row() { } public string JobId { get; set; } = \"\"; public int Stage { get; set; } public JobStatus Status { get; set; } }", "no public constructor")]
    public void A_row_type_the_generated_code_cannot_create_is_SG0011_at_the_method(string returnType, string declaration, string reason)
    {
        var (diagnostics, generatedErrors) = Run($"[SqlFunction(\"jobs_in\")] public static partial {returnType} JobsAsync(this NpgsqlConnection c, JobStatus status);", declaration);

        Assert.Empty(generatedErrors);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "SG0011");
        Assert.Contains("'Calls.JobsAsync' reads rows into", diagnostic.GetMessage());
        Assert.Contains(reason, diagnostic.GetMessage());
    }

    // The SchemaGen diagnostics of a class holding the member, and the compiler's errors inside the generated files.
    private static (System.Collections.Generic.List<Diagnostic> Diagnostics, System.Collections.Generic.List<Diagnostic> GeneratedErrors) Run(string member, string declaration = "")
    {
        var source = WrapperModels.Usings + "namespace TestModels;\n" + declaration + "\npublic static partial class Calls\n{\n" + member + "\n}\n";
        var result = GeneratorHarness.Run([WrapperModels.Usings + WrapperModels.Model, source], WrapperModels.TemplateFiles);
        var generatedErrors = result.Compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true).ToList();
        return (result.GeneratorDiagnostics.Where(d => d.Id.StartsWith("SG", System.StringComparison.Ordinal)).ToList(), generatedErrors);
    }
}
