using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// The C# names of everything scaffolded, chosen once before any file is written, so that a foreign key or an index
/// can name a class or property of another table: one type name per table and enum (unique in the namespace), one
/// property per column (unique in its class) and one member per enum label.
/// </summary>
internal sealed class ScaffoldNames
{
    private readonly Dictionary<(string Schema, string Name), string> _types = new();
    private readonly Dictionary<(string Schema, string Table, string Column), string> _properties = new();
    private readonly Dictionary<(string Schema, string Name, string Label), string> _members = new();

    public ScaffoldNames(SchemaModel model, ModelNaming naming, string schemaClassName)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal) { schemaClassName };
        foreach (var e in model.Enums)
        {
            var type = CSharpSyntax.Unique(naming.ClrName(e.Name), taken);
            _types[(e.Schema, e.Name)] = type;
            var members = ModelNaming.MemberNames(type);
            foreach (var label in e.Labels)
                _members[(e.Schema, e.Name, label)] = CSharpSyntax.Unique(naming.ClrName(label), members);
        }

        foreach (var table in model.Tables)
        {
            var type = CSharpSyntax.Unique(Singular(naming.ClrName(table.Name)), taken);
            _types[(table.Schema, table.Name)] = type;
            var members = ModelNaming.MemberNames(type);
            if (table.PrimaryKey == null)
            {
                // Without [Key], a property named Id or <Class>Id would become the key by convention: keep those names free.
                members.Add("Id");
                members.Add(type + "Id");
            }

            foreach (var column in table.Columns)
                _properties[(table.Schema, table.Name, column.Name)] = CSharpSyntax.Unique(naming.ClrName(column.Name), members);
        }
    }

    /// <summary>The type's name (for its file name).</summary>
    public string Type(string schema, string name) => _types[(schema, name)];

    /// <summary>The type's name as C# source refers to it (<c>@event</c> for a keyword).</summary>
    public string TypeRef(string schema, string name) => CSharpSyntax.Identifier(_types[(schema, name)]);

    /// <summary>The type's name in C# source, or null when the catalog object is not scaffolded.</summary>
    public string? TypeOrNull(string schema, string name) => _types.TryGetValue((schema, name), out var type) ? CSharpSyntax.Identifier(type) : null;

    public string Property(TableModel table, string column) => _properties[(table.Schema, table.Name, column)];

    /// <summary>The enum member of a label, as <c>Type.Member</c>; null when the enum or label is not scaffolded.</summary>
    public string? Member(string schema, string enumName, string label) =>
        _members.TryGetValue((schema, enumName, label), out var member) ? TypeRef(schema, enumName) + "." + CSharpSyntax.Identifier(member) : null;

    public string MemberName(EnumModel e, string label) => _members[(e.Schema, e.Name, label)];

    // Tables are plural more often than not, classes singular: "orders" → Order. The [Table] name is always written,
    // so this is only a matter of reading well.
    private static string Singular(string name)
    {
        if (name.EndsWith("ies", StringComparison.Ordinal) && name.Length > 4)
            return name[..^3] + "y";
        if (name.EndsWith("ses", StringComparison.Ordinal) || name.EndsWith("ss", StringComparison.Ordinal) || name.EndsWith("us", StringComparison.Ordinal))
            return name;
        return name.EndsWith('s') && name.Length > 3 ? name[..^1] : name;
    }
}
