using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>A validation attribute that may be what a CHECK was made from, and the CHECK the generator renders for it.</summary>
/// <param name="Attribute">The attribute as written (<c>Range(1, 10)</c>), without brackets.</param>
/// <param name="Sql">The condition the generator writes for it (docs/type-mapping.md, "CHECK constraints").</param>
internal sealed record CheckCandidate(string Attribute, string Sql);

/// <summary>
/// CHECK constraints in reverse: for a check named as the generator names a validation attribute's check
/// (<c>ck_&lt;table&gt;_&lt;column&gt;_range</c>, <c>_min_length</c>, …), the BCL attributes that would render it. They are only
/// candidates: the scaffolder keeps one when PostgreSQL stores the generator's condition for it exactly as the
/// database's check (<see cref="ExpressionProbe"/>), and writes <c>[Check]</c> otherwise. Regular expressions stay
/// <c>[Check]</c>: the generator rewrites a .NET pattern for PostgreSQL in ways that do not reverse.
/// </summary>
internal static class CheckAttributes
{
    // char.IsWhiteSpace as a PostgreSQL class, as the generator writes [Required] on a string (CheckBuilder).
    private const string NotWhiteSpacePattern = @"[^\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";

    private static readonly string[] Rules = ["range", "min_length", "max_length", "allowed", "denied", "required"];
    private static readonly Regex Numbers = new(@"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?", RegexOptions.CultureInvariant);
    private static readonly Regex Comparison = new(@"(>=|<=|>|<)", RegexOptions.CultureInvariant);
    private static readonly Regex StringLiteral = new(@"'((?:[^']|'')*)'", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    /// <summary>The column and rule a check's name says it was derived for, or null.</summary>
    public static (ColumnModel Column, string Rule)? DerivedFor(TableModel table, CheckModel check)
    {
        foreach (var column in table.Columns)
        {
            foreach (var rule in Rules)
            {
                if (SqlNaming.DeriveName("ck", table.Name, column.Name, rule) == check.Name)
                    return (column, rule);
            }
        }

        return null;
    }

    public static IEnumerable<CheckCandidate> Candidates(ColumnModel column, string rule, string expression, ColumnType type, Func<string, string?> enumMember)
    {
        var name = SqlSyntax.Identifier(column.Name);
        switch (rule)
        {
            case "range":
                return Range(name, expression, type);
            case "min_length" when Measure(type) is string measure && SingleNumber(expression) is long min:
                return [new CheckCandidate($"MinLength({min})", $"{measure}({name}) >= {min}")];
            case "max_length" when type.LengthIsCheck && Measure(type) is string measure && SingleNumber(expression) is long max:
                return [new CheckCandidate($"MaxLength({max})", $"{measure}({name}) <= {max}")];
            case "required" when type.Kind == ValueKind.Text && !column.IsNullable:
                return [new CheckCandidate("Required", name + " ~ " + SqlSyntax.Literal(NotWhiteSpacePattern))];
            case "allowed":
            case "denied":
                return Values(column, name, rule == "allowed", expression, type, enumMember);
            default:
                return [];
        }
    }

    private static string? Measure(ColumnType type) => type.Kind switch
    {
        ValueKind.Text => "char_length",
        ValueKind.Array => "cardinality",
        ValueKind.Bytes => "octet_length",
        _ => null,
    };

    private static long? SingleNumber(string expression)
    {
        var numbers = Numbers.Matches(expression);
        return numbers.Count == 1 && long.TryParse(numbers[0].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    // [Range] has both bounds: "(c >= 1) AND (c <= 10)", with > / < when exclusive.
    private static IEnumerable<CheckCandidate> Range(string name, string expression, ColumnType type)
    {
        var numbers = Numbers.Matches(expression);
        var operators = Comparison.Matches(expression);
        if (numbers.Count != 2 || operators.Count != 2 || !operators[0].Value.StartsWith('>') || !operators[1].Value.StartsWith('<'))
            yield break;
        var (low, high) = (numbers[0].Value, numbers[1].Value);
        var exclusive = (operators[0].Value == ">" ? ", MinimumIsExclusive = true" : "") + (operators[1].Value == "<" ? ", MaximumIsExclusive = true" : "");
        var sql = $"{name} {operators[0].Value} {{0}} AND {name} {operators[1].Value} {{1}}";
        switch (type.Kind)
        {
            case ValueKind.Integer when int.TryParse(low, out var lo) && int.TryParse(high, out var hi):
                yield return new CheckCandidate($"Range({lo}, {hi}{exclusive})", string.Format(CultureInfo.InvariantCulture, sql, lo, hi));
                break;
            case ValueKind.Integer when long.TryParse(low, out var lo) && long.TryParse(high, out var hi):
                yield return new CheckCandidate($"Range(typeof(long), \"{lo}\", \"{hi}\"{exclusive})", string.Format(CultureInfo.InvariantCulture, sql, lo, hi));
                break;
            case ValueKind.Floating when double.TryParse(low, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
                                          && double.TryParse(high, NumberStyles.Float, CultureInfo.InvariantCulture, out var hi):
                yield return new CheckCandidate($"Range({Double(lo)}, {Double(hi)}{exclusive})", string.Format(CultureInfo.InvariantCulture, sql,
                    lo.ToString("R", CultureInfo.InvariantCulture), hi.ToString("R", CultureInfo.InvariantCulture)));
                break;
            case ValueKind.Decimal when decimal.TryParse(low, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
                                         && decimal.TryParse(high, NumberStyles.Float, CultureInfo.InvariantCulture, out var hi):
                var (l, h) = (lo.ToString(CultureInfo.InvariantCulture), hi.ToString(CultureInfo.InvariantCulture));
                yield return new CheckCandidate($"Range(typeof(decimal), \"{l}\", \"{h}\"{exclusive})", string.Format(CultureInfo.InvariantCulture, sql, l, h));
                break;
        }
    }

    private static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    // [AllowedValues(a, b)] is "c IN (a, b)", with "c IS NOT NULL" on a nullable column when null is not allowed;
    // [DeniedValues(a, b)] is "c NOT IN (a, b)", with "c IS NOT NULL" when null is denied.
    private static IEnumerable<CheckCandidate> Values(ColumnModel column, string name, bool allowed, string expression, ColumnType type, Func<string, string?> enumMember)
    {
        var values = new List<(string CSharp, string Sql)>();
        switch (type.Kind)
        {
            case ValueKind.Text:
                values.AddRange(StringLiteral.Matches(expression).Select(m => m.Groups[1].Value.Replace("''", "'")).Select(v => (CSharpSyntax.String(v), SqlSyntax.Literal(v))));
                break;
            case ValueKind.Enum:
                foreach (var label in StringLiteral.Matches(expression).Select(m => m.Groups[1].Value.Replace("''", "'")))
                {
                    if (enumMember(label) is not string member)
                        yield break;
                    values.Add((member, SqlSyntax.Literal(label)));
                }

                break;
            case ValueKind.Integer when type.ClrType is "int":
                values.AddRange(Numbers.Matches(expression).Select(m => (m.Value, m.Value)));
                break;
            default:
                yield break;
        }

        var rejectsNull = expression.Contains(name + " IS NOT NULL", StringComparison.Ordinal);
        // Allowed: null is in the list unless the check refuses it; denied: null is in the list when the check refuses it.
        var listsNull = allowed ? !rejectsNull && column.IsNullable : rejectsNull;
        var conditions = new List<string>();
        if (rejectsNull)
            conditions.Add(name + " IS NOT NULL");
        if (values.Count > 0)
            conditions.Add(name + (allowed ? " IN (" : " NOT IN (") + string.Join(", ", values.Select(v => v.Sql)) + ")");
        if (conditions.Count == 0)
            yield break;
        var arguments = values.Select(v => v.CSharp).Concat(listsNull ? ["null"] : []);
        yield return new CheckCandidate((allowed ? "AllowedValues(" : "DeniedValues(") + string.Join(", ", arguments) + ")", string.Join(" AND ", conditions));
    }
}
