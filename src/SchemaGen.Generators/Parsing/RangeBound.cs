using System.Globalization;
using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// One bound of a [Range] as SQL: its literal, and whether it is infinite. PostgreSQL's integer and numeric
    /// types cannot compare with 'Infinity' (22P02), so an infinite bound becomes what Validator makes of it:
    /// no condition when it lets every number through, only NULL when it lets none.
    /// </summary>
    internal readonly struct RangeBound
    {
        private readonly string _literal;
        private readonly int _infinity; // -1, 0 or +1

        private RangeBound(string literal, int infinity, double value)
        {
            _literal = literal;
            _infinity = infinity;
            Value = value;
        }

        /// <summary>The bound as a double, to compare the two bounds (Validator throws when the maximum is below the minimum).</summary>
        public double Value { get; }

        public static RangeBound Of(int value) => new RangeBound(value.ToString(CultureInfo.InvariantCulture), 0, value);

        /// <summary>A double bound; not NaN (the caller reports it, as Validator and PostgreSQL order NaN differently).</summary>
        public static RangeBound Of(double value) =>
            new RangeBound(SqlLiterals.From(value)!, double.IsPositiveInfinity(value) ? 1 : double.IsNegativeInfinity(value) ? -1 : 0, value);

        /// <summary>A bound given as text for Range(typeof(T), min, max), parsed as T the way Validator parses it; null when it is not a T.</summary>
        public static RangeBound? Parse(string? text, SpecialType type)
        {
            const NumberStyles Integer = NumberStyles.Integer;
            switch (type)
            {
                case SpecialType.System_Int16:
                    return short.TryParse(text, Integer, CultureInfo.InvariantCulture, out var s) ? Of(s) : (RangeBound?)null;
                case SpecialType.System_Int32:
                    return int.TryParse(text, Integer, CultureInfo.InvariantCulture, out var i) ? Of(i) : (RangeBound?)null;
                case SpecialType.System_Int64:
                    return long.TryParse(text, Integer, CultureInfo.InvariantCulture, out var l) ? new RangeBound(l.ToString(CultureInfo.InvariantCulture), 0, l) : (RangeBound?)null;
                case SpecialType.System_Single:
                    return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && !float.IsNaN(f) ? Of(f) : (RangeBound?)null;
                case SpecialType.System_Double:
                    return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsNaN(d) ? Of(d) : (RangeBound?)null;
                case SpecialType.System_Decimal:
                    return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? new RangeBound(m.ToString(CultureInfo.InvariantCulture), 0, (double)m) : (RangeBound?)null;
                default:
                    return null;
            }
        }

        /// <summary>The condition on <paramref name="column"/>, or null when the bound lets every value through.</summary>
        public string? Condition(string column, ValueKind kind, bool lower, bool exclusive)
        {
            if (_infinity != 0 && kind != ValueKind.Floating)
            {
                var opensEverything = lower ? _infinity < 0 : _infinity > 0;
                return opensEverything ? null : column + " IS NULL"; // a CHECK lets NULL through, as Validator does
            }

            var op = lower ? (exclusive ? " > " : " >= ") : (exclusive ? " < " : " <= ");
            return column + op + _literal;
        }
    }
}
