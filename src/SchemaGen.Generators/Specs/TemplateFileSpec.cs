using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// What one <c>.sql</c> template file holds, in file order, and beside it what could not be read. The
    /// assembler reads only the templates; the diagnostics go to their own reporting branch.
    /// </summary>
    internal sealed record TemplateFileSpec
    {
        public required string Path { get; init; }

        public required EquatableArray<FunctionTemplate> Functions { get; init; }

        public required EquatableArray<TriggerTemplate> Triggers { get; init; }

        /// <summary>Sequences, views, materialized views, their indexes and aggregates, in file order.</summary>
        public EquatableArray<ObjectTemplate> Objects { get; init; }

        public required EquatableArray<DiagnosticInfo> Diagnostics { get; init; }
    }
}
