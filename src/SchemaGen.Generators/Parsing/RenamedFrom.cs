using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>Reads [RenamedFrom(oldName)] of a table, column or enum member; an unusable old name is SG0014 and ignored.</summary>
    internal static class RenamedFrom
    {
        public static string? Read(ParseContext context, ISymbol symbol, string what)
        {
            var attribute = symbol.GetAttribute(KnownNames.SchemaGen, "RenamedFromAttribute");
            if (!(attribute?.Argument(0) is string oldName))
                return null;
            return context.CheckName("previous " + what, oldName, attribute.GetArgumentLocation(0, symbol)) ? oldName : null;
        }
    }
}
