using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>The assembled schema and, beside it, the diagnostics that only a view of all tables can find (keyed by declaration).</summary>
    internal sealed record SchemaAssembly
    {
        /// <summary>Null when the project has no [Table] class.</summary>
        public required SchemaSpec? Spec { get; init; }

        public required EquatableArray<DiagnosticInfo> Diagnostics { get; init; }
    }
}
