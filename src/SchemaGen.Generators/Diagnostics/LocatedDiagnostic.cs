using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Specs;

namespace SchemaGen.Generators.Diagnostics
{
    /// <summary>
    /// A diagnostic with its location in the current compilation's syntax tree. Made in the step just before
    /// reporting and compared by value (a <see cref="Location"/> in source is equal while its tree and span are),
    /// so an edit that moves nothing leaves the reporting output Unchanged. Holds a syntax tree, never a compilation.
    /// </summary>
    internal sealed record LocatedDiagnostic(DiagnosticInfo Info, Location? Location)
    {
        public Diagnostic ToDiagnostic()
        {
            var arguments = new object[Info.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
                arguments[i] = Info.Arguments[i];
            return Info.Suggested == null
                ? Diagnostic.Create(Info.Descriptor, Location, arguments)
                : Diagnostic.Create(Info.Descriptor, Location, ImmutableDictionary<string, string?>.Empty.Add(DiagnosticInfo.SuggestedProperty, Info.Suggested), arguments);
        }
    }
}
