using System.CommandLine;

namespace SchemaGen.Cli.Commands;

/// <summary>The options several commands take; a new instance for each command, as each has its own parse tree.</summary>
internal static class CommonOptions
{
    public static Option<string> Connection() => new("--connection", "-c")
    {
        Description = "Npgsql connection string of the database, e.g. \"Host=localhost;Database=app;Username=app;Password=…\".",
        Required = true,
    };

    public static Option<string?> Schema() => new("--schema", "-s")
    {
        Description = "Use this schema instead of the model's default schema (DeployOptions.Schema), e.g. one schema per tenant.",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print machine-readable JSON instead of a table.",
    };

    public static Option<bool> AllowDataLoss() => new("--allow-data-loss")
    {
        Description = "Apply steps with hazards (dropping columns or tables, narrowing types, …). Without it such a plan is refused, exit code 2.",
    };

    public static Option<bool> DropUnmanaged() => new("--drop-unmanaged")
    {
        Description = "Drop tables, enum types, functions and triggers in the managed schemas that the model does not have.",
    };

    public static Option<bool> DryRun() => new("--dry-run")
    {
        Description = "Plan only: show the steps, change nothing.",
    };
}
