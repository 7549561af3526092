using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>The assembly-wide options and the diagnostics about them (a name that cannot be used, replaced by the default).</summary>
    internal sealed record OptionsParseResult
    {
        public required OptionsSpec Spec { get; init; }

        public required EquatableArray<DiagnosticInfo> Diagnostics { get; init; }
    }
}
