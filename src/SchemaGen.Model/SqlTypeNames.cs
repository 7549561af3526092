using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SchemaGen.Model
{
    /// <summary>
    /// The canonical spelling of a type name, as format_type prints it: <c>VARCHAR(30)</c> is
    /// <c>character varying(30)</c>, <c>timestamptz</c> is <c>timestamp with time zone</c>, <c>float(24)</c> is
    /// <c>real</c>, <c>int[3]</c> is <c>integer[]</c>. Applied to types a user writes in [Column(TypeName = …)] so
    /// that the model always holds PostgreSQL's own spelling. A built-in's modifiers are checked as PostgreSQL
    /// checks them (or would silently change them); names it does not know (extension types, domains, enums)
    /// are kept as written. Every rule is tested against format_type on a real server.
    /// </summary>
    static partial class SqlTypeNames
    {
        /// <summary>The canonical spelling, or the input trimmed when it is not a type name (see <see cref="TryCanonical"/>).</summary>
        public static string Canonical(string typeName) => TryCanonical(typeName, out var canonical, out _) ? canonical : typeName.Trim();

        /// <summary>
        /// The canonical spelling of <paramref name="typeName"/>; false, with the reason, when it is not a type name
        /// or PostgreSQL would refuse or change its modifiers (<c>varchar(0)</c>, <c>float(54)</c>, <c>timestamp(7)</c>).
        /// </summary>
        public static bool TryCanonical(string typeName, out string canonical, out string? error)
        {
            canonical = typeName.Trim();
            if (SqlSyntax.UnstorableText(typeName) is string unstorable)
            {
                error = "it " + unstorable;
                return false;
            }

            var parsed = SqlTypeNameReader.Read(typeName);
            error = parsed.Error ?? Canonicalize(parsed, typeName.Trim(), out canonical);
            return error == null;
        }

        private static string? Canonicalize(ParsedTypeName type, string written, out string canonical)
        {
            var arrays = type.IsArray ? "[]" : ""; // format_type prints every array as one []: int[3][4] is integer[]
            var words = type.Words;
            // pg_catalog.int4 is the built-in int4.
            if (type.IsQualified && words.Count == 2 && words[0] == "pg_catalog" && !words[1].StartsWith("\"", StringComparison.Ordinal))
                words = new List<string> { words[1] };
            var name = words.Count == 1 ? words[0] : null;
            var mods = type.Modifiers;
            canonical = written;

            if (name == null || name.StartsWith("\"", StringComparison.Ordinal))
            {
                canonical = Rebuild(type) + arrays; // not a built-in: as written, with arrays as format_type prints them
                return null;
            }

            var builtin = SqlBuiltinTypes.Find(name);
            switch (builtin?.Modifiers)
            {
                case null:
                    canonical = Rebuild(type) + arrays; // not a built-in (an extension's type, a domain, an enum)
                    return null;

                case SqlTypeModifiers.None:
                    canonical = builtin.Name + arrays;
                    return mods.Count == 0 ? null : "type " + builtin.Name + " takes no modifiers";

                case SqlTypeModifiers.Length:
                    if (mods.Count == 0)
                    {
                        canonical = builtin.Bare + arrays;
                        return null;
                    }

                    if (mods.Count != 1 || !Int(mods[0], 1, builtin.MaxLength, out var length))
                        return builtin.Name + " takes one length from 1 to " + builtin.MaxLength.ToString(CultureInfo.InvariantCulture);
                    canonical = builtin.Name + "(" + length + ")" + arrays;
                    return null;

                case SqlTypeModifiers.FloatPrecision:
                    // float(p) is real for 1-24 bits of precision and double precision for 25-53 (SQL standard).
                    if (mods.Count == 0)
                    {
                        canonical = builtin.Name + arrays;
                        return null;
                    }

                    if (mods.Count != 1 || !Int(mods[0], 1, 53, out var bits))
                        return "float(p) takes one precision from 1 to 53 bits";
                    canonical = (bits <= 24 ? "real" : "double precision") + arrays;
                    return null;

                case SqlTypeModifiers.PrecisionScale:
                    if (mods.Count == 0)
                    {
                        canonical = builtin.Name + arrays;
                        return null;
                    }

                    if (mods.Count > 2 || !Int(mods[0], 1, 1000, out var precision))
                        return "numeric(p, s) takes a precision from 1 to 1000";
                    var scale = 0;
                    if (mods.Count == 2 && !Int(mods[1], -1000, 1000, out scale))
                        return "numeric(p, s) takes a scale from -1000 to 1000";
                    canonical = builtin.Name + "(" + precision + "," + scale + ")" + arrays;
                    return null;

                case SqlTypeModifiers.TimePrecision:
                    return Time(name, type, arrays, out canonical);

                default:
                    if (type.Suffix != null && type.Suffix.EndsWith("?", StringComparison.Ordinal))
                        return "'interval " + type.Suffix.Replace(" ?", "") + " …' is not an interval range PostgreSQL has";
                    if (mods.Count > 1 || (mods.Count == 1 && !Int(mods[0], 0, 6, out _)))
                        return "interval takes one precision from 0 to 6 (PostgreSQL would lower a larger one to 6)";
                    if (mods.Count == 1 && type.Suffix != null && !type.Suffix.EndsWith("second", StringComparison.Ordinal))
                        return "an interval's precision applies to seconds only";
                    canonical = "interval" + (type.Suffix == null ? "" : " " + type.Suffix) + (mods.Count == 1 ? "(" + Normal(mods[0]) + ")" : "") + arrays;
                    return null;
            }
        }

        private static string? Time(string name, ParsedTypeName type, string arrays, out string canonical)
        {
            canonical = "";
            var baseName = name.StartsWith("timestamp", StringComparison.Ordinal) ? "timestamp" : "time";
            var withZone = name.EndsWith("tz", StringComparison.Ordinal);
            if (type.Suffix != null)
            {
                if (withZone)
                    return name + " already says 'with time zone'";
                withZone = type.Suffix == "with time zone";
            }

            var mods = type.Modifiers;
            if (mods.Count > 1 || (mods.Count == 1 && !Int(mods[0], 0, 6, out _)))
                return baseName + " takes one precision from 0 to 6 (PostgreSQL would lower a larger one to 6)";
            var precision = mods.Count == 1 ? "(" + Normal(mods[0]) + ")" : "";
            canonical = baseName + precision + (withZone ? " with time zone" : " without time zone") + arrays;
            return null;
        }

        // A type PostgreSQL does not build in: its dotted parts and modifiers as written, spaced as format_type spaces them.
        private static string Rebuild(ParsedTypeName type) =>
            string.Join(".", type.Words) + (type.Modifiers.Count == 0 ? "" : "(" + string.Join(",", type.Modifiers) + ")");

        private static bool Int(string text, int min, int max, out int value) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

        private static string Normal(string number) => int.Parse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }
}
