using System;
using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Catalog;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// <c>schemagen_history</c> is reserved: a model table of that name is refused with a message naming it, and a
/// history table someone damaged (a column dropped, replaced by a view) fails the deploy with a message that says so
/// and what to do, leaving the database as it was.
/// </summary>
public class HistoryTableTests
{
    [Theory]
    [InlineData("[Table(\"schemagen_history\")]")]
    [InlineData("[Table(\"schemagen_history\", Schema = \"archive\")]")]
    public async Task A_model_table_named_schemagen_history_is_refused_by_name(string table)
    {
        var schema = Evolution.Build($$"""
            namespace TestModels;

            {{table}}
            public class SchemagenHistory
            {
                [Key] public int Id { get; set; }
            }
            """);
        await using var connection = await Postgres.NewDatabaseAsync();

        foreach (var operation in new Func<Task>[]
                 {
                     () => SchemaDeployer.DeployAsync(schema.Target, connection),
                     () => SchemaDeployer.PlanAsync(schema.Target, connection),
                     () => SchemaDeployer.VerifyAsync(schema.Target, connection),
                 })
        {
            var error = await Assert.ThrowsAsync<SchemaDeployException>(operation);
            Assert.Equal(DeployPhase.ValidatingModel, error.Phase);
            Assert.Contains("schemagen_history", error.Message);
            Assert.Contains("reserved", error.Message);
        }

        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'schemagen_history'"));
    }

    [Theory]
    [InlineData("ALTER TABLE public.schemagen_history DROP COLUMN fingerprint", "fingerprint")]
    [InlineData("ALTER TABLE public.schemagen_history DROP COLUMN steps", "steps")]
    [InlineData("ALTER TABLE public.schemagen_history ALTER COLUMN steps TYPE text", "steps is text, not text[]")]
    [InlineData("DROP TABLE public.schemagen_history; CREATE VIEW public.schemagen_history AS SELECT 1 AS id", "view")]
    public async Task A_damaged_history_table_fails_the_deploy_with_a_clear_message(string damage, string detail)
    {
        var before = Evolution.Build(EvolutionModels.Items);
        var after = Evolution.Build(EvolutionModels.Items.Replace("public string? Note { get; set; }", "public string? Note { get; set; }\n    public string? Extra { get; set; }"));
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(before.Target, connection);
        await connection.ExecuteAsync(damage);
        var dump = await PgDump.SchemaAsync(connection);

        var error = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection));

        Assert.Equal(DeployPhase.RecordingHistory, error.Phase);
        Assert.Contains("public.schemagen_history", error.Message);
        Assert.Contains("damaged", error.Message);
        Assert.Contains(detail, error.Message);
        Assert.Contains("DROP", error.Message); // says what to do
        Assert.Equal(dump, await PgDump.SchemaAsync(connection));
    }

    // A deployment writes its model, its target and the catalog it leaves as packed model data (a fraction of the text: the
    // row is sent, and read by the next deployment, at that size), which PostgreSQL compresses again: pglz spends
    // milliseconds on what lz4 compresses as small in a fraction of the time (docs/benchmarks.md).
    [Fact]
    public async Task The_history_rows_model_data_is_packed_and_compressed_with_lz4_where_the_server_has_it()
    {
        var model = Evolution.Build("namespace TestModels;\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
            $"[Table(\"t{i}\")] public class T{i} {{ [Key] public int Id {{ get; set; }} [MaxLength(40)] public string? Name{i} {{ get; set; }} }}\n")));
        await using var connection = await Postgres.NewDatabaseAsync();
        Assert.True(await connection.ScalarAsync<bool>("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"),
            "this test needs a server built with lz4, as Debian's and PGDG's are");

        await SchemaDeployer.DeployAsync(model.Target, connection);

        var history = SchemaOwnerDeployTests.History(model);
        var (data, target) = (await connection.ScalarAsync<string>($"SELECT model FROM {history}"), await connection.ScalarAsync<string>($"SELECT target FROM {history}"));
        Assert.Equal(model.Model, ModelData.ReadPacked(data));
        Assert.Equal(await SchemaCatalog.ReadAsync(connection, ["public"]), ModelData.ReadPacked(target));
        // The catalog the deployment read is its target, written once (live is null).
        Assert.Equal("lz4 lz4 null", await connection.ScalarAsync<string>(
            $"SELECT concat_ws(' ', pg_column_compression(model), pg_column_compression(target), coalesce(pg_column_compression(live), 'null')) FROM {history} ORDER BY id DESC LIMIT 1"));
        // Only the history row: the session's own setting is untouched.
        Assert.Equal("pglz", await connection.ScalarAsync<string>("SHOW default_toast_compression"));
    }
}
