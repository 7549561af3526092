using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Tests.Infrastructure;
using SchemaGen.Tests.Templates;
using Xunit;

namespace SchemaGen.Tests.CodeFixes;

/// <summary>
/// SG0010's fix renames the C# parameter to the function's nearest parameter, at the call sites too, and the
/// result compiles with the generator without SG0010.
/// </summary>
public class ParameterRenameCodeFixTests
{
    private const string Before = """

        public sealed record AdvanceResult(bool Advanced, int NewStage, bool IsFinal);

        public static partial class Calls
        {
            [SqlFunction("advance_job_stage")]
            public static partial Task<AdvanceResult?> AdvanceAsync(this NpgsqlConnection connection, string jobId, int currentStage, JsonDocument? stageResult = null);

            public static Task<AdvanceResult?> FirstStageAsync(NpgsqlConnection connection, string jobId, JsonDocument results) =>
                connection.AdvanceAsync(jobId, 1, stageResult: results);
        }
        """;

    [Fact]
    public async Task The_parameter_takes_the_functions_name_everywhere()
    {
        // One document: the jobs model and the calls, as the harness's workspace holds one file.
        var source = WrapperModels.Usings + WrapperModels.Model + Before;
        var actions = await CodeFixHarness.ActionsAsync(source, "SG0010", WrapperModels.TemplateFiles);
        Assert.Equal(["Rename 'stageResult' to 'stageResults'"], actions.Select(a => a.Title));

        var fixedSource = await CodeFixHarness.ApplyAsync(source, "SG0010", "SG0010.Rename.stageResults", WrapperModels.TemplateFiles);

        Assert.Equal(WrapperModels.Usings + WrapperModels.Model + Before.Replace("stageResult", "stageResults"), fixedSource);
        var result = GeneratorHarness.Run([fixedSource], WrapperModels.TemplateFiles);
        Assert.Empty(result.AllDiagnostics);
        Assert.Contains("p_stage_results => $3::jsonb", result.GeneratedFunctions);
    }

    [Fact]
    public async Task Several_close_names_are_each_offered_nearest_first()
    {
        const string calls = """

            public static partial class Calls
            {
                [SqlFunction("pick")]
                public static partial Task<long> PickAsync(this NpgsqlConnection connection, int stage);
            }
            """;
        (string, string)[] templates = [("/project/Sql/pick.sql",
            "CREATE OR REPLACE FUNCTION app.pick(p_stages integer, p_stag integer DEFAULT 0, p_other integer DEFAULT 0) RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$;")];

        var actions = await CodeFixHarness.ActionsAsync(WrapperModels.Usings + WrapperModels.Model + calls, "SG0010", templates);

        Assert.Equal(["Rename 'stage' to 'stag'", "Rename 'stage' to 'stages'"], actions.Select(a => a.Title));
    }
}
