// The peer of the whole-process no-op benchmark: a program that opens an Npgsql connection and runs one catalog query.
using Npgsql;

using var connection = new NpgsqlConnection(args[0]);
connection.Open();
using var command = new NpgsqlCommand("SELECT count(*) FROM pg_catalog.pg_class", connection);
command.ExecuteScalar();
return 0;
