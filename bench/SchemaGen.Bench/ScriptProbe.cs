using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Npgsql;
using SchemaGen.Deploying;
using SchemaGen.Testing;

namespace SchemaGen.Bench;

/// <summary>
/// Whether running the create script costs SchemaGen more than psql: <c>dotnet run -c Release --project bench/SchemaGen.Bench --
/// script-probe [tables]</c>. For the benchmark model's <c>Schema.Sql</c>, each round times, each into a new empty database
/// of a throwaway PostgreSQL: <c>psql -1 -f</c> as a process, the statements as one <see cref="NpgsqlBatch"/> in a
/// transaction (what a first deploy sends: <c>DeploySession.ApplyScriptAsync</c>), and the script as one NpgsqlCommand.
/// </summary>
public static class ScriptProbe
{
    public static void Run(int tables)
    {
        using var server = ThrowawayPostgres.Start();
        var model = (DeployTarget)ModelCompilation.EmitAndLoad(tables).Schema.GetProperty("Target")!.GetValue(null)!;
        var sql = SchemaGen.Model.DdlRenderer.Render(model.Model);
        var file = Path.GetTempFileName();
        File.WriteAllText(file, sql);
        var commands = DdlBatch.Commands(sql).Count();
        Console.WriteLine($"{tables} tables: {sql.Length} characters, {commands} statements");
        for (var round = 0; round < 4; round++)
        {
            var psqlDb = new NpgsqlConnectionStringBuilder(server.CreateDatabase("psql"));
            var clock = Stopwatch.StartNew();
            var psql = Process.Start(new ProcessStartInfo(Path.Combine(server.BinDirectory ?? "/usr/lib/postgresql/15/bin", "psql"),
                $"-X -q -1 -v ON_ERROR_STOP=1 -h {psqlDb.Host} -p {psqlDb.Port} -U {psqlDb.Username} -d {psqlDb.Database} -f {file}") { RedirectStandardOutput = true })!;
            psql.WaitForExit();
            var psqlMs = clock.Elapsed.TotalMilliseconds;

            using var connection = new NpgsqlConnection(server.CreateDatabase("npgsql"));
            connection.Open();
            clock.Restart();
            using (var transaction = connection.BeginTransaction())
            {
                using var batch = new NpgsqlBatch(connection, transaction);
                foreach (var command in DdlBatch.Commands(sql))
                    batch.BatchCommands.Add(command);
                batch.ExecuteNonQuery();
                transaction.Commit();
            }
            var batchMs = clock.Elapsed.TotalMilliseconds;

            using var simple = new NpgsqlConnection(server.CreateDatabase("one"));
            simple.Open();
            clock.Restart();
            using (var transaction = simple.BeginTransaction())
            {
                using var command = new NpgsqlCommand(sql, simple, transaction);
                command.ExecuteNonQuery();
                transaction.Commit();
            }
            Console.WriteLine($"round {round}: psql -1 -f {psqlMs:F0} ms (process), Npgsql batch {batchMs:F0} ms, one NpgsqlCommand {clock.Elapsed.TotalMilliseconds:F0} ms (exit {psql.ExitCode})");
        }
    }
}
