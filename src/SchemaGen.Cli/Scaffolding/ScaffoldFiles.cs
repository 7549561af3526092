using System;
using System.Collections.Generic;
using System.IO;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>What happened to one file of a scaffold run.</summary>
internal enum FileOutcome
{
    /// <summary>It did not exist and was written.</summary>
    Created,

    /// <summary>It was as scaffold last wrote it, and the database changed: rewritten.</summary>
    Updated,

    /// <summary>It already says what this run would write: not touched.</summary>
    Unchanged,

    /// <summary>Someone edited it since scaffold wrote it, and the run would change it: kept; <c>--force</c> overwrites it.</summary>
    Edited,

    /// <summary>It was edited, and <c>--force</c> overwrote it.</summary>
    Overwritten,
}

/// <summary>A file a scaffold run produced, relative to the output directory, and what happened to it.</summary>
internal sealed record ScaffoldedFile(string Path, FileOutcome Outcome);

/// <summary>
/// Writing scaffolded files so that customisations are never lost silently: each file starts with a header holding
/// the hash of what scaffold wrote below it. A file whose text no longer matches its hash was edited, and is
/// overwritten only with <c>--force</c>; a file that already says what the run would write is not touched, so a
/// second run over an unchanged database rewrites nothing.
/// </summary>
internal static class ScaffoldFiles
{
    private const string Marker = "Scaffolded by schemagen scaffold";

    /// <summary>The file's text with its header: <paramref name="comment"/> is the line comment of its language.</summary>
    public static string WithHeader(string body, string comment) =>
        $"{comment} {Marker} (sha256 {Hash(body)}). Edit freely: scaffold keeps an edited file unless run with --force.\n" + body;

    public static ScaffoldedFile Write(string directory, string relativePath, string text, bool force)
    {
        var path = Path.Combine(directory, relativePath);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return new ScaffoldedFile(relativePath, FileOutcome.Created);
        }

        var existing = File.ReadAllText(path);
        if (existing == text)
            return new ScaffoldedFile(relativePath, FileOutcome.Unchanged);
        var edited = IsEdited(existing);
        if (edited && !force)
            return new ScaffoldedFile(relativePath, FileOutcome.Edited);
        File.WriteAllText(path, text);
        return new ScaffoldedFile(relativePath, edited ? FileOutcome.Overwritten : FileOutcome.Updated);
    }

    // Unedited: the first line is scaffold's header and its hash is the hash of the rest, line endings aside.
    private static bool IsEdited(string text)
    {
        var normalized = text.Replace("\r\n", "\n");
        var newline = normalized.IndexOf('\n');
        if (newline < 0 || !normalized.Contains(Marker, StringComparison.Ordinal))
            return true;
        var header = normalized[..newline];
        return !header.Contains($"{Marker} (sha256 {Hash(normalized[(newline + 1)..])})", StringComparison.Ordinal);
    }

    private static string Hash(string body) => StableHash.Sha256Hex(body.Replace("\r\n", "\n"))[..16];
}
