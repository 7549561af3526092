using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Threading.Tasks;
using SchemaGen.Tests.Infrastructure;

namespace SchemaGen.Tests.Cli;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs the built schemagen CLI as a process (<c>dotnet SchemaGen.Cli.dll …</c>), as a user or a CI job would.</summary>
public static class SchemaGenCli
{
    /// <summary>The CLI's assembly in its own output directory (the project file records where; see SchemaGen.Tests.csproj).</summary>
    private static readonly string CliPath = Path.GetFullPath(typeof(SchemaGenCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SchemaGenCli").Value!);

    /// <summary>The JobPipeline sample, built with the test project: an assembly with a generated schema.</summary>
    public static string SampleAssembly => typeof(JobPipeline.Schema).Assembly.Location;

    /// <summary>Runs a command against the JobPipeline sample (<c>--assembly JobPipeline.dll</c> appended).</summary>
    public static Task<CliRun> RunOnSampleAsync(params string[] arguments) => RunAsync([.. arguments, "--assembly", SampleAssembly]);

    public static async Task<CliRun> RunAsync(params string[] arguments)
    {
        var run = await Processes.RunAsync("dotnet", [CliPath, .. arguments], Path.GetTempPath(), TimeSpan.FromMinutes(2));
        return new CliRun(run.ExitCode, run.StandardOutput, run.StandardError);
    }

    /// <summary>A loopback port nothing listens on: connecting to it is refused at once.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
