using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>A way to write a column's default in C#, and the DEFAULT the generator renders for it.</summary>
/// <param name="Initializer">The property initializer (<c>1</c>, <c>JobStatus.Queued</c>, <c>DateTime.UtcNow</c>).</param>
/// <param name="Sql">The SQL the generator writes for it (docs/type-mapping.md, "Defaults").</param>
internal sealed record DefaultCandidate(string Initializer, string Sql);

/// <summary>
/// Defaults in reverse: the initializers a person would write for a DEFAULT (<c>= 1</c>, <c>= JobStatus.Queued</c>,
/// <c>= DateTime.UtcNow</c>, <c>= []</c>). These are only candidates: the scaffolder keeps one when PostgreSQL stores
/// the generator's SQL for it exactly as the database's default (<see cref="ExpressionProbe"/>), and writes
/// <c>[DefaultSql]</c> otherwise.
/// </summary>
internal static class DefaultInitializers
{
    private static readonly Regex Number = new(@"^\(?'?(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)'?(?:::[a-z ]+)?\)?$", RegexOptions.CultureInvariant);
    private static readonly Regex Quoted = new(@"^'((?:[^']|'')*)'::.+$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    /// <param name="defaultSql">The DEFAULT as the catalog prints it.</param>
    /// <param name="type">The column's C# type.</param>
    /// <param name="enumMember">The C# member (<c>Level.High</c>) of a label of the column's enum, or null.</param>
    public static IEnumerable<DefaultCandidate> Candidates(string defaultSql, ColumnType type, Func<string, string?> enumMember)
    {
        if (type.TypeName != null)
            yield break; // an initializer on a [Column(TypeName)] of another type is SG0008; [DefaultSql] says it
        var text = defaultSql.Trim();
        switch (type.Kind)
        {
            case ValueKind.Integer when Number.Match(text) is { Success: true } m && long.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                yield return new DefaultCandidate(CSharpSyntax.Number(integer), CSharpSyntax.Number(integer));
                break;
            case ValueKind.Floating when Number.Match(text) is { Success: true } m && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var floating):
                var isFloat = type.ClrType == "float";
                var literal = isFloat ? ((float)floating).ToString("R", CultureInfo.InvariantCulture) : floating.ToString("R", CultureInfo.InvariantCulture);
                var source = literal.Contains('.') || literal.Contains('E') ? literal : literal + ".0";
                yield return new DefaultCandidate(source + (isFloat ? "f" : ""), literal);
                break;
            case ValueKind.Decimal when Number.Match(text) is { Success: true } m && decimal.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                yield return new DefaultCandidate(number.ToString(CultureInfo.InvariantCulture) + "m", number.ToString(CultureInfo.InvariantCulture));
                break;
            case ValueKind.Boolean when text is "true" or "false":
                yield return new DefaultCandidate(text, text);
                break;
            // "" only quiets the compiler, it is no default (the generator's rule): that one stays [DefaultSql("''")].
            case ValueKind.Text when Quoted.Match(text) is { Success: true } m && m.Groups[1].Value.Length > 0 && !m.Groups[1].Value.Contains('\0'):
                var value = m.Groups[1].Value.Replace("''", "'");
                yield return new DefaultCandidate(CSharpSyntax.String(value), SqlSyntax.Literal(value));
                break;
            case ValueKind.Enum when Quoted.Match(text) is { Success: true } m && enumMember(m.Groups[1].Value.Replace("''", "'")) is string member:
                yield return new DefaultCandidate(member, SqlSyntax.Literal(m.Groups[1].Value.Replace("''", "'")));
                break;
            case ValueKind.Temporal when type.ClrType == "DateTime" && text == "now()":
                yield return new DefaultCandidate("DateTime.UtcNow", "now()");
                break;
            case ValueKind.Uuid when text == "gen_random_uuid()":
                yield return new DefaultCandidate("Guid.NewGuid()", "gen_random_uuid()");
                break;
            case ValueKind.Array when text.StartsWith("'{}'", StringComparison.Ordinal):
                yield return new DefaultCandidate("[]", "'{}'");
                break;
            case ValueKind.Bytes when text.StartsWith(@"'\x'", StringComparison.Ordinal):
                yield return new DefaultCandidate("[]", @"E'\\x'");
                break;
            case ValueKind.Json when type.ClrType == "JsonDocument" && Quoted.Match(text) is { Success: true } m:
                var json = m.Groups[1].Value.Replace("''", "'");
                yield return new DefaultCandidate("JsonDocument.Parse(" + CSharpSyntax.String(json) + ")", SqlSyntax.Literal(json));
                break;
        }
    }
}
