namespace SchemaGen.Generators.Specs
{
    /// <summary>A property (or constructor parameter) of the result type, filled from the column of the same snake_case name.</summary>
    internal sealed record ResultMember
    {
        public required string Name { get; init; }

        /// <summary>The property's documentation comment ID (<c>P:Ns.Type.Name</c>): where a mismatch with its column is reported.</summary>
        public required string DeclarationId { get; init; }

        /// <summary>The type to read the column as: <c>int?</c> for a nullable value type, <c>string</c> for <c>string?</c>.</summary>
        public required string ReadType { get; init; }

        public required ClrKind Kind { get; init; }

        public required bool IsNullable { get; init; }
    }
}
