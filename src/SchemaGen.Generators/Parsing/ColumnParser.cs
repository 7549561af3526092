using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Assembling;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Maps one property to a column: name, type ([Column(TypeName)] first, then the type mapping, then
    /// [Numeric] and length attributes), nullability, identity, generated expression, default and checks.
    /// </summary>
    internal sealed class ColumnParser
    {
        private readonly ParseContext _context;
        private readonly ModelConventions _conventions;
        private readonly TypeMapper _types;
        private readonly DefaultValueParser _defaults;
        private readonly CheckBuilder _checks;

        public ColumnParser(ParseContext context, ModelConventions conventions, EnumParser enums)
        {
            _context = context;
            _conventions = conventions;
            _types = new TypeMapper(enums);
            _defaults = new DefaultValueParser(context, enums);
            _checks = new CheckBuilder(context, enums);
        }

        /// <summary>The column, or null when the property cannot be mapped (a diagnostic says why).</summary>
        public ParsedColumn? Parse(IPropertySymbol property, string tableName, string tableClrName, bool isKey)
        {
            var location = property.Locations.FirstOrDefault();
            var columnAttribute = property.GetAttribute(_context.Known.ColumnAttribute);
            var name = _conventions.ColumnName(property);
            if (columnAttribute?.Argument(0) is string givenName)
                _context.CheckName("column", givenName, columnAttribute.GetArgumentLocation(0, property));
            else
                _context.CheckDerivedName("column", name, location);

            var explicitType = columnAttribute?.Named("TypeName") as string;
            var mapped = _types.Map(property.Type) ?? GeometryMapper.Map(property, _context, tableClrName);
            if (mapped == null && string.IsNullOrWhiteSpace(explicitType))
            {
                if (property.Type.TypeKind != TypeKind.Error)
                    _context.Report(DiagnosticDescriptors.UnmappableType, location, tableClrName, property.Name, property.Type.ToDisplayString());
                return null;
            }

            // TypeName is a type name and nothing else (SG0015): never a way to put other SQL into the DDL.
            string? canonicalType = null;
            if (explicitType != null && !SqlTypeNames.TryCanonical(explicitType, out canonicalType, out var typeError))
            {
                _context.Report(DiagnosticDescriptors.InvalidSql, columnAttribute!.GetNamedArgumentLocation("TypeName", property), "Column", tableClrName + "." + property.Name,
                    "TypeName \"" + SqlSyntax.Printable(explicitType) + "\" is not a type name PostgreSQL takes as written: " + typeError + "; write only the type, and constraints or defaults with their attributes");
                return null;
            }

            var type = canonicalType == null
                ? mapped!
                : Explicit(canonicalType, mapped, property.Type);

            // MapTypes names the property's enum or JSON type: one it cannot name would be an error inside Schema.g.cs.
            if ((type.Enum != null || type.Kind == ValueKind.Json) && GeneratedCodeNames.Problem(type.ClrType) is string unnameable)
            {
                _context.Report(DiagnosticDescriptors.UnnameableType, location, tableClrName, property.Name, property.Type.ToDisplayString(), unnameable);
                return null;
            }
            var isNullable = Nullability(property, tableClrName, isKey);
            var source = new ColumnSource(property, tableName, tableClrName, name, type, canonicalType != null, isNullable);

            var rules = _checks.Build(source);
            var sqlType = SqlType(source, rules.VarcharLength, tableClrName);
            var identity = Identity(source, tableClrName); // may be dropped below when it conflicts
            var generated = Sql(property, "Generated", tableClrName);
            ParsedDefault? initializerDefault = null;
            var defaultSql = property.HasAttribute(_context.Known.GeneratedAttribute) ? null : Default(source, tableClrName, out initializerDefault);
            // SG0024: a default the column's own type or CHECK refuses makes every INSERT that leaves the column out fail.
            if (initializerDefault != null && (DefaultValues.RefusingType(sqlType, initializerDefault) ?? rules.Refusing(initializerDefault)) is string refusing)
                _context.Report(DiagnosticDescriptors.RefusedDefault, initializerDefault.Initializer.GetLocation(), tableClrName, property.Name, initializerDefault.Initializer.ToString(), refusing);
            if (identity != IdentityKind.None && (defaultSql != null || generated != null))
            {
                // PostgreSQL refuses a column that is both identity and defaulted or generated (42601).
                var databaseGenerated = property.GetAttribute(_context.Known.DatabaseGeneratedAttribute)!;
                Incompatible(databaseGenerated, source, tableClrName, generated != null
                    ? "a column cannot be both an identity and [Generated]; remove one of them"
                    : "an identity column takes its values from its sequence and cannot have a default; remove the initializer or [DefaultSql]");
                identity = IdentityKind.None;
            }

            var column = new ColumnModel(
                name,
                sqlType,
                isNullable && identity == IdentityKind.None,
                defaultSql,
                identity,
                generated,
                DocComments.Summary(property, _context),
                RenamedFrom.Read(_context, property, "column"),
                type.TypeSchema);
            return new ParsedColumn(property, column, type, rules.Checks, initializerDefault);
        }

        // [Column(TypeName)] decides the kind of value when it names JSON or an array; otherwise the CLR type does.
        // The values of a [Column(TypeName)] column are the SQL type's: a built-in type decides the kind the checks and
        // index methods work with (a string stored as real gets no text CHECK: [MaxLength] on it is SG0005). An enum stored
        // as text stays an enum (its values are its labels); a type SchemaGen does not know keeps the C# type's kind.
        private static MappedType Explicit(string sqlType, MappedType? mapped, ITypeSymbol clrType)
        {
            var builtin = BuiltinKind(sqlType);
            var kind = sqlType.EndsWith("[]", System.StringComparison.Ordinal) ? ValueKind.Array
                : builtin == null || (builtin == ValueKind.Text && mapped?.Kind == ValueKind.Enum) ? mapped?.Kind ?? ValueKind.Custom
                : builtin.Value;
            return new MappedType(sqlType, null, kind, TypeMapper.Unwrap(clrType), null);
        }

        private static ValueKind? BuiltinKind(string sqlType) => SqlTypeFit.Normalize(sqlType) switch
        {
            "smallint" or "integer" or "bigint" => ValueKind.Integer,
            "real" or "double precision" => ValueKind.Floating,
            "numeric" => ValueKind.Decimal,
            "boolean" => ValueKind.Boolean,
            "text" or "character varying" or "character" or "name" => ValueKind.Text,
            "bytea" => ValueKind.Bytes,
            "json" or "jsonb" => ValueKind.Json,
            "uuid" => ValueKind.Uuid,
            "date" or "interval" or "time without time zone" or "time with time zone" or "timestamp without time zone" or "timestamp with time zone" => ValueKind.Temporal,
            "inet" or "cidr" or "macaddr" or "macaddr8" => ValueKind.Network,
            "bit" or "bit varying" or "money" or "xml" or "tsvector" or "tsquery" => ValueKind.Custom,
            _ => null,
        };

        private bool Nullability(IPropertySymbol property, string tableClrName, bool isKey)
        {
            var type = property.Type;
            var declaredNullable = type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                || (type.IsReferenceType && property.NullableAnnotation == NullableAnnotation.Annotated);
            // Code compiled without nullable reference types says nothing; such a reference may be null.
            var oblivious = type.IsReferenceType && property.NullableAnnotation == NullableAnnotation.None;

            var forcedBy = isKey ? "[Key]"
                : property.IsRequired ? "required"
                : property.HasAttribute(_context.Known.RequiredAttribute) ? "[Required]"
                : null;
            if (forcedBy != null && declaredNullable)
                _context.Report(DiagnosticDescriptors.ContradictoryNullability, property.Locations.FirstOrDefault(), tableClrName, property.Name, type.ToDisplayString(), forcedBy);
            return forcedBy == null && (declaredNullable || oblivious);
        }

        private string SqlType(ColumnSource source, int? varcharLength, string tableClrName)
        {
            var numeric = source.Property.GetAttribute(_context.Known.NumericAttribute);
            if (numeric != null && !source.TypeIsExplicit)
            {
                var precision = numeric.Argument(0) as int? ?? 0;
                var scale = numeric.Argument(1) as int? ?? 0;
                if (source.Type.Kind != ValueKind.Decimal)
                    Incompatible(numeric, source, tableClrName, "numeric(p, s) holds decimals, and the column is " + source.Type.SqlType);
                else if (precision < 1 || precision > 1000 || scale < 0 || scale > precision)
                    Incompatible(numeric, source, tableClrName, "precision must be 1 to 1000 and scale 0 to the precision");
                else
                    return string.Format(CultureInfo.InvariantCulture, "numeric({0},{1})", precision, scale);
            }

            if (varcharLength is int length && length >= 1)
                return "character varying(" + length.ToString(CultureInfo.InvariantCulture) + ")";
            return source.Type.SqlType;
        }

        private IdentityKind Identity(ColumnSource source, string tableClrName)
        {
            var attribute = source.Property.GetAttribute(_context.Known.DatabaseGeneratedAttribute);
            switch (attribute?.Argument(0) as int?)
            {
                case 1: // DatabaseGeneratedOption.Identity
                    if (source.Type.Kind == ValueKind.Integer)
                        return IdentityKind.ByDefault;
                    Incompatible(attribute!, source, tableClrName, "identity columns are smallint, integer or bigint, and the column is " + source.Type.SqlType);
                    return IdentityKind.None;
                case 2: // DatabaseGeneratedOption.Computed
                    if (!source.Property.HasAttribute(_context.Known.GeneratedAttribute))
                        Incompatible(attribute!, source, tableClrName, "a computed column needs its SQL expression: add [Generated(\"…\")]");
                    return IdentityKind.None;
                default:
                    return IdentityKind.None;
            }
        }

        private string? Default(ColumnSource source, string tableClrName, out ParsedDefault? fromInitializer)
        {
            fromInitializer = null;
            if (source.Property.HasAttribute(_context.Known.DefaultSqlAttribute))
                return Sql(source.Property, "DefaultSql", tableClrName);
            // A TypeName of another type than the property's own (int on a byte[], double precision[] on a DateTime)
            // cannot be trusted to take the default the initializer means for the property's type: SG0008 asks for
            // [DefaultSql]. The same type with other modifiers (numeric(10,2), character varying(20)) is fine, and so are
            // the kinds of value whose defaults the column's own type decides (DefaultFollowsColumn), and a declared domain,
            // whose underlying type must hold the property's (SG0005).
            var mapped = source.TypeIsExplicit ? _types.Map(source.Property.Type) : null;
            var followsColumn = mapped != null && DefaultFollowsColumn(mapped, source.Type);
            var parsed = _defaults.Parse(source.Property, followsColumn ? source.Type : mapped ?? source.Type, tableClrName);
            if (parsed != null && mapped != null && !followsColumn && !SameType(mapped.SqlType, source.Type.SqlType)
                && !DomainAssembler.NamesDomain(source.Type.SqlType, _context.Options.Domains, _context.Options.DefaultSchema))
            {
                _context.Report(DiagnosticDescriptors.UnsupportedDefault, source.Property.Locations.FirstOrDefault(), tableClrName, source.Property.Name,
                    "a default for " + mapped.SqlType + " in a column of type " + source.Type.SqlType);
                return null;
            }

            fromInitializer = parsed;
            return parsed?.Sql;
        }

        // The SQL of [DefaultSql(sql)] or [Generated(sql)], or null when it is missing, empty or holds a NUL (SG0015).
        private string? Sql(IPropertySymbol property, string attributeName, string tableClrName)
        {
            var attribute = property.GetAttribute(attributeName == "DefaultSql" ? _context.Known.DefaultSqlAttribute : _context.Known.GeneratedAttribute);
            if (!(attribute?.Argument(0) is string sql))
                return null;
            return _context.CheckSql(attributeName, tableClrName + "." + property.Name, sql, attribute.GetArgumentLocation(0, property)) ? sql : null;
        }

        // Initializers whose default is rendered for the column's type as well as for the property's: an empty collection
        // or parsed JSON in a json or jsonb column (the JSON of the property's value: [] for a list, {} for an object); an
        // enum member in a text column (an enum stored as text holds its labels); an empty collection in any array column.
        // The column's kind alone does not say it: a type SchemaGen does not know keeps the property's kind (Explicit).
        private static bool DefaultFollowsColumn(MappedType mapped, MappedType column) =>
            (BuiltinKind(column.SqlType) == ValueKind.Json && (mapped.Kind == ValueKind.Json || mapped.Kind == ValueKind.Array))
            || (mapped.Kind == ValueKind.Enum && BuiltinKind(column.SqlType) == ValueKind.Text)
            || (mapped.Kind == ValueKind.Array && column.SqlType.EndsWith("[]", System.StringComparison.Ordinal));

        private static readonly string[] TextTypes = { "text", "character varying", "character", "bpchar" };

        private static bool SameType(string a, string b)
        {
            string Base(string t) => System.Text.RegularExpressions.Regex.Replace(t, @"\(\d+(,-?\d+)?\)", "");
            return Base(a) == Base(b) || (System.Array.IndexOf(TextTypes, Base(a)) >= 0 && System.Array.IndexOf(TextTypes, Base(b)) >= 0);
        }

        private void Incompatible(AttributeData attribute, ColumnSource source, string tableClrName, string why)
        {
            _context.Report(DiagnosticDescriptors.IncompatibleAttribute, attribute.GetLocation(source.Property),
                attribute.ShortName(), tableClrName, source.Property.Name, why);
        }
    }
}
