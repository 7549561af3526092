using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>The bound [SqlFunction] methods and, beside them, the binder's diagnostics (keyed by declaration).</summary>
    internal sealed record WrapperOutput
    {
        public required EquatableArray<BoundWrapper> Wrappers { get; init; }

        public required EquatableArray<DiagnosticInfo> Diagnostics { get; init; }
    }
}
