using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaGen.Generators.Diagnostics;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Turns a property initializer into the column's DEFAULT: constants, enum members, empty collections,
    /// <c>DateTime.UtcNow</c>, <c>Guid.NewGuid()</c>, <c>JsonDocument.Parse("…")</c>. Initializers that only
    /// quiet nullability warnings (<c>= ""</c>, <c>= string.Empty</c>, <c>= null!</c>, <c>= default!</c>) are
    /// not defaults. Anything else is SG0008, never dropped silently.
    /// </summary>
    internal sealed class DefaultValueParser
    {
        private readonly ParseContext _context;
        private readonly EnumParser _enums;

        public DefaultValueParser(ParseContext context, EnumParser enums)
        {
            _context = context;
            _enums = enums;
        }

        /// <summary>The DEFAULT of the property's initializer, or null when it has none.</summary>
        public ParsedDefault? Parse(IPropertySymbol property, MappedType type, string tableClrName)
        {
            var initializer = Initializer(property);
            if (initializer == null)
                return null;

            var semanticModel = _context.Compilation.GetSemanticModel(initializer.SyntaxTree);
            var expression = Strip(initializer);
            var sql = Translate(expression, semanticModel, type, out var isNoDefault);
            if (sql != null)
            {
                var constant = semanticModel.GetConstantValue(expression, _context.CancellationToken);
                var value = constant.HasValue ? constant.Value : null;
                var text = value as string ?? (type.Kind == ValueKind.Enum && value != null ? _enums.LabelOf(type.ClrType, value) : null);
                return new ParsedDefault(sql, value, text, IsEmptyCollection(expression, semanticModel), initializer);
            }

            if (!isNoDefault)
                _context.Report(DiagnosticDescriptors.UnsupportedDefault, initializer.GetLocation(), tableClrName, property.Name, initializer.ToString());
            return null;
        }

        private static ExpressionSyntax? Initializer(IPropertySymbol property)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax())
                {
                    case PropertyDeclarationSyntax declaration when declaration.Initializer != null:
                        return declaration.Initializer.Value;
                    case ParameterSyntax parameter when parameter.Default != null:
                        return parameter.Default.Value; // a positional record's parameter default
                }
            }

            return null;
        }

        private static ExpressionSyntax Strip(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                        expression = suppressed.Operand;
                        continue;
                    default:
                        return expression;
                }
            }
        }

        private string? Translate(ExpressionSyntax expression, SemanticModel model, MappedType type, out bool isNoDefault)
        {
            isNoDefault = false;
            if (expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.DefaultLiteralExpression) || expression is DefaultExpressionSyntax)
            {
                isNoDefault = true;
                return null;
            }

            var constant = model.GetConstantValue(expression, _context.CancellationToken);
            if (constant.HasValue)
                return FromConstant(constant.Value, type, out isNoDefault);

            var symbol = model.GetSymbolInfo(expression, _context.CancellationToken).Symbol;
            if (symbol is IFieldSymbol { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String })
            {
                isNoDefault = true;
                return null;
            }

            if (IsEmptyCollection(expression, model))
                return type.Kind == ValueKind.Json ? (IsJsonArray(type.ClrType) ? "'[]'" : "'{}'")
                    : type.Kind == ValueKind.Array ? "'{}'"
                    : type.Kind == ValueKind.Bytes ? Model.SqlSyntax.Literal("\\x") // bytea's hex format of no bytes
                    : null;

            return symbol == null ? null : FromMember(symbol, expression);
        }

        private string? FromConstant(object? value, MappedType type, out bool isNoDefault)
        {
            isNoDefault = value == null || (value is string s && s.Length == 0);
            if (isNoDefault)
                return null;
            if (type.Kind == ValueKind.Enum)
            {
                var label = _enums.LabelOf(type.ClrType, value);
                return label == null ? null : Model.SqlSyntax.Literal(label);
            }

            return SqlLiterals.From(value);
        }

        private static string? FromMember(ISymbol symbol, ExpressionSyntax expression)
        {
            var owner = symbol.ContainingType?.FullMetadataName();
            switch (owner + "." + symbol.Name)
            {
                case "System.DateTime.UtcNow":
                case "System.DateTimeOffset.UtcNow":
                case "System.DateTimeOffset.Now":
                    return "now()";
                case "System.Guid.NewGuid":
                    return "gen_random_uuid()";
                case "System.Text.Json.JsonDocument.Parse":
                case "System.Text.Json.Nodes.JsonNode.Parse":
                    return JsonLiteral(expression);
                default:
                    return null;
            }
        }

        // JsonDocument.Parse("{}") with a single string literal argument: the literal is the default, when it is
        // JSON that both .NET and jsonb accept (else SG0008: the initializer throws, or the DEFAULT would).
        private static string? JsonLiteral(ExpressionSyntax expression) =>
            expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation
            && invocation.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax literal
            && literal.IsKind(SyntaxKind.StringLiteralExpression)
            && JsonText.IsValid(literal.Token.ValueText)
                ? Model.SqlSyntax.Literal(literal.Token.ValueText)
                : null;

        private static bool IsEmptyCollection(ExpressionSyntax expression, SemanticModel model)
        {
            switch (expression)
            {
                case BaseObjectCreationExpressionSyntax creation:
                    return (creation.ArgumentList == null || creation.ArgumentList.Arguments.Count == 0)
                        && (creation.Initializer == null || creation.Initializer.Expressions.Count == 0);
                case ArrayCreationExpressionSyntax array:
                    var sizes = array.Type.RankSpecifiers.SelectMany(r => r.Sizes).ToList();
                    return array.Initializer?.Expressions.Count == 0
                        || (array.Initializer == null && sizes.Count == 1 && model.GetConstantValue(sizes[0]).Value is 0);
                case InitializerExpressionSyntax initializer:
                    return initializer.Expressions.Count == 0;
                case InvocationExpressionSyntax invocation:
                    return model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { Name: "Empty" } method
                        && method.ContainingType.FullMetadataName() == "System.Array";
                default:
                    // A collection expression `[]` (C# 12); matched by kind so the generator still builds on Roslyn 4.8.
                    return expression.RawKind == (int)SyntaxKind.CollectionExpression && expression.ChildNodes().Count(n => !(n is null)) == 0;
            }
        }

        // In JSON, new() of a list, array or JsonArray is an empty array; of a dictionary, JsonObject or any
        // other class, an empty object.
        private static bool IsJsonArray(ITypeSymbol type) =>
            TypeMapper.CollectionElement(type) != null || type.FullMetadataName() == "System.Text.Json.Nodes.JsonArray";
    }
}
