using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CsCheck;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// Random models of every mapped type family — nullability, defaults, checks, indexes, references, identity,
/// stored generated columns, comments on tables, columns and the enum — with rows in every table, and random
/// evolutions of them (one to four changes deployed at once: renames of tables, columns, key columns under
/// foreign keys and enum labels, text ↔ enum, generated ↔ plain, identity on/off, type changes, rules, …).
/// Invariants:
/// <list type="bullet">
/// <item>a fresh deploy round-trips: Verify clean, Plan empty, a second deploy is a no-op;</item>
/// <item>Verify clean ⇔ Plan empty, before the migration as well as after;</item>
/// <item>the migration keeps every row (and every value a change does not convert), or it is refused — by a
/// hazard, or by PostgreSQL because of the rows (SQLSTATE class 22 or 23) — with the database unchanged (enum
/// labels aside: they are committed first, by design);</item>
/// <item>the migrated database equals one deployed fresh from the new model (pg_dump --schema-only, column
/// order aside), and afterwards Plan is empty and Verify clean.</item>
/// </list>
/// The CI run is deterministic: iteration i uses seed SCHEMAGEN_PROPERTY_SEED + i, and every failure is reported
/// with its seed, both models and the rows. SCHEMAGEN_PROPERTY_SHRINK=1 runs CsCheck instead (random seeds,
/// shrinking a failure to a small pair of models; CsCheck_Seed replays one).
/// </summary>
public class PropertyTests(ITestOutputHelper output)
{
    // SCHEMAGEN_PROPERTY_ITERATIONS raises the count for a longer hunt.
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("SCHEMAGEN_PROPERTY_ITERATIONS"), out var n) ? n : 50;

    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("SCHEMAGEN_PROPERTY_SEED"), out var s) ? s : 1130;

    private static readonly bool Shrink = Environment.GetEnvironmentVariable("SCHEMAGEN_PROPERTY_SHRINK") == "1";

    private static readonly DeployOptions Evolve = new() { AllowDataLoss = true, DropUnmanaged = true };

    [Fact]
    public async Task Random_models_round_trip_and_migrations_equal_creation()
    {
        if (Shrink)
        {
            await RandomModels.Evolution.SampleAsync(async (before, after) =>
            {
                if (await CheckAsync(before, after, 1) is { } problem)
                    throw new Xunit.Sdk.XunitException(problem);
            }, iter: Iterations, threads: 1, print: pair => $"\n--- before ---\n{pair.Item1.Describe()}\n--- after ---\n{pair.Item2.Describe()}\n--- rows ---\n{RandomModels.RowsSql(pair.Item1, 1)}");
            return;
        }

        var failures = new List<string>();
        for (var i = 0; i < Iterations; i++)
        {
            var seed = Seed + (ulong)i;
            var (before, after) = RandomModels.Evolution.Generate(new PCG(11, seed), null, out _);
            string? problem;
            try
            {
                problem = await CheckAsync(before, after, seed);
            }
            catch (Exception e)
            {
                problem = $"the test threw {e.GetType().Name}: {Flat(e.Message)}\n  at {string.Join("\n  at ", (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("at SchemaGen", StringComparison.Ordinal)).Take(4).Select(l => l[3..]))}";
            }

            if (problem != null)
                failures.Add($"=== seed {seed}: {problem}\n--- before ---\n{before.Describe()}--- after ---\n{after.Describe()}--- rows ---\n{RandomModels.RowsSql(before, seed)}");
        }

        output.WriteLine($"{Iterations} iterations from seed {Seed}; {failures.Count} failed.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {Iterations} random evolutions failed (SCHEMAGEN_PROPERTY_SEED={Seed}):\n" + string.Join("\n", failures));
    }

    // Against the deployer before issue 8's fix (0a0938b), 16 of these 21 failed (the random run: 12 of 50 at seed 1130,
    // 17 of 60 at seed 5000, 43 of 120 at seed 9000, every one a case below): Verify clean while Plan had steps (renames,
    // comments); a documented column added without its COMMENT; an indexed generated column made plain losing its index;
    // values changed without a hazard (generated to plain, narrowing varchar and numeric); identity added to a populated
    // key starting at 1; identity sequences keeping their old names after a rename; a key renamed under a foreign key
    // (2BP01); text to enum failing before the type existed (42704). All pass since.

    /// <summary>
    /// The smallest evolutions the random run (or issue 8) found failing, and the changes it must cover, each as a
    /// case of its own with the same invariants and rows chosen to matter (null: rows drawn from seed 1).
    /// </summary>
    public sealed record Example(string Name, ModelSpec Before, ModelSpec After, string? Rows = null)
    {
        public override string ToString() => Name;
    }

    private static ColumnSpec C(string name, ColumnType type, bool nullable = true, bool generated = false, string? comment = null, bool hasDefault = false) =>
        new(name, type, nullable, hasDefault, false, false, Generated: generated, Comment: comment);

    private static ModelSpec M(params TableSpec[] tables) => new(["Red", "Green"], tables);

    private static TableSpec T(params ColumnSpec[] columns) => new("T0", "t0", columns, null);

    // A view over the first table's key and first column, a view over that view, and a materialized view with its index.
    private static readonly ObjectsSpec Views = new(ViewThreshold: 0, ViewOverView: true, MaterializedView: true, MaterializedIndex: true);

    private static TableSpec Child => new("T1", "t1", [C("c0", ColumnType.Int)], "T0");

    public static readonly Example[] Examples =
    [
        new("table with identity renamed", M(T(C("c0", ColumnType.Int)) with { Identity = true }),
            M(T(C("c0", ColumnType.Int)) with { Identity = true, Name = "t0r", RenamedFrom = "t0" })),
        new("identity key renamed", M(T(C("c0", ColumnType.Int)) with { Identity = true }),
            M(T(C("c0", ColumnType.Int)) with { Identity = true, Key = "idr", KeyRenamedFrom = "id" })),
        new("key renamed under a foreign key", M(T(C("c0", ColumnType.Int)), Child),
            M(T(C("c0", ColumnType.Int)) with { Key = "idr", KeyRenamedFrom = "id" }, Child)),
        new("identity added to a populated key", M(T(C("c0", ColumnType.Int))), M(T(C("c0", ColumnType.Int)) with { Identity = true }),
            "INSERT INTO t0 (id, c0) VALUES (1, 1), (2, 2);"),
        new("column renamed", M(T(C("c0", ColumnType.Int))), M(T(C("c0r", ColumnType.Int) with { RenamedFrom = "c0" }))),
        new("column comment edited", M(T(C("c0", ColumnType.Int, comment: "The thing."))), M(T(C("c0", ColumnType.Int, comment: "It's changed.")))),
        new("table comment added", M(T(C("c0", ColumnType.Int))), M(T(C("c0", ColumnType.Int)) with { Comment = "The thing." })),
        new("documented column added", M(T(C("c0", ColumnType.Int))), M(T(C("c0", ColumnType.Int), C("c1", ColumnType.Int, comment: "The thing.")))),
        new("varchar to enum over labels", M(T(C("c0", ColumnType.Varchar10))), M(T(C("c0", ColumnType.Color))),
            "INSERT INTO t0 (id, c0) VALUES (1, 'red'), (2, NULL), (3, 'green');"),
        new("text to enum over a value that is not a label", M(T(C("c0", ColumnType.Text))), M(T(C("c0", ColumnType.Color))),
            "INSERT INTO t0 (id, c0) VALUES (1, 'red'), (2, 'purple');"),
        new("enum to text", M(T(C("c0", ColumnType.Color))), M(T(C("c0", ColumnType.Text))),
            "INSERT INTO t0 (id, c0) VALUES (1, 'red'), (2, NULL);"),
        new("generated to plain keeps the values", M(T(C("c0", ColumnType.Int, generated: true))), M(T(C("c0", ColumnType.Int))),
            "INSERT INTO t0 (id) VALUES (1), (2);"),
        new("indexed generated column made plain", M(T(C("c0", ColumnType.Decimal, generated: true) with { Indexed = true })), M(T(C("c0", ColumnType.Decimal) with { Indexed = true })),
            "INSERT INTO t0 (id) VALUES (1), (2);"),
        new("enum label renamed", M(T(C("c0", ColumnType.Color))), M(T(C("c0", ColumnType.Color))) with { Labels = ["Red=RedX", "Green"] },
            "INSERT INTO t0 (id, c0) VALUES (1, 'red'), (2, 'green');"),
        new("column with a range check made generated", M(T(C("c0", ColumnType.Int, nullable: false) with { HasRule = true })),
            M(T(C("c0", ColumnType.Int, nullable: false, generated: true) with { HasRule = true })), "INSERT INTO t0 (id, c0) VALUES (1, 5), (2, 7);"),
        new("plain to generated", M(T(C("c0", ColumnType.Int))), M(T(C("c0", ColumnType.Int, generated: true))),
            "INSERT INTO t0 (id, c0) VALUES (1, 5), (2, NULL);"),
        new("varchar(40) to varchar(10) over a longer value", M(T(C("c0", ColumnType.Varchar40))), M(T(C("c0", ColumnType.Varchar10))),
            "INSERT INTO t0 (id, c0) VALUES (1, 'short'), (2, 'much longer than ten');"),
        new("numeric to integer over a fraction", M(T(C("c0", ColumnType.Decimal))), M(T(C("c0", ColumnType.Int))),
            "INSERT INTO t0 (id, c0) VALUES (1, 12.25), (2, 3);"),
        new("enum label removed while in use", M(T(C("c0", ColumnType.Color))), M(T(C("c0", ColumnType.Color))) with { Labels = ["Red"] },
            "INSERT INTO t0 (id, c0) VALUES (1, 'red'), (2, 'green');"),
        new("enum label renamed and a column added", M(T(C("c0", ColumnType.Color))), M(T(C("c0", ColumnType.Color), C("c1", ColumnType.Int))) with { Labels = ["Red", "Green=Lime"] },
            "INSERT INTO t0 (id, c0) VALUES (1, 'red'), (2, 'green');"),
        new("table renamed and NOT NULL over NULLs", M(T(C("c0", ColumnType.Int))), M(T(C("c0", ColumnType.Int, nullable: false)) with { Name = "t0r", RenamedFrom = "t0" }),
            "INSERT INTO t0 (id, c0) VALUES (1, NULL);"),

        // Objects beyond tables (issue 12): views over a column that changes, and changes of the objects themselves.
        new("column under a view retyped", M(T(C("c0", ColumnType.Int))) with { Objects = Views }, M(T(C("c0", ColumnType.Long))) with { Objects = Views },
            "INSERT INTO t0 (id, c0) VALUES (1, 5), (2, 7);"),
        new("column under a view dropped", M(T(C("c0", ColumnType.Int), C("c1", ColumnType.Text))) with { Objects = Views },
            M(T(C("c1", ColumnType.Text))) with { Objects = Views }, "INSERT INTO t0 (id, c0, c1) VALUES (1, 5, 'a');"),
        new("enum label removed under a view", M(T(C("c0", ColumnType.Color))) with { Objects = Views },
            M(T(C("c0", ColumnType.Color))) with { Labels = ["Red"], Objects = Views }, "INSERT INTO t0 (id, c0) VALUES (1, 'red');"),
        new("aggregate INITCOND changed under a view", M(T(C("c0", ColumnType.Int))) with { Objects = Views with { AggregateStart = 0 } },
            M(T(C("c0", ColumnType.Int))) with { Objects = Views with { AggregateStart = 3 } }, "INSERT INTO t0 (id, c0) VALUES (1, 5);"),
        new("sequence options changed and a materialized view index added", M(T(C("c0", ColumnType.Int))) with { Objects = new(SequenceIncrement: 1, MaterializedView: true) },
            M(T(C("c0", ColumnType.Int))) with { Objects = new(SequenceIncrement: 4, MaterializedView: true, MaterializedIndex: true) }, "INSERT INTO t0 (id, c0) VALUES (1, 5), (2, 6);"),
        new("extension added with views over a renamed table", M(T(C("c0", ColumnType.Int))) with { Objects = Views },
            M(T(C("c0", ColumnType.Int)) with { Name = "t0r", RenamedFrom = "t0" }) with { Objects = Views with { Extension = "citext" } }, "INSERT INTO t0 (id, c0) VALUES (1, 5);"),
        new("domain check changed and base type changed under a view", M(T(C("c0", ColumnType.Int))) with { Objects = Views with { DomainMin = 0, DomainView = true } },
            M(T(C("c0", ColumnType.Int))) with { Objects = Views with { DomainMin = 2, DomainBigint = true, DomainView = true } }, "INSERT INTO t0 (id, c0) VALUES (1, 5);"),
        new("domain added", M(T(C("c0", ColumnType.Int))), M(T(C("c0", ColumnType.Int))) with { Objects = new(DomainMin: 1) }),
    ];

    public static IEnumerable<object[]> ExampleNames() => Examples.Select(e => new object[] { e.Name });

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public async Task Minimal_evolution_keeps_the_invariants(string name)
    {
        var example = Examples.Single(e => e.Name == name);
        var problem = await CheckAsync(example.Before, example.After, 1, example.Rows);
        Assert.True(problem == null, $"{problem}\n--- before ---\n{example.Before.Describe()}--- after ---\n{example.After.Describe()}--- rows ---\n{example.Rows ?? RandomModels.RowsSql(example.Before, 1)}");
    }

    /// <summary>One evolution with rows: null when every invariant holds, or what broke.</summary>
    public static async Task<string?> CheckAsync(ModelSpec before, ModelSpec after, ulong seed, string? rows = null)
    {
        var oldModel = before.Build();
        var newModel = after.Build();
        var connection = await Postgres.NewDatabaseAsync();
        var problems = new List<string>();
        string? Report(string? last = null) => last == null && problems.Count == 0 ? null : string.Join("\n| ", last == null ? problems : problems.Append(last));
        try
        {
            // A fresh deploy round-trips, with rows in every table (Verify clean, and a second deploy is a no-op).
            await SchemaDeployer.DeployAsync(oldModel.Target, connection);
            await connection.ExecuteAsync(rows ?? RandomModels.RowsSql(before, seed));
            var drift = await SchemaDeployer.VerifyAsync(oldModel.Target, connection);
            if (!drift.IsClean)
                problems.Add("Verify after a fresh deploy is not clean: " + string.Join("; ", drift.Drift));
            if (!(await SchemaDeployer.DeployAsync(oldModel.Target, connection)).NoOp)
                problems.Add("a second deploy of the same model is not a no-op");

            // Verify clean ⇔ Plan empty, for the new model over the old database.
            var verify = await SchemaDeployer.VerifyAsync(newModel.Target, connection, Evolve);
            var plan = await SchemaDeployer.PlanAsync(newModel.Target, connection, Evolve);
            if (verify.IsClean != plan.IsEmpty)
                problems.Add(verify.IsClean
                    ? "Verify (new model) is clean but Plan has steps: " + plan.Sql.Replace("\n", " ")
                    : "Verify (new model) reports drift but Plan is empty: " + string.Join("; ", verify.Drift));

            // Every row kept, or the deploy refused with the database unchanged.
            var state = await DatabaseState.CaptureAsync(connection);
            var values = await ValuesAsync(connection, before, after, old: true);
            try
            {
                await SchemaDeployer.DeployAsync(newModel.Target, connection, Evolve);
            }
            catch (SchemaDeployException e)
            {
                if (e.Hazards.Count == 0 && e.SqlState is not { } sqlState || e.SqlState is { } code && !code.StartsWith("22", StringComparison.Ordinal) && !code.StartsWith("23", StringComparison.Ordinal))
                    return Report($"Deploy failed for a reason other than the rows: {Flat(e.Message)}");
                if (WithoutEnumLabels(state) != WithoutEnumLabels(await DatabaseState.CaptureAsync(connection)))
                    return Report($"Deploy was refused ({e.SqlState}) but changed the database: {Flat(e.Message)}");
                return Report();
            }
            catch (Exception e)
            {
                return Report($"Deploy threw {e.GetType().Name}: {Flat(e.Message)}");
            }

            var kept = await ValuesAsync(connection, before, after, old: false);
            foreach (var (what, was) in values)
            {
                if (kept[what] != was)
                    problems.Add($"values changed without a refusal: {what} was [{was}], is [{kept[what]}]");
            }

            // Identity added to a populated key starts past the keys already there.
            foreach (var table in after.Tables.Where(ta => ta.Identity && before.Tables.Any(tb => tb.Class == ta.Class && !tb.Identity && (ta.Name == tb.Name || ta.RenamedFrom == tb.Name))))
            {
                var next = await connection.ScalarAsync<bool>($"SELECT nextval(pg_get_serial_sequence('{table.Name}', '{table.Key}')) > coalesce(max({table.Key}), 0) FROM {table.Name}");
                if (!next)
                    problems.Add($"identity added to {table.Name}.{table.Key}: the next value is not past the rows' keys");
            }

            // Migrated ≡ fresh; afterwards Plan empty and Verify clean.
            var fresh = await Postgres.NewDatabaseAsync();
            string freshDump;
            try
            {
                await SchemaDeployer.DeployAsync(newModel.Target, fresh, Evolve);
                freshDump = SchemaDumps.ColumnOrderAside(await PgDump.SchemaAsync(fresh));
            }
            finally
            {
                await Postgres.DropDatabaseAsync(fresh);
            }

            var difference = SchemaDumps.Difference(freshDump, SchemaDumps.ColumnOrderAside(await PgDump.SchemaAsync(connection)));
            if (difference.Length > 0)
                problems.Add("the migrated database differs from a fresh deploy (- fresh, + migrated):\n" + difference.TrimEnd());
            var again = await SchemaDeployer.PlanAsync(newModel.Target, connection, Evolve);
            if (!again.IsEmpty)
                problems.Add("after the migration Plan is not empty: " + again.Sql.Replace("\n", " "));
            var clean = await SchemaDeployer.VerifyAsync(newModel.Target, connection, Evolve);
            if (!clean.IsClean)
                problems.Add("after the migration Verify is not clean: " + string.Join("; ", clean.Drift));
            return Report();
        }
        finally
        {
            await Postgres.DropDatabaseAsync(connection);
        }
    }

    /// <summary>
    /// For every table in both models (by class) its row count, and for every column in both (by name or rename)
    /// whose change keeps its values, the values in key order: read from the old database (<paramref name="old"/>)
    /// or the migrated one, with the same keys, so that the two reads compare.
    /// </summary>
    private static async Task<Dictionary<string, string>> ValuesAsync(NpgsqlConnection connection, ModelSpec before, ModelSpec after, bool old)
    {
        var values = new Dictionary<string, string>();
        var labelsRenamed = after.Labels.Any(l => l.Contains('='));
        foreach (var tb in before.Tables)
        {
            if (after.Tables.FirstOrDefault(t => t.Class == tb.Class && (t.Name == tb.Name || t.RenamedFrom == tb.Name)) is not { } ta)
                continue;
            var table = old ? tb.Name : ta.Name;
            var key = old ? tb.Key : ta.Key;
            values[$"rows of {ta.Name}"] = (await connection.ScalarAsync<long>($"SELECT count(*) FROM {table}")).ToString();
            foreach (var cb in tb.Columns)
            {
                if (ta.Columns.FirstOrDefault(c => c.RenamedFrom == cb.Name || c.Name == cb.Name && c.RenamedFrom == null) is not { } ca
                    || Comparable(cb, ca, labelsRenamed) is not { } expression)
                    continue;
                var column = old ? cb.Name : ca.Name;
                values[$"{ta.Name}.{ca.Name} ({cb.Type}{(cb.Generated ? " generated" : "")} -> {ca.Type}{(ca.Generated ? " generated" : "")})"] = await connection.ScalarAsync<string>(
                    $"SELECT coalesce(string_agg(coalesce(({string.Format(expression, column)}), 'NULL'), ', ' ORDER BY {key}), '') FROM {table}");
            }
        }

        return values;
    }

    private static readonly ColumnType[] Numbers = [ColumnType.Short, ColumnType.Int, ColumnType.Long, ColumnType.Decimal, ColumnType.Double, ColumnType.Float, ColumnType.Numeric];

    private static readonly ColumnType[] Texts = [ColumnType.Text, ColumnType.Varchar10, ColumnType.Varchar40, ColumnType.Color];

    /// <summary>How to print a column's values so that a change that keeps them prints the same; null when the change converts them.</summary>
    private static string? Comparable(ColumnSpec before, ColumnSpec after, bool labelsRenamed)
    {
        if (after.Generated && !before.Generated)
            return null; // plain -> generated: the values are computed again
        if ((before.Type == ColumnType.Color || after.Type == ColumnType.Color) && labelsRenamed)
            return null; // a renamed label renames the values
        if (Numbers.Contains(before.Type) && Numbers.Contains(after.Type))
            return "trim_scale({0}::numeric)::text";
        if (Texts.Contains(before.Type) && Texts.Contains(after.Type) || before.Type == after.Type)
            return "{0}::text";
        return null;
    }

    // A deploy that adds enum labels commits them first (documented): a refused deploy may leave them.
    private static DatabaseState WithoutEnumLabels(DatabaseState state) => state with
    {
        Dump = Regex.Replace(state.Dump, @"AS ENUM \([^)]*\)", "AS ENUM (…)"),
        Catalog = Regex.Replace(state.Catalog, @"^(enum \S+) \([^)]*\)", "$1", RegexOptions.Multiline),
    };

    private static string Flat(string text)
    {
        var flat = text.Replace("\n", " ⏎ ");
        return flat.Length <= 900 ? flat : flat[..900] + "…";
    }
}
