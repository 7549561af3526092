using System;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>Whether one CHECK of a column refuses the column's default, and the attribute the CHECK comes from. Transient.</summary>
    /// <param name="Attribute">The attribute as a message names it: <c>[MaxLength]</c>.</param>
    /// <param name="Refuses">True when the CHECK refuses the value; false when it takes it or the value is not known.</param>
    internal sealed record DefaultTest(string Attribute, Func<ParsedDefault, bool> Refuses);
}
