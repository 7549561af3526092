using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// The <see cref="ColumnFacts"/> of the columns whose type is given by <c>[Column(TypeName)]</c> (only those can name a
    /// domain). Validation attributes are read as Validator reads their bounds; anything not stated as a number is left out.
    /// </summary>
    internal static class ColumnFactsReader
    {
        public static EquatableArray<ColumnFacts> Read(ParseContext context, IEnumerable<ParsedColumn> columns) =>
            columns.Where(c => c.Property.GetAttribute(context.Known.ColumnAttribute)?.Named("TypeName") is string)
                .Select(c => Facts(context, c))
                .ToEquatableArray();

        private static ColumnFacts Facts(ParseContext context, ParsedColumn column)
        {
            var facts = new ColumnFacts
            {
                Column = column.Column.Name,
                PropertyId = column.Property.DeclarationId(),
                PropertyName = column.Property.Name,
                ClrType = column.Property.Type.ToDisplayString(),
                Kind = WrapperParser.Kind(column.Property.Type),
                DefaultText = column.Default?.Initializer.ToString(),
                DefaultNumber = column.Default == null ? null : DefaultValues.Number(column.Default),
                DefaultLength = column.Default == null ? null : DefaultValues.Length(column.Default),
            };
            foreach (var attribute in column.Property.EffectiveAttributes().Where(a => context.Known.IsDataAnnotation(a.AttributeClass)))
            {
                switch (attribute.AttributeClass!.Name)
                {
                    case "RangeAttribute":
                        var args = attribute.ConstructorArguments;
                        var bounds = args.Length == 2 ? (Number(args[0].Value), Number(args[1].Value))
                            : args.Length == 3 ? (Number(args[1].Value), Number(args[2].Value))
                            : (null, null);
                        facts = facts with
                        {
                            RangeMin = bounds.Item1, RangeMax = bounds.Item2,
                            MinExclusive = attribute.Named("MinimumIsExclusive") is true, MaxExclusive = attribute.Named("MaximumIsExclusive") is true,
                        };
                        break;
                    case "MaxLengthAttribute":
                        facts = facts with { MaxLength = attribute.Argument(0) as int? };
                        break;
                    case "MinLengthAttribute":
                        facts = facts with { MinLength = attribute.Argument(0) as int? };
                        break;
                    case "StringLengthAttribute":
                        facts = facts with { MaxLength = attribute.Argument(0) as int?, MinLength = attribute.Named("MinimumLength") as int? };
                        break;
                    case "LengthAttribute":
                        facts = facts with { MinLength = attribute.Argument(0) as int?, MaxLength = attribute.Argument(1) as int? };
                        break;
                }
            }

            return facts;
        }

        private static double? Number(object? value) => value switch
        {
            int i => i,
            double d when !double.IsNaN(d) => d,
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }
}
