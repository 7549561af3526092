using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using SchemaGen.Tests.Templates;
using Xunit;

namespace SchemaGen.Tests.Cli;

/// <summary>
/// <c>schemagen script</c>, <c>plan</c>, <c>deploy</c> and <c>verify</c> on a model with sequence, view, materialized
/// view and aggregate templates: the assembly the generator built is written to disk and loaded by the tool as an
/// application's would be.
/// </summary>
[Collection(CompareCommandCollection.Name)] // it runs compare too
public class TemplateObjectCommandTests
{
    private static string WriteShopAssembly()
    {
        var result = GeneratorHarness.Run(ObjectTemplateModels.Sources, ObjectTemplateModels.Templates());
        var path = Path.Combine(Directory.CreateTempSubdirectory("schemagen-shop-").FullName, "ShopModels.dll");
        Microsoft.CodeAnalysis.Emit.EmitResult emitted;
        using (var output = File.Create(path))
            emitted = result.Compilation.Emit(output);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return path;
    }

    [Fact]
    public async Task Script_plan_deploy_and_verify_show_the_template_objects_and_a_hand_edited_view()
    {
        var assembly = WriteShopAssembly();
        try
        {
            await RunCommandsAsync(assembly, Postgres.Instance.CreateDatabase());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(assembly)!, recursive: true);
        }
    }

    private static async Task RunCommandsAsync(string assembly, string database)
    {
        var script = await SchemaGenCli.RunAsync("script", "--assembly", assembly);
        Assert.True(script.ExitCode == 0, script.ToString());
        Assert.True(script.Output.IndexOf("CREATE SEQUENCE shop.invoice_no") < script.Output.IndexOf("CREATE TABLE shop.invoices"), script.Output);
        Assert.Contains("CREATE UNIQUE INDEX invoice_stats_customer ON shop.invoice_stats", script.Output);

        var plan = await SchemaGenCli.RunAsync("plan", "--connection", database, "--json", "--assembly", assembly);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        using (var json = JsonDocument.Parse(plan.Output))
        {
            var steps = json.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString() + " " + s.GetProperty("object").GetString()).ToList();
            Assert.Contains("CreateSequence shop.invoice_no", steps);
            Assert.Contains("CreateAggregate shop.product(numeric)", steps);
            Assert.Contains("CreateMaterializedView shop.invoice_stats", steps);
            Assert.True(steps.IndexOf("CreateView shop.customer_totals") < steps.IndexOf("CreateView shop.big_customers"));
        }

        var deploy = await SchemaGenCli.RunAsync("deploy", "--connection", database, "--assembly", assembly);
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("CREATE OR REPLACE VIEW shop.big_customers AS SELECT id, name, total FROM shop.customer_totals WHERE total > 5");
        }

        var verify = await SchemaGenCli.RunAsync("verify", "--connection", database, "--assembly", assembly);
        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Contains("view shop.big_customers", verify.Output);

        // compare: the model's own script matches; the same script with another view definition does not.
        var file = Path.Combine(Path.GetDirectoryName(assembly)!, "shop.sql");
        await File.WriteAllTextAsync(file, script.Output);
        var same = await SchemaGenCli.RunAsync("compare", "--static", file, "--connection", Postgres.Instance.AdminConnectionString, "--assembly", assembly);
        Assert.True(same.ExitCode == 0, same.ToString());
        await File.WriteAllTextAsync(file, script.Output.Replace("WHERE total > 100", "WHERE total > 5"));
        var other = await SchemaGenCli.RunAsync("compare", "--static", file, "--connection", Postgres.Instance.AdminConnectionString, "--assembly", assembly);
        Assert.True(other.ExitCode == 1, other.ToString());
        Assert.Contains("view shop.big_customers", other.Output);
    }
}
