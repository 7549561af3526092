using System;
using System.Diagnostics;
using System.Linq;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Deploying;
using SchemaGen.Model;
using SchemaGen.Testing;

namespace SchemaGen.Bench;

/// <summary>
/// Where a catalog read's time goes: <c>dotnet run -c Release --project bench/SchemaGen.Bench -- read-probe [tables]</c>.
/// Deploys the benchmark model of that many tables to a throwaway PostgreSQL, then times (median of 5 after one warm-up)
/// the full read with its fingerprint, the read without it (a shadow's), the last deployment's record (RecordedLive),
/// the server computing the fingerprint alone (the no-op check's second tier), the stamp alone and each catalog query
/// alone; it checks that the fingerprint the read combines is the server's.
/// </summary>
public static class ReadProbe
{
    public static void Run(int tables)
    {
        using var server = ThrowawayPostgres.Start();
        var model = (DeployTarget)ModelCompilation.EmitAndLoad(tables).Schema.GetProperty("Target")!.GetValue(null)!;
        var database = new NpgsqlConnectionStringBuilder(server.CreateDatabase("probe")) { CommandTimeout = 0 }.ConnectionString;
        using var connection = new NpgsqlConnection(database);
        SchemaDeployer.Deploy(model, connection);
        connection.Open();
        var history = new HistoryTable("public");
        var schemas = new[] { "public" };

        void Time(string what, Action action)
        {
            action();
            var times = Enumerable.Range(0, 5).Select(_ => { var clock = Stopwatch.StartNew(); action(); return clock.Elapsed.TotalMilliseconds; }).OrderBy(t => t).ToList();
            Console.WriteLine($"{what}: median {times[2]:F0} ms (min {times[0]:F0})");
        }

        T InTransaction<T>(Func<NpgsqlTransaction, T> read)
        {
            using var transaction = connection.BeginTransaction();
            var result = read(transaction);
            transaction.Rollback();
            return result;
        }

        void Query(string sql) => InTransaction(transaction =>
        {
            using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, withSessionPath: true));
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = schemas });
            command.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
            command.Parameters.Add(new NpgsqlParameter { Value = history.Name });
            batch.BatchCommands.Add(command);
            using var reader = batch.ExecuteReader();
            do
            {
                while (reader.Read())
                {
                }
            }
            while (reader.NextResult());
            return 0;
        });

        Console.WriteLine($"# catalog read of {tables} tables, {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
        var read = InTransaction(t => CatalogReader.ReadAsync(connection, t, schemas, history, default).GetAwaiter().GetResult());
        var serverFingerprint = InTransaction(t =>
        {
            using var batch = new NpgsqlBatch(connection, t);
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, withSessionPath: true));
            batch.BatchCommands.Add(CatalogFingerprint.Command(schemas, history));
            using var reader = batch.ExecuteReader();
            reader.NextResult();
            reader.Read();
            return reader.GetString(2);
        });
        if (read.Fingerprint != serverFingerprint)
            throw new InvalidOperationException($"the read's fingerprint {read.Fingerprint} is not the server's {serverFingerprint}");

        Time("full read (rows, digests, stamp)", () => InTransaction(t => CatalogReader.ReadAsync(connection, t, schemas, history, default).GetAwaiter().GetResult()));
        Time("read without fingerprint (a shadow's)", () => InTransaction(t => CatalogReader.ReadAsync(connection, t, schemas, history, default, fingerprinted: false).GetAwaiter().GetResult()));
        Time("the last deployment's record (RecordedLive)", () => InTransaction(t => RecordedLive.ReadAsync(connection, t, schemas, history, null, default).GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("no record")));
        var data = ModelData.Write(read.Model);
        Console.WriteLine($"record: {data.Length} characters of model data");
        Time("  of which decoding it", () => ModelData.Read(data));
        Time("  and writing it (the deployment before)", () => ModelData.Write(read.Model));
        Time("server fingerprint alone", () => Query(CatalogFingerprint.Sql));
        for (var i = 0; i < CatalogReader.Queries.Length; i++)
            Time("query " + i, () => Query(CatalogReader.Queries[i]));
    }
}
