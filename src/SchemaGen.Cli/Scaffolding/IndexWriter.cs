using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// Indexes as <c>[Indexed]</c> on a property (one key column) or <c>[Index(nameof(A), nameof(B), …)]</c> on the class, with
/// IsUnique, Method, Where and Include, and Name only where the derived name differs. An index over expressions, with
/// sort orders, operator classes, collations or storage parameters is beyond the attributes: left out and reported.
/// </summary>
internal sealed class IndexWriter(ScaffoldContext context, TableModel table, Dictionary<string, List<string>> propertyAttributes, List<string> classAttributes)
{
    private static readonly string[] Methods = ["btree", "hash", "gin", "gist", "brin", "spgist"];

    public void Write()
    {
        foreach (var index in table.Indexes)
        {
            if (context.ForeignKeyIndexes.Contains((table.Schema, table.Name, index.Name)))
                continue; // the generator makes it for the foreign key
            Write(index);
        }
    }

    /// <summary>The definition (<c>pg_get_indexdef</c> from USING) the generator's index of these parts gets.</summary>
    public static string Definition(IndexModel index) =>
        $"USING {index.Method} ({SqlSyntax.IdentifierList(index.KeyColumns)})"
        + (index.Include.Count == 0 ? "" : $" INCLUDE ({SqlSyntax.IdentifierList(index.Include)})")
        + (index.Where == null ? "" : $" WHERE {index.Where}");

    private void Write(IndexModel index)
    {
        var what = $"index {table.Schema}.{table.Name}.{index.Name}";
        if (!Methods.Contains(index.Method) || index.Definition != Definition(index) || index.KeyColumns.Concat(index.Include).Any(c => !table.Columns.Any(k => k.Name == c)))
        {
            context.Report.Add(what, $"{index.Definition}: the model's indexes are over columns in ascending order with the default operator class; left out");
            return;
        }

        if (!index.IsValid)
            context.Report.Add(what, "it is INVALID (a failed CREATE INDEX CONCURRENTLY): the model's index is built anew");
        if (index.Comment != null)
            context.Report.Add(what, "its comment: the model has no comments on indexes");

        var options = new List<string>();
        if (index.IsUnique)
            options.Add("IsUnique = true");
        if (index.Name != SqlNaming.DeriveName(index.IsUnique ? "ux" : "ix", table.Name, index.KeyColumns.ToArray()))
            options.Add("Name = " + CSharpSyntax.String(index.Name));
        if (index.Where != null)
            options.Add("Where = " + CSharpSyntax.String(index.Where));
        if (index.Method != "btree")
            options.Add("Method = " + CSharpSyntax.String(index.Method));

        var key = index.KeyColumns[0];
        if (index.KeyColumns.Count == 1 && index.Include.Count == 0 && !propertyAttributes[key].Any(a => a.StartsWith("Indexed", StringComparison.Ordinal)))
        {
            propertyAttributes[key].Add(options.Count == 0 ? "Indexed" : $"Indexed({string.Join(", ", options)})");
            return;
        }

        if (index.Include.Count > 0)
            options.Add($"Include = new[] {{ {string.Join(", ", index.Include.Select(NameOf))} }}");
        classAttributes.Add($"[Index({string.Join(", ", index.KeyColumns.Select(NameOf).Concat(options))})]");
    }

    private string NameOf(string column) => $"nameof({CSharpSyntax.Identifier(context.Names.Property(table, column))})";

    /// <summary>
    /// The foreign keys' indexes the generator would make (<c>ix_&lt;table&gt;_&lt;columns&gt;</c>, unless the primary key or another
    /// index leads with the columns), when the database has every one of them: then <c>IndexForeignKeys</c> stays on and the
    /// models do not write them. Otherwise it is turned off and every index is written out.
    /// </summary>
    public static (bool IndexForeignKeys, HashSet<(string, string, string)> Indexes) ForeignKeyIndexes(SchemaModel model, ScaffoldNames names)
    {
        var indexes = new HashSet<(string, string, string)>();
        foreach (var table in model.Tables)
        {
            foreach (var fk in table.ForeignKeys.Where(fk => ForeignKeyWriter.LeftOut(model, names, table, fk) == null))
            {
                var name = SqlNaming.DeriveName("ix", table.Name, fk.Columns.ToArray());
                bool Leads(IEnumerable<string> keys) => keys.Take(fk.Columns.Count).SequenceEqual(fk.Columns) && keys.Count() >= fk.Columns.Count;
                if ((table.PrimaryKey != null && Leads(table.PrimaryKey.Columns)) || table.Indexes.Any(i => i.Name != name && i.Where == null && Leads(i.KeyColumns)))
                    continue;
                var own = table.Indexes.FirstOrDefault(i => i.Name == name);
                var expected = new IndexModel(name, fk.Columns, false, "btree", null, EquatableArray<string>.Empty);
                if (own == null || own.IsUnique || own.Method != "btree" || own.Where != null || own.Include.Count > 0 || !own.KeyColumns.SequenceEqual(fk.Columns)
                    || own.Definition != Definition(expected) || own.Comment != null || !own.IsValid)
                    return (false, []);
                indexes.Add((table.Schema, table.Name, name));
            }
        }

        return (true, indexes);
    }
}
