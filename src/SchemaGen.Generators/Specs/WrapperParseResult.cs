using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>What parsing one [SqlFunction] method gives: the spec (null when the target is no method) and, beside it, its diagnostics.</summary>
    internal sealed record WrapperParseResult
    {
        public required WrapperSpec? Spec { get; init; }

        public required EquatableArray<DiagnosticInfo> Diagnostics { get; init; }
    }
}
