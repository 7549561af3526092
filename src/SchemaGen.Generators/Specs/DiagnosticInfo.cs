using SchemaGen.Model;
using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// A diagnostic to report, as equatable data: the descriptor, where it belongs (<see cref="DiagnosticTarget"/>,
    /// never a Roslyn location) and its message arguments. Travels on its own pipeline branch, never inside a
    /// model spec, and is located only when reported.
    /// </summary>
    /// <param name="Suggested">A replacement a code fix can apply (Diagnostic.Properties["Suggested"]), e.g. the parameter name SG0010 proposes.</param>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, DiagnosticTarget? Target, EquatableArray<string> Arguments, string? Suggested = null)
    {
        public const string SuggestedProperty = "Suggested";

        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, DiagnosticTarget? target, params string[] arguments) =>
            new DiagnosticInfo(descriptor, target, new EquatableArray<string>(arguments));
    }
}
