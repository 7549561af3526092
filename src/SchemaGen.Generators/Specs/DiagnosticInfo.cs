using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// A diagnostic to report, kept with its real source location so that <c>#pragma warning disable</c> and
    /// editorconfig severities apply. Travels on its own pipeline branch, never inside a model spec.
    /// </summary>
    /// <param name="At">Where, as plain values, for diagnostics made in steps that must not hold Roslyn objects; resolved
    /// to the source tree of that path when reported, or to an external location (a .sql template).</param>
    /// <param name="Suggested">A replacement a code fix can apply (Diagnostic.Properties["Suggested"]), e.g. the parameter name SG0010 proposes.</param>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location? Location, EquatableArray<string> Arguments, string? Suggested = null, LocationInfo? At = null)
    {
        public const string SuggestedProperty = "Suggested";

        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            new DiagnosticInfo(descriptor, location, new EquatableArray<string>(arguments));

        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? at, params string[] arguments) =>
            new DiagnosticInfo(descriptor, null, new EquatableArray<string>(arguments), null, at);

        public Diagnostic ToDiagnostic(Compilation? compilation = null)
        {
            var location = Location ?? Resolve(At, compilation);
            return Suggested == null
                ? Diagnostic.Create(Descriptor, location, Arguments.ToArrayOfObjects())
                : Diagnostic.Create(Descriptor, location, System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(SuggestedProperty, Suggested), Arguments.ToArrayOfObjects());
        }

        private static Location? Resolve(LocationInfo? at, Compilation? compilation)
        {
            if (at == null)
                return null;
            var tree = compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == at.FilePath);
            return tree != null ? Location.Create(tree, at.Span) : at.ToLocation();
        }
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
