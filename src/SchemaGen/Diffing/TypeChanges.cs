using System.Text.RegularExpressions;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// Which column type changes keep every existing value: PostgreSQL can widen these without losing or
    /// refusing data. Everything else is a hazard (and is converted with USING).
    /// </summary>
    internal static class TypeChanges
    {
        private static readonly Regex Varchar = new(@"^character varying\((\d+)\)$");
        private static readonly Regex Numeric = new(@"^numeric\((\d+),(\d+)\)$");

        /// <summary>
        /// Type changes PostgreSQL makes without rewriting the table (a binary-compatible cast, a longer or removed
        /// length, more numeric precision at the same scale); every other type change rewrites the table and its indexes.
        /// </summary>
        public static bool IsBinaryCompatible(string from, string to)
        {
            if (LongerText(from, to) is bool longer)
                return longer;
            if (from == "text" && to == "character varying")
                return true;
            var fromNumeric = Numeric.Match(from);
            var toNumeric = Numeric.Match(to);
            if (fromNumeric.Success && to == "numeric")
                return true;
            return fromNumeric.Success && toNumeric.Success
                && toNumeric.Groups[2].Value == fromNumeric.Groups[2].Value && int.Parse(toNumeric.Groups[1].Value) >= int.Parse(fromNumeric.Groups[1].Value);
        }

        public static bool IsWidening(string from, string to)
        {
            if (LongerText(from, to) is bool longer)
                return longer;

            var fromNumeric = Numeric.Match(from);
            if (fromNumeric.Success && to == "numeric")
                return true;
            var toNumeric = Numeric.Match(to);
            if (fromNumeric.Success && toNumeric.Success)
            {
                var (p1, s1) = (int.Parse(fromNumeric.Groups[1].Value), int.Parse(fromNumeric.Groups[2].Value));
                var (p2, s2) = (int.Parse(toNumeric.Groups[1].Value), int.Parse(toNumeric.Groups[2].Value));
                return s2 >= s1 && p2 - s2 >= p1 - s1;
            }

            return (from, to) switch
            {
                ("smallint", "integer") or ("smallint", "bigint") or ("integer", "bigint") => true,
                ("smallint", "numeric") or ("integer", "numeric") or ("bigint", "numeric") => true,
                ("real", "double precision") => true,
                ("timestamp without time zone", "timestamp with time zone") => false, // reinterprets values in the session time zone
                _ => false,
            };
        }

        // varchar(n) to text, to varchar without length, or to varchar(m): true when every value fits (m >= n); null when not a varchar change.
        private static bool? LongerText(string from, string to)
        {
            if ((from == "character varying" || Varchar.IsMatch(from)) && (to == "text" || to == "character varying"))
                return true;
            var fromLength = Varchar.Match(from);
            var toLength = Varchar.Match(to);
            return fromLength.Success && toLength.Success ? int.Parse(toLength.Groups[1].Value) >= int.Parse(fromLength.Groups[1].Value) : null;
        }
    }
}
