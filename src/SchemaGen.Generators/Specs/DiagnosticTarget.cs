using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// Where a diagnostic belongs, as plain values that stay equal while the model does not change. A Roslyn
    /// <see cref="Location"/> is made from it only in the step that reports (<see cref="Diagnostics.DiagnosticLocator"/>),
    /// against the compilation of that run, so the diagnostic lands in the user's syntax tree and
    /// <c>#pragma warning disable</c> and editorconfig severities apply.
    /// </summary>
    internal abstract record DiagnosticTarget
    {
        private DiagnosticTarget()
        {
        }

        /// <summary>The span of a source location, or null for none (or one outside any syntax tree).</summary>
        public static DiagnosticTarget? From(Location? location) =>
            LocationInfo.From(location) is { } at ? new SourceSpan(at) : null;

        /// <summary>
        /// A span of a C# file, taken where the parser had the attribute argument or declaration at hand; it
        /// travels only in a class's own parse result, which changes with that file anyway.
        /// </summary>
        internal sealed record SourceSpan(LocationInfo At) : DiagnosticTarget;

        /// <summary>A span of a file that is not C# (a <c>.sql</c> template), reported at its path.</summary>
        internal sealed record ExternalSpan(LocationInfo At) : DiagnosticTarget;

        /// <summary>
        /// A declaration by name, for diagnostics made from specs that hold no location (cross-table checks,
        /// [SqlFunction] binding): a documentation comment ID (<c>T:Ns.Type</c>, <c>M:Ns.Type.Method(…)</c>,
        /// <c>P:Ns.Type.Property</c>), optionally one of the method's parameters or its [SqlFunction] attribute.
        /// A comment typed above the declaration leaves it equal; the location is looked up when reported. When that
        /// declaration is not in this project's source (a column inherited from a class of another assembly), the
        /// diagnostic goes to <paramref name="Fallback"/>'s (the table class, the [SqlFunction] method) rather than nowhere.
        /// </summary>
        internal sealed record Declaration(string DocumentationId, string? Parameter = null, bool SqlFunctionAttribute = false, string? Fallback = null) : DiagnosticTarget;

        /// <summary>
        /// An assembly-level attribute (<c>[assembly: Domain("year", …)]</c>) by its type's metadata name and its first
        /// argument (null for an attribute that takes none, <c>[assembly: SchemaOptions(…)]</c>); the first such attribute is
        /// reported at.
        /// </summary>
        internal sealed record AssemblyAttribute(string MetadataName, string? FirstArgument) : DiagnosticTarget;
    }
}
