using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CsCheck;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// The drift fuzzer: deploy a model, insert rows, make one hand edit of the database (<see cref="DriftEdits"/>),
/// and hold the deployer to its promises: Verify reports the edit (as drift, or lists the object as unmanaged),
/// Deploy brings the database back to what a fresh deploy of the same model gives (pg_dump --schema-only, column
/// order aside), keeps every row, and afterwards Plan is empty and Verify clean. An edit the rows cannot follow
/// (a NOT VALID foreign key over an orphan row) must make Deploy fail with the database unchanged.
/// </summary>
public class DriftFuzzTests(ITestOutputHelper output)
{
    private static readonly Lazy<GeneratedSchema> FixedModel = new(() => Evolution.Build(DriftModels.Fixed));

    // The edits of objects beyond tables need a model that has them; the table edits keep the plain model, whose
    // columns no view holds on to (a view over a column would refuse some of their ALTERs).
    private static readonly Lazy<GeneratedSchema> FixedObjectsModel = new(() =>
        GeneratorHarness.Run([Evolution.Usings + DriftModels.FixedObjectsSource], DriftModels.FixedObjects).Load());

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> FreshDumps = new();

    public static IEnumerable<object[]> Kinds() => DriftEdits.All.Select(e => new object[] { e.Name });

    /// <summary>Each kind of hand edit on the fixed model: every kind applies to it.</summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Hand_edit_is_reported_by_Verify_and_undone_by_Deploy(string kind)
    {
        var edit = DriftEdits.Named(kind);
        var model = ObjectDriftEdits.All.Contains(edit) ? FixedObjectsModel.Value : FixedModel.Value;
        var outcome = await RunAsync(model, DriftModels.FixedRows, edit, choice: 0);
        Assert.True(outcome.Applied, $"{kind} does not apply to the fixed model: {outcome.Report}");
        Assert.True(outcome.Passed, outcome.Report);
    }

    // SCHEMAGEN_DRIFT_ITERATIONS raises the count for a longer hunt; SCHEMAGEN_DRIFT_SEED changes the (fixed) seed.
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("SCHEMAGEN_DRIFT_ITERATIONS"), out var n) ? n : 30;

    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("SCHEMAGEN_DRIFT_SEED"), out var s) ? s : 20261130;

    /// <summary>
    /// Random models (with rows) and a random kind of edit on a random object of each: the kinds are taken in turn
    /// from a random start, so a run of <see cref="DriftEdits.All"/>.Length iterations tries every kind. Every
    /// iteration runs; the failures are reported together, each with its seed, model and edit.
    /// </summary>
    [Fact]
    public async Task Random_hand_edits_of_random_models_are_reported_and_undone()
    {
        var failures = new List<string>();
        var applied = 0;
        var start = (int)(Seed % (ulong)DriftEdits.All.Length);
        for (var i = 0; i < Iterations; i++)
        {
            var iterationSeed = Seed + (ulong)i;
            var pcg = new PCG(7, iterationSeed);
            var spec = RandomModels.Model.Generate(pcg, null, out _);
            var choice = (int)pcg.Next(1000);
            // The kind in turn, or the next one after it that applies to the model.
            var kinds = Enumerable.Range(0, DriftEdits.All.Length).Select(k => DriftEdits.All[(start + i + k) % DriftEdits.All.Length]).ToList();
            var model = spec.Build();
            var (edit, outcome) = await RunFirstAsync(model, RandomModels.RowsSql(spec, iterationSeed), kinds, choice);
            applied += outcome.Applied ? 1 : 0;
            if (outcome.Applied && !outcome.Passed)
                failures.Add($"=== iteration {i} (SCHEMAGEN_DRIFT_SEED={Seed}, seed {iterationSeed}), edit \"{edit.Name}\", choice {choice}\n{outcome.Report}\n--- model ---\n{spec.Describe()}");
        }

        output.WriteLine($"{applied} of {Iterations} edits applied; {failures.Count} failed.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {applied} applied edits failed (seed {Seed}):\n" + string.Join("\n", failures));
    }

    /// <summary>The result of one edit: whether it applied to the model, whether the invariants held, and what happened.</summary>
    public sealed record Outcome(bool Applied, bool Passed, string Report);

    public static async Task<Outcome> RunAsync(GeneratedSchema model, string rows, DriftEdit edit, int choice) =>
        (await RunFirstAsync(model, rows, [edit], choice)).Outcome;

    /// <summary>Runs the first of the edits that applies to the model (its SQL builds, and runs without an error).</summary>
    public static async Task<(DriftEdit Edit, Outcome Outcome)> RunFirstAsync(GeneratedSchema model, string rows, IReadOnlyList<DriftEdit> edits, int choice)
    {
        var freshDump = await FreshDumpAsync(model);
        var connection = await Postgres.NewDatabaseAsync();
        try
        {
            await SchemaDeployer.DeployAsync(model.Target, connection);
            if (rows.Length > 0)
                await connection.ExecuteAsync(rows);
            var target = await DriftTarget.ReadAsync(connection, choice);
            DriftEdit? edit = null;
            DriftSql? sql = null;
            var notApplied = new List<string>();
            foreach (var candidate in edits)
            {
                sql = candidate.Build(target);
                if (sql == null)
                {
                    notApplied.Add($"{candidate.Name}: no object of the model to apply it to");
                    continue;
                }

                try
                {
                    // In a transaction, so that an edit that fails half-way leaves nothing behind for the next one.
                    await connection.ExecuteAsync("BEGIN;\n" + sql.Sql + "\nCOMMIT;");
                    edit = candidate;
                    break;
                }
                catch (PostgresException e)
                {
                    await connection.ExecuteAsync("ROLLBACK");
                    notApplied.Add($"{candidate.Name}: the edit itself failed ({e.SqlState} {e.MessageText}):\n{sql.Sql}");
                }
            }

            if (edit == null || sql == null)
                return (edits[0], new Outcome(false, false, string.Join("\n", notApplied)));

            var report = new StringBuilder($"edit: {sql.Sql.Replace("\n", "\n      ")}\n");
            var problems = new List<string>();

            // 1. Verify reports the edit (as drift, or by listing the object as unmanaged); Plan agrees with it.
            var verify = await SchemaDeployer.VerifyAsync(model.Target, connection);
            var plan = await SchemaDeployer.PlanAsync(model.Target, connection);
            var unmanaged = plan.Unmanaged.Concat(UnmanagedOf(verify)).ToList();
            var listed = edit.Unmanaged.Any(name => unmanaged.Any(u => u.Contains(name, StringComparison.Ordinal)));
            report.Append($"Verify: {(verify.IsClean ? "clean" : string.Join("; ", verify.Drift))}\n")
                .Append($"Plan: {(plan.IsEmpty ? "empty" : string.Join("; ", plan.Steps.Select(st => st.Sql.Replace("\n", " "))))}\n")
                .Append($"Unmanaged: [{string.Join(", ", unmanaged)}]\n");
            if (verify.IsClean && !listed)
                problems.Add("Verify clean" + (plan.IsEmpty ? ", Plan empty" : ", but Plan has steps") + (edit.Unmanaged.Length > 0 ? ", not listed as unmanaged" : ""));
            else if (edit.Restore != Restore.Unmanaged && verify.Drift.Count == 0 != plan.IsEmpty)
                problems.Add(verify.Drift.Count == 0 ? "Verify clean but Plan has steps" : "Verify reports drift but Plan is empty");

            // 2. Rows the model cannot take back: Deploy fails with the database unchanged, then succeeds once they are fixed.
            var options = edit.Options;
            if (sql.FailsWith != null)
            {
                var before = await DatabaseState.CaptureAsync(connection);
                try
                {
                    var result = await SchemaDeployer.DeployAsync(model.Target, connection, options);
                    problems.Add($"Deploy over rows that violate the model did not fail with {sql.FailsWith}: it returned NoOp={result.NoOp} with {result.Steps.Count} step(s)");
                }
                catch (SchemaDeployException e) when (e.SqlState == sql.FailsWith)
                {
                    if (before != await DatabaseState.CaptureAsync(connection))
                        problems.Add($"Deploy failed with {e.SqlState} but changed the database");
                }
                catch (Exception e)
                {
                    problems.Add($"Deploy over rows that violate the model threw {e.GetType().Name} (expected SQLSTATE {sql.FailsWith}): {FirstLine(e.Message)}");
                }

                await connection.ExecuteAsync(sql.Cleanup!);
            }

            // 3. Deploy brings the database back to a fresh deploy of the model, keeping every row.
            var rowsBefore = await RowCountsAsync(connection, target);
            try
            {
                var result = await SchemaDeployer.DeployAsync(model.Target, connection, options);
                report.Append($"Deploy: NoOp={result.NoOp}, steps: {string.Join("; ", result.Steps.Select(st => st.Sql.Replace("\n", " ")))}\n");
            }
            catch (Exception e)
            {
                problems.Add($"Deploy threw {e.GetType().Name}: {FirstLine(e.Message)}");
                return (edit, new Outcome(true, false, report.Insert(0, "FAILED: " + string.Join(" | ", problems) + "\n").ToString()));
            }

            var difference = SchemaDumps.Difference(freshDump, SchemaDumps.ColumnOrderAside(await PgDump.SchemaAsync(connection)));
            if (difference.Length > 0)
                problems.Add("Deploy leaves a schema unlike a fresh deploy:\n" + difference.TrimEnd());
            if (await RowCountsAsync(connection, target) != rowsBefore)
                problems.Add($"rows changed: before {rowsBefore}, after {await RowCountsAsync(connection, target)}");

            // 4. Afterwards Plan is empty and Verify clean.
            var again = await SchemaDeployer.PlanAsync(model.Target, connection, options);
            if (!again.IsEmpty)
                problems.Add("after Deploy, Plan is not empty: " + string.Join("; ", again.Steps.Select(st => st.Sql.Replace("\n", " "))));
            var clean = await SchemaDeployer.VerifyAsync(model.Target, connection, options);
            if (!clean.IsClean)
                problems.Add("after Deploy, Verify is not clean: " + string.Join("; ", clean.Drift));

            return (edit, problems.Count == 0
                ? new Outcome(true, true, report.ToString())
                : new Outcome(true, false, report.Insert(0, "FAILED: " + string.Join(" | ", problems) + "\n").ToString()));
        }
        finally
        {
            await Postgres.DropDatabaseAsync(connection);
        }
    }

    /// <summary>pg_dump of a fresh deploy of the model (column order aside), once per model.</summary>
    public static Task<string> FreshDumpAsync(GeneratedSchema model) =>
        FreshDumps.GetOrAdd(model.Sql, _ => new Lazy<Task<string>>(async () =>
        {
            var fresh = await Postgres.NewDatabaseAsync();
            try
            {
                await SchemaDeployer.DeployAsync(model.Target, fresh);
                return SchemaDumps.ColumnOrderAside(await PgDump.SchemaAsync(fresh));
            }
            finally
            {
                await Postgres.DropDatabaseAsync(fresh);
            }
        })).Value;

    // Verify may list unmanaged objects itself (the lead's rewrite adds such a list); read it when it is there.
    private static IEnumerable<string> UnmanagedOf(VerifyResult verify) =>
        verify.GetType().GetProperty("Unmanaged")?.GetValue(verify) is IEnumerable<object> items ? items.Select(i => i.ToString() ?? "") : [];

    private static async Task<string> RowCountsAsync(NpgsqlConnection connection, DriftTarget target)
    {
        var counts = new List<string>();
        foreach (var table in target.Tables)
            counts.Add($"{table}={await connection.ScalarAsync<long>($"SELECT count(*) FROM {table}")}");
        return string.Join(", ", counts);
    }

    private static string FirstLine(string text)
    {
        var flat = text.Replace("\n", " ⏎ ");
        return flat.Length <= 700 ? flat : flat[..700] + "…";
    }
}
