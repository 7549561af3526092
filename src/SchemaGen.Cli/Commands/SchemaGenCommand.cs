using System.CommandLine;
using SchemaGen.Cli.Loading;

namespace SchemaGen.Cli.Commands;

/// <summary>The root command: the model options every command shares, and the commands.</summary>
internal static class SchemaGenCommand
{
    public static RootCommand Create() => new("schemagen: the create script, plan, deployment, drift and comparison of a SchemaGen model.")
    {
        ModelSource.Assembly,
        ModelSource.Project,
        ScriptCommand.Create(),
        PlanCommand.Create(),
        DeployCommand.Create(),
        RollbackCommand.Create(),
        VerifyCommand.Create(),
        CompareCommand.Create(),
        ScaffoldCommand.Create(),
    };
}
