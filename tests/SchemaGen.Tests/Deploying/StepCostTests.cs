using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// The cost each step reports is what PostgreSQL does: the step's statements run in an open transaction, a second
/// connection reads pg_locks for that backend before the rollback, and the strongest lock on the table must be the
/// one the step reports; a step that reports a rewrite must give the table a new relfilenode, and one that does not,
/// must not.
/// </summary>
public class StepCostTests
{
    private const string Seed = "INSERT INTO items (id, name, count, note, status) SELECT i, 'n' || i, i, 'x', 'queued' FROM generate_series(1, 50) i; ANALYZE items;";

    private const string WithParts = EvolutionModels.Items + """

        [Table("parts")]
        public class Part
        {
            [Key] public int Id { get; set; }
            public int ItemId { get; set; }
        }
        """;

    /// <summary>A change to the base model, the step it plans, and the cost that step must report.</summary>
    public sealed record Case(string Name, string Old, string New, StepKind Kind, TableLock Lock, TableImpact Impact, bool Warns, string Table = "items")
    {
        public override string ToString() => Name;
    }

    private const string Last = "public Status Status { get; set; } = Status.Queued;";

    public static readonly Case[] Cases =
    [
        new("add check", "public int Count", "[Range(0, 100)] public int Count", StepKind.AddCheck, TableLock.AccessExclusive, TableImpact.Scan, Warns: true),
        new("add foreign key", "public int ItemId", "[References<Item>] public int ItemId", StepKind.AddForeignKey, TableLock.ShareRowExclusive, TableImpact.Scan, Warns: true, Table: "parts"),
        new("add index", "public int Count", "[Indexed] public int Count", StepKind.CreateIndex, TableLock.Share, TableImpact.Scan, Warns: true),
        new("add unique index", "public int Count", "[Indexed(IsUnique = true)] public int Count", StepKind.CreateIndex, TableLock.Share, TableImpact.Scan, Warns: true),
        new("set NOT NULL", "public string? Note { get; set; }", "[Required] public string Note { get; set; } = null!;", StepKind.SetNotNull, TableLock.AccessExclusive, TableImpact.Scan, Warns: true),
        new("add nullable column", Last, Last + "\n    public string? Extra { get; set; }", StepKind.AddColumn, TableLock.AccessExclusive, TableImpact.None, Warns: false),
        new("add column with constant default", Last, Last + "\n    public int Extra { get; set; } = 7;", StepKind.AddColumn, TableLock.AccessExclusive, TableImpact.None, Warns: false),
        new("add column with volatile default", Last, Last + "\n    [DefaultSql(\"gen_random_uuid()\")] public Guid Token { get; set; }", StepKind.AddColumn, TableLock.AccessExclusive, TableImpact.Rewrite, Warns: true),
        new("integer to bigint", "public int Count", "public long Count", StepKind.AlterColumnType, TableLock.AccessExclusive, TableImpact.Rewrite, Warns: true),
        new("widen varchar", "[MaxLength(10)]", "[MaxLength(20)]", StepKind.AlterColumnType, TableLock.AccessExclusive, TableImpact.None, Warns: false),
        new("varchar to text", "[MaxLength(10)] ", "", StepKind.AlterColumnType, TableLock.AccessExclusive, TableImpact.None, Warns: false),
        new("drop NOT NULL", "public string Name", "public string? Name", StepKind.DropNotNull, TableLock.AccessExclusive, TableImpact.None, Warns: false),
        new("add comment", "public int Count", "/// <summary>How many.</summary>\n    public int Count", StepKind.SetComment, TableLock.ShareUpdateExclusive, TableImpact.None, Warns: false),
    ];

    public static IEnumerable<object[]> All() => Cases.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(All))]
    public async Task The_reported_lock_is_the_one_PostgreSQL_takes(Case change)
    {
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(WithParts).Target, connection);
        await connection.ExecuteAsync(Seed + "INSERT INTO parts SELECT i, i FROM generate_series(1, 50) i; ANALYZE parts;");

        var plan = await SchemaDeployer.PlanAsync(Evolution.Build(WithParts.Replace(change.Old, change.New)).Target, connection);
        var step = Assert.Single(plan.Steps, s => s.Kind == change.Kind);
        Assert.Equal((change.Lock, change.Impact), (step.Cost.Lock, step.Cost.Impact));
        Assert.Equal("public." + change.Table, step.Cost.Table);
        Assert.Equal(50L, step.Cost.EstimatedRows);
        Assert.True(step.Cost.SizeBytes > 0);
        Assert.True(change.Warns == (step.Cost.Warnings.Count > 0), string.Join("\n", step.Cost.Warnings));

        await using var observer = new NpgsqlConnection(database);
        await observer.OpenAsync();
        var fileBefore = await connection.ScalarAsync<uint>($"SELECT relfilenode FROM pg_class WHERE oid = 'public.{change.Table}'::regclass");
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var statement in step.Statements)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync();
        }

        var modes = new List<string>();
        await using (var locks = new NpgsqlCommand(
            $"SELECT mode FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND relation = 'public.{change.Table}'::regclass", observer))
        {
            locks.Parameters.Add(new NpgsqlParameter { Value = connection.ProcessID });
            await using var reader = await locks.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                modes.Add(reader.GetString(0));
        }

        await using (var file = new NpgsqlCommand($"SELECT relfilenode FROM pg_class WHERE oid = 'public.{change.Table}'::regclass", connection, transaction))
        {
            var fileAfter = (uint)(await file.ExecuteScalarAsync())!;
            Assert.Equal(change.Impact == TableImpact.Rewrite, fileAfter != fileBefore);
        }

        await transaction.RollbackAsync();
        Assert.Equal(change.Lock + "Lock", modes.OrderBy(Strength).Last());
    }

    // PostgreSQL's table lock modes, weakest first.
    private static int Strength(string mode) => new[]
    {
        "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock",
    }.ToList().IndexOf(mode);
}
