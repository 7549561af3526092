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

    private static Task<long> HistoryRowsAsync(Npgsql.NpgsqlConnection connection) => connection.ScalarAsync<long>("SELECT count(*) FROM app.schemagen_history", []);
}
