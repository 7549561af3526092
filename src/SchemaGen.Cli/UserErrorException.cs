using System;

namespace SchemaGen.Cli;

/// <summary>
/// A mistake or a situation the user can fix (a missing file, an unreachable server, an assembly without a
/// schema): reported as one line and its detail, never with a stack trace.
/// </summary>
internal sealed class UserErrorException : Exception
{
    public UserErrorException(string message, string? detail = null, Exception? inner = null) : base(message, inner) => Detail = detail;

    /// <summary>What went wrong underneath, or what to do about it.</summary>
    public string? Detail { get; }
}
