using System;
using System.Threading.Tasks;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// <c>SchemaDeployer.RollbackAsync</c>: each history row keeps the model it deployed, and rolling back deploys that
/// model again under the same rules as any deployment, recorded as a deployment of its own.
/// </summary>
public class RollbackTests
{
    private const string V1 = """
        namespace TestModels;
        [Table("items")]
        public class Item
        {
            [Key] public int Id { get; set; }
            [MaxLength(20)] public string Name { get; set; } = "";
            public int Count { get; set; } = 0;
        }
        """;

    private const string V2 = """
        namespace TestModels;
        [Table("items")]
        public class Item
        {
            [Key] public int Id { get; set; }
            [MaxLength(20)] public string Name { get; set; } = "";
            public int Count { get; set; } = 0;
            public string? Note { get; set; }
        }
        [Table("tags")]
        public class Tag
        {
            [Key] public int Id { get; set; }
            public string Label { get; set; } = "";
        }
        """;

    private const string V3 = """
        namespace TestModels;
        [Table("items")]
        public class Item
        {
            [Key] public int Id { get; set; }
            [MaxLength(20)] public string Name { get; set; } = "";
            public string? Note { get; set; }
            public decimal Price { get; set; } = 0m;
        }
        [Table("tags")]
        public class Tag
        {
            [Key] public int Id { get; set; }
            public string Label { get; set; } = "";
        }
        """;

    [Fact]
    public async Task RollingBackToTheFirstDeploymentRestoresItsCatalogAndKeepsTheRowsOfKeptColumns()
    {
        var (v1, v2, v3) = (Evolution.Build(V1), Evolution.Build(V2), Evolution.Build(V3));
        await using var db = await Postgres.NewDatabaseAsync();
        var first = await SchemaDeployer.DeployAsync(v1.Target, db);
        await db.ExecuteAsync("INSERT INTO public.items (id, name, count) VALUES (1, 'one', 10), (2, 'two', 20)");
        await SchemaDeployer.DeployAsync(v2.Target, db);
        await db.ExecuteAsync("UPDATE public.items SET note = 'noted'; INSERT INTO public.tags (id, label) VALUES (1, 'red')");
        await SchemaDeployer.DeployAsync(v3.Target, db, new DeployOptions { AllowDataLoss = true });
        await db.ExecuteAsync("UPDATE public.items SET price = 9.5");

        // Going back drops note and price, which hold data: refused, and nothing changes.
        var before = await PgDump.SchemaAsync(db);
        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.RollbackAsync(v3.Target, db, first.HistoryId!.Value));
        Assert.Equal(DeployOperation.Rollback, refused.Operation);
        Assert.Contains("items.note", refused.Message);
        Assert.Contains("items.price", refused.Message);
        Assert.Equal(before, await PgDump.SchemaAsync(db));

        // As with any deployment, a table V1 does not have is unmanaged: dropped only with DropUnmanaged.
        var everything = new DeployOptions { AllowDataLoss = true, DropUnmanaged = true };
        var rolledBack = await SchemaDeployer.RollbackAsync(v3.Target, db, first.HistoryId!.Value, everything);

        Assert.False(rolledBack.NoOp);
        Assert.Contains(rolledBack.Steps, s => s.Object == "public.tags");
        await Evolution.AssertSameAsFreshAsync(db, v1, everything);
        Assert.Equal("(1,one,0);(2,two,0)", await Evolution.RowsAsync(db, "public.items"));
        Assert.Equal(v1.ModelHash, await db.ScalarAsync<string>("SELECT model_hash FROM public.schemagen_history WHERE id = $1", rolledBack.HistoryId!.Value));
        Assert.Equal(first.HistoryId.Value, await db.ScalarAsync<long>("SELECT rolled_back_to FROM public.schemagen_history WHERE id = $1", rolledBack.HistoryId.Value));
        Assert.Equal(4L, await db.ScalarAsync<long>("SELECT count(*) FROM public.schemagen_history"));

        // Deploying V3 afterwards is an ordinary deployment again.
        Assert.False((await SchemaDeployer.DeployAsync(v3.Target, db, new DeployOptions { AllowDataLoss = true })).NoOp);
        await Evolution.AssertSameAsFreshAsync(db, v3);
    }

    // Rows written before the history kept packed model data hold the model's text: they are rolled back to as well.
    [Fact]
    public async Task ARowThatKeptTheModelAsTextIsRolledBackTo()
    {
        var (v1, v2) = (Evolution.Build(V1), Evolution.Build(V2));
        await using var db = await Postgres.NewDatabaseAsync();
        var first = (await SchemaDeployer.DeployAsync(v1.Target, db)).HistoryId!.Value;
        await SchemaDeployer.DeployAsync(v2.Target, db);
        var packed = await db.ScalarAsync<string>("SELECT model FROM public.schemagen_history WHERE id = $1", first);
        Assert.Equal(1, await db.ScalarAsync<int>("WITH u AS (UPDATE public.schemagen_history SET model = $1 WHERE id = $2 RETURNING 1) SELECT count(*)::int FROM u",
            SchemaGen.Model.ModelData.Write(SchemaGen.Model.ModelData.ReadTextOrPacked(packed)), first));

        var everything = new DeployOptions { AllowDataLoss = true, DropUnmanaged = true };
        await SchemaDeployer.RollbackAsync(v2.Target, db, first, everything);

        await Evolution.AssertSameAsFreshAsync(db, v1, everything);
    }

    [Fact]
    public async Task ARollbackToTheDeployedModelIsANoOp()
    {
        var v1 = Evolution.Build(V1);
        await using var db = await Postgres.NewDatabaseAsync();
        var first = await SchemaDeployer.DeployAsync(v1.Target, db);

        var again = await SchemaDeployer.RollbackAsync(v1.Target, db, first.HistoryId!.Value);

        Assert.True(again.NoOp);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM public.schemagen_history"));
    }

    [Fact]
    public async Task RowsThatCannotBeRolledBackToAreRefusedWithTheReason()
    {
        var (v1, v2) = (Evolution.Build(V1), Evolution.Build(V2));
        await using var db = await Postgres.NewDatabaseAsync();

        var nothing = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.RollbackAsync(v2.Target, db, 1));
        Assert.Contains("no history table public.schemagen_history", nothing.Message);

        var first = (await SchemaDeployer.DeployAsync(v1.Target, db)).HistoryId!.Value;
        await SchemaDeployer.DeployAsync(v2.Target, db);
        var before = await PgDump.SchemaAsync(db);

        var unknown = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.RollbackAsync(v2.Target, db, first + 100));
        Assert.Contains($"no deployment {first + 100}", unknown.Message);

        await db.ExecuteAsync($"UPDATE public.schemagen_history SET model_hash = 'abc' WHERE id = {first}");
        var rehashed = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.RollbackAsync(v2.Target, db, first, new DeployOptions { AllowDataLoss = true }));
        Assert.Contains("does not match its hash abc", rehashed.Message);

        await db.ExecuteAsync($"UPDATE public.schemagen_history SET model = left(model, length(model) / 2) WHERE id = {first}");
        var altered = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.RollbackAsync(v2.Target, db, first, new DeployOptions { AllowDataLoss = true }));
        Assert.Contains($"the model of deployment {first} cannot be read", altered.Message);

        await db.ExecuteAsync($"UPDATE public.schemagen_history SET model = NULL WHERE id = {first}");
        var old = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.RollbackAsync(v2.Target, db, first, new DeployOptions { AllowDataLoss = true }));
        Assert.Contains("did not keep the deployed model", old.Message);
        Assert.Equal(before, await PgDump.SchemaAsync(db));
    }

    [Fact]
    public async Task AHistoryTableFromAnEarlierVersionIsUpgradedInPlace()
    {
        var (v1, v2) = (Evolution.Build(V1), Evolution.Build(V2));
        await using var db = await Postgres.NewDatabaseAsync();
        var first = (await SchemaDeployer.DeployAsync(v1.Target, db)).HistoryId!.Value;
        // The shape SchemaGen 0.1 created: without the model, its default schema and the rollback reference.
        await db.ExecuteAsync("ALTER TABLE public.schemagen_history DROP COLUMN model, DROP COLUMN default_schema, DROP COLUMN rolled_back_to");

        var second = await SchemaDeployer.DeployAsync(v2.Target, db);

        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'schemagen_history' AND column_name IN ('model', 'default_schema', 'rolled_back_to')"));
        Assert.Equal(v2.ModelHash, await db.ScalarAsync<string>("SELECT model_hash FROM public.schemagen_history WHERE id = $1 AND model IS NOT NULL", second.HistoryId!.Value));
        var old = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.RollbackAsync(v2.Target, db, first));
        Assert.Contains("did not keep the deployed model", old.Message);
    }
}
