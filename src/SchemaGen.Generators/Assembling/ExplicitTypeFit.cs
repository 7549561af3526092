using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// A <c>[Column(TypeName)]</c> that names a built-in type or an enum of the model must be one the property's C# type
    /// holds, by the rules <c>[SqlFunction]</c> results and domain columns follow (<see cref="SqlTypeFit"/>): an <c>int</c>
    /// stored as <c>text</c>, or a <c>string</c> as <c>uuid</c>, builds a table Npgsql cannot read back (or write) as the
    /// property, so it is SG0005 at the property. Domain columns are checked against the domain's base type
    /// (<see cref="DomainColumns"/>); JSON columns hold any type through dynamic JSON, an enum may be stored as text by its
    /// label, and a type SchemaGen does not know (an extension's, a class Npgsql maps itself) is left to Npgsql.
    /// </summary>
    internal static class ExplicitTypeFit
    {
        public static void Report(IEnumerable<TableSpec> tables, IReadOnlyList<EnumMapping> enums, List<DiagnosticInfo> diagnostics)
        {
            foreach (var table in tables)
            {
                foreach (var facts in table.ExplicitTypes)
                {
                    var column = table.Table.Columns.FirstOrDefault(c => c.Name == facts.Column);
                    if (column == null || column.TypeSchema != null) // a domain or enum of the model, checked where it is resolved
                        continue;
                    if (Misfit(column.SqlType, facts.Kind, enums) is string instead)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IncompatibleAttribute, table.ColumnTarget(facts.PropertyId),
                            "Column", table.ClrName, facts.PropertyName,
                            "its TypeName is " + column.SqlType + ", which a " + facts.ClrType + " does not hold, so Npgsql cannot read the column back as the property; use " + instead));
                }
            }
        }

        private static string? Misfit(string sqlType, ClrKind kind, IReadOnlyList<EnumMapping> enums)
        {
            var type = SqlTypeFit.Normalize(sqlType);
            var isArray = type.EndsWith("[]", System.StringComparison.Ordinal);
            var element = isArray ? type.Substring(0, type.Length - 2) : type;
            var elementKind = isArray && kind is ClrKind.ArrayOf array ? array.Element : kind;
            if (element == "json" || element == "jsonb" || elementKind is ClrKind.Other || (elementKind is ClrKind.EnumType && IsText(element)))
                return null;
            return SqlTypeFit.Mismatch(sqlType, kind, enums);
        }

        // text, character varying, character: what a C# string holds, and an enum's label.
        private static bool IsText(string type) => SqlBuiltinTypes.Find(type)?.ClrTypes is { Count: 1 } clrTypes && clrTypes[0] == "string";
    }
}
