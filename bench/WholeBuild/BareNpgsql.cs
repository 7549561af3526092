// The peer of the whole-process no-op benchmarks: a program that opens an Npgsql connection and runs one catalog query.
// With @file (one connection string a line) it does so on every database of the file, four at a time, each connection
// configured as SchemaFleet configures its own (no type loading): the floor of a fleet's no-op deploy.
// With --script FILE it runs the file in one transaction and nothing else: the floor of any first deploy through Npgsql,
// next to psql -1 -f of the same file.
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;

const string Query = "SELECT count(*) FROM pg_catalog.pg_class";
if (args.Length == 3 && args[1] == "--script")
{
    using var connection = new NpgsqlConnection(args[0]);
    connection.Open();
    using var transaction = connection.BeginTransaction();
    using (var script = new NpgsqlCommand(File.ReadAllText(args[2]), connection, transaction))
        script.ExecuteNonQuery();
    transaction.Commit();
    return 0;
}

if (!args[0].StartsWith('@'))
{
    using var connection = new NpgsqlConnection(args[0]);
    connection.Open();
    using var command = new NpgsqlCommand(Query, connection);
    command.ExecuteScalar();
    return 0;
}

var databases = File.ReadAllLines(args[0][1..]).Where(l => l.Length > 0);
await Parallel.ForEachAsync(databases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (connectionString, cancellationToken) =>
{
    var builder = new NpgsqlDataSourceBuilder(connectionString);
    builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
    await using var source = builder.Build();
    await using var connection = await source.OpenConnectionAsync(cancellationToken);
    await using var command = new NpgsqlCommand(Query, connection);
    await command.ExecuteScalarAsync(cancellationToken);
});
return 0;
