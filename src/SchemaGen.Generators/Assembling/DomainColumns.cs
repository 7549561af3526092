using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// Columns whose <c>[Column(TypeName)]</c> names a declared domain (<c>year</c>, <c>public.year</c>, <c>year[]</c>): their
    /// type becomes the domain, schema-qualified like an enum column (so a schema override and the shadow move it); the C#
    /// property must hold the domain's underlying type (SG0005, by <see cref="SqlTypeFit"/>); and validation attributes that
    /// accept what the domain's CHECK refuses are SG0023, and a default it refuses is SG0024 (<see cref="DomainCheckForms"/>).
    /// </summary>
    internal static class DomainColumns
    {
        public static List<TableSpec> Resolve(List<TableSpec> tables, IReadOnlyList<DomainModel> domains, IReadOnlyList<EnumMapping> enums, List<DiagnosticInfo> diagnostics)
        {
            if (domains.Count == 0)
                return tables;
            return tables.Select(table =>
            {
                var changed = false;
                var columns = table.Table.Columns.Select(column =>
                {
                    var domain = column.TypeSchema == null ? DomainAssembler.DomainOf(column.SqlType, table.Table.Schema, domains) : null;
                    if (domain == null)
                        return column;
                    changed = true;
                    var facts = table.ExplicitTypes.FirstOrDefault(f => f.Column == column.Name);
                    var array = column.SqlType.EndsWith("[]", System.StringComparison.Ordinal) ? "[]" : "";
                    if (facts != null)
                        Check(table, facts, array.Length > 0, domain, domains, enums, diagnostics);
                    return column with { TypeSchema = domain.Schema, SqlType = SqlSyntax.Identifier(domain.Name) + array };
                }).ToEquatableArray();
                return changed ? table with { Table = table.Table with { Columns = columns } } : table;
            }).ToList();
        }

        private static void Check(TableSpec table, ColumnFacts facts, bool arrayColumn, DomainModel domain, IReadOnlyList<DomainModel> domains, IReadOnlyList<EnumMapping> enums,
            List<DiagnosticInfo> diagnostics)
        {
            var target = table.ColumnTarget(facts.PropertyId);
            var underlying = DomainAssembler.UnderlyingType(domain, domains);
            string? instead;
            // A year[] column holds an int[]: its elements are what the domain types.
            var kind = arrayColumn && facts.Kind is ClrKind.ArrayOf array ? array.Element : facts.Kind;
            if (arrayColumn && !(facts.Kind is ClrKind.ArrayOf or ClrKind.Other))
                instead = "an array or List<T>";
            else
                instead = SqlTypeFit.Mismatch(underlying, kind, enums);
            if (instead != null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IncompatibleAttribute, target, "Column", table.ClrName, facts.PropertyName,
                    "its TypeName is domain " + domain.Schema + "." + domain.Name + " over " + underlying + ", which a " + facts.ClrType + " does not hold; use " + instead));
                return;
            }

            // Each domain of the chain checks the value: the first that refuses the default, and the first contradiction, are reported.
            if (!arrayColumn && facts.DefaultText != null && Chain(domain, domains).SelectMany(d => d.Checks.Select(c => (Domain: d, Check: c)))
                    .FirstOrDefault(x => DomainCheckForms.RefusesDefault(facts, x.Check.Expression)) is { Domain: { } refusing } found)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RefusedDefault, target, table.ClrName, facts.PropertyName, facts.DefaultText,
                    "domain " + refusing.Schema + "." + refusing.Name + " (CHECK (" + found.Check.Expression + "))"));
            }

            foreach (var current in Chain(domain, domains))
            {
                foreach (var check in current.Checks)
                {
                    if (DomainCheckForms.Contradiction(facts, check.Expression) is { } contradiction)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DomainContradiction, target, contradiction.Attribute, table.ClrName, facts.PropertyName,
                            contradiction.Accepted, current.Name, check.Expression));
                        return;
                    }
                }
            }
        }

        // The domain and the domains it is based on, outermost first.
        private static IEnumerable<DomainModel> Chain(DomainModel domain, IReadOnlyList<DomainModel> domains)
        {
            for (var current = domain; current != null; current = DomainAssembler.DomainOf(current.BaseType, current.Schema, domains) is { } next && next != current ? next : null)
                yield return current;
        }
    }
}
