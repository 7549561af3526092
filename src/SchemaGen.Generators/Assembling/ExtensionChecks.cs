using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// SG0020: a column whose type a well-known extension provides (<c>citext</c>, <c>geometry(Point,4326)</c>) while the
    /// model does not declare that extension. A warning, not an error: the extension may be installed by other means, but
    /// then a fresh database cannot be deployed from the model alone. Types no listed extension provides are taken as
    /// written (a domain, an enum, a type created elsewhere).
    /// </summary>
    internal static class ExtensionChecks
    {
        public static void Report(SchemaModel model, IReadOnlyList<TableSpec> tables, List<DiagnosticInfo> diagnostics)
        {
            var declared = new HashSet<string>(model.Extensions.Select(e => e.Name));
            // A model uses a handful of distinct types over thousands of columns: read each type name once.
            var extensionOf = new Dictionary<string, string?>(System.StringComparer.Ordinal);
            foreach (var table in tables)
            {
                for (var i = 0; i < table.Table.Columns.Count; i++)
                {
                    var column = table.Table.Columns[i];
                    if (!extensionOf.TryGetValue(column.SqlType, out var extension))
                        extensionOf[column.SqlType] = extension = ExtensionTypes.ExtensionOf(column.SqlType);
                    if (extension != null && !declared.Contains(extension))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndeclaredExtension, table.ColumnTarget(table.ColumnDeclarationIds[i]),
                            column.Name, table.Table.Schema + "." + table.Table.Name, column.SqlType, extension));
                    }
                }
            }
        }
    }
}
