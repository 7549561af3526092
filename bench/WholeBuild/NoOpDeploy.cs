// The deploying program of the whole-process no-op benchmark: open a connection, deploy the generated model
// (already deployed, so nothing to do), exit. Compiled with the 200-table benchmark model by run.sh.
using System;
using Npgsql;

using var connection = new NpgsqlConnection(args[0]);
connection.Open();
var result = BenchModels.Schema.Deploy(connection);
if (args.Length > 1 && args[1] == "--expect-no-op" && !result.NoOp)
{
    Console.Error.WriteLine("expected a no-op deploy, got " + result.Steps.Count + " step(s)");
    return 1;
}

return 0;
