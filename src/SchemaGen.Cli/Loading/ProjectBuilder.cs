using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SchemaGen.Cli.Loading;

/// <summary>Builds a project in Release with the .NET SDK and says where its assembly is.</summary>
internal static class ProjectBuilder
{
    private const string Configuration = "Release";

    /// <summary>Runs <c>dotnet build -c Release</c> on the project and returns its <c>TargetPath</c>.</summary>
    public static async Task<string> BuildAsync(string project, CancellationToken cancellationToken)
    {
        var projectFile = FindProjectFile(project);
        Terminal.Progress($"Building {Path.GetFileName(projectFile)} ({Configuration})…");

        var build = await RunDotnetAsync(cancellationToken, "build", projectFile, "-c", Configuration, "-nologo", "-v", "quiet");
        if (build.ExitCode != 0)
        {
            // The build's own error lines say what to fix; the rest of its output is noise here.
            var errors = (build.Output + "\n" + build.Error).Split('\n')
                .Where(line => line.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(20).ToList();
            throw new UserErrorException($"dotnet build failed for {projectFile}",
                errors.Count > 0 ? string.Join("\n", errors) : (build.Output + build.Error).Trim());
        }

        // TargetPath is evaluated without building again; with several target frameworks it is empty.
        var query = await RunDotnetAsync(cancellationToken, "msbuild", projectFile, "-getProperty:TargetPath", "-p:Configuration=" + Configuration, "-nologo");
        var targetPath = query.Output.Trim();
        if (query.ExitCode != 0 || targetPath.Length == 0)
            throw new UserErrorException($"cannot tell where {Path.GetFileName(projectFile)} puts its assembly",
                "dotnet msbuild -getProperty:TargetPath gave nothing (a project with several TargetFrameworks?). "
                + "Build it yourself and pass the .dll with --assembly.");
        return targetPath;
    }

    /// <summary>The project file itself, or the only project file in a directory.</summary>
    private static string FindProjectFile(string project)
    {
        if (File.Exists(project))
            return Path.GetFullPath(project);
        if (!Directory.Exists(project))
            throw new UserErrorException($"project not found: {project}");

        var candidates = Directory.GetFiles(project, "*.csproj");
        return candidates.Length == 1
            ? candidates[0]
            : throw new UserErrorException($"{project} holds {candidates.Length} project files", "Pass the .csproj itself with --project.");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunDotnetAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        // Under `dotnet tool` or `dotnet run` the SDK tells child processes which dotnet it is.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new UserErrorException("cannot start dotnet", "Is the .NET SDK installed and on PATH?");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
