using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Reads [RenamedFrom(oldName)] of a table, column or enum member. The old name may be the database name
    /// (<c>display_name</c>) or the C# name it had (<c>DisplayName</c>): a C# identifier with an upper-case letter
    /// is named by the naming convention, as the member was, so both mean the same column. An unusable old name
    /// is SG0014 and ignored.
    /// </summary>
    internal static class RenamedFrom
    {
        public static string? Read(ParseContext context, ISymbol symbol, string what)
        {
            var attribute = symbol.GetAttribute(context.Known.RenamedFromAttribute);
            if (!(attribute?.Argument(0) is string oldName))
                return null;
            if (!context.CheckName("previous " + what, oldName, attribute.GetArgumentLocation(0, symbol)))
                return null;
            return SyntaxFacts.IsValidIdentifier(oldName) && oldName.Any(char.IsUpper) ? context.Name(oldName) : oldName;
        }
    }
}
