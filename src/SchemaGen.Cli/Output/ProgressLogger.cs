using System;
using Microsoft.Extensions.Logging;

namespace SchemaGen.Cli.Output;

/// <summary>
/// The deployer's log (its plan, each statement, plpgsql_check's warnings) as progress lines on standard
/// error, so that a long deployment shows what it is doing while standard output keeps only the result.
/// </summary>
internal sealed class ProgressLogger : ILogger
{
    private readonly string _prefix;

    /// <param name="prefix">Put before every line, e.g. the database's name when several deploy at once.</param>
    public ProgressLogger(string prefix = "") => _prefix = prefix;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var level = logLevel >= LogLevel.Warning ? logLevel.ToString().ToLowerInvariant() + ": " : "";
        Terminal.Progress(_prefix + level + formatter(state, exception));
    }
}
