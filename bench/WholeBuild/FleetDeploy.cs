// The deploying program of the whole-process first-deploy and fleet benchmarks (run.sh, sections "first" and "fleet"):
// deploy the generated 200-table model to one database, or to every database of a file (@file, one connection string a
// line, four at a time as `schemagen deploy --connections-file` does), and exit; or write Schema.Sql for psql to run.
using System;
using System.IO;
using System.Linq;
using SchemaGen;

if (args[0] == "--write-sql")
{
    File.WriteAllText(args[1], BenchModels.Schema.Sql);
    return 0;
}

var databases = args[0].StartsWith('@') ? File.ReadAllLines(args[0][1..]).Where(l => l.Length > 0).ToArray() : new[] { args[0] };
var results = await SchemaFleet.DeployAllAsync(BenchModels.Schema.Target, databases, maxParallelism: 4);
foreach (var failed in results.Where(r => !r.Succeeded))
    Console.Error.WriteLine(failed.Database + ": " + failed.Error!.Message);
var expectNoOp = args.Contains("--expect-no-op");
if (results.Any(r => !r.Succeeded) || (expectNoOp && results.Any(r => !r.Result!.NoOp)) || (!expectNoOp && results.Any(r => r.Result!.NoOp)))
{
    Console.Error.WriteLine("unexpected results: " + string.Join(", ", results.Select(r => r.Result?.NoOp.ToString() ?? "error")));
    return 1;
}

return 0;
