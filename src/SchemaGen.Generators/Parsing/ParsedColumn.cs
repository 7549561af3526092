using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>A property mapped to a column, with the checks its attributes produced and its initializer's default. Transient.</summary>
    internal sealed record ParsedColumn(IPropertySymbol Property, ColumnModel Column, MappedType Type, List<CheckModel> Checks, ParsedDefault? Default = null);
}
