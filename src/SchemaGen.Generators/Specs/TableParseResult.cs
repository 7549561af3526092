using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// What parsing one class gives: the spec (null when the class cannot be a table) and, beside it, its
    /// diagnostics. The pipeline splits them at once, so the spec caches on its own.
    /// </summary>
    internal sealed record TableParseResult
    {
        public required TableSpec? Spec { get; init; }

        public required EquatableArray<DiagnosticInfo> Diagnostics { get; init; }
    }
}
