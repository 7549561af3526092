using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// Foreign keys as <c>[References(typeof(T), OnDelete = …, OnUpdate = …)]</c> on the column, or, for a composite key,
/// a navigation with <c>[ForeignKey("A, B")]</c>. The model's foreign keys reference the target's primary key with
/// columns of the same CLR types; one that does not is left out and reported.
/// </summary>
internal sealed class ForeignKeyWriter(ScaffoldContext context, TableModel table, Dictionary<string, List<string>> propertyAttributes, List<string> navigations)
{
    public void Write()
    {
        foreach (var fk in table.ForeignKeys)
            Write(fk);
    }

    private void Write(ForeignKeyModel fk)
    {
        var what = $"constraint {table.Schema}.{table.Name}.{fk.Name}";
        if (LeftOut(context.Model, context.Names, table, fk) is string reason)
        {
            context.Report.Add(what, reason + "; left out");
            return;
        }

        var target = context.Model.Tables.First(t => t.Schema == fk.RefSchema && t.Name == fk.RefTable);
        if (fk.IsDeferrable || fk.IsInitiallyDeferred)
            context.Report.Add(what, "it is DEFERRABLE: the model's foreign keys are not");
        if (fk.IsMatchFull)
            context.Report.Add(what, "it is MATCH FULL: the model's foreign keys are MATCH SIMPLE");
        if (!fk.IsValid)
            context.Report.Add(what, "it is NOT VALID: the model's foreign keys are validated");
        if (fk.Comment != null)
            context.Report.Add(what, "its comment: the model has no comments on constraints");

        var targetClass = context.Names.TypeRef(target.Schema, target.Name);
        var derived = SqlNaming.DeriveName("fk", table.Name, fk.Columns.ToArray());
        if (fk.Columns.Count == 1 && !propertyAttributes[fk.Columns[0]].Any(a => a.StartsWith("References", System.StringComparison.Ordinal)))
        {
            var arguments = new List<string> { $"typeof({targetClass})" };
            if (fk.OnDelete != ReferentialAction.NoAction)
                arguments.Add($"OnDelete = ReferentialAction.{fk.OnDelete}");
            if (fk.OnUpdate != ReferentialAction.NoAction)
                arguments.Add($"OnUpdate = ReferentialAction.{fk.OnUpdate}");
            if (fk.Name != derived)
                arguments.Add($"Name = {CSharpSyntax.String(fk.Name)}");
            propertyAttributes[fk.Columns[0]].Add($"References({string.Join(", ", arguments)})");
            return;
        }

        // [ForeignKey] on a navigation takes neither actions nor a name.
        if (fk.OnDelete != ReferentialAction.NoAction || fk.OnUpdate != ReferentialAction.NoAction)
            context.Report.Add(what, $"ON DELETE {fk.OnDelete} / ON UPDATE {fk.OnUpdate}: a composite foreign key ([ForeignKey] on a navigation) has no actions in the model");
        if (fk.Name != derived)
            context.Report.Add(what, $"a composite foreign key ([ForeignKey] on a navigation) is named {derived} in the model");
        var properties = fk.Columns.Select(c => context.Names.Property(table, c));
        var navigation = "Ref" + string.Concat(properties);
        navigations.Add($"    [ForeignKey({CSharpSyntax.String(string.Join(", ", properties))})]\n    public {targetClass}? {navigation} {{ get; set; }}\n");
    }

    /// <summary>Why the model cannot have this foreign key, or null when it can.</summary>
    public static string? LeftOut(SchemaModel model, ScaffoldNames names, TableModel table, ForeignKeyModel fk)
    {
        var target = model.Tables.FirstOrDefault(t => t.Schema == fk.RefSchema && t.Name == fk.RefTable);
        if (target == null)
            return $"it references {fk.RefSchema}.{fk.RefTable}, which is not scaffolded (scaffold its schema too)";
        if (target.PrimaryKey == null || !target.PrimaryKey.Columns.SequenceEqual(fk.RefColumns))
            return $"it references ({string.Join(", ", fk.RefColumns)}), not the primary key of {fk.RefSchema}.{fk.RefTable}: the model's foreign keys reference primary keys";
        for (var i = 0; i < fk.Columns.Count; i++)
        {
            var mine = ColumnTypes.Map(table.Columns.First(c => c.Name == fk.Columns[i]), names.TypeOrNull, model.DomainOf).ClrType;
            var theirs = ColumnTypes.Map(target.Columns.First(c => c.Name == fk.RefColumns[i]), names.TypeOrNull, model.DomainOf).ClrType;
            if (mine != theirs)
                return $"{fk.Columns[i]} is {mine} and {fk.RefColumns[i]} is {theirs}: the model's foreign keys join columns of the same CLR type (SG0007)";
        }

        return null;
    }
}
