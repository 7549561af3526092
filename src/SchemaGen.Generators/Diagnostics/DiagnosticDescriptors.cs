using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Diagnostics
{
    /// <summary>
    /// Every diagnostic SchemaGen reports. IDs are stable; each has docs/diagnostics/SGxxxx.md, which its help
    /// link opens, and a row in AnalyzerReleases.*.md.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "SchemaGen";

        /// <summary>Where the diagnostics' pages are published: the help link of SGxxxx is this + "SGxxxx.md".</summary>
        public const string HelpLinkBase = "https://github.com/schemagen/schemagen/blob/main/docs/diagnostics/";

        public static readonly DiagnosticDescriptor UnmappableType = Create(
            "SG0001", "Property type cannot be mapped to a PostgreSQL type",
            "'{0}.{1}' has type '{2}', which SchemaGen cannot map to a PostgreSQL type; give the column type with [Column(TypeName = \"…\")] or exclude the property with [NotMapped]",
            DiagnosticSeverity.Error);

        /// <summary>SG0001 for an enum or JSON type the generated Schema class cannot name (MapTypes must).</summary>
        public static readonly DiagnosticDescriptor UnnameableType = Create(
            "SG0001", "Property type cannot be mapped to a PostgreSQL type",
            "'{0}.{1}' has type '{2}', which the generated Schema class must name to map it for Npgsql but cannot: {3}; declare the type public or internal, outside generic types and not file-local, or exclude the property with [NotMapped]",
            DiagnosticSeverity.Error);

        /// <summary>SG0001 at an enum member whose value another member has: the enum cannot be a PostgreSQL enum.</summary>
        public static readonly DiagnosticDescriptor EnumValueAlias = Create(
            "SG0001", "Property type cannot be mapped to a PostgreSQL type",
            "Enum '{0}' cannot be a PostgreSQL enum: its members {1} and {2} have the same value ({3}), and a label stands for one value, so Npgsql would write one label for both; give each member its own value, or store the properties of this type as integers with [Column(TypeName = \"integer\")]",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MissingPrimaryKey = Create(
            "SG0002", "Table has no primary key",
            "Table '{0}' ({1}) has no primary key; mark its key property with [Key]",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor IdentifierTooLong = Create(
            "SG0003", "Identifier longer than 63 bytes",
            "The {0} name '{1}' is {2} bytes long; PostgreSQL silently truncates names to 63 bytes, so choose a shorter one",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DuplicateName = Create(
            "SG0004", "Duplicate name",
            "The {0} name '{1}' is used by both {2} and {3}; give one of them another name",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor IncompatibleAttribute = Create(
            "SG0005", "Attribute cannot apply to the property's type",
            "[{0}] on '{1}.{2}' cannot be enforced by PostgreSQL: {3}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor IncompatibleRegex = Create(
            "SG0006", "Regular expression PostgreSQL cannot run",
            "[RegularExpression] on '{0}.{1}' uses {2}: {3}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidReference = Create(
            "SG0007", "Invalid reference",
            "'{0}.{1}' references '{2}', but {3}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnsupportedDefault = Create(
            "SG0008", "Default that cannot be expressed in SQL",
            "The initializer of '{0}.{1}' ({2}) cannot be expressed as a SQL default; use a constant, or write the default with [DefaultSql(\"…\")]",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ContradictoryNullability = Create(
            "SG0009", "Contradictory nullability",
            "'{0}.{1}' is declared nullable ('{2}') but {3} makes the column NOT NULL; remove the '?' or the {3}",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor ParameterMismatch = Create(
            "SG0010", "SQL function parameter mismatch",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ResultMismatch = Create(
            "SG0011", "SQL function result does not fit the C# type",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor TemplateError = Create(
            "SG0012", "SQL template missing or not parsable",
            "SQL template '{0}': {1}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnknownProperty = Create(
            "SG0013", "Attribute names an unknown property or column",
            "[{0}] on '{1}' names '{2}', which is not a mapped property of '{1}'",
            DiagnosticSeverity.Error);

        /// <summary>SG0013 for the SQL of a [Check] or [Generated]: the same rule, worded for a column.</summary>
        public static readonly DiagnosticDescriptor UnknownColumn = Create(
            "SG0013", "Attribute names an unknown property or column",
            "[{0}] on '{1}' refers to '{2}', which is not a column of table '{3}'{4}",
            DiagnosticSeverity.Error);

        /// <summary>SG0013 for a view template: a qualified reference to a column the model's table does not have.</summary>
        public static readonly DiagnosticDescriptor UnknownViewColumn = Create(
            "SG0013", "Attribute names an unknown property or column",
            "SQL template '{0}': {1} {2} refers to '{3}', which is not a column of table '{4}'{5}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidName = Create(
            "SG0014", "Name PostgreSQL cannot take as written",
            "The {0} name '{1}' {2}; give another name or leave the name out",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidSql = Create(
            "SG0015", "Attribute argument that is not valid SQL of its kind",
            "[{0}] on '{1}': {2}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NotEnforced = Create(
            "SG0016", "Validation attribute the database does not enforce",
            "[{0}] on '{1}.{2}' is not enforced by the database: {3}",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UndeclaredExtension = Create(
            "SG0020", "Column type of an extension the model does not declare",
            "Column '{0}' of table '{1}' has type {2}, which extension {3} provides; declare it with [assembly: Extension(\"{3}\")] so that the deployer creates it before the table",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor NetTopologySuitePluginMissing = Create(
            "SG0021", "Geometry property without Npgsql's NetTopologySuite plugin",
            "'{0}.{1}' is a NetTopologySuite {2}, which Npgsql reads and writes only with its NetTopologySuite plugin: add a PackageReference to Npgsql.NetTopologySuite, and Schema.MapTypes calls UseNetTopologySuite",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor InvalidDomain = Create(
            "SG0022", "Domain that cannot be created",
            "Domain '{0}' cannot be created: {1}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DomainContradiction = Create(
            "SG0023", "Validation attribute contradicts the column's domain",
            "[{0}] on '{1}.{2}' accepts {3}, which the CHECK of domain '{4}' ({5}) refuses: Validator passes values the database rejects; narrow the attribute to the domain's rule",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor RefusedDefault = Create(
            "SG0024", "Default the column's own type or CHECK refuses",
            "The default of '{0}.{1}' ({2}) is refused by the column's {3}: every INSERT that leaves the column out fails; change the initializer or the rule",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor MalformedDocComment = Create(
            "SG0025", "Doc comment that is not well-formed XML",
            "The documentation comment of '{0}' is not well-formed XML ({1}), so it does not become its COMMENT in the database; write < as &lt; and & as &amp;",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor InvalidCSharpName = Create(
            "SG0026", "SchemaOptions name that is not a C# name",
            "[assembly: SchemaOptions({0} = \"{1}\")] is not {2}, so the generated class cannot be declared with it; the default is used until it is fixed",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor GeneratedClassNameTaken = Create(
            "SG0027", "Generated class name taken by a type of the project",
            "The generated class {0} would have the name of this type, which it cannot join (only a partial class can be its other part), so no schema is generated; name the generated class with [assembly: SchemaOptions(ClassName = \"…\")], rename the type, or make it a static partial class",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnreadAttribute = Create(
            "SG0028", "Attribute with a schema meaning SchemaGen does not read",
            "[{0}] on '{1}' is not read by SchemaGen, so the database does not get what it asks for: {2}",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor IneffectiveRename = Create(
            "SG0029", "RenamedFrom that names what the model still has",
            "[RenamedFrom] on '{0}' names the {1} '{2}', which the model still has ({3}): the deployer renames only a {1} the model no longer has, so nothing is renamed; remove the attribute",
            DiagnosticSeverity.Warning);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
            new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
    }
}
