using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Reads <c>[assembly: Domain("year", "integer", Check = …)]</c> as written, in declaration order. Nothing is checked here:
    /// the assembler (<see cref="Assembling.DomainAssembler"/>) knows the model's enums and extensions, checks each
    /// declaration and reports at the attribute.
    /// </summary>
    internal static class DomainParser
    {
        public static EquatableArray<DomainDeclaration> Parse(Compilation compilation)
        {
            var known = KnownSymbols.For(compilation).DomainAttribute;
            return compilation.Assembly.GetAttributes()
                .Where(a => known.Matches(a.AttributeClass) && a.Argument(0) is string && a.Argument(1) is string)
                .Select(a => new DomainDeclaration
                {
                    Name = (string)a.Argument(0)!,
                    BaseType = (string)a.Argument(1)!,
                    Schema = Given(a.Named("Schema")),
                    Check = Given(a.Named("Check")),
                    NotNull = a.Named("NotNull") is true,
                    Default = Given(a.Named("Default")),
                    Comment = a.Named("Comment") as string,
                })
                .ToEquatableArray();
        }

        // Null or white space means "not given", as for the other optional strings of the attributes.
        private static string? Given(object? value) => value is string text && text.Trim().Length > 0 ? text : null;
    }
}
