namespace SchemaGen.Generators.Specs
{
    /// <summary>An enum for MapTypes: the CLR type and the PostgreSQL type it maps to.</summary>
    internal sealed record EnumMapping
    {
        /// <summary>The enum as generated code refers to it (<c>global::…</c>).</summary>
        public required string TypeReference { get; init; }

        public required string Schema { get; init; }

        public required string Name { get; init; }
    }
}
