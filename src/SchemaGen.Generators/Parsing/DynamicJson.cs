using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Specs;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Which JSON columns Npgsql can only write and read with dynamic JSON (<c>EnableDynamicJson</c>): every CLR type
    /// stored as json/jsonb except text and System.Text.Json's own JsonDocument, JsonElement and JsonNode family,
    /// which Npgsql maps by default. A dictionary property declared as an interface also lists
    /// <c>Dictionary&lt;K, V&gt;</c>, the type of the value Npgsql is handed at run time.
    /// </summary>
    internal static class DynamicJson
    {
        public static IEnumerable<JsonTypeMapping> Mappings(MappedType type, string sqlType)
        {
            var isJsonb = sqlType == "jsonb";
            if (type.Kind != ValueKind.Json || (!isJsonb && sqlType != "json") || IsBuiltIn(type.ClrType))
                yield break;

            yield return new JsonTypeMapping(type.ClrType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), isJsonb);
            var name = type.ClrType.FullMetadataName();
            if ((name == "System.Collections.Generic.IDictionary`2" || name == "System.Collections.Generic.IReadOnlyDictionary`2")
                && type.ClrType is INamedTypeSymbol { TypeArguments.Length: 2 } dictionary)
            {
                var arguments = string.Join(", ", dictionary.TypeArguments.Select(t => t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
                yield return new JsonTypeMapping("global::System.Collections.Generic.Dictionary<" + arguments + ">", isJsonb);
            }
        }

        private static bool IsBuiltIn(ITypeSymbol type) => type.SpecialType == SpecialType.System_String || TypeMapper.IsJsonDocument(type);
    }
}
