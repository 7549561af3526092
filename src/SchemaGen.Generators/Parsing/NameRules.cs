using System.Globalization;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Whether a user-given name can be a PostgreSQL identifier as written: SG0014 when it is empty, only white space, or
    /// holds a NUL or a lone surrogate; SG0003 when it is over 63 bytes, which PostgreSQL would cut silently.
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
            return Length(what, name, location);
        }

        /// <summary>SG0003 when the name is over 63 bytes, else null.</summary>
        public static DiagnosticInfo? Length(string what, string name, Location? location)
        {
            var bytes = SqlNaming.ByteLength(name);
            return bytes <= SqlNaming.MaxIdentifierBytes ? null
                : DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierTooLong, DiagnosticTarget.From(location), what, name, bytes.ToString(CultureInfo.InvariantCulture));
        }
    }
}
