using System.Globalization;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Whether a user-given name can be a PostgreSQL identifier as written: SG0014 when it is empty, only white space, holds
    /// a NUL or a lone surrogate, or is one PostgreSQL reserves; SG0003 when it is over 63 bytes, which PostgreSQL would cut
    /// silently.
    /// </summary>
    internal static class NameRules
    {
        /// <summary>The diagnostic the name gets (<paramref name="what"/>: "column", "index"), or null when it is usable.</summary>
        public static DiagnosticInfo? Check(string what, string name, Location? location)
        {
            var problem = name.Trim().Length == 0 ? (name.Length == 0 ? "is empty" : "is only white space") + "; PostgreSQL names cannot be empty"
                : SqlSyntax.UnstorableText(name);
            if (problem != null)
                return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName, DiagnosticTarget.From(location), what, SqlSyntax.Printable(name), problem);
            return Derived(what, name, location);
        }

        /// <summary>
        /// For a name SchemaGen derived from a C# name (nothing empty or unstorable there): SG0014 when PostgreSQL reserves it,
        /// SG0003 when it is over 63 bytes, else null.
        /// </summary>
        public static DiagnosticInfo? Derived(string what, string name, Location? location) =>
            Reserved(what, name) is string reserved
                ? DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName, DiagnosticTarget.From(location), what, SqlSyntax.Printable(name), reserved)
                : Length(what, name, location);

        /// <summary>
        /// Why PostgreSQL refuses <paramref name="name"/> as a <paramref name="what"/> although it is a valid identifier: a
        /// schema name beginning with <c>pg_</c> (reserved for the system's schemas), or a column named like a system column
        /// every table has. Null when it takes it.
        /// </summary>
        public static string? Reserved(string what, string name) =>
            what.EndsWith("schema", System.StringComparison.Ordinal) && name.StartsWith("pg_", System.StringComparison.Ordinal)
                ? "begins with pg_, which PostgreSQL reserves for its own schemas"
            : what == "column" && System.Array.IndexOf(SystemColumns, name) >= 0
                ? "is the name of a system column every table has (" + string.Join(", ", SystemColumns) + ")"
            : null;

        private static readonly string[] SystemColumns = { "tableoid", "xmin", "cmin", "xmax", "cmax", "ctid" };

        /// <summary>SG0003 when the name is over 63 bytes, else null.</summary>
        public static DiagnosticInfo? Length(string what, string name, Location? location)
        {
            var bytes = SqlNaming.ByteLength(name);
            return bytes <= SqlNaming.MaxIdentifierBytes ? null
                : DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierTooLong, DiagnosticTarget.From(location), what, name, bytes.ToString(CultureInfo.InvariantCulture));
        }
    }
}
