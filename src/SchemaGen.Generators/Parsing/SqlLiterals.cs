using System;
using System.Globalization;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>Compile-time constants (from initializers and attribute arguments) as SQL literals.</summary>
    internal static class SqlLiterals
    {
        /// <summary>The SQL text of a constant, or null when the constant's type has no SQL literal here.</summary>
        public static string? From(object? value)
        {
            switch (value)
            {
                case bool b: return b ? "true" : "false";
                case string s: return SqlSyntax.UnstorableText(s) != null ? null : SqlSyntax.Literal(s);
                case double d: return Floating(d, d.ToString("R", CultureInfo.InvariantCulture));
                case float f: return Floating(f, f.ToString("R", CultureInfo.InvariantCulture));
                case decimal m: return m.ToString(CultureInfo.InvariantCulture);
                case sbyte _:
                case byte _:
                case short _:
                case ushort _:
                case int _:
                case uint _:
                case long _:
                case ulong _:
                    return Convert.ToString(value, CultureInfo.InvariantCulture);
                default:
                    return null;
            }
        }

        private static string Floating(double value, string text)
        {
            if (double.IsNaN(value))
                return "'NaN'";
            if (double.IsPositiveInfinity(value))
                return "'Infinity'";
            if (double.IsNegativeInfinity(value))
                return "'-Infinity'";
            return text;
        }
    }
}
