using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Specs;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>The PostgreSQL type chosen for a CLR type. Lives only inside one parse; never cached.</summary>
    /// <param name="SqlType">The canonical type name (<c>integer</c>, <c>job_status[]</c>).</param>
    /// <param name="TypeSchema">The schema of a user-defined type, else null.</param>
    /// <param name="Kind">The kind of value.</param>
    /// <param name="ClrType">The CLR type with any Nullable&lt;T&gt; removed.</param>
    /// <param name="Enum">For an enum or enum array column, the enum type.</param>
    internal sealed record MappedType(string SqlType, string? TypeSchema, ValueKind Kind, ITypeSymbol ClrType, EnumSpec? Enum);
}
