using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaGen.Generators.Specs;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// The generated class's name (<c>[assembly: SchemaOptions]</c>, else <c>Schema</c> in the project's root namespace),
    /// and whether the project already declares a type of that name that the generated <c>static partial class</c> cannot
    /// join: an enum, interface, struct, delegate, record, or a class without <c>partial</c>. The compiler would report
    /// that clash inside Schema.g.cs (CS0101, CS0260); SG0027 reports it at the project's type instead.
    /// </summary>
    internal static class GeneratedClassName
    {
        public static GeneratedName Resolve(OptionsSpec options, string rootNamespace, Compilation compilation)
        {
            var ns = options.Namespace ?? rootNamespace;
            var fullName = string.IsNullOrEmpty(ns) ? options.ClassName : ns + "." + options.ClassName;
            var existing = compilation.Assembly.GetTypeByMetadataName(fullName);
            var taken = existing != null && !IsPartialClass(existing) ? existing.GetDocumentationCommentId() : null;
            return new GeneratedName { Namespace = ns, FullName = fullName, TakenByDeclarationId = taken };
        }

        private static bool IsPartialClass(INamedTypeSymbol type) =>
            type.TypeKind == TypeKind.Class && !type.IsRecord && type.DeclaringSyntaxReferences.Length > 0
            && type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is ClassDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
    }
}
