using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// Reads the simple, common forms of a domain's CHECK as bounds, to compare with a property's validation attributes
    /// (SG0023). The expression, with any parentheses around it or its parts, is split at top-level AND; each part
    /// that is one of these forms bounds the value (n a numeric literal, optionally signed):
    /// <c>VALUE op n</c> and <c>n op VALUE</c> (op one of <c>&gt;= &gt; &lt;= &lt;</c>), <c>VALUE BETWEEN n AND m</c>,
    /// and <c>char_length(VALUE)</c>, <c>character_length(VALUE)</c> or <c>length(VALUE)</c> <c>&lt;= n</c> / <c>&lt; n</c>
    /// (or <c>&gt;= n</c> / <c>&gt; n</c>). Any other part (OR, another function, a regex) is left out: the parts that are
    /// understood still hold, since every part of an AND must. An expression with an OR at the top level, or that does
    /// not lex, gives no bounds at all, so no diagnostic.
    /// </summary>
    internal static class DomainCheckForms
    {
        /// <summary>The attribute, and the value it accepts that the check refuses; null when none is known.</summary>
        public static (string Attribute, string Accepted)? Contradiction(ColumnFacts facts, string check)
        {
            var bounds = Read(check);
            if (bounds == null)
                return null;
            if (facts.RangeMin is double min && facts.RangeMax is double max)
            {
                var integral = facts.Kind is ClrKind.Scalar { Type: ScalarType.Short or ScalarType.Int or ScalarType.Long };
                if (bounds.Value.Low is { } low && Below(min, facts.MinExclusive, low, integral) is double tooLow)
                    return ("Range", Text(tooLow));
                if (bounds.Value.High is { } high && Below(-max, facts.MaxExclusive, (-high.Value, high.Exclusive), integral) is double tooHigh)
                    return ("Range", Text(-tooHigh));
            }

            if (facts.MaxLength is int maxLength && bounds.Value.MaxLength is int allowed && maxLength > allowed)
                return (LengthAttribute(facts), "strings of length " + maxLength.ToString(CultureInfo.InvariantCulture));
            if (facts.MinLength is int minLength && bounds.Value.MinLength is int required && minLength < required)
                return (LengthAttribute(facts), "strings of length " + minLength.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        // The smallest value an attribute accepting v >= min (or > min) lets through that a check needing v >= low (or > low)
        // refuses; null when there is none. For integers an exclusive bound is the next integer.
        private static double? Below(double min, bool exclusive, (double Value, bool Exclusive) low, bool integral)
        {
            var first = exclusive && integral ? min + 1 : min;
            if (exclusive && !integral)
                return first < low.Value ? (low.Value + first) / 2 : (double?)null;
            return first < low.Value || (first == low.Value && low.Exclusive) ? first : (double?)null;
        }

        private static string LengthAttribute(ColumnFacts facts) => "MaxLength/StringLength/Length";

        /// <summary>Whether the check refuses the column's default (SG0024): only when the default is known and the check's bounds are.</summary>
        public static bool RefusesDefault(ColumnFacts facts, string check)
        {
            if (Read(check) is not { } bounds)
                return false;
            if (facts.DefaultNumber is double value)
            {
                if (bounds.Low is { } low && (value < low.Value || (low.Exclusive && value == low.Value)))
                    return true;
                if (bounds.High is { } high && (value > high.Value || (high.Exclusive && value == high.Value)))
                    return true;
            }

            return facts.DefaultLength is int length && (length > (bounds.MaxLength ?? int.MaxValue) || length < (bounds.MinLength ?? 0));
        }

        private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        internal readonly struct Bounds
        {
            public (double Value, bool Exclusive)? Low { get; init; }
            public (double Value, bool Exclusive)? High { get; init; }
            public int? MaxLength { get; init; }
            public int? MinLength { get; init; }
        }

        /// <summary>The bounds the understood parts of the check put on VALUE, or null when it has none.</summary>
        public static Bounds? Read(string check)
        {
            var tokens = SqlLexer.Tokens(check);
            if (SqlLexer.FirstError(tokens) != null)
                return null;
            var parts = SplitAnd(Unwrap(tokens));
            if (parts == null)
                return null;
            var bounds = new Bounds();
            var any = false;
            foreach (var part in parts)
            {
                var p = Unwrap(part);
                if (Between(p) is { } between)
                {
                    bounds = Tighter(Tighter(bounds, ">=", between.Low), "<=", between.High);
                    any = true;
                }
                else if (Comparison(p) is { } comparison)
                {
                    bounds = comparison.Length ? Length(bounds, comparison.Op, comparison.Value) : Tighter(bounds, comparison.Op, comparison.Value);
                    any = true;
                }
            }

            return any ? bounds : (Bounds?)null;
        }

        private static Bounds Tighter(Bounds b, string op, double value) => op switch
        {
            ">=" or ">" when b.Low == null || value > b.Low.Value.Value => b with { Low = (value, op == ">") },
            "<=" or "<" when b.High == null || value < b.High.Value.Value => b with { High = (value, op == "<") },
            _ => b,
        };

        private static Bounds Length(Bounds b, string op, double value)
        {
            var n = (int)Math.Floor(value);
            return op switch
            {
                "<=" => b with { MaxLength = Math.Min(b.MaxLength ?? int.MaxValue, n) },
                "<" => b with { MaxLength = Math.Min(b.MaxLength ?? int.MaxValue, n - 1) },
                ">=" => b with { MinLength = Math.Max(b.MinLength ?? 0, (int)Math.Ceiling(value)) },
                ">" => b with { MinLength = Math.Max(b.MinLength ?? 0, n + 1) },
                _ => b,
            };
        }

        // VALUE BETWEEN n AND m (not SYMMETRIC, not NOT BETWEEN).
        private static (double Low, double High)? Between(List<SqlToken> p)
        {
            if (p.Count < 4 || !IsValue(p, 0) || !p[1].Is("between"))
                return null;
            var and = p.FindIndex(2, t => t.Is("and"));
            return and > 2 && Number(p.GetRange(2, and - 2)) is double low && Number(p.GetRange(and + 1, p.Count - and - 1)) is double high
                ? (low, high) : ((double, double)?)null;
        }

        // VALUE op n, n op VALUE, length(VALUE) op n, n op length(VALUE); op flipped so that VALUE is on the left.
        private static (string Op, double Value, bool Length)? Comparison(List<SqlToken> p)
        {
            var at = p.FindIndex(t => t.Kind == SqlTokenKind.Operator && (t.Text is ">=" or ">" or "<=" or "<"));
            if (at <= 0 || at == p.Count - 1)
                return null;
            var left = Unwrap(p.GetRange(0, at));
            var right = Unwrap(p.GetRange(at + 1, p.Count - at - 1));
            var op = p[at].Text;
            if (Subject(left) is bool leftLength && Number(right) is double r)
                return (op, r, leftLength);
            if (Subject(right) is bool rightLength && Number(left) is double l)
                return (Flip(op), l, rightLength);
            return null;
        }

        private static string Flip(string op) => op switch { ">=" => "<=", ">" => "<", "<=" => ">=", _ => ">" };

        // false for VALUE, true for char_length(VALUE) / character_length(VALUE) / length(VALUE); null otherwise.
        private static bool? Subject(List<SqlToken> p)
        {
            if (p.Count == 1 && IsValue(p, 0))
                return false;
            return p.Count == 4 && (p[0].Is("char_length") || p[0].Is("character_length") || p[0].Is("length")) && p[1].IsSymbol("(") && IsValue(p, 2) && p[3].IsSymbol(")")
                ? true : (bool?)null;
        }

        private static bool IsValue(List<SqlToken> p, int i) => p[i].Is("value");

        private static double? Number(List<SqlToken> p)
        {
            p = Unwrap(p);
            var sign = 1;
            if (p.Count == 2 && p[0].Kind == SqlTokenKind.Operator && (p[0].Text == "-" || p[0].Text == "+"))
            {
                sign = p[0].Text == "-" ? -1 : 1;
                p = p.GetRange(1, 1);
            }

            return p.Count == 1 && p[0].Kind == SqlTokenKind.Number && double.TryParse(p[0].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? sign * value : (double?)null;
        }

        // The parts of a top-level AND (a BETWEEN's AND stays in its part); null when there is a top-level OR.
        private static List<List<SqlToken>>? SplitAnd(List<SqlToken> tokens)
        {
            var parts = new List<List<SqlToken>> { new List<SqlToken>() };
            var depth = 0;
            var between = false;
            foreach (var token in tokens)
            {
                depth += token.IsSymbol("(") ? 1 : token.IsSymbol(")") ? -1 : 0;
                if (depth == 0 && token.Is("or"))
                    return null;
                if (depth == 0 && token.Is("between"))
                    between = true;
                if (depth == 0 && token.Is("and") && !between)
                {
                    parts.Add(new List<SqlToken>());
                    continue;
                }

                if (depth == 0 && token.Is("and"))
                    between = false;
                parts[parts.Count - 1].Add(token);
            }

            return parts;
        }

        // Removes parentheses around the whole list: ((VALUE >= 1)) is VALUE >= 1, (a) AND (b) stays.
        private static List<SqlToken> Unwrap(List<SqlToken> tokens)
        {
            while (tokens.Count >= 2 && tokens[0].IsSymbol("(") && tokens[tokens.Count - 1].IsSymbol(")") && Closes(tokens))
                tokens = tokens.GetRange(1, tokens.Count - 2);
            return tokens;
        }

        // True when the first '(' closes at the last token.
        private static bool Closes(List<SqlToken> tokens)
        {
            var depth = 0;
            for (var i = 0; i < tokens.Count; i++)
            {
                depth += tokens[i].IsSymbol("(") ? 1 : tokens[i].IsSymbol(")") ? -1 : 0;
                if (depth == 0)
                    return i == tokens.Count - 1;
            }

            return false;
        }
    }
}
