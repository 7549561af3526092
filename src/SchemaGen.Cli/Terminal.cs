using System;
using Spectre.Console;

namespace SchemaGen.Cli;

/// <summary>
/// Where output goes: results to standard output, progress and errors to standard error, so that
/// <c>schemagen script &gt; schema.sql</c> and <c>schemagen plan --json | jq</c> get only the result.
/// </summary>
internal static class Terminal
{
    /// <summary>Tables wider than the 80 columns Spectre assumes when output is not a terminal: SQL wraps badly.</summary>
    private const int RedirectedWidth = 160;

    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(System.IO.TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
            console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>A line of progress on standard error, as it is: not wrapped, so that a logged statement stays one line.</summary>
    public static void Progress(string line) => Console.Error.WriteLine(line);
}
