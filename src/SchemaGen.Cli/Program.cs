using System;
using SchemaGen.Cli;
using SchemaGen.Cli.Commands;

var parse = SchemaGenCommand.Create().Parse(args);

// A mistyped command line is a user error like any other: its own exit code, and the way to get help.
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        FailureReporter.WriteError(error.Message);
    Console.Error.WriteLine("  Run `schemagen --help` (or `schemagen <command> --help`) for the options.");
    return ExitCodes.UserError;
}

return await parse.InvokeAsync();
