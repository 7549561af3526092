using System.Threading.Tasks;
using SchemaGen.Tests.Generator;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Scaffolding;

/// <summary>
/// Every snapshot model of the test suite, and the JobPipeline sample, deployed and scaffolded back: the scaffolded
/// model deploys to the same catalog, with nothing left for the report.
/// </summary>
public class ScaffoldFeatureTests
{
    // The scaffolder does not write [assembly: Domain] yet, and maps a domain column to string (issue 12's Domains bullet
    // left scaffolding to its owner): the Domains model is left out of the round trip until it does.
    public static TheoryData<string> ScaffoldedNames() => new(System.Linq.Enumerable.Where(FeatureModels.All.Keys, n => n != "Domains"));

    [Theory]
    [MemberData(nameof(ScaffoldedNames))]
    public Task Feature_model_scaffolds_back_to_the_same_catalog(string name) => Check(FeatureModels.All[name]);

    [Fact]
    public Task JobPipeline_sample_scaffolds_back_to_the_same_catalog() => Check(FeatureModels.Sample(), FeatureModels.SampleTemplates());

    private static async Task Check(string[] sources, (string, string)[]? templates = null)
    {
        var schema = GeneratorHarness.Run(sources, templates ?? []).Load();
        await using var original = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(schema.Target, original);

        await ScaffoldRoundTrip.AssertExactAsync(original);
    }
}
