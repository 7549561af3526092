using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Emitting;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Reads a <c>[SqlFunction("name")]</c> partial method: its parameters (the connection, a cancellation token,
    /// the values), the shape of its result, and the members of its result type. Matching them against the
    /// function's template is the binder's job; here only what the C# alone shows is reported.
    /// </summary>
    internal static class WrapperParser
    {
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static WrapperSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.IsEmpty)
                return null;
            cancellationToken.ThrowIfCancellationRequested();

            var attribute = context.Attributes[0];
            var diagnostics = new List<DiagnosticInfo>();
            var methodLocation = method.Locations.FirstOrDefault();
            var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? methodLocation;
            var functionName = attribute.Argument(0) as string ?? "";
            var display = method.ContainingType.Name + "." + method.Name;

            if (!method.IsPartialDefinition || method.PartialImplementationPart != null || method.IsGenericMethod)
                diagnostics.Add(Mismatch(methodLocation, $"'{display}' must be a non-generic partial method without a body, so that SchemaGen can implement it"));

            var parameters = method.Parameters.Select(p => Parameter(p, method.IsExtensionMethod && p.Ordinal == 0)).ToList();
            if (!parameters.Any(p => p.Role == ParameterRole.Connection))
                diagnostics.Add(Mismatch(methodLocation, $"'{display}' needs an NpgsqlConnection parameter to call {functionName} on"));

            var (shape, element, elementNullable) = Shape(method.ReturnType);
            if (shape == null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ResultMismatch, LocationInfo.From(methodLocation),
                    $"'{display}' returns {method.ReturnType.ToDisplayString()}; a [SqlFunction] method returns Task, Task<T>, Task<T?>, Task<IReadOnlyList<T>>, Task<List<T>> or IAsyncEnumerable<T>"));

            var elementKind = element == null ? "" : Kind(element);
            var isRecord = element != null && elementKind.StartsWith("other:", System.StringComparison.Ordinal) && element.TypeKind is TypeKind.Class or TypeKind.Struct;
            var (viaConstructor, members) = isRecord ? Members((INamedTypeSymbol)TypeMapper.Unwrap(element!)) : (false, new List<ResultMember>());
            if (shape == ResultShape.Scalar && isRecord)
                shape = ResultShape.Row;

            var cancellation = method.Parameters.FirstOrDefault(p => Role(p.Type) == ParameterRole.Cancellation);
            var needsEnumeratorCancellation = shape == ResultShape.Stream && cancellation != null
                && !cancellation.GetAttributes().Any(a => a.AttributeClass?.Name == "EnumeratorCancellationAttribute");

            return new WrapperSpec(
                method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString(),
                ContainingTypes(method.ContainingType).ToEquatableArray(),
                Accessibility(method.DeclaredAccessibility) + (method.IsStatic ? " static" : ""),
                CSharpLiterals.Identifier(method.Name),
                method.ReturnType.ToDisplayString(TypeFormat),
                shape ?? ResultShape.None,
                element == null ? null : TypeMapper.Unwrap(element).WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat),
                element == null ? null : ReadType(element),
                elementKind,
                elementNullable,
                isRecord,
                viaConstructor,
                members.ToEquatableArray(),
                parameters.ToEquatableArray(),
                functionName,
                attribute.Named("Schema") as string,
                needsEnumeratorCancellation,
                LocationInfo.From(attributeLocation),
                LocationInfo.From(methodLocation),
                diagnostics.ToEquatableArray());
        }

        private static WrapperParameter Parameter(IParameterSymbol p, bool isThis)
        {
            var declaration = (isThis ? "this " : "") + p.Type.ToDisplayString(TypeFormat) + " " + CSharpLiterals.Identifier(p.Name);
            return new WrapperParameter(p.Name, declaration, Role(p.Type), Kind(p.Type), LocationInfo.From(p.Locations.FirstOrDefault()));
        }

        private static ParameterRole Role(ITypeSymbol type) => type.FullMetadataName() switch
        {
            "Npgsql.NpgsqlConnection" => ParameterRole.Connection,
            "System.Threading.CancellationToken" => ParameterRole.Cancellation,
            _ => ParameterRole.Value,
        };

        // Task, Task<T>, Task<T?>, Task<IReadOnlyList<T>>, Task<List<T>>, IAsyncEnumerable<T>.
        private static (ResultShape? Shape, ITypeSymbol? Element, bool ElementNullable) Shape(ITypeSymbol returnType)
        {
            if (returnType is not INamedTypeSymbol named)
                return (null, null, false);
            var name = named.OriginalDefinition.FullMetadataName();
            if (name == "System.Threading.Tasks.Task")
                return (ResultShape.None, null, false);
            if (name == "System.Collections.Generic.IAsyncEnumerable`1")
                return (ResultShape.Stream, named.TypeArguments[0], IsNullable(named.TypeArguments[0]));
            if (name != "System.Threading.Tasks.Task`1")
                return (null, null, false);

            var result = named.TypeArguments[0];
            if (result is INamedTypeSymbol { IsGenericType: true } list
                && list.OriginalDefinition.FullMetadataName() is "System.Collections.Generic.IReadOnlyList`1" or "System.Collections.Generic.List`1")
                return (ResultShape.List, list.TypeArguments[0], IsNullable(list.TypeArguments[0]));
            return (ResultShape.Scalar, result, IsNullable(result));
        }

        // The constructor whose parameters all name properties (a positional record's), else the settable properties.
        private static (bool ViaConstructor, List<ResultMember> Members) Members(INamedTypeSymbol type)
        {
            var properties = type.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && p.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public).ToList();
            var constructor = type.InstanceConstructors
                .Where(c => c.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public && c.Parameters.Length > 0
                    && c.Parameters.All(p => properties.Any(q => string.Equals(q.Name, p.Name, System.StringComparison.OrdinalIgnoreCase))))
                .OrderByDescending(c => c.Parameters.Length)
                .FirstOrDefault();
            if (constructor != null)
                return (true, constructor.Parameters.Select(p => Member(properties.First(q => string.Equals(q.Name, p.Name, System.StringComparison.OrdinalIgnoreCase)), p.Type)).ToList());
            return (false, properties.Where(p => p.SetMethod != null && p.SetMethod.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public).Select(p => Member(p, p.Type)).ToList());
        }

        private static ResultMember Member(IPropertySymbol property, ITypeSymbol type) =>
            new ResultMember(property.Name, ReadType(type), Kind(type), IsNullable(type), LocationInfo.From(property.Locations.FirstOrDefault()));

        // int? stays int? (GetFieldValue<int?> reads NULL as null); string? becomes string (null is its default).
        private static string ReadType(ITypeSymbol type) =>
            (type.IsValueType ? type : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)).ToDisplayString(TypeFormat);

        private static bool IsNullable(ITypeSymbol type) =>
            type.NullableAnnotation == NullableAnnotation.Annotated || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

        /// <summary>What a CLR type can hold, in the terms <see cref="Assembling.SqlTypeFit"/> compares: int, string, enum:T, array:int, json, …</summary>
        public static string Kind(ITypeSymbol declared)
        {
            var type = TypeMapper.Unwrap(declared);
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: return "bool";
                case SpecialType.System_Int16: return "short";
                case SpecialType.System_Int32: return "int";
                case SpecialType.System_Int64: return "long";
                case SpecialType.System_Single: return "float";
                case SpecialType.System_Double: return "double";
                case SpecialType.System_Decimal: return "decimal";
                case SpecialType.System_String: return "string";
                case SpecialType.System_DateTime: return "DateTime";
            }

            if (type is IArrayTypeSymbol array)
                return array.ElementType.SpecialType == SpecialType.System_Byte ? "byte[]" : "array:" + Kind(array.ElementType);
            if (type.TypeKind == TypeKind.Enum)
                return "enum:" + type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

            var name = type.OriginalDefinition.FullMetadataName();
            switch (name)
            {
                case "System.DateTimeOffset": return "DateTimeOffset";
                case "System.DateOnly": return "DateOnly";
                case "System.TimeOnly": return "TimeOnly";
                case "System.TimeSpan": return "TimeSpan";
                case "System.Guid": return "Guid";
                case "System.Text.Json.JsonDocument":
                case "System.Text.Json.JsonElement":
                case "System.Text.Json.Nodes.JsonNode":
                case "System.Text.Json.Nodes.JsonObject":
                case "System.Text.Json.Nodes.JsonArray":
                    return "json";
                case "System.Collections.Generic.List`1":
                case "System.Collections.Generic.IReadOnlyList`1":
                    return "array:" + Kind(((INamedTypeSymbol)type).TypeArguments[0]);
            }

            return "other:" + type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }

        private static IEnumerable<string> ContainingTypes(INamedTypeSymbol type)
        {
            var chain = new List<string>();
            for (var current = type; current != null; current = current.ContainingType)
            {
                var kind = current.IsRecord ? (current.TypeKind == TypeKind.Struct ? "record struct" : "record")
                    : current.TypeKind == TypeKind.Struct ? "struct" : current.TypeKind == TypeKind.Interface ? "interface" : "class";
                var typeParameters = current.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", current.TypeParameters.Select(t => t.Name)) + ">";
                chain.Insert(0, (current.IsStatic ? "static " : "") + "partial " + kind + " " + CSharpLiterals.Identifier(current.Name) + typeParameters);
            }

            return chain;
        }

        private static string Accessibility(Accessibility accessibility) => accessibility switch
        {
            Microsoft.CodeAnalysis.Accessibility.Public => "public",
            Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
            Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
            Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
            Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };

        private static DiagnosticInfo Mismatch(Location? location, string message) =>
            DiagnosticInfo.Create(DiagnosticDescriptors.ParameterMismatch, LocationInfo.From(location), message);
    }
}
