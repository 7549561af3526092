using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// For every feature model and the sample: the generated SQL and C# match their approved snapshots, the C#
/// compiles without a warning, and running the SQL on a real PostgreSQL creates exactly what the model says.
/// </summary>
public class FeatureSnapshotTests
{
    [Theory]
    [MemberData(nameof(FeatureModels.Names), MemberType = typeof(FeatureModels))]
    public Task Feature(string name) => Check(name, FeatureModels.All[name]);

    [Fact]
    public Task JobPipelineSample() => Check("JobPipeline", FeatureModels.Sample(), FeatureModels.SampleTemplates());

    [Fact]
    public Task TemplateObjects() => Check("TemplateObjects", Templates.ObjectTemplateModels.Sources, Templates.ObjectTemplateModels.Templates());

    private static async Task Check(string name, string[] sources, (string, string)[]? templates = null)
    {
        var result = GeneratorHarness.Run(sources, templates ?? []);
        Assert.Empty(result.AllDiagnostics);
        Golden.Verify(name + ".g.cs", result.GeneratedSource!);

        var schema = result.Load();
        Golden.Verify(name + ".sql", schema.Sql);

        // Sql is rendered at run time from the decoded model; the approved .sql (rendered at compile time before the
        // model became data) and ModelHash (the compile-time hash) hold it equal to what the generator rendered.
        Assert.Equal(StableHash.Sha256Hex(schema.Sql), schema.ModelHash);

        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync(schema.Sql);
        var schemas = schema.Model.Tables.Select(t => t.Schema).Concat(schema.Model.Enums.Select(e => e.Schema)).Distinct().ToArray();
        var catalog = await PgCatalog.ReadAsync(connection, schemas);
        PgCatalog.AssertMatches(schema.Model, catalog);
        Golden.Verify(name + ".catalog.txt", catalog.ToString());
    }
}
