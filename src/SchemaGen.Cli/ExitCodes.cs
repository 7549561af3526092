namespace SchemaGen.Cli;

/// <summary>
/// The process exit codes, one meaning each, so that a CI step can tell "the database differs" from "the
/// deployment was refused" from "the command could not run" (docs/cli.md lists them).
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked: the plan is safe, the database is clean, the schemas match, the deployment succeeded.</summary>
    public const int Success = 0;

    /// <summary>verify found drift, or compare found a difference.</summary>
    public const int Differences = 1;

    /// <summary>plan has hazards, or deploy refused a plan with hazards (nothing changed).</summary>
    public const int Hazards = 2;

    /// <summary>deploy failed: PostgreSQL refused a statement, plpgsql_check found errors, or a database of a fleet failed.</summary>
    public const int DeployFailed = 3;

    /// <summary>The command could not run: a bad option or connection string, a missing file, an unreachable server, an assembly without a schema.</summary>
    public const int UserError = 4;
}
