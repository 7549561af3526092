using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>What kind of value a column holds, for the attributes that apply to it (ranges on numbers, lengths on strings).</summary>
internal enum ValueKind { Integer, Floating, Decimal, Text, Boolean, Temporal, Uuid, Bytes, Network, Json, Array, Enum, Custom }

/// <summary>A column's C# type and what the property needs for the generator to give it the database's type.</summary>
/// <param name="ClrType">The C# type without nullability (<c>int</c>, <c>string</c>, <c>JobStatus[]</c>).</param>
/// <param name="IsValueType">True for a struct (nullable as <c>T?</c> of Nullable).</param>
/// <param name="Kind">The kind of value.</param>
/// <param name="TypeName">For <c>[Column(TypeName = …)]</c> when the type mapping would not give the type.</param>
/// <param name="Attributes">Type attributes such as <c>MaxLength(64)</c> or <c>Numeric(12, 2)</c>.</param>
internal sealed record ColumnType(string ClrType, bool IsValueType, ValueKind Kind, string? TypeName, IReadOnlyList<string> Attributes)
{
    /// <summary>True when <c>[MaxLength]</c> on the property becomes a CHECK (not a varchar length).</summary>
    public bool LengthIsCheck => Kind is ValueKind.Array or ValueKind.Bytes || TypeName != null;
}

/// <summary>
/// The type mapping in reverse (docs/type-mapping.md): the CLR type whose default mapping is the column's type, with
/// <c>[MaxLength]</c> for <c>character varying(n)</c> and <c>[Numeric]</c> for <c>numeric(p,s)</c>. A type no CLR type maps
/// to by default keeps its name in <c>[Column(TypeName = …)]</c>, on the CLR type Npgsql reads it as.
/// </summary>
internal static class ColumnTypes
{
    private static readonly Dictionary<string, (string Clr, bool Value, ValueKind Kind)> Defaults = new(StringComparer.Ordinal)
    {
        ["text"] = ("string", false, ValueKind.Text),
        ["boolean"] = ("bool", true, ValueKind.Boolean),
        ["smallint"] = ("short", true, ValueKind.Integer),
        ["integer"] = ("int", true, ValueKind.Integer),
        ["bigint"] = ("long", true, ValueKind.Integer),
        ["real"] = ("float", true, ValueKind.Floating),
        ["double precision"] = ("double", true, ValueKind.Floating),
        ["numeric"] = ("decimal", true, ValueKind.Decimal),
        ["timestamp with time zone"] = ("DateTime", true, ValueKind.Temporal),
        ["date"] = ("DateOnly", true, ValueKind.Temporal),
        ["time without time zone"] = ("TimeOnly", true, ValueKind.Temporal),
        ["interval"] = ("TimeSpan", true, ValueKind.Temporal),
        ["uuid"] = ("Guid", true, ValueKind.Uuid),
        ["bytea"] = ("byte[]", false, ValueKind.Bytes),
        ["inet"] = ("IPAddress", false, ValueKind.Network),
        ["jsonb"] = ("JsonDocument", false, ValueKind.Json),
    };

    // Types no CLR type maps to by default: the CLR type Npgsql reads them as, kept with [Column(TypeName)].
    private static readonly Dictionary<string, (string Clr, bool Value, ValueKind Kind)> Explicit = new(StringComparer.Ordinal)
    {
        ["timestamp without time zone"] = ("DateTime", true, ValueKind.Temporal),
        ["time with time zone"] = ("DateTimeOffset", true, ValueKind.Temporal),
        ["json"] = ("string", false, ValueKind.Json),
        ["money"] = ("decimal", true, ValueKind.Decimal),
    };

    private static readonly Regex Varchar = new(@"^character varying\((\d+)\)$", RegexOptions.CultureInvariant);
    private static readonly Regex Numeric = new(@"^numeric\((\d+),(\d+)\)$", RegexOptions.CultureInvariant);
    private static readonly Regex Qualified = new(@"^(""(?:[^""]|"""")+""|[a-z_][a-z0-9_$]*)\.(.+)$", RegexOptions.CultureInvariant);
    private static readonly Regex Modified = new(@"^([a-z ]+)\(\d+(,\d+)?\)$", RegexOptions.CultureInvariant);

    /// <param name="column">The column as the catalog has it.</param>
    /// <param name="enumName">The C# name of the scaffolded enum of a (schema, name), or null when it is not scaffolded.</param>
    /// <param name="domainOf">The domain of a (schema, name), or null when there is none.</param>
    public static ColumnType Map(ColumnModel column, Func<string, string, string?> enumName, Func<string, string, DomainModel?> domainOf)
    {
        if (column.TypeSchema != null)
        {
            var isArray = column.SqlType.EndsWith("[]", StringComparison.Ordinal);
            var quoted = isArray ? column.SqlType[..^2] : column.SqlType;
            var name = Unquote(quoted);
            if (domainOf(column.TypeSchema, name) is { } domain)
            {
                // The property holds what the base type holds, and names the domain: [Column(TypeName = "public.year")] int.
                var element = Map(BaseColumn(column, domain, enumName, domainOf), enumName, domainOf);
                var typeName = SqlSyntax.QualifiedName(column.TypeSchema, name) + (isArray ? "[]" : "");
                return isArray ? new ColumnType(element.ClrType + "[]", false, ValueKind.Array, typeName, []) : element with { TypeName = typeName, Attributes = [] };
            }

            if (enumName(column.TypeSchema, name) is string clr)
                return isArray ? new ColumnType(clr + "[]", false, ValueKind.Array, null, []) : new ColumnType(clr, true, ValueKind.Enum, null, []);
            return new ColumnType(isArray ? "string[]" : "string", false, ValueKind.Custom, SqlSyntax.QualifiedName(column.TypeSchema, name) + (isArray ? "[]" : ""), []);
        }

        if (column.SqlType.EndsWith("[]", StringComparison.Ordinal))
        {
            var element = column.SqlType[..^2];
            if (Defaults.TryGetValue(element, out var scalar) && scalar.Kind is not (ValueKind.Bytes or ValueKind.Json))
                return new ColumnType(scalar.Clr + "[]", false, ValueKind.Array, null, []);
            var (clr, _, _) = Explicit.TryGetValue(element, out var known) ? known : ("string", false, ValueKind.Custom);
            return new ColumnType(clr + "[]", false, ValueKind.Array, column.SqlType, []);
        }

        return MapScalar(column.SqlType);
    }

    // A column of the domain's base type, which the catalog prints qualified when it is a type of a schema off the search
    // path (public.film_rating) and unqualified otherwise (integer, year).
    private static ColumnModel BaseColumn(ColumnModel column, DomainModel domain, Func<string, string, string?> enumName, Func<string, string, DomainModel?> domainOf)
    {
        if (Qualified.Match(domain.BaseType) is { Success: true } qualified)
            return column with { TypeSchema = Unquote(qualified.Groups[1].Value), SqlType = qualified.Groups[2].Value };
        var name = Unquote(domain.BaseType);
        var isUserType = enumName(domain.Schema, name) != null || domainOf(domain.Schema, name) != null;
        return column with { TypeSchema = isUserType ? domain.Schema : null, SqlType = domain.BaseType };
    }

    private static ColumnType MapScalar(string sqlType)
    {
        if (Defaults.TryGetValue(sqlType, out var mapped))
            return new ColumnType(mapped.Clr, mapped.Value, mapped.Kind, null, []);
        if (Varchar.Match(sqlType) is { Success: true } varchar)
            return new ColumnType("string", false, ValueKind.Text, null, [$"MaxLength({varchar.Groups[1].Value})"]);
        if (Numeric.Match(sqlType) is { Success: true } numeric)
            return new ColumnType("decimal", true, ValueKind.Decimal, null, [$"Numeric({numeric.Groups[1].Value}, {numeric.Groups[2].Value})"]);

        var baseType = Modified.Match(sqlType) is { Success: true } modified ? modified.Groups[1].Value : sqlType;
        if (Explicit.TryGetValue(baseType, out var known) || Defaults.TryGetValue(baseType, out known))
            return new ColumnType(known.Clr, known.Value, known.Kind, sqlType, []);
        var isText = baseType is "character" or "character varying" or "bpchar";
        return new ColumnType("string", false, isText ? ValueKind.Text : ValueKind.Custom, sqlType, []);
    }

    // quote_ident's output back to the name: "traffic light" → traffic light.
    private static string Unquote(string identifier) =>
        identifier.Length >= 2 && identifier[0] == '"' && identifier[^1] == '"' ? identifier[1..^1].Replace("\"\"", "\"") : identifier;

    /// <summary>The identity sequence options PostgreSQL gives an identity column of this type when none are stated.</summary>
    public static string DefaultIdentityOptions(string sqlType)
    {
        var max = sqlType switch { "smallint" => short.MaxValue, "integer" => int.MaxValue, _ => long.MaxValue };
        return string.Format(CultureInfo.InvariantCulture, "SET START WITH 1 SET INCREMENT BY 1 SET MINVALUE 1 SET MAXVALUE {0} SET CACHE 1 SET NO CYCLE", max);
    }
}
