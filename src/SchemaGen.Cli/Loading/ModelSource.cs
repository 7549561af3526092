using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SchemaGen.Cli.Loading;

/// <summary>
/// Where the model comes from: <c>--assembly</c> (a built .dll), <c>--project</c> (built first), or, with neither,
/// the only project in the current directory, as <c>dotnet build</c> would pick it.
/// </summary>
internal static class ModelSource
{
    public static readonly Option<FileInfo?> Assembly = new("--assembly", "-a")
    {
        Description = "The built assembly (.dll) whose [Table] models make the schema.",
        Recursive = true,
    };

    public static readonly Option<string?> Project = new("--project", "-p")
    {
        Description = "A project (.csproj or its directory) to build in Release and load. Default: the project in the current directory.",
        Recursive = true,
    };

    public static async Task<LoadedSchema> LoadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var assembly = parse.GetValue(Assembly);
        var project = parse.GetValue(Project);
        if (assembly != null && project != null)
            throw new UserErrorException("pass either --assembly or --project, not both");
        if (assembly != null)
            return GeneratedSchemaReader.Load(assembly.FullName);

        if (project == null)
        {
            var here = Directory.GetCurrentDirectory();
            if (Directory.GetFiles(here, "*.csproj").Length != 1)
                throw new UserErrorException("no model given",
                    "Pass --assembly path/to/App.dll or --project path/to/App.csproj (or run in the directory of the project).");
            project = here;
        }

        return GeneratedSchemaReader.Load(await ProjectBuilder.BuildAsync(project, cancellationToken));
    }
}
