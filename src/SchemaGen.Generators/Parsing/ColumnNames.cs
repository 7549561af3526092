using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// The names a table's [Check] or [Generated] expression may use: its columns', and those of properties that could not be
    /// mapped (already diagnosed there, so not reported again). Built on first use: most tables have neither.
    /// </summary>
    internal sealed class ColumnNames
    {
        private readonly List<ParsedColumn> _columns;
        private readonly IReadOnlyList<IPropertySymbol> _properties;
        private readonly ModelConventions _conventions;
        private HashSet<string>? _mapped;
        private HashSet<string>? _known;

        public ColumnNames(List<ParsedColumn> columns, IReadOnlyList<IPropertySymbol> properties, ModelConventions conventions)
        {
            _columns = columns;
            _properties = properties;
            _conventions = conventions;
        }

        public HashSet<string> Mapped => _mapped ??= new HashSet<string>(_columns.Select(c => c.Column.Name), StringComparer.Ordinal);

        public HashSet<string> Known => _known ??= Unmapped();

        private HashSet<string> Unmapped()
        {
            var known = new HashSet<string>(Mapped, StringComparer.Ordinal);
            var columnProperties = new HashSet<IPropertySymbol>(_columns.Select(c => c.Property), SymbolEqualityComparer.Default);
            known.UnionWith(_properties.Where(p => !columnProperties.Contains(p)).Select(_conventions.ColumnName));
            return known;
        }
    }
}
