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

        public static WrapperParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.IsEmpty)
                return new WrapperParseResult { Spec = null, Diagnostics = EquatableArray<DiagnosticInfo>.Empty };
            cancellationToken.ThrowIfCancellationRequested();

            var known = KnownSymbols.For(context.SemanticModel.Compilation);
            var attribute = context.Attributes[0];
            var diagnostics = new List<DiagnosticInfo>();
            var declarationId = method.DeclarationId();
            var at = new DiagnosticTarget.Declaration(declarationId);
            var functionName = attribute.Argument(0) as string ?? "";
            var display = method.ContainingType.Name + "." + method.Name;

            if (!method.IsPartialDefinition || method.PartialImplementationPart != null || method.IsGenericMethod)
                diagnostics.Add(Mismatch(at, $"'{display}' must be a non-generic partial method without a body, so that SchemaGen can implement it"));

            var parameters = method.Parameters.Select(p => Parameter(p, method.IsExtensionMethod && p.Ordinal == 0)).ToList();
            foreach (var byReference in method.Parameters.Where(p => p.RefKind != RefKind.None))
            {
                var modifier = byReference.RefKind switch { RefKind.Ref => "ref", RefKind.Out => "out", _ => "in" };
                diagnostics.Add(Mismatch(at, $"'{display}' passes '{byReference.Name}' by reference ({modifier}); a [SqlFunction] parameter is a value sent to PostgreSQL: remove '{modifier}'"));
            }

            if (!parameters.Any(p => p.Role == ParameterRole.Connection))
                diagnostics.Add(Mismatch(at, $"'{display}' needs an NpgsqlConnection parameter to call {functionName} on"));

            var (shape, element, elementNullable) = Shape(method.ReturnType);
            if (shape == null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ResultMismatch, at,
                    $"'{display}' returns {method.ReturnType.ToDisplayString()}; a [SqlFunction] method returns Task, Task<T>, Task<T?>, Task<IReadOnlyList<T>>, Task<List<T>> or IAsyncEnumerable<T>"));

            var elementKind = element == null ? null : Kind(element);
            var isRecord = element != null && elementKind is ClrKind.Other && element.TypeKind is TypeKind.Class or TypeKind.Struct;
            var (constructorArguments, members) = isRecord ? Members((INamedTypeSymbol)TypeMapper.Unwrap(element!)) : (0, new List<ResultMember>());
            if (isRecord && Uncreatable((INamedTypeSymbol)TypeMapper.Unwrap(element!), constructorArguments > 0) is string why)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ResultMismatch, at,
                    $"'{display}' reads rows into {TypeMapper.Unwrap(element!).ToDisplayString()}, which the generated code cannot create: {why}; return a record or class with a public constructor and a property per column"));
            if (shape == ResultShape.Scalar && isRecord)
                shape = ResultShape.Row;

            var cancellation = method.Parameters.FirstOrDefault(p => Role(p.Type) == ParameterRole.Cancellation);
            var needsEnumeratorCancellation = shape == ResultShape.Stream && cancellation != null
                && !cancellation.HasAttribute(known.EnumeratorCancellationAttribute);

            var spec = new WrapperSpec
            {
                Namespace = method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString(),
                ContainingTypes = ContainingTypes(method.ContainingType).ToEquatableArray(),
                Modifiers = Accessibility(method.DeclaredAccessibility) + (method.IsStatic ? " static" : ""),
                MethodName = CSharpLiterals.Identifier(method.Name),
                DeclarationId = declarationId,
                ReturnType = method.ReturnType.ToDisplayString(TypeFormat),
                Shape = shape ?? ResultShape.None,
                ElementType = element == null ? null : TypeMapper.Unwrap(element).WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat),
                ElementReadType = element == null ? null : ReadType(element),
                ElementKind = elementKind,
                ElementIsNullable = elementNullable,
                ElementIsRecord = isRecord,
                ConstructorArguments = constructorArguments,
                Members = members.ToEquatableArray(),
                Parameters = parameters.ToEquatableArray(),
                FunctionName = functionName,
                FunctionSchema = attribute.Named("Schema") as string,
                NeedsEnumeratorCancellation = needsEnumeratorCancellation,
                HasErrors = diagnostics.Count > 0,
            };
            return new WrapperParseResult { Spec = spec, Diagnostics = diagnostics.ToEquatableArray() };
        }

        private static WrapperParameter Parameter(IParameterSymbol p, bool isThis) => new WrapperParameter
        {
            Name = p.Name,
            Declaration = (isThis ? "this " : p.IsParams ? "params " : "") + p.Type.ToDisplayString(TypeFormat) + " " + CSharpLiterals.Identifier(p.Name),
            Role = Role(p.Type),
            Kind = Kind(p.Type),
        };

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

        // The constructor whose parameters all name properties (a positional record's), with the settable properties it
        // does not take after its arguments; else the settable properties alone.
        private static (int ConstructorArguments, List<ResultMember> Members) Members(INamedTypeSymbol type)
        {
            var properties = type.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && p.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public).ToList();
            var constructor = type.InstanceConstructors
                .Where(c => c.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public && c.Parameters.Length > 0
                    && c.Parameters.All(p => properties.Any(q => string.Equals(q.Name, p.Name, System.StringComparison.OrdinalIgnoreCase))))
                .OrderByDescending(c => c.Parameters.Length)
                .FirstOrDefault();
            var taken = constructor?.Parameters.Select(p => properties.First(q => string.Equals(q.Name, p.Name, System.StringComparison.OrdinalIgnoreCase))).ToList()
                ?? new List<IPropertySymbol>();
            var settable = properties.Where(p => p.SetMethod != null && p.SetMethod.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public
                && !taken.Contains(p, SymbolEqualityComparer.Default));
            var members = taken.Select((p, i) => Member(p, constructor!.Parameters[i].Type)).Concat(settable.Select(p => Member(p, p.Type))).ToList();
            return (taken.Count, members);
        }

        // Why a row type cannot be made by `new T(…)` or `new T { … }`, or null when it can.
        private static string? Uncreatable(INamedTypeSymbol type, bool viaConstructor)
        {
            if (type.IsTupleType)
                return "it is a tuple, whose elements have no names at run time";
            if (type.IsAbstract)
                return "it is abstract";
            if (!viaConstructor && type.TypeKind == TypeKind.Class
                && !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public))
                return "it has no public constructor without parameters, and none whose parameters are its properties";
            return null;
        }

        private static ResultMember Member(IPropertySymbol property, ITypeSymbol type) => new ResultMember
        {
            Name = property.Name,
            DeclarationId = property.DeclarationId(),
            ReadType = ReadType(type),
            Kind = Kind(type),
            IsNullable = IsNullable(type),
        };

        // int? stays int? (GetFieldValue<int?> reads NULL as null); string? becomes string (null is its default).
        private static string ReadType(ITypeSymbol type) =>
            (type.IsValueType ? type : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)).ToDisplayString(TypeFormat);

        private static bool IsNullable(ITypeSymbol type) =>
            type.NullableAnnotation == NullableAnnotation.Annotated || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

        /// <summary>What a CLR type can hold, in the terms <see cref="Assembling.SqlTypeFit"/> compares.</summary>
        public static ClrKind Kind(ITypeSymbol declared)
        {
            var type = TypeMapper.Unwrap(declared);
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: return new ClrKind.Scalar(ScalarType.Bool);
                case SpecialType.System_Int16: return new ClrKind.Scalar(ScalarType.Short);
                case SpecialType.System_Int32: return new ClrKind.Scalar(ScalarType.Int);
                case SpecialType.System_Int64: return new ClrKind.Scalar(ScalarType.Long);
                case SpecialType.System_Single: return new ClrKind.Scalar(ScalarType.Float);
                case SpecialType.System_Double: return new ClrKind.Scalar(ScalarType.Double);
                case SpecialType.System_Decimal: return new ClrKind.Scalar(ScalarType.Decimal);
                case SpecialType.System_String: return ClrKind.String;
                case SpecialType.System_DateTime: return new ClrKind.Scalar(ScalarType.DateTime);
            }

            if (type is IArrayTypeSymbol array)
                return array.ElementType.SpecialType == SpecialType.System_Byte ? new ClrKind.Scalar(ScalarType.Bytes) : new ClrKind.ArrayOf(Kind(array.ElementType));
            if (type.TypeKind == TypeKind.Enum)
                return new ClrKind.EnumType(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));

            var name = type.OriginalDefinition.FullMetadataName();
            switch (name)
            {
                case "System.DateTimeOffset": return new ClrKind.Scalar(ScalarType.DateTimeOffset);
                case "System.DateOnly": return new ClrKind.Scalar(ScalarType.DateOnly);
                case "System.TimeOnly": return new ClrKind.Scalar(ScalarType.TimeOnly);
                case "System.TimeSpan": return new ClrKind.Scalar(ScalarType.TimeSpan);
                case "System.Guid": return new ClrKind.Scalar(ScalarType.Guid);
                case "System.Collections.Generic.List`1":
                case "System.Collections.Generic.IReadOnlyList`1":
                    return new ClrKind.ArrayOf(Kind(((INamedTypeSymbol)type).TypeArguments[0]));
            }

            return TypeMapper.IsJsonDocument(type) ? ClrKind.Json.Instance : new ClrKind.Other(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
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

        private static DiagnosticInfo Mismatch(DiagnosticTarget at, string message) =>
            DiagnosticInfo.Create(DiagnosticDescriptors.ParameterMismatch, at, message);
    }
}
