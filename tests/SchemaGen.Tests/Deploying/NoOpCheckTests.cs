using System.Threading.Tasks;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// The no-op check compares the marker with a fingerprint the server computes over every catalog query: every kind of
/// hand edit changes it (the deploy plans and records again), and the catalog it leaves is a no-op again.
/// </summary>
public class NoOpCheckTests
{
    public static TheoryData<string> Edits() => new()
    {
        "COMMENT ON COLUMN app.jobs.job_type IS 'edited'",
        "ALTER TABLE app.tasks ALTER COLUMN status SET DEFAULT 'processing'",
        "ALTER TABLE app.tasks ADD COLUMN hand_made integer",
        "DROP INDEX app.ix_tasks_status",
        "ALTER TABLE app.jobs ADD CONSTRAINT ck_hand_made CHECK (length(job_type) < 1000)",
        "ALTER TYPE app.job_status ADD VALUE 'hand_made'",
        "CREATE OR REPLACE FUNCTION app.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "DROP TRIGGER tasks_set_updated_at ON app.tasks",
        "CREATE TABLE app.unrelated (x integer)",
        "CREATE VIEW app.unrelated_view AS SELECT 1 AS x",
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task AHandEditIsSeenByTheOneRowCheckAndTheCatalogAfterIsANoOpAgain(string edit)
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await JobPipeline.Schema.DeployAsync(connection);
        // A deployment that finds the marker matching takes the fast path and records nothing; any other records a row.
        Assert.True((await JobPipeline.Schema.DeployAsync(connection)).NoOp);
        Assert.Equal(1L, await HistoryRowsAsync(connection));

        await connection.ExecuteAsync(edit);
        await JobPipeline.Schema.DeployAsync(connection, new DeployOptions { AllowDataLoss = true });

        Assert.Equal(2L, await HistoryRowsAsync(connection));
        Assert.True((await JobPipeline.Schema.DeployAsync(connection)).NoOp);
        Assert.Equal(2L, await HistoryRowsAsync(connection));
    }

    // The generated Schema.Target decodes its model only when something needs it: a no-op decided by the stamp is the
    // marker, the hash and one row, so an application whose schema is up to date never pays for decoding the model at start-up.
    [Fact]
    public async Task ANoOpDecidedByTheStampNeverDecodesTheModelAndAnythingElseDecodesItOnce()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var generated = JobPipeline.Schema.Target;
        var decoded = 0;
        DeployTarget Counting() => new(() => { decoded++; return generated.Model; }, generated.ModelHash, generated.DefaultSchema);

        var first = Counting();
        Assert.False((await SchemaDeployer.DeployAsync(first, connection)).NoOp);
        Assert.Equal(1, decoded);
        await SchemaDeployer.PlanAsync(first, connection);
        Assert.Equal(1, decoded);

        decoded = 0;
        Assert.True((await SchemaDeployer.DeployAsync(Counting(), connection)).NoOp);
        Assert.Equal(0, decoded);

        // Once the stamp moved (DDL elsewhere in the database), the fingerprint needs the managed schemas: the model is decoded.
        await connection.ExecuteAsync("CREATE TABLE public.elsewhere (x integer)");
        Assert.True((await SchemaDeployer.DeployAsync(Counting(), connection)).NoOp);
        Assert.Equal(1, decoded);
    }

    private static Task<long> HistoryRowsAsync(Npgsql.NpgsqlConnection connection) => connection.ScalarAsync<long>("SELECT count(*) FROM app.schemagen_history", []);
}
