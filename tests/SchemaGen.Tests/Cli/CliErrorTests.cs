using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SchemaGen.Tests.Cli;

/// <summary>User mistakes are one line and its detail, exit code 4, never a stack trace.</summary>
public class CliErrorTests
{
    public static TheoryData<string, string[]> Mistakes()
    {
        var closedPort = SchemaGenCli.ClosedPort();
        var sampleDirectory = System.IO.Path.GetDirectoryName(SchemaGenCli.SampleAssembly)!;
        return new TheoryData<string, string[]>
        {
            { "error: invalid connection string", ["plan", "--connection", "this is not a connection string", "--assembly", SchemaGenCli.SampleAssembly] },
            { $"error: cannot connect to 127.0.0.1:{closedPort}/app", ["verify", "--connection", $"Host=127.0.0.1;Port={closedPort};Database=app", "--assembly", SchemaGenCli.SampleAssembly] },
            { "error: SchemaGen.Testing.dll has no generated schema", ["script", "--assembly", System.IO.Path.Combine(sampleDirectory, "SchemaGen.Testing.dll")] },
            { "error: assembly not found: ", ["script", "--assembly", "/nowhere/App.dll"] },
        };
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_is_reported_in_one_line_without_a_stack_trace(string expectedLine, string[] arguments)
    {
        var run = await SchemaGenCli.RunAsync(arguments);

        Assert.True(run.ExitCode == 4, run.ToString());
        var errorLine = Assert.Single(run.Error.Split('\n'), line => line.StartsWith("error:"));
        Assert.StartsWith(expectedLine, errorLine);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
        Assert.Equal("", run.Output);
    }
}
