using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SchemaGen.Model
{
    /// <summary>
    /// The canonical spelling of a built-in type name, as format_type prints it: <c>VARCHAR(30)</c> is
    /// <c>character varying(30)</c>, <c>timestamptz</c> is <c>timestamp with time zone</c>. Applied to types a
    /// user writes in [Column(TypeName = …)] so that the model always holds PostgreSQL's own spelling. Names
    /// it does not know (extension types, domains) are kept as written.
    /// </summary>
    static partial class SqlTypeNames
    {
        private static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["int"] = "integer", ["int4"] = "integer", ["integer"] = "integer",
            ["int2"] = "smallint", ["smallint"] = "smallint",
            ["int8"] = "bigint", ["bigint"] = "bigint",
            ["bool"] = "boolean", ["boolean"] = "boolean",
            ["float4"] = "real", ["real"] = "real",
            ["float8"] = "double precision", ["double precision"] = "double precision", ["float"] = "double precision",
            ["decimal"] = "numeric", ["numeric"] = "numeric",
            ["varchar"] = "character varying", ["character varying"] = "character varying",
            ["char"] = "character", ["character"] = "character", ["bpchar"] = "character",
            ["timestamptz"] = "timestamp with time zone", ["timestamp with time zone"] = "timestamp with time zone",
            ["timestamp"] = "timestamp without time zone", ["timestamp without time zone"] = "timestamp without time zone",
            ["timetz"] = "time with time zone", ["time with time zone"] = "time with time zone",
            ["time"] = "time without time zone", ["time without time zone"] = "time without time zone",
            ["text"] = "text", ["uuid"] = "uuid", ["bytea"] = "bytea", ["inet"] = "inet", ["cidr"] = "cidr",
            ["macaddr"] = "macaddr", ["json"] = "json", ["jsonb"] = "jsonb", ["date"] = "date", ["interval"] = "interval",
            ["money"] = "money", ["xml"] = "xml", ["tsvector"] = "tsvector", ["tsquery"] = "tsquery",
        };

        // name, optional (modifiers), optional [] suffixes.
        private static readonly Regex Shape = new Regex(@"^\s*([a-z][a-z0-9_ ]*?)\s*(\(\s*\d+\s*(,\s*\d+\s*)?\))?\s*((\[\s*\])*)\s*$", RegexOptions.CultureInvariant);

        /// <summary>The canonical spelling, or the input trimmed when the type is not a known built-in.</summary>
        public static string Canonical(string typeName)
        {
            var match = Shape.Match(typeName.ToLowerInvariant());
            if (!match.Success)
                return typeName.Trim();

            var baseName = Regex.Replace(match.Groups[1].Value, @"\s+", " ");
            if (!Aliases.TryGetValue(baseName, out var canonical))
                return typeName.Trim();

            var modifiers = Regex.Replace(match.Groups[2].Value, @"\s+", "");
            var arrays = Regex.Replace(match.Groups[4].Value, @"\s+", "");
            if (canonical == "character" && modifiers.Length == 0)
                modifiers = "(1)"; // char without a length is char(1)
            if (modifiers.Length > 0 && (canonical.StartsWith("timestamp", StringComparison.Ordinal) || canonical.StartsWith("time ", StringComparison.Ordinal)))
                return canonical.Insert(canonical.IndexOf(' '), modifiers) + arrays; // timestamp(3) with time zone
            return canonical + modifiers + arrays;
        }
    }
}
