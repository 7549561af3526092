namespace SchemaGen.Generators.Specs
{
    /// <summary>One <c>[assembly: Domain(name, baseType, Schema =, Check =, NotNull =, Default =, Comment =)]</c> as written.</summary>
    internal sealed record DomainDeclaration
    {
        /// <summary>The name as written (may be empty or hold a NUL: the assembler reports it).</summary>
        public required string Name { get; init; }

        /// <summary>The base type as written.</summary>
        public required string BaseType { get; init; }

        /// <summary>The schema given, else null (the model's default schema).</summary>
        public required string? Schema { get; init; }

        /// <summary>The CHECK expression over VALUE, else null.</summary>
        public required string? Check { get; init; }

        /// <summary>NOT NULL.</summary>
        public required bool NotNull { get; init; }

        /// <summary>The DEFAULT expression, else null.</summary>
        public required string? Default { get; init; }

        /// <summary>The comment, else null.</summary>
        public required string? Comment { get; init; }
    }
}
