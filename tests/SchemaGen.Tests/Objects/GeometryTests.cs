using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetTopologySuite.Geometries;
using Npgsql;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Generator;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Objects;

/// <summary>
/// NetTopologySuite properties on PostGIS (installed on the throwaway cluster): values round-trip through a data source
/// built with Schema.MapTypes, spatial queries and GiST indexes work, a geometry column is added to a table with rows,
/// and a changed SRID is drift.
/// </summary>
public class GeometryTests
{
    private const string Sites = """
        using NetTopologySuite.Geometries;

        [assembly: Extension("postgis")]
        [assembly: SchemaOptions(DefaultSrid = 4326)]

        namespace GeometryModels;

        [Table("sites")]
        {0}
        public class Site
        {
            [Key] public int Id { get; set; }
            public required string Name { get; set; }
            {1}
        }
        """;

    private static GeneratedSchema Build(string attributes, string members) => Evolution.Build(Sites.Replace("{0}", attributes).Replace("{1}", members));

    [Fact]
    public async Task AValueRoundTripsThroughAMapTypesDataSourceAndSpatialQueriesUseIt()
    {
        var schema = GeneratorHarness.Run(FeatureModels.All["Geometry"]).Load();
        var database = Postgres.Instance.CreateDatabase();
        await using (var deploy = new NpgsqlConnection(database))
            await SchemaDeployer.DeployAsync(schema.Target, deploy);

        var builder = new NpgsqlDataSourceBuilder(database);
        schema.Assembly.GetTypes().Single(t => t.Name == "Schema").GetMethod("MapTypes")!.Invoke(null, [builder, null]);
        await using var dataSource = builder.Build();
        await using var connection = await dataSource.OpenConnectionAsync();

        var zurich = new Point(8.5417, 47.3769) { SRID = 4326 };
        var area = new Polygon(new LinearRing([new(8.5, 47.3), new(8.6, 47.3), new(8.6, 47.4), new(8.5, 47.4), new(8.5, 47.3)])) { SRID = 4326 };
        await using (var insert = new NpgsqlCommand("INSERT INTO sites (id, location, area, seen) VALUES (1, $1, $2, $1)", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = zurich });
            insert.Parameters.Add(new NpgsqlParameter { Value = area });
            await insert.ExecuteNonQueryAsync();
        }

        await using (var select = new NpgsqlCommand("SELECT location, area FROM sites", connection))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            var location = reader.GetFieldValue<Point>(0);
            Assert.Equal((8.5417, 47.3769, 4326), (location.X, location.Y, location.SRID));
            Assert.True(reader.GetFieldValue<Polygon>(1).EqualsExact(area));
        }

        // A spatial query through the gist-indexed column, and geography's distance in metres (Zürich to Bern, about 95 km).
        await using var near = new NpgsqlCommand(
            "SELECT count(*) FROM sites WHERE ST_Contains(area, $1) AND ST_Distance(seen, ST_SetSRID(ST_MakePoint(7.4474, 46.9480), 4326)::geography) BETWEEN 90000 AND 100000",
            connection);
        near.Parameters.Add(new NpgsqlParameter { Value = new Point(8.55, 47.37) { SRID = 4326 } });
        Assert.Equal(1L, (long)(await near.ExecuteScalarAsync())!);

        // Without MapTypes, Npgsql cannot read the column as NetTopologySuite's type: the plugin is what MapTypes adds.
        await using var plain = NpgsqlDataSource.Create(database);
        await using var unmapped = await plain.OpenConnectionAsync();
        await using var again = new NpgsqlCommand("SELECT location FROM sites", unmapped);
        await using var raw = await again.ExecuteReaderAsync();
        await raw.ReadAsync();
        Assert.ThrowsAny<Exception>(() => raw.GetFieldValue<Point>(0));
    }

    [Fact]
    public async Task AGeometryColumnIsAddedToATableWithRowsAndAChangedSridIsDrift()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var before = Build("", "");
        await SchemaDeployer.DeployAsync(before.Target, connection);
        await connection.ExecuteAsync("INSERT INTO sites (id, name) VALUES (1, 'a'), (2, 'b')");
        var rows = await Evolution.RowsAsync(connection, "sites");

        var after = Build("[Index(nameof(Location), Method = \"gist\")]", "public Point? Location { get; set; }");
        var deployed = await SchemaDeployer.DeployAsync(after.Target, connection);
        Assert.Equal([StepKind.AddColumn, StepKind.CreateIndex], deployed.Steps.Select(s => s.Kind));
        Assert.Equal(rows.Replace(")", ",)"), await Evolution.RowsAsync(connection, "sites"));
        await Evolution.AssertSameAsFreshAsync(connection, after);

        await connection.ExecuteAsync("ALTER TABLE sites ALTER COLUMN location TYPE geometry(Point,3857) USING ST_Transform(location, 3857)");
        var drift = await SchemaDeployer.VerifyAsync(after.Target, connection);
        var changed = Assert.Single(drift.Drift);
        Assert.Contains("location", changed.Object);
        Assert.Contains("geometry(Point,4326)", changed.Model);
        Assert.Contains("geometry(Point,3857)", changed.Database);
    }

    [Fact]
    public void AGeometryPropertyWithoutNpgsqlsPluginIsReported()
    {
        var withoutPlugin = GeneratorHarness.References.Where(r => !(r.Display ?? "").EndsWith("Npgsql.NetTopologySuite.dll", StringComparison.Ordinal));
        var compilation = GeneratorHarness.Compile(Evolution.Usings + Sites.Replace("{0}", "").Replace("{1}", "public Point? Location { get; set; }"))
            .WithReferences(withoutPlugin);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        var reported = Assert.Single(diagnostics, d => d.Id == "SG0021");
        Assert.Equal("'Site.Location' is a NetTopologySuite Point, which Npgsql reads and writes only with its NetTopologySuite plugin: add a PackageReference to Npgsql.NetTopologySuite, and Schema.MapTypes calls UseNetTopologySuite",
            reported.GetMessage());
        Assert.Equal("Location", reported.Location.SourceTree!.GetText().ToString(reported.Location.SourceSpan));
        // The generated MapTypes does not call a plugin the project cannot see: the output still compiles.
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }
}
