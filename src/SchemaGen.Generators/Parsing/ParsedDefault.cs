using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>A column's DEFAULT from a property initializer, with the value it stands for. Transient.</summary>
    /// <param name="Sql">The DEFAULT expression.</param>
    /// <param name="Constant">The initializer's compile-time constant (an enum member's underlying value), or null.</param>
    /// <param name="Text">The text the default stores: a string constant, or an enum member's label; else null.</param>
    /// <param name="IsEmptyCollection">The initializer is an empty collection (<c>new()</c>, <c>[]</c>, <c>Array.Empty</c>).</param>
    /// <param name="Initializer">The initializer, where diagnostics about the default are reported.</param>
    internal sealed record ParsedDefault(string Sql, object? Constant, string? Text, bool IsEmptyCollection, ExpressionSyntax Initializer);
}
