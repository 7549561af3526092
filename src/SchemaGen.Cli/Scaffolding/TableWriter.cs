using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// One table as a <c>[Table]</c> class: a property per column with the attributes a person would write (type, nullability,
/// key, identity, default, validation, reference, index), and class-level <c>[Index]</c> and <c>[Check]</c> for the rest.
/// What the generator cannot say goes to the report, naming the object.
/// </summary>
internal sealed class TableWriter(ScaffoldContext context, TableModel table)
{
    private readonly Dictionary<string, List<string>> _propertyAttributes = table.Columns.ToDictionary(c => c.Name, _ => new List<string>());
    private readonly List<string> _classAttributes = [];
    private readonly List<string> _navigations = [];

    private string Class => context.Names.TypeRef(table.Schema, table.Name);

    private string Object(string kind, string name) => $"{kind} {table.Schema}.{table.Name}" + (name.Length == 0 ? "" : "." + name);

    public async Task<string> WriteAsync()
    {
        var types = table.Columns.ToDictionary(c => c.Name, c => ColumnTypes.Map(c, context.Names.TypeOrNull, context.DomainOf));
        await context.Probe.UseTableAsync(table);
        PrimaryKey();
        new ForeignKeyWriter(context, table, _propertyAttributes, _navigations).Write();
        new IndexWriter(context, table, _propertyAttributes, _classAttributes).Write();
        await ChecksAsync(types);
        foreach (var other in table.OtherConstraints)
            context.Report.Add(Object("constraint", other.Name), $"{other.Definition}: the model cannot express it (uniqueness is a unique index, and a foreign key's ON DELETE sets all its columns); left out");

        var properties = new StringBuilder();
        foreach (var column in table.Columns)
            properties.Append(await PropertyAsync(column, types[column.Name])).Append('\n');
        foreach (var navigation in _navigations)
            properties.Append(navigation).Append('\n');

        var text = new StringBuilder();
        text.Append(Summary(table.Comment, "", Object("table", "")));
        var tableAttribute = $"[Table({CSharpSyntax.String(table.Name)}" + (table.Schema == context.DefaultSchema ? "" : $", Schema = {CSharpSyntax.String(table.Schema)}") + ")]";
        text.Append(tableAttribute).Append('\n');
        foreach (var attribute in _classAttributes)
            text.Append(attribute).Append('\n');
        text.Append($"public class {Class}\n{{\n").Append(properties.ToString().TrimEnd('\n')).Append("\n}\n");
        return text.ToString();
    }

    private void PrimaryKey()
    {
        var key = table.PrimaryKey;
        if (key == null)
        {
            context.Report.Add(Object("table", ""), "it has no primary key; the generator warns about that (SG0002) and creates the table without one");
            return;
        }

        if (key.Name != SqlNaming.DeriveName("pk", table.Name))
            context.Report.Add(Object("constraint", key.Name), $"the model names every primary key pk_<table> ({SqlNaming.DeriveName("pk", table.Name)})");
        if (key.Comment != null)
            context.Report.Add(Object("constraint", key.Name), "its comment: the model has no comments on constraints");
        for (var i = 0; i < key.Columns.Count; i++)
            _propertyAttributes[key.Columns[i]].Insert(0, key.Columns.Count == 1 ? "Key" : $"Key, Column(Order = {i})");
    }

    private async Task ChecksAsync(Dictionary<string, ColumnType> types)
    {
        foreach (var check in table.Checks)
        {
            if (check.Comment != null)
                context.Report.Add(Object("constraint", check.Name), "its comment: the model has no comments on constraints");
            if (check.Expression.EndsWith(" NOT VALID", StringComparison.Ordinal))
            {
                context.Report.Add(Object("constraint", check.Name), "it is NOT VALID; the model's checks are validated (the class has it as a validated [Check])");
                _classAttributes.Add($"[Check({CSharpSyntax.String(check.Expression[..^" NOT VALID".Length])}, Name = {CSharpSyntax.String(check.Name)})]");
                continue;
            }

            if (CheckAttributes.DerivedFor(table, check) is var (column, rule) && !_propertyAttributes[column.Name].Any(a => a.StartsWith(RuleAttribute(rule), StringComparison.Ordinal)))
            {
                string? matched = null;
                foreach (var candidate in CheckAttributes.Candidates(column, rule, check.Expression, types[column.Name], label => EnumMember(column, label)))
                {
                    if (await context.Probe.CheckAsync(candidate.Sql) == check.Expression)
                    {
                        matched = candidate.Attribute;
                        break;
                    }
                }

                if (matched != null)
                {
                    _propertyAttributes[column.Name].Add(matched);
                    continue;
                }
            }

            _classAttributes.Add($"[Check({CSharpSyntax.String(check.Expression)}, Name = {CSharpSyntax.String(check.Name)})]");
        }
    }

    private static string RuleAttribute(string rule) => rule switch
    {
        "range" => "Range", "min_length" => "MinLength", "max_length" => "MaxLength", "allowed" => "AllowedValues", "denied" => "DeniedValues", _ => "Required",
    };

    private string? EnumMember(ColumnModel column, string label) =>
        column.TypeSchema == null ? null : context.Names.Member(column.TypeSchema, Unquote(column.SqlType.TrimEnd('[', ']')), label);

    private static string Unquote(string identifier) =>
        identifier.Length >= 2 && identifier[0] == '"' && identifier[^1] == '"' ? identifier[1..^1].Replace("\"\"", "\"") : identifier;

    private async Task<string> PropertyAsync(ColumnModel column, ColumnType type)
    {
        var attributes = _propertyAttributes[column.Name];
        var property = context.Names.Property(table, column.Name);
        var name = context.Naming.Derive(property) == column.Name ? null : CSharpSyntax.String(column.Name);
        var typeName = type.TypeName == null ? null : "TypeName = " + CSharpSyntax.String(type.TypeName);
        if (name != null || typeName != null)
            attributes.Insert(attributes.Count > 0 && attributes[0].StartsWith("Key", StringComparison.Ordinal) ? 1 : 0,
                "Column(" + string.Join(", ", new[] { name, typeName }.Where(p => p != null)) + ")");
        attributes.AddRange(type.Attributes.Where(a => !(a.StartsWith("MaxLength", StringComparison.Ordinal) && attributes.Any(b => b.StartsWith("MaxLength", StringComparison.Ordinal)))));

        var initializer = await DefaultAsync(column, type, attributes);
        Identity(column, attributes);
        if (column.GeneratedSql != null)
        {
            attributes.Add($"Generated({CSharpSyntax.String(column.GeneratedSql)})");
            attributes.Add("DatabaseGenerated(DatabaseGeneratedOption.Computed)");
        }

        if (column.Collation != null)
            context.Report.Add(Object("column", column.Name), $"its collation {column.Collation}: the model has no column collations; it gets its type's default");

        var isKey = table.PrimaryKey?.Columns.Contains(column.Name) == true;
        var nullable = column.IsNullable && !isKey;
        var clrType = type.ClrType + (nullable ? "?" : "");
        if (initializer == null && !nullable && !type.IsValueType)
            initializer = "null!"; // quiets the compiler only: not a default (docs/type-mapping.md)

        var text = new StringBuilder();
        text.Append(Summary(column.Comment, "    ", Object("column", column.Name)));
        if (attributes.Count > 0)
            text.Append("    [").Append(string.Join(", ", attributes)).Append("]\n");
        text.Append($"    public {clrType} {CSharpSyntax.Identifier(property)} {{ get; set; }}");
        if (initializer != null)
            text.Append(" = ").Append(initializer).Append(';');
        return text.Append('\n').ToString();
    }

    private async Task<string?> DefaultAsync(ColumnModel column, ColumnType type, List<string> attributes)
    {
        if (column.DefaultSql == null || column.Identity != IdentityKind.None || IsSerial(column))
            return null;
        foreach (var candidate in DefaultInitializers.Candidates(column.DefaultSql, type, label => EnumMember(column, label)))
        {
            if (await context.Probe.DefaultAsync(column.Name, candidate.Sql) == column.DefaultSql)
                return candidate.Initializer;
        }

        attributes.Add($"DefaultSql({CSharpSyntax.String(column.DefaultSql)})");
        return null;
    }

    private static bool IsSerial(ColumnModel column) =>
        column.DefaultSql != null && column.DefaultSql.StartsWith("nextval('", StringComparison.Ordinal) && column.SqlType is "smallint" or "integer" or "bigint";

    private void Identity(ColumnModel column, List<string> attributes)
    {
        if (column.Identity == IdentityKind.None && !IsSerial(column))
            return;
        attributes.Add("DatabaseGenerated(DatabaseGeneratedOption.Identity)");
        var what = Object("column", column.Name);
        if (IsSerial(column))
            context.Report.Add(what, $"a serial column (DEFAULT {column.DefaultSql}): the model makes it an identity column (GENERATED BY DEFAULT AS IDENTITY), which numbers rows the same way");
        else if (column.Identity == IdentityKind.Always)
            context.Report.Add(what, "GENERATED ALWAYS AS IDENTITY: the model's identity columns are GENERATED BY DEFAULT");
        if (column.IdentityOptions != null && column.IdentityOptions != ColumnTypes.DefaultIdentityOptions(column.SqlType))
            context.Report.Add(what, $"its identity sequence options ({column.IdentityOptions}): the model's identity columns have PostgreSQL's defaults");
    }

    private string Summary(string? comment, string indent, string what)
    {
        if (comment != null && !CSharpFile.SurvivesSummary(comment))
            context.Report.Add(what, "its comment has line breaks or runs of white space, which a doc comment collapses");
        return CSharpFile.Summary(comment, indent);
    }
}
