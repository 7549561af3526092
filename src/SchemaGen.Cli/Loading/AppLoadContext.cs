using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace SchemaGen.Cli.Loading;

/// <summary>
/// Loads the user's built assembly with its own dependencies (from its .deps.json, as the app itself would
/// run), except SchemaGen and Npgsql, which come from the tool: the <see cref="DeployTarget"/> the generated
/// class returns must be the type the tool's deployer takes.
/// </summary>
internal sealed class AppLoadContext : AssemblyLoadContext
{
    /// <summary>Assemblies whose types cross between the app and the tool; Logging because DeployOptions.Logger is its ILogger.</summary>
    private static readonly HashSet<string> SharedWithTool = new(StringComparer.OrdinalIgnoreCase)
    {
        "SchemaGen", "Npgsql", "Microsoft.Extensions.Logging.Abstractions",
    };

    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _directory;

    public AppLoadContext(string mainAssemblyPath) : base("schemagen: " + Path.GetFileName(mainAssemblyPath))
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        _directory = Path.GetDirectoryName(mainAssemblyPath)!;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == null || SharedWithTool.Contains(assemblyName.Name))
            return null; // the default context: the tool's copy

        // An assembly copied without its .deps.json (e.g. into another project's output) still finds its neighbours.
        var path = _resolver.ResolveAssemblyToPath(assemblyName) ?? Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path == null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
