using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit.Sdk;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>Runs a command as a process, the way a user's shell would, and returns its exit code and output.</summary>
public static class Processes
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => StandardOutput + StandardError;
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // A nested dotnet must find its own SDK, not the test host's MSBuild.
        foreach (var variable in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            start.Environment.Remove(variable);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout ?? TimeSpan.FromMinutes(5))) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"{file} {string.Join(" ", arguments)} did not finish in time.\n{await output}{await error}");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the command and fails the test, with its output, when it does not exit with 0.</summary>
    public static async Task<string> RunOrFailAsync(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var result = await RunAsync(file, arguments, workingDirectory);
        if (result.ExitCode != 0)
            throw new XunitException($"{file} {string.Join(" ", arguments)} exited with {result.ExitCode}:\n{result.Output}");
        return result.Output;
    }

    /// <summary>The repository's root: the folder that holds SchemaGen.Generators.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SchemaGen.Generators.sln")))
                return directory.FullName;
        }

        throw new XunitException("The repository root (SchemaGen.Generators.sln) is not above " + AppContext.BaseDirectory);
    }
}
