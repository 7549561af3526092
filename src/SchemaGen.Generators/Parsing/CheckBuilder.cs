using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>What the validation attributes of one property become in the database.</summary>
    /// <param name="VarcharLength">The n of character varying(n), when a length attribute caps a string.</param>
    /// <param name="Checks">CHECK constraints, each rejecting exactly what its attribute rejects.</param>
    /// <param name="DefaultTests">For each CHECK, whether it refuses an initializer's default (SG0024).</param>
    internal sealed record ColumnRules(int? VarcharLength, List<CheckModel> Checks, List<DefaultTest> DefaultTests)
    {
        /// <summary>The CHECK that refuses the default ("CHECK from [Range]"), or null when every CHECK takes it.</summary>
        public string? Refusing(ParsedDefault value) => DefaultTests.FirstOrDefault(test => test.Refuses(value)) is { } test ? "CHECK from " + test.Attribute : null;
    }

    /// <summary>
    /// Turns DataAnnotations validation attributes into CHECK constraints that reject exactly the values
    /// <c>Validator.TryValidateProperty</c> rejects. NULL passes a CHECK in SQL, as it passes these attributes,
    /// except [AllowedValues] without null, which the CHECK then spells out.
    /// </summary>
    internal sealed class CheckBuilder
    {
        // char.IsWhiteSpace, as a PostgreSQL regex class: [Required] rejects strings made only of these.
        private const string NotWhiteSpacePattern = @"[^\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";

        private readonly ParseContext _context;
        private readonly EnumParser _enums;

        public CheckBuilder(ParseContext context, EnumParser enums)
        {
            _context = context;
            _enums = enums;
        }

        public ColumnRules Build(ColumnSource source)
        {
            var rules = new ColumnRules(null, new List<CheckModel>(), new List<DefaultTest>());
            foreach (var attribute in source.Property.EffectiveAttributes())
            {
                if (_context.Known.IsDataAnnotation(attribute.AttributeClass))
                    rules = Apply(source, attribute, rules);
                else if (_context.Known.ValidationAttribute.IsBaseOf(attribute.AttributeClass))
                    NotEnforced(source, attribute); // a ValidationAttribute of the user's own
            }

            return rules;
        }

        private ColumnRules Apply(ColumnSource source, AttributeData attribute, ColumnRules rules)
        {
            var column = SqlSyntax.Identifier(source.ColumnName);
            switch (attribute.AttributeClass!.Name)
            {
                case "RequiredAttribute":
                    if (source.Type.Kind == ValueKind.Text && !(attribute.Named("AllowEmptyStrings") is true))
                        Add(rules, source, "required", column + " ~ " + SqlSyntax.Literal(NotWhiteSpacePattern),
                            new DefaultTest("[Required]", value => value.Text is string text && text.Length > 0 && text.All(char.IsWhiteSpace)));
                    return rules;

                case "MaxLengthAttribute":
                    var maxLength = attribute.Argument(0) as int? ?? -1; // -1: [MaxLength] without a length, no cap
                    return maxLength == 0 || maxLength < -1
                        ? IllegalLengths(source, attribute, rules, "a maximum length must be above 0 (or -1, no cap)")
                        : Length(source, attribute, rules, min: null, max: maxLength);
                case "MinLengthAttribute":
                    return attribute.Argument(0) as int? < 0
                        ? IllegalLengths(source, attribute, rules, "a minimum length cannot be negative")
                        : Length(source, attribute, rules, min: attribute.Argument(0) as int?, max: null);
                case "StringLengthAttribute":
                    if (source.Type.Kind != ValueKind.Text)
                        return Incompatible(source, attribute, rules, "it measures strings, and the column is " + source.Type.SqlType);
                    return Bounds(source, attribute, rules, min: attribute.Named("MinimumLength") as int? ?? 0, max: attribute.Argument(0) as int? ?? 0);
                case "LengthAttribute":
                    return Bounds(source, attribute, rules, min: attribute.Argument(0) as int? ?? 0, max: attribute.Argument(1) as int? ?? 0);

                case "RangeAttribute":
                    return Range(source, attribute, rules, column);
                case "RegularExpressionAttribute":
                    return Regex(source, attribute, rules, column);
                case "AllowedValuesAttribute":
                    return Values(source, attribute, rules, column, allowed: true);
                case "DeniedValuesAttribute":
                    return Values(source, attribute, rules, column, allowed: false);
                case "DataTypeAttribute":
                    return rules; // a hint for UI and formatting: Validator accepts every value
                default:
                    if (_context.Known.ValidationAttribute.IsBaseOf(attribute.AttributeClass))
                        NotEnforced(source, attribute); // [EmailAddress], [Url], [Phone], [CreditCard], [Compare], …
                    return rules;
            }
        }

        // [StringLength] and [Length]: Validator throws on every value (null too) unless 0 <= min <= max.
        private ColumnRules Bounds(ColumnSource source, AttributeData attribute, ColumnRules rules, int min, int max) =>
            min < 0 || max < 0 ? IllegalLengths(source, attribute, rules, "a length cannot be negative")
            : max < min ? IllegalLengths(source, attribute, rules, "the maximum length is below the minimum")
            : Length(source, attribute, rules, min, max);

        private ColumnRules IllegalLengths(ColumnSource source, AttributeData attribute, ColumnRules rules, string why) =>
            Incompatible(source, attribute, rules, why + ", and Validator throws on every value");

        // PostgreSQL refuses character varying(n) beyond this n (22023).
        private const int MaxVarcharLength = 10485760;

        private ColumnRules Length(ColumnSource source, AttributeData attribute, ColumnRules rules, int? min, int? max)
        {
            string measure;
            switch (source.Type.Kind)
            {
                case ValueKind.Text: measure = "char_length"; break;
                case ValueKind.Array: measure = "cardinality"; break;
                case ValueKind.Bytes: measure = "octet_length"; break;
                default: return Incompatible(source, attribute, rules, "it measures strings, arrays and byte[], and the column is " + source.Type.SqlType);
            }

            var column = SqlSyntax.Identifier(source.ColumnName);
            var minimum = min.GetValueOrDefault();
            if (minimum > 0)
                Add(rules, source, "min_length", measure + "(" + column + ") >= " + Invariant(minimum),
                    new DefaultTest(Shown(attribute), value => DefaultValues.Length(value) < minimum));

            if (max is int maximum && maximum >= 0)
            {
                // A string capped by an attribute is character varying(n), as EF Core and Npgsql users expect;
                // when the column type is given explicitly, or the cap is beyond what character varying(n) allows
                // ([StringLength(int.MaxValue)]), the cap becomes a CHECK instead.
                if (source.Type.Kind == ValueKind.Text && !source.TypeIsExplicit && maximum <= MaxVarcharLength)
                    return rules with { VarcharLength = Math.Min(rules.VarcharLength ?? int.MaxValue, maximum) };
                Add(rules, source, "max_length", measure + "(" + column + ") <= " + Invariant(maximum),
                    new DefaultTest(Shown(attribute), value => DefaultValues.Length(value) > maximum));
            }

            return rules;
        }

        private ColumnRules Range(ColumnSource source, AttributeData attribute, ColumnRules rules, string column)
        {
            // Range(typeof(DateTime), "…", "…") compares values a TypeConverter parses from the bounds (in the current
            // culture unless told otherwise): only numeric ranges become CHECKs, whatever the column.
            var args = attribute.ConstructorArguments;
            if (args.Length == 3 && args[0].Value is ITypeSymbol compared && !IsNumeric(compared))
                return Incompatible(source, attribute, rules, "Range(typeof(" + compared.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "), …) compares "
                    + compared.ToDisplayString() + " values that Validator parses from the bounds with a TypeConverter, and only numeric ranges become CHECKs; write the rule as a [Check(\"…\")] on the class");

            var kind = source.Type.Kind;
            if (kind != ValueKind.Integer && kind != ValueKind.Floating && kind != ValueKind.Decimal)
                return Incompatible(source, attribute, rules, "it compares numbers, and the column is " + source.Type.SqlType);

            RangeBound? min, max;
            if (args.Length == 2 && args[0].Value is int intMin && args[1].Value is int intMax)
            {
                // Validator converts the value with Convert.ToInt32, which rounds 10.4 to 10; SQL would not.
                if (kind != ValueKind.Integer)
                    return Incompatible(source, attribute, rules, "Range(int, int) rounds a fractional value before comparing; write the bounds as doubles, e.g. [Range(1.0, 10.0)]");
                min = RangeBound.Of(intMin);
                max = RangeBound.Of(intMax);
            }
            else if (args.Length == 2 && args[0].Value is double doubleMin && args[1].Value is double doubleMax)
            {
                if (double.IsNaN(doubleMin) || double.IsNaN(doubleMax))
                    return Incompatible(source, attribute, rules, "a bound is NaN, which Validator orders below every number and PostgreSQL above");
                min = RangeBound.Of(doubleMin);
                max = RangeBound.Of(doubleMax);
            }
            else if (args.Length == 3 && args[0].Value is ITypeSymbol operand && IsNumeric(operand))
            {
                // Validator parses the bounds as the operand type (and throws when it cannot); so does this.
                min = RangeBound.Parse(args[1].Value as string, operand.SpecialType);
                max = RangeBound.Parse(args[2].Value as string, operand.SpecialType);
                if (min == null || max == null)
                    return Incompatible(source, attribute, rules, "its bounds are not numbers of type " + operand.ToDisplayString() + " in the invariant culture");
            }
            else
            {
                return Incompatible(source, attribute, rules, "only numeric ranges can be checked by PostgreSQL");
            }

            if (min.Value.Value > max.Value.Value)
                return Incompatible(source, attribute, rules, "the maximum is below the minimum, and Validator throws on every value");

            // An infinite bound is no bound on a side it opens (every number is below +Infinity), and PostgreSQL's
            // integer and numeric types cannot even compare with 'Infinity', so that side is left out.
            var conditions = new List<string>();
            var minExclusive = attribute.Named("MinimumIsExclusive") is true;
            var maxExclusive = attribute.Named("MaximumIsExclusive") is true;
            if (min.Value.Condition(column, kind, lower: true, exclusive: minExclusive) is string minCondition)
                conditions.Add(minCondition);
            if (max.Value.Condition(column, kind, lower: false, exclusive: maxExclusive) is string maxCondition)
                conditions.Add(maxCondition);
            var low = min.Value.Value;
            var high = max.Value.Value;
            if (conditions.Count > 0)
                Add(rules, source, "range", string.Join(" AND ", conditions), new DefaultTest(Shown(attribute), value =>
                    DefaultValues.Number(value) is double number && (number < low || (minExclusive && number == low) || number > high || (maxExclusive && number == high))));
            return rules;
        }

        private ColumnRules Regex(ColumnSource source, AttributeData attribute, ColumnRules rules, string column)
        {
            if (source.Type.Kind != ValueKind.Text)
                return Incompatible(source, attribute, rules, "it matches strings, and the column is " + source.Type.SqlType);
            if (!(attribute.Argument(0) is string pattern))
                return rules;

            // What PostgreSQL would refuse or read differently is SG0006, and the CHECK is left out until it is fixed.
            // The constructs PostgreSQL lacks are named first (.NET refuses some of them too, with a vaguer message).
            var incompatibilities = RegexCompatibility.Find(pattern);
            if (incompatibilities.Count == 0)
                incompatibilities = RegexCompatibility.Invalid(pattern) ?? incompatibilities;
            if (incompatibilities.Count > 0)
            {
                var location = attribute.GetArgumentLocation(0, source.Property);
                foreach (var incompatibility in incompatibilities)
                    _context.Report(DiagnosticDescriptors.IncompatibleRegex, location, source.TableClrName, source.Property.Name, incompatibility.Construct, incompatibility.Advice);
                return rules;
            }

            // [RegularExpression] must match the whole string and lets the empty string through. A leading (?i) is
            // written out as the characters .NET folds together (RegexCaseFolding), not left to PostgreSQL's locale.
            var ignoreCase = pattern.StartsWith(RegexCompatibility.LeadingCaseInsensitive, StringComparison.Ordinal);
            if (ignoreCase)
                pattern = pattern.Substring(RegexCompatibility.LeadingCaseInsensitive.Length);
            if (ignoreCase && System.Text.RegularExpressions.Regex.IsMatch(pattern, @"(?<!\\)(?:\\\\)*\\[1-9]"))
            {
                // A back reference compares case-insensitively in .NET; written out, PostgreSQL's would compare exactly.
                _context.Report(DiagnosticDescriptors.IncompatibleRegex, attribute.GetArgumentLocation(0, source.Property), source.TableClrName, source.Property.Name,
                    "a back reference with (?i)", "PostgreSQL would compare the repeated text case-sensitively; spell the cases out without (?i)");
                return rules;
            }

            var written = attribute.Argument(0) as string ?? "";
            Add(rules, source, "regex", column + " = '' OR " + column + " ~ " + SqlSyntax.Literal("^(?:" + RegexTranslator.ForPostgres(pattern, ignoreCase) + ")$"),
                new DefaultTest(Shown(attribute), value => value.Text is string text && DefaultValues.MissesPattern(text, written)));
            return rules;
        }

        private ColumnRules Values(ColumnSource source, AttributeData attribute, ColumnRules rules, string column, bool allowed)
        {
            var values = attribute.ConstructorArguments.FirstOrDefault();
            if (values.Kind != TypedConstantKind.Array)
                return rules;
            // [AllowedValues(null)] passes no array at all, and Validator then throws on every value.
            if (values.IsNull)
                return Incompatible(source, attribute, rules, "the list of values is null, which Validator cannot check a value against; to allow or deny null, write new object?[] { null }");

            var hasNull = false;
            var literals = new List<string>();
            var listed = new List<object>();
            foreach (var value in values.Values)
            {
                if (value.IsNull)
                {
                    hasNull = true;
                    continue;
                }

                listed.Add(value.Value!);

                if (value.Value is string text && SqlSyntax.UnstorableText(text) is string unstorable)
                    return Incompatible(source, attribute, rules, $"the value \"{SqlSyntax.Printable(text)}\" {unstorable}");
                var literal = ValueLiteral(source, value);
                if (literal == null)
                    return Incompatible(source, attribute, rules, $"the value {value.ToCSharpString()} is not a {source.Type.ClrType.ToDisplayString()}, so it can never be equal to the column");
                literals.Add(literal);
            }

            // Validator rejects null unless the list allows it ([AllowedValues]) or denies it ([DeniedValues]);
            // a CHECK lets NULL through, so a nullable column spells the null case out.
            var nullRejected = allowed ? !hasNull : hasNull;
            var conditions = new List<string>();
            if (nullRejected && source.IsNullable)
                conditions.Add(column + " IS NOT NULL");
            if (literals.Count > 0)
                conditions.Add(column + (allowed ? " IN (" : " NOT IN (") + string.Join(", ", literals) + ")");
            else if (allowed)
                conditions.Add("false"); // [AllowedValues(null)] on a column: only NULL, which a CHECK lets through

            if (conditions.Count > 0)
                Add(rules, source, allowed ? "allowed" : "denied", string.Join(" AND ", conditions), new DefaultTest(Shown(attribute), value =>
                    value.Constant != null && listed.Any(item => DefaultValues.SameValue(item, value.Constant)) != allowed));
            return rules;
        }

        private string? ValueLiteral(ColumnSource source, TypedConstant value)
        {
            var type = source.Type;
            if (type.Kind == ValueKind.Enum)
                return SymbolEqualityComparer.Default.Equals(value.Type, type.ClrType) && _enums.LabelOf(type.ClrType, value.Value) is string label
                    ? SqlSyntax.Literal(label)
                    : null;

            // Validator compares with object.Equals: a boxed int never equals a long, so the types must match.
            // (SpecialType None on both sides, an enum constant against a JsonDocument column, is no match.)
            return value.Type != null && value.Type.SpecialType != SpecialType.None && value.Type.SpecialType == type.ClrType.SpecialType
                ? SqlLiterals.From(value.Value)
                : null;
        }

        private void Add(ColumnRules rules, ColumnSource source, string kind, string expression, DefaultTest defaultTest)
        {
            rules.Checks.Add(new CheckModel(SqlNaming.DeriveName("ck", source.TableName, source.ColumnName, kind), expression));
            rules.DefaultTests.Add(defaultTest);
        }

        // The attribute as a message names it: [MaxLength], [Range].
        private static string Shown(AttributeData attribute) => "[" + attribute.ShortName() + "]";

        private ColumnRules Incompatible(ColumnSource source, AttributeData attribute, ColumnRules rules, string why)
        {
            var shortName = attribute.ShortName();
            _context.Report(DiagnosticDescriptors.IncompatibleAttribute, attribute.GetLocation(source.Property), shortName, source.TableClrName, source.Property.Name, why);
            return rules;
        }

        // SG0016: Validator refuses values by .NET code no CHECK reproduces exactly, so the database does not.
        private void NotEnforced(ColumnSource source, AttributeData attribute)
        {
            var shortName = attribute.ShortName();
            _context.Report(DiagnosticDescriptors.NotEnforced, attribute.GetLocation(source.Property), shortName, source.TableClrName, source.Property.Name,
                "Validator runs .NET code for it that no CHECK reproduces exactly, so the column accepts values Validator refuses; validate in the application, or add a [RegularExpression] or [Check] the database can run");
        }

        private static bool IsNumeric(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Int16:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                    return true;
                default:
                    return false;
            }
        }

        private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
