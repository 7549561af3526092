namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// A <c>CREATE TRIGGER</c> template, cut around its table and function names so that they can be written
    /// schema-qualified: <c>… Timing ON table Middle function Arguments</c>.
    /// </summary>
    internal sealed record TriggerTemplate
    {
        public required string? TableSchema { get; init; }

        public required string Table { get; init; }

        public required string Name { get; init; }

        public required string? FunctionSchema { get; init; }

        public required string Function { get; init; }

        public required string Timing { get; init; }

        public required string Middle { get; init; }

        public required string Arguments { get; init; }

        /// <summary>The name in the <c>.sql</c> file, where a duplicate is reported.</summary>
        public required LocationInfo Location { get; init; }
    }
}
