using Microsoft.CodeAnalysis;
using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// A diagnostic to report, kept with its real source location so that <c>#pragma warning disable</c> and
    /// editorconfig severities apply. Travels on its own pipeline branch, never inside a model spec.
    /// </summary>
    /// <param name="Suggested">A replacement a code fix can apply (Diagnostic.Properties["Suggested"]), e.g. the parameter name SG0010 proposes.</param>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location? Location, EquatableArray<string> Arguments, string? Suggested = null)
    {
        public const string SuggestedProperty = "Suggested";

        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            new DiagnosticInfo(descriptor, location, new EquatableArray<string>(arguments));

        public Diagnostic ToDiagnostic() => Suggested == null
            ? Diagnostic.Create(Descriptor, Location, Arguments.ToArrayOfObjects())
            : Diagnostic.Create(Descriptor, Location, System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(SuggestedProperty, Suggested), Arguments.ToArrayOfObjects());
    }

    internal static class EquatableArrayExtensions
    {
        public static object[] ToArrayOfObjects(this EquatableArray<string> items)
        {
            var result = new object[items.Count];
            for (var i = 0; i < items.Count; i++)
                result[i] = items[i];
            return result;
        }
    }
}
