using System;
using System.Diagnostics;
using System.Linq;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Testing;

namespace SchemaGen.Bench;

public static class ReadProbe
{
    public static void Run(int tables)
    {
        using var server = ThrowawayPostgres.Start();
        var loaded = ModelCompilation.EmitAndLoad(tables);
        var model = (DeployTarget)loaded.Schema.GetProperty("Target")!.GetValue(null)!;
        var database = new NpgsqlConnectionStringBuilder(server.CreateDatabase("probe")) { CommandTimeout = 0 }.ConnectionString;
        using var connection = new NpgsqlConnection(database);
        SchemaDeployer.Deploy(model, connection);
        connection.Open();
        var history = new HistoryTable("public");
        var schemas = new[] { "public" };
        void Time(string what, Action action)
        {
            action();
            var times = Enumerable.Range(0, 5).Select(_ => { var c = Stopwatch.StartNew(); action(); return c.Elapsed.TotalMilliseconds; }).OrderBy(t => t).ToList();
            Console.WriteLine($"{what}: median {times[2]:F0} ms (min {times[0]:F0})");
        }

        void Query(string sql)
        {
            using var tx = connection.BeginTransaction();
            using var batch = new NpgsqlBatch(connection, tx);
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, true));
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = schemas });
            if (sql.Contains("$2") || sql.Contains("$3"))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
                command.Parameters.Add(new NpgsqlParameter { Value = history.Name });
            }
            batch.BatchCommands.Add(command);
            using (var reader = batch.ExecuteReader()) { do { while (reader.Read()) { } } while (reader.NextResult()); }
            tx.Rollback();
        }

        Time("full read", () => { using var tx = connection.BeginTransaction(); CatalogReader.ReadAsync(connection, tx, schemas, history, default).GetAwaiter().GetResult(); tx.Rollback(); });
        Time("recorded live", () => { using var tx = connection.BeginTransaction(); if (SchemaGen.Deploying.RecordedLive.ReadAsync(connection, tx, schemas, history, default).GetAwaiter().GetResult() == null) throw new Exception("no record"); tx.Rollback(); });
        {
            var live = SchemaCatalog.ReadAsync(connection, schemas).GetAwaiter().GetResult();
            Time("write packed", () => SchemaGen.Model.ModelData.WritePacked(live));
            var packed = System.Text.Encoding.ASCII.GetBytes(SchemaGen.Model.ModelData.WritePacked(live));
            Console.WriteLine($"packed {packed.Length} bytes, plain {SchemaGen.Model.ModelData.Write(live).Length} chars");
            Time("read packed", () => SchemaGen.Model.ModelData.ReadPacked(packed));
        }
        Time("unfingerprinted read", () => { using var tx = connection.BeginTransaction(); CatalogReader.ReadAsync(connection, tx, schemas, history, default, fingerprinted: false).GetAwaiter().GetResult(); tx.Rollback(); });
        {
            using var tx = connection.BeginTransaction();
            var read = CatalogReader.ReadAsync(connection, tx, schemas, history, default).GetAwaiter().GetResult();
            using var batch = new NpgsqlBatch(connection, tx);
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, true));
            batch.BatchCommands.Add(CatalogFingerprint.Command(schemas, history));
            using var reader = batch.ExecuteReader();
            reader.NextResult(); reader.Read();
            Console.WriteLine($"client {read.Fingerprint} server {reader.GetString(2)} stamps {read.Stamp == reader.GetString(1)}");
        }
        Time("fingerprint statement", () => Query(CatalogFingerprint.Sql));
        Time("stamp", () => Query("SELECT " + CatalogStamp.Sql.Replace("$2", "$2::text") + ", $1::text[], $3::text"));
        foreach (var i in new[] { 3, 4, 5 })
        {
            using var tx = connection.BeginTransaction();
            using var batch = new NpgsqlBatch(connection, tx);
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, true));
            var command = new NpgsqlBatchCommand("EXPLAIN (ANALYZE, COSTS OFF) " + CatalogReader.Queries[i]);
            command.Parameters.Add(new NpgsqlParameter { Value = schemas });
            command.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
            command.Parameters.Add(new NpgsqlParameter { Value = history.Name });
            if (!CatalogReader.Queries[i].Contains("$3")) { command.CommandText = command.CommandText.Replace("$1", "$1::text[]").Replace("WHERE", "WHERE $2::text IS NOT NULL AND $3::text IS NOT NULL AND ", StringComparison.Ordinal); }
            batch.BatchCommands.Add(command);
            using var reader = batch.ExecuteReader();
            reader.NextResult();
            while (reader.Read()) Console.WriteLine(reader.GetString(0));
        }
        for (var i = 0; i < CatalogReader.Queries.Length; i++)
            Time("query " + i, () => Query(CatalogReader.Queries[i]));
    }
}
