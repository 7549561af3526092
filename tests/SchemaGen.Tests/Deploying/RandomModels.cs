using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;

namespace SchemaGen.Tests.Deploying;

/// <summary>The C# types a random column can have; each maps to a different PostgreSQL type.</summary>
public enum ColumnType { Int, Long, Short, Text, Varchar10, Varchar40, Bool, Decimal, Double, Timestamp, TimestampTz, Date, Uuid, Color, IntList, Json }

public sealed record ColumnSpec(string Name, ColumnType Type, bool Nullable, bool HasDefault, bool HasRule, bool Indexed, string? RenamedFrom = null)
{
    /// <summary>Whether the column allows NULL: a nullable property without a [Required] rule.</summary>
    public bool AllowsNull => Nullable && !(HasRule && Type is not (ColumnType.Int or ColumnType.Long or ColumnType.Short or ColumnType.Decimal or ColumnType.Double
        or ColumnType.Text or ColumnType.Varchar10 or ColumnType.Varchar40));
}

public sealed record TableSpec(string Class, string Name, ColumnSpec[] Columns, string? References, string? RenamedFrom = null);

/// <summary>A random model: the labels of one enum, <c>Color</c>, and tables with columns of every mapped type.</summary>
public sealed record ModelSpec(string[] Labels, TableSpec[] Tables)
{
    /// <summary>The model as the C# a user would write.</summary>
    public string Source()
    {
        var text = new StringBuilder("namespace TestModels;\n\npublic enum Color { ")
            .Append(string.Join(", ", Labels.Select(l => l.Contains('=') ? $"[RenamedFrom(\"{Snake(l.Split('=')[0])}\")] {l.Split('=')[1]}" : l))).Append(" }\n");
        foreach (var table in Tables)
        {
            text.Append($"\n[Table(\"{table.Name}\")]").Append(table.RenamedFrom == null ? "" : $"\n[RenamedFrom(\"{table.RenamedFrom}\")]")
                .Append($"\npublic class {table.Class}\n{{\n    [Key] public int Id {{ get; set; }}\n");
            if (table.References != null)
                text.Append($"    [References<{table.References}>] public int? {table.References}Id {{ get; set; }}\n");
            foreach (var column in table.Columns)
                text.Append("    ").Append(Property(column)).Append('\n');
            text.Append("}\n");
        }

        return text.ToString();
    }

    public override string ToString() => Source();

    private string Property(ColumnSpec c)
    {
        var attributes = new List<string>();
        if (c.RenamedFrom != null) attributes.Add($"RenamedFrom(\"{c.RenamedFrom}\")");
        if (c.Indexed) attributes.Add("Indexed");
        if (c.Type == ColumnType.Varchar10) attributes.Add("MaxLength(10)");
        if (c.Type == ColumnType.Varchar40) attributes.Add("MaxLength(40)");
        if (c.HasRule) attributes.Add(c.Type switch
        {
            ColumnType.Int or ColumnType.Long or ColumnType.Short => "Range(0, 1000)",
            ColumnType.Decimal or ColumnType.Double => "Range(0.5, 99.5)",
            ColumnType.Text or ColumnType.Varchar10 or ColumnType.Varchar40 => "MinLength(2)",
            _ => "Required",
        });

        var (clr, value) = c.Type switch
        {
            ColumnType.Int => ("int", "7"),
            ColumnType.Long => ("long", "7"),
            ColumnType.Short => ("short", "7"),
            ColumnType.Text or ColumnType.Varchar10 or ColumnType.Varchar40 => ("string", "\"seven\""),
            ColumnType.Bool => ("bool", "true"),
            ColumnType.Decimal => ("decimal", "7.5m"),
            ColumnType.Double => ("double", "7.5"),
            ColumnType.Timestamp => ("DateTime", "DateTime.UtcNow"),
            ColumnType.TimestampTz => ("DateTimeOffset", "DateTimeOffset.UtcNow"),
            ColumnType.Date => ("DateOnly", (string?)null),
            ColumnType.Uuid => ("Guid", "Guid.NewGuid()"),
            ColumnType.Color => ("Color", "Color." + Labels.Last().Split('=').Last()),
            ColumnType.IntList => ("List<int>", "new()"),
            _ => ("Dictionary<string, int>", "new()"),
        };
        var isReference = clr is "string" or "List<int>" or "Dictionary<string, int>";
        var initializer = c.HasDefault && value != null ? $" = {value};" : !c.Nullable && isReference ? " = null!;" : "";
        var declaration = $"public {clr}{(c.Nullable ? "?" : "")} {Pascal(c.Name)} {{ get; set; }}{initializer}";
        return (attributes.Count == 0 ? "" : "[" + string.Join(", ", attributes) + "] ") + declaration;
    }

    private static string Pascal(string snake) => string.Concat(snake.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Snake(string pascal) => string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}

/// <summary>One random change to a model; its numbers pick the table, column, position or type it applies to.</summary>
public sealed record Mutation(int Kind, int Table, int Column, ColumnSpec NewColumn)
{
    public const int Kinds = 14;

    private static readonly string[] NewLabels = ["Cyan", "Magenta", "Yellow", "Black"];

    // Type changes stay within a family that PostgreSQL can cast (USING column::new_type); an empty table
    // then takes any of them, widening or not.
    private static readonly ColumnType[][] Families =
    [
        [ColumnType.Short, ColumnType.Int, ColumnType.Long, ColumnType.Decimal, ColumnType.Double],
        [ColumnType.Varchar10, ColumnType.Varchar40, ColumnType.Text],
        [ColumnType.Date, ColumnType.Timestamp, ColumnType.TimestampTz],
    ];

    public ModelSpec ApplyTo(ModelSpec model)
    {
        var tables = model.Tables.ToList();
        var t = Table % tables.Count;
        var table = tables[t];
        var columns = table.Columns.ToList();
        var c = columns.Count == 0 ? -1 : Column % columns.Count;
        ColumnSpec Change(Func<ColumnSpec, ColumnSpec> change) => change(columns[c]);

        switch (Kind)
        {
            case 0: columns.Add(NewColumn with { Name = FreshName(columns) }); break;
            case 1 when c >= 0: columns.RemoveAt(c); break;
            case 2 when c >= 0 && columns[c].RenamedFrom == null: columns[c] = Change(x => x with { Name = x.Name + "r", RenamedFrom = x.Name }); break;
            case 3 when c >= 0: columns[c] = Change(x => x with { Nullable = !x.Nullable }); break;
            case 4 when c >= 0: columns[c] = Change(x => x with { HasDefault = !x.HasDefault }); break;
            case 5 when c >= 0: columns[c] = Change(x => x with { HasRule = !x.HasRule }); break;
            case 6 when c >= 0: columns[c] = Change(x => x with { Indexed = !x.Indexed }); break;
            case 7 when c >= 0 && Families.Any(f => f.Contains(columns[c].Type)):
                var family = Families.First(f => f.Contains(columns[c].Type));
                columns[c] = Change(x => x with { Type = family[(int)NewColumn.Type % family.Length] });
                break;
            case 8:
                tables.Add(new TableSpec($"T{tables.Count}", $"t{tables.Count}", [NewColumn with { Name = "c0" }], Column % 2 == 0 ? "T0" : null));
                return model with { Tables = tables.ToArray() };
            case 9 when tables.Count > 1 && !tables.Any(x => x.References == tables[^1].Class):
                tables.RemoveAt(tables.Count - 1);
                return model with { Tables = tables.ToArray() };
            case 10 when table.RenamedFrom == null:
                tables[t] = table with { Name = table.Name + "r", RenamedFrom = table.Name };
                return model with { Tables = tables.ToArray() };
            case 11 when NewLabels.FirstOrDefault(l => !model.Labels.Contains(l)) is string label:
                var labels = model.Labels.ToList();
                labels.Insert(Column % (labels.Count + 1), label);
                return model with { Labels = labels.ToArray() };
            case 12 when model.Labels.Length > 1:
                return model with { Labels = model.Labels.Where((_, i) => i != Column % model.Labels.Length).ToArray() };
            case 13 when model.Labels[Column % model.Labels.Length] is var old && !old.Contains('='):
                return model with { Labels = model.Labels.Select(l => l == old ? old + "=" + old + "X" : l).ToArray() };
        }

        tables[t] = table with { Columns = columns.ToArray() };
        return model with { Tables = tables.ToArray() };
    }

    private static string FreshName(List<ColumnSpec> columns)
    {
        var n = columns.Count;
        while (columns.Any(x => x.Name == $"c{n}" || x.RenamedFrom == $"c{n}"))
            n++;
        return $"c{n}";
    }
}

/// <summary>CsCheck generators of random models and of random changes to them.</summary>
public static class RandomModels
{
    private static readonly Gen<ColumnSpec> Column =
        from type in Gen.Enum<ColumnType>()
        from nullable in Gen.Bool
        from hasDefault in Gen.Bool
        from rule in Gen.Int[0, 3]
        from index in Gen.Int[0, 3]
        select new ColumnSpec("", type, nullable, hasDefault, rule == 0, index == 0);

    private static readonly Gen<(ColumnSpec[] Columns, int Reference)> TableDraft =
        from columns in Column.Array[1, 5]
        from reference in Gen.Int[0, 3]
        select (columns, reference);

    public static readonly Gen<ModelSpec> Model =
        from labelCount in Gen.Int[1, 3]
        from drafts in TableDraft.Array[1, 3]
        select new ModelSpec(
            new[] { "Red", "Green", "Blue" }[..labelCount],
            drafts.Select((d, i) => new TableSpec($"T{i}", $"t{i}", d.Columns.Select((c, j) => c with { Name = $"c{j}" }).ToArray(),
                i > 0 && d.Reference > 0 ? $"T{(d.Reference - 1) % i}" : null)).ToArray());

    private static readonly Gen<Mutation> Mutation =
        from kind in Gen.Int[0, SchemaGen.Tests.Deploying.Mutation.Kinds - 1]
        from table in Gen.Int[0, 10]
        from column in Gen.Int[0, 10]
        from added in Column
        select new Mutation(kind, table, column, added);

    /// <summary>
    /// INSERTs of a few rows into every table of the model (parents first), with values drawn from
    /// <paramref name="seed"/>: each satisfies the column's type, nullability and rule.
    /// </summary>
    public static string RowsSql(ModelSpec model, ulong seed)
    {
        var random = new Random((int)(seed % int.MaxValue));
        var text = new StringBuilder();
        foreach (var table in model.Tables)
        {
            var count = random.Next(1, 4);
            var columns = new List<string> { "id" };
            if (table.References != null)
                columns.Add(SchemaGen.Model.SqlNaming.ToSnakeCase(table.References + "Id"));
            columns.AddRange(table.Columns.Select(c => c.Name));
            var rows = new List<string>();
            for (var id = 1; id <= count; id++)
            {
                var values = new List<string> { id.ToString() };
                if (table.References != null)
                    values.Add(random.Next(3) == 0 ? "NULL" : "1");
                values.AddRange(table.Columns.Select(c => c.AllowsNull && random.Next(4) == 0 ? "NULL" : Value(model, c, random)));
                rows.Add("(" + string.Join(", ", values) + ")");
            }

            text.Append($"INSERT INTO {table.Name} ({string.Join(", ", columns)}) VALUES {string.Join(", ", rows)};\n");
        }

        return text.ToString();
    }

    /// <summary>A literal of the column's type that satisfies its rule (and, without a rule, sometimes one that would not).</summary>
    public static string Value(ModelSpec model, ColumnSpec column, Random random)
    {
        var outside = !column.HasRule && random.Next(4) == 0;
        return column.Type switch
        {
            ColumnType.Int or ColumnType.Long or ColumnType.Short => (outside ? -random.Next(1, 50) : random.Next(0, 1001)).ToString(),
            ColumnType.Decimal or ColumnType.Double => outside ? "-3.25" : (random.Next(1, 199) / 2.0 + 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ColumnType.Text or ColumnType.Varchar10 or ColumnType.Varchar40 =>
                "'" + (outside ? "x" : "v" + new string(Enumerable.Range(0, random.Next(1, 9)).Select(_ => (char)('a' + random.Next(26))).ToArray())) + "'",
            ColumnType.Bool => random.Next(2) == 0 ? "true" : "false",
            ColumnType.Timestamp or ColumnType.TimestampTz => $"'2024-0{random.Next(1, 10)}-1{random.Next(0, 10)} 0{random.Next(0, 10)}:30:00+00'",
            ColumnType.Date => $"'2024-0{random.Next(1, 10)}-1{random.Next(0, 10)}'",
            ColumnType.Uuid => $"'{new Guid(random.Next(), 0, 0, new byte[8])}'",
            ColumnType.Color => "'" + Label(model.Labels[random.Next(model.Labels.Length)]) + "'",
            ColumnType.IntList => $"'{{{random.Next(0, 9)},{random.Next(0, 9)}}}'",
            _ => $"'{{\"k\": {random.Next(0, 9)}}}'",
        };
    }

    /// <summary>The PostgreSQL label of a C# enum member of <see cref="ModelSpec.Labels"/> ("Old=New" is a renamed one: New).</summary>
    public static string Label(string member) => SchemaGen.Model.SqlNaming.ToSnakeCase(member.Split('=').Last());

    /// <summary>A model and the model after one to three random changes.</summary>
    public static readonly Gen<(ModelSpec Before, ModelSpec After)> Evolution =
        from before in Model
        from mutations in Mutation.Array[1, 3]
        select (before, mutations.Aggregate(before, (model, m) => m.ApplyTo(model)));
}
