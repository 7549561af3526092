using System.Linq;
using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Chooses a column's PostgreSQL type from its CLR type, following Npgsql's default mappings so that
    /// what is created is what Npgsql reads and writes without configuration. Anything not listed here is
    /// not guessed: the caller reports SG0001.
    /// </summary>
    internal sealed class TypeMapper
    {
        private readonly EnumParser _enums;

        public TypeMapper(EnumParser enums) => _enums = enums;

        /// <summary>The CLR type with Nullable&lt;T&gt; removed.</summary>
        public static ITypeSymbol Unwrap(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? nullable.TypeArguments[0]
                : type;

        /// <summary>True for a navigation: a [Table] class or a collection of them. Navigations are not columns.</summary>
        public static bool IsNavigation(ITypeSymbol type, KnownSymbols known)
        {
            var element = CollectionElement(type) ?? type;
            return element.IsTableType(known);
        }

        /// <summary>The mapping, or null when the type has no faithful PostgreSQL counterpart.</summary>
        public MappedType? Map(ITypeSymbol declaredType)
        {
            var type = Unwrap(declaredType);
            var scalar = MapScalar(type);
            if (scalar != null)
                return scalar;

            if (IsJson(type))
                return new MappedType("jsonb", null, ValueKind.Json, type, null);

            var element = CollectionElement(type);
            if (element != null)
            {
                var elementType = MapScalar(Unwrap(element));
                return elementType == null ? null : new MappedType(elementType.SqlType + "[]", elementType.TypeSchema, ValueKind.Array, type, elementType.Enum);
            }

            return null;
        }

        private MappedType? MapScalar(ITypeSymbol type)
        {
            MappedType Of(string sql, ValueKind kind) => new MappedType(sql, null, kind, type, null);

            switch (type.SpecialType)
            {
                case SpecialType.System_String: return Of("text", ValueKind.Text);
                case SpecialType.System_Boolean: return Of("boolean", ValueKind.Boolean);
                case SpecialType.System_Int16: return Of("smallint", ValueKind.Integer);
                case SpecialType.System_Int32: return Of("integer", ValueKind.Integer);
                case SpecialType.System_Int64: return Of("bigint", ValueKind.Integer);
                case SpecialType.System_Single: return Of("real", ValueKind.Floating);
                case SpecialType.System_Double: return Of("double precision", ValueKind.Floating);
                case SpecialType.System_Decimal: return Of("numeric", ValueKind.Decimal);
                case SpecialType.System_DateTime: return Of("timestamp with time zone", ValueKind.Temporal);
            }

            if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
                return Of("bytea", ValueKind.Bytes);

            if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
            {
                var spec = _enums.Parse(enumType);
                return spec == null ? null : new MappedType(Model.SqlSyntax.Identifier(spec.Enum.Name), spec.Enum.Schema, ValueKind.Enum, type, spec);
            }

            switch (type.FullMetadataName())
            {
                case "System.DateTimeOffset": return Of("timestamp with time zone", ValueKind.Temporal);
                case "System.DateOnly": return Of("date", ValueKind.Temporal);
                case "System.TimeOnly": return Of("time without time zone", ValueKind.Temporal);
                case "System.TimeSpan": return Of("interval", ValueKind.Temporal);
                case "System.Guid": return Of("uuid", ValueKind.Uuid);
                case "System.Net.IPAddress": return Of("inet", ValueKind.Network);
                default: return null;
            }
        }

        /// <summary>System.Text.Json's own document types, which Npgsql reads and writes as json/jsonb without configuration.</summary>
        public static bool IsJsonDocument(ITypeSymbol type)
        {
            switch (type.FullMetadataName())
            {
                case "System.Text.Json.JsonDocument":
                case "System.Text.Json.JsonElement":
                case "System.Text.Json.Nodes.JsonNode":
                case "System.Text.Json.Nodes.JsonObject":
                case "System.Text.Json.Nodes.JsonArray":
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsJson(ITypeSymbol type)
        {
            if (IsJsonDocument(type))
                return true;
            switch (type.FullMetadataName())
            {
                case "System.Collections.Generic.Dictionary`2":
                case "System.Collections.Generic.IDictionary`2":
                case "System.Collections.Generic.IReadOnlyDictionary`2":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The element type of T[] or a generic list/collection interface; null for anything else.</summary>
        public static ITypeSymbol? CollectionElement(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol { Rank: 1 } array)
                return array.ElementType.SpecialType == SpecialType.System_Byte ? null : array.ElementType;

            if (type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Length == 1)
            {
                switch (named.FullMetadataName())
                {
                    case "System.Collections.Generic.List`1":
                    case "System.Collections.Generic.IList`1":
                    case "System.Collections.Generic.IReadOnlyList`1":
                    case "System.Collections.Generic.ICollection`1":
                    case "System.Collections.Generic.IReadOnlyCollection`1":
                    case "System.Collections.Generic.IEnumerable`1":
                        return named.TypeArguments.First();
                }
            }

            return null;
        }
    }
}
