using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// SG0029 for tables: <c>[RenamedFrom("a")]</c> on a class while the model still has a table <c>a</c> (in the class's own
    /// schema, or in the one a qualified old name gives). The deployer renames only a table no table of the model claims
    /// by its name (<c>RenameDiffer</c>), so the attribute would never apply. Columns are checked where they are parsed.
    /// </summary>
    internal static class TableRenameChecks
    {
        public static void Report(IReadOnlyList<TableSpec> tables, List<DiagnosticInfo> diagnostics)
        {
            var byName = tables.GroupBy(t => (t.Table.Schema, t.Table.Name)).ToDictionary(g => g.Key, g => g.First());
            foreach (var table in tables)
            {
                if (!(table.Table.RenamedFrom is string from))
                    continue;
                // Split as the deployer does: "schema.name", or a bare name in the table's own schema.
                var dot = from.IndexOf('.');
                var named = dot > 0 ? (from.Substring(0, dot), from.Substring(dot + 1)) : (table.Table.Schema, from);
                if (byName.TryGetValue(named, out var holder))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IneffectiveRename, new DiagnosticTarget.Declaration(table.DeclarationId),
                        table.ClrFullName, "table", named.Item1 + "." + named.Item2, holder.ClrFullName + (ReferenceEquals(holder, table) ? " itself" : "")));
            }
        }
    }
}
