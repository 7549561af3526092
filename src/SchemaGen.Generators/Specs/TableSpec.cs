using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>One <c>[Table]</c> class, fully mapped. Holds no Roslyn symbols, so it caches by value.</summary>
    /// <param name="ClrName">The class's name, used for the generated per-object constant.</param>
    /// <param name="ClrFullName">The class's fully qualified name, for messages.</param>
    /// <param name="Table">The mapped table.</param>
    /// <param name="Enums">Enum types the table's columns use.</param>
    /// <param name="Location">Where the class is declared.</param>
    /// <param name="JsonTypes">CLR types of the table's JSON columns that need Npgsql's dynamic JSON.</param>
    internal sealed record TableSpec(
        string ClrName,
        string ClrFullName,
        TableModel Table,
        EquatableArray<EnumSpec> Enums,
        LocationInfo? Location,
        EquatableArray<JsonTypeMapping> JsonTypes = default);

    /// <summary>A C# enum mapped to a PostgreSQL enum type.</summary>
    /// <param name="ClrName">The enum's name.</param>
    /// <param name="ClrFullName">The enum's full name, for messages.</param>
    /// <param name="TypeReference">The enum as generated code refers to it (<c>global::…</c>).</param>
    /// <param name="Enum">The mapped type.</param>
    /// <param name="Location">Where the enum is declared.</param>
    internal sealed record EnumSpec(string ClrName, string ClrFullName, string TypeReference, EnumModel Enum, LocationInfo? Location);

    /// <summary>An enum for MapTypes: the CLR type and the PostgreSQL type it maps to.</summary>
    internal sealed record EnumMapping(string TypeReference, string Schema, string Name);

    /// <summary>The result of parsing one class: the spec (null when the class cannot be a table) and its diagnostics.</summary>
    internal sealed record TableParseResult(TableSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>The assembly-wide options (from <c>[assembly: SchemaOptions]</c> and the project).</summary>
    internal sealed record OptionsSpec(string ClassName, string? Namespace, string DefaultSchema, bool SnakeCase, bool IndexForeignKeys, string FunctionParameterPrefix = "p_");

    /// <summary>A generated constant holding one object's DDL.</summary>
    internal sealed record ObjectConstant(string ConstantName, string Summary, string Sql);

    /// <summary>Everything the code emitter needs; no Roslyn types.</summary>
    internal sealed record SchemaSpec(
        string ClassName,
        string? Namespace,
        SchemaModel Model,
        string Sql,
        string ModelHash,
        EquatableArray<ObjectConstant> Objects,
        string DefaultSchema,
        bool SnakeCase,
        EquatableArray<EnumMapping> EnumMappings,
        EquatableArray<JsonTypeMapping> JsonTypes = default);

    /// <summary>The assembled schema and the diagnostics that only a view of all tables can find.</summary>
    internal sealed record SchemaAssembly(SchemaSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
}
