using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// An initializer's default measured as the column's CHECKs and type measure it, to find a default the column refuses
    /// (SG0024). Each answer is "refused" only when the value is known: anything not a constant or an empty collection is
    /// taken, never guessed at.
    /// </summary>
    internal static class DefaultValues
    {
        /// <summary>The value's length as the CHECK measures it (<c>char_length</c>: code points; an empty collection 0), or null.</summary>
        public static int? Length(ParsedDefault value) =>
            value.Text is string text ? CodePoints(text)
            : value.IsEmptyCollection ? 0
            : (int?)null;

        /// <summary>The value as Validator compares it with [Range] bounds (converted to double), or null when it is not a number.</summary>
        public static double? Number(ParsedDefault value) => value.Constant switch
        {
            sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal =>
                Convert.ToDouble(value.Constant, CultureInfo.InvariantCulture),
            _ => null,
        };

        /// <summary>
        /// The CHECK of [RegularExpression] refuses a non-empty text its pattern does not match as a whole. Refused only when
        /// both Validator's test (the first match spans the text) and an anchored match fail, so that no reading of the
        /// pattern that PostgreSQL might share takes the text; a pattern .NET cannot run in time refuses nothing.
        /// </summary>
        public static bool MissesPattern(string text, string pattern)
        {
            if (text.Length == 0)
                return false;
            try
            {
                var timeout = TimeSpan.FromSeconds(1);
                var first = new Regex(pattern, RegexOptions.None, timeout).Match(text);
                if (first.Success && first.Index == 0 && first.Length == text.Length)
                    return false;
                return !new Regex(@"\A(?:" + pattern + @")\z", RegexOptions.None, timeout).IsMatch(text);
            }
            catch (Exception e) when (e is ArgumentException || e is RegexMatchTimeoutException)
            {
                return false;
            }
        }

        /// <summary>[AllowedValues]/[DeniedValues] equality: numbers by value (the initializer <c>5</c> of a long is an int constant), else Equals.</summary>
        public static bool SameValue(object listed, object value)
        {
            var a = AsDecimal(listed);
            var b = AsDecimal(value);
            return a != null && b != null ? a == b : listed.Equals(value);
        }

        /// <summary>
        /// The type that refuses a text default: <c>character varying(n)</c> or <c>character(n)</c> when the text is longer
        /// than n characters and what lies beyond them is not only spaces (PostgreSQL cuts trailing spaces off instead). Null
        /// when the type takes the value.
        /// </summary>
        public static string? RefusingType(string sqlType, ParsedDefault value)
        {
            if (!(value.Text is string text))
                return null;
            var match = Regex.Match(sqlType, @"^(character varying|character)\((\d+)\)$");
            if (!match.Success || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
                return null;
            var elements = CodePointStrings(text);
            return elements.Length > limit && elements.Skip(limit).Any(c => c != " ") ? "type " + sqlType : null;
        }

        private static decimal? AsDecimal(object value)
        {
            switch (value)
            {
                case sbyte or byte or short or ushort or int or uint or long or ulong or decimal:
                    return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e28:
                    return (decimal)d;
                case float f when !float.IsNaN(f) && !float.IsInfinity(f) && Math.Abs(f) < 7.9e28f:
                    return (decimal)f;
                default:
                    return null;
            }
        }

        private static int CodePoints(string text) => CodePointStrings(text).Length;

        // The text's code points, each as a string (a surrogate pair is one): what PostgreSQL counts as characters.
        private static string[] CodePointStrings(string text)
        {
            var points = new System.Collections.Generic.List<string>(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                points.Add(pair ? text.Substring(i++, 2) : text[i].ToString());
            }

            return points.ToArray();
        }
    }
}
