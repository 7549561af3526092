using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>A property being mapped to a column, with what the parser has decided so far. Transient.</summary>
    internal sealed record ColumnSource(
        IPropertySymbol Property,
        string TableName,
        string TableClrName,
        string ColumnName,
        MappedType Type,
        bool TypeIsExplicit,
        bool IsNullable);
}
