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
    [Theory]
    [MemberData(nameof(FeatureModels.Names), MemberType = typeof(FeatureModels))]
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
