using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;

namespace SchemaGen.Tests.Deploying;

/// <summary>The C# types a random column can have; each maps to a different PostgreSQL type.</summary>
public enum ColumnType
{
    Int, Long, Short, Text, Varchar10, Varchar40, Bool, Decimal, Double, Timestamp, TimestampTz, Date, Uuid, Color, IntList, Json,
    Float, Numeric, Time, Interval, Bytes,
}

/// <summary>
/// A column: its type, nullability, default (the property's initializer), rule (a validation attribute that
/// becomes a CHECK or NOT NULL), index, stored generated expression, comment and the name it was renamed from.
/// </summary>
public sealed record ColumnSpec(string Name, ColumnType Type, bool Nullable, bool HasDefault, bool HasRule, bool Indexed, string? RenamedFrom = null,
    bool Generated = false, string? Comment = null)
{
    /// <summary>Whether the column allows NULL: a nullable property without a [Required] rule.</summary>
    public bool AllowsNull => Nullable && !(HasRule && !HasRangeOrLength);

    /// <summary>The rule is a [Range] or [MinLength] (a CHECK); otherwise it is [Required] (NOT NULL).</summary>
    public bool HasRangeOrLength => Type is ColumnType.Int or ColumnType.Long or ColumnType.Short or ColumnType.Decimal or ColumnType.Double
        or ColumnType.Float or ColumnType.Numeric or ColumnType.Text or ColumnType.Varchar10 or ColumnType.Varchar40;

    /// <summary>The types a stored generated column of these models can have.</summary>
    public static bool CanBeGenerated(ColumnType type) => type is ColumnType.Int or ColumnType.Long or ColumnType.Decimal or ColumnType.Text;

    /// <summary>The column made consistent: only some types are generated, and a generated column has no default.</summary>
    public ColumnSpec Normalized() => Generated && !CanBeGenerated(Type) ? this with { Generated = false } : Generated ? this with { HasDefault = false } : this;
}

/// <summary>
/// A table: its class and name, key column (with identity or not, maybe renamed), columns, the class its one
/// foreign key references, comment and the name it was renamed from.
/// </summary>
public sealed record TableSpec(string Class, string Name, ColumnSpec[] Columns, string? References, string? RenamedFrom = null,
    bool Identity = false, string Key = "id", string? KeyRenamedFrom = null, string? Comment = null)
{
    /// <summary>The foreign key column that references <see cref="References"/>.</summary>
    public string? ReferenceColumn => References == null ? null : SqlNaming.ToSnakeCase(References + "Id");
}

/// <summary>
/// A random model: the labels of one enum, <c>Color</c> (with its comment), tables with columns of every mapped type,
/// and objects beyond tables stated in templates (<see cref="ObjectsSpec"/>; null: none).
/// </summary>
public sealed record ModelSpec(string[] Labels, TableSpec[] Tables, string? EnumComment = null, ObjectsSpec? Objects = null)
{
    /// <summary>The model's <c>.sql</c> templates (path, text).</summary>
    public (string Path, string Text)[] Templates() => Objects?.Templates(this) ?? [];

    /// <summary>The model compiled with the generator, templates included, and loaded.</summary>
    public GeneratedSchema Build() => GeneratorHarness.Run([Evolution.Usings + Source()], Templates()).Load();

    /// <summary>The C# and the templates, for a failure message that reproduces the model.</summary>
    public string Describe() => Source() + string.Concat(Templates().Select(t => $"--- {t.Path} ---\n{t.Text}"));

    /// <summary>The model as the C# a user would write.</summary>
    public string Source()
    {
        var text = new StringBuilder(Objects?.Source() ?? "").Append("namespace TestModels;\n\n").Append(Summary(EnumComment, ""))
            .Append("public enum Color { ")
            .Append(string.Join(", ", Labels.Select(l => l.Contains('=') ? $"[RenamedFrom(\"{Snake(l.Split('=')[0])}\")] {l.Split('=')[1]}" : l))).Append(" }\n");
        foreach (var table in Tables)
        {
            text.Append('\n').Append(Summary(table.Comment, ""))
                .Append($"[Table(\"{table.Name}\")]").Append(table.RenamedFrom == null ? "" : $"\n[RenamedFrom(\"{table.RenamedFrom}\")]")
                .Append($"\npublic class {table.Class}\n{{\n    [Key")
                .Append(table.Identity ? ", DatabaseGenerated(DatabaseGeneratedOption.Identity)" : "")
                .Append(table.KeyRenamedFrom == null ? "" : $", RenamedFrom(\"{table.KeyRenamedFrom}\")")
                .Append($"] public int {Pascal(table.Key)} {{ get; set; }}\n");
            if (table.References != null)
                text.Append($"    [References<{table.References}>] public int? {table.References}Id {{ get; set; }}\n");
            foreach (var column in table.Columns)
                text.Append(Summary(column.Comment, "    ")).Append("    ").Append(Property(table, column)).Append('\n');
            text.Append("}\n");
        }

        return text.ToString();
    }

    public override string ToString() => Describe();

    private static string Summary(string? comment, string indent) => comment == null ? "" : $"{indent}/// <summary>{comment}</summary>\n";

    private string Property(TableSpec table, ColumnSpec c)
    {
        var attributes = new List<string>();
        if (c.RenamedFrom != null) attributes.Add($"RenamedFrom(\"{c.RenamedFrom}\")");
        if (c.Indexed) attributes.Add("Indexed");
        if (c.Type == ColumnType.Varchar10) attributes.Add("MaxLength(10)");
        if (c.Type == ColumnType.Varchar40) attributes.Add("MaxLength(40)");
        if (c.Type == ColumnType.Numeric) attributes.Add("Numeric(10, 2)");
        if (c.Generated) attributes.Add($"Generated(\"{GeneratedSql(table, c.Type)}\")");
        if (c.HasRule) attributes.Add(c.Type switch
        {
            ColumnType.Int or ColumnType.Long or ColumnType.Short => "Range(0, 1000)",
            ColumnType.Decimal or ColumnType.Double or ColumnType.Float or ColumnType.Numeric => "Range(0.5, 99.5)",
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
            ColumnType.Decimal or ColumnType.Numeric => ("decimal", "7.5m"),
            ColumnType.Double => ("double", "7.5"),
            ColumnType.Float => ("float", "7.5f"),
            ColumnType.Timestamp => ("DateTime", "DateTime.UtcNow"),
            ColumnType.TimestampTz => ("DateTimeOffset", "DateTimeOffset.UtcNow"),
            ColumnType.Date => ("DateOnly", (string?)null),
            ColumnType.Time => ("TimeOnly", null),
            ColumnType.Interval => ("TimeSpan", null),
            ColumnType.Bytes => ("byte[]", null),
            ColumnType.Uuid => ("Guid", "Guid.NewGuid()"),
            ColumnType.Color => ("Color", "Color." + Labels.Last().Split('=').Last()),
            ColumnType.IntList => ("List<int>", "new()"),
            _ => ("Dictionary<string, int>", "new()"),
        };
        var isReference = clr is "string" or "List<int>" or "Dictionary<string, int>" or "byte[]";
        var initializer = c.HasDefault && value != null ? $" = {value};" : !c.Nullable && isReference ? " = null!;" : "";
        var declaration = $"public {clr}{(c.Nullable ? "?" : "")} {Pascal(c.Name)} {{ get; set; }}{initializer}";
        return (attributes.Count == 0 ? "" : "[" + string.Join(", ", attributes) + "] ") + declaration;
    }

    /// <summary>The expression of a stored generated column of the type, over the table's key.</summary>
    public static string GeneratedSql(TableSpec table, ColumnType type) => type switch
    {
        ColumnType.Text => $"'g' || {table.Key}::text",
        ColumnType.Decimal => $"{table.Key} * 2.5",
        _ => $"{table.Key} * 2",
    };

    private static string Pascal(string snake) => string.Concat(snake.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Snake(string pascal) => string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}

/// <summary>One random change to a model; its numbers pick the table, column, position or type it applies to.</summary>
public sealed record Mutation(int Kind, int Table, int Column, ColumnSpec NewColumn)
{
    /// <summary>The table and enum changes (0 to 20), then the changes of the objects beyond tables (<see cref="ObjectsSpec.Mutate"/>).</summary>
    public const int Kinds = 21 + ObjectsSpec.MutationKinds;

    private static readonly string[] NewLabels = ["Cyan", "Magenta", "Yellow", "Black"];

    /// <summary>Comments cycle through these (null: no comment); one has a quote, one is not ASCII.</summary>
    public static readonly string?[] Comments = [null, "The thing.", "It's changed.", "Ünïcode ✓"];

    // Type changes stay within a family that PostgreSQL can cast (USING column::new_type).
    private static readonly ColumnType[][] Families =
    [
        [ColumnType.Short, ColumnType.Int, ColumnType.Long, ColumnType.Decimal, ColumnType.Double, ColumnType.Float, ColumnType.Numeric],
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
        ColumnSpec Change(Func<ColumnSpec, ColumnSpec> change) => change(columns[c]).Normalized();
        ModelSpec WithTable(TableSpec changed)
        {
            tables[t] = changed;
            return model with { Tables = tables.ToArray() };
        }

        switch (Kind)
        {
            case 0: columns.Add((NewColumn with { Name = FreshName(columns) }).Normalized()); break;
            case 1 when c >= 0: columns.RemoveAt(c); break;
            case 2 when c >= 0 && columns[c].RenamedFrom == null: columns[c] = Change(x => x with { Name = x.Name + "r", RenamedFrom = x.Name }); break;
            case 3 when c >= 0: columns[c] = Change(x => x with { Nullable = !x.Nullable }); break;
            case 4 when c >= 0 && !columns[c].Generated: columns[c] = Change(x => x with { HasDefault = !x.HasDefault }); break;
            case 5 when c >= 0: columns[c] = Change(x => x with { HasRule = !x.HasRule }); break;
            case 6 when c >= 0: columns[c] = Change(x => x with { Indexed = !x.Indexed }); break;
            case 7 when c >= 0 && !columns[c].Generated && Families.Any(f => f.Contains(columns[c].Type)):
                var family = Families.First(f => f.Contains(columns[c].Type));
                columns[c] = Change(x => x with { Type = family[(int)NewColumn.Type % family.Length] });
                break;
            case 8:
                tables.Add(new TableSpec($"T{tables.Count}", $"t{tables.Count}", [(NewColumn with { Name = "c0" }).Normalized()], Column % 2 == 0 ? "T0" : null,
                    Identity: NewColumn.Indexed, Comment: Comments[Column % Comments.Length]));
                return model with { Tables = tables.ToArray() };
            case 9 when tables.Count > 1 && !tables.Any(x => x.References == tables[^1].Class):
                tables.RemoveAt(tables.Count - 1);
                return model with { Tables = tables.ToArray() };
            case 10 when table.RenamedFrom == null:
                return WithTable(table with { Name = table.Name + "r", RenamedFrom = table.Name });
            case 11 when NewLabels.FirstOrDefault(l => !model.Labels.Contains(l)) is string label:
                var labels = model.Labels.ToList();
                labels.Insert(Column % (labels.Count + 1), label);
                return model with { Labels = labels.ToArray() };
            case 12 when model.Labels.Length > 1:
                return model with { Labels = model.Labels.Where((_, i) => i != Column % model.Labels.Length).ToArray() };
            case 13 when model.Labels[Column % model.Labels.Length] is var old && !old.Contains('='):
                return model with { Labels = model.Labels.Select(l => l == old ? old + "=" + old + "X" : l).ToArray() };
            case 14 when c >= 0 && !columns[c].Generated && columns[c].Type is ColumnType.Text or ColumnType.Varchar10 or ColumnType.Varchar40 or ColumnType.Color:
                // text <-> enum: the values convert through text.
                columns[c] = Change(x => x with { Type = x.Type == ColumnType.Color ? ColumnType.Text : ColumnType.Color });
                break;
            case 15 when c >= 0 && ColumnSpec.CanBeGenerated(columns[c].Type):
                columns[c] = Change(x => x with { Generated = !x.Generated });
                break;
            case 16:
                return WithTable(table with { Identity = !table.Identity });
            case 17 when table.KeyRenamedFrom == null:
                // The key column renamed, also when other tables' foreign keys reference it.
                return WithTable(table with { Key = table.Key + "r", KeyRenamedFrom = table.Key, Columns = columns.ToArray() });
            case 18:
                return WithTable(table with { Comment = Next(table.Comment) });
            case 19 when c >= 0:
                columns[c] = Change(x => x with { Comment = Next(x.Comment) });
                break;
            case 20:
                return model with { EnumComment = Next(model.EnumComment) };
            case >= 21:
                return model with { Objects = (model.Objects ?? ObjectsSpec.None).Mutate(Kind - 21, Column) };
        }

        tables[t] = table with { Columns = columns.ToArray() };
        return model with { Tables = tables.ToArray() };
    }

    private static string? Next(string? comment) => Comments[(Array.IndexOf(Comments, comment) + 1) % Comments.Length];

    private static string FreshName(List<ColumnSpec> columns)
    {
        var n = columns.Count;
        while (columns.Any(x => x.Name == $"c{n}" || x.RenamedFrom == $"c{n}"))
            n++;
        return $"c{n}";
    }
}

/// <summary>CsCheck generators of random models and of random changes to them, and rows for them.</summary>
public static class RandomModels
{
    private static readonly Gen<ColumnSpec> Column =
        from type in Gen.Enum<ColumnType>()
        from nullable in Gen.Bool
        from hasDefault in Gen.Bool
        from rule in Gen.Int[0, 3]
        from index in Gen.Int[0, 3]
        from generated in Gen.Int[0, 5]
        from comment in Gen.Int[0, 5]
        select new ColumnSpec("", type, nullable, hasDefault, rule == 0, index == 0, Generated: generated == 0,
            Comment: comment < SchemaGen.Tests.Deploying.Mutation.Comments.Length ? SchemaGen.Tests.Deploying.Mutation.Comments[comment] : null).Normalized();

    private static readonly Gen<(ColumnSpec[] Columns, int Reference, bool Identity, int Comment)> TableDraft =
        from columns in Column.Array[1, 5]
        from reference in Gen.Int[0, 3]
        from identity in Gen.Int[0, 3]
        from comment in Gen.Int[0, 5]
        select (columns, reference, identity == 0, comment);

    public static readonly Gen<ModelSpec> Model =
        from labelCount in Gen.Int[1, 3]
        from drafts in TableDraft.Array[1, 3]
        from enumComment in Gen.Int[0, 5]
        from objects in ObjectsSpec.Gen
        select new ModelSpec(
            new[] { "Red", "Green", "Blue" }[..labelCount],
            drafts.Select((d, i) => new TableSpec($"T{i}", $"t{i}", d.Columns.Select((c, j) => c with { Name = $"c{j}" }).ToArray(),
                i > 0 && d.Reference > 0 ? $"T{(d.Reference - 1) % i}" : null, Identity: d.Identity,
                Comment: d.Comment < SchemaGen.Tests.Deploying.Mutation.Comments.Length ? SchemaGen.Tests.Deploying.Mutation.Comments[d.Comment] : null)).ToArray(),
            enumComment < SchemaGen.Tests.Deploying.Mutation.Comments.Length ? SchemaGen.Tests.Deploying.Mutation.Comments[enumComment] : null,
            objects);

    private static readonly Gen<Mutation> Mutation =
        from kind in Gen.Int[0, SchemaGen.Tests.Deploying.Mutation.Kinds - 1]
        from table in Gen.Int[0, 10]
        from column in Gen.Int[0, 10]
        from added in Column
        select new Mutation(kind, table, column, added);

    /// <summary>A model and the model after one to four random changes, all deployed at once.</summary>
    public static readonly Gen<(ModelSpec Before, ModelSpec After)> Evolution =
        from before in Model
        from mutations in Mutation.Array[1, 4]
        select (before, mutations.Aggregate(before, (model, m) => m.ApplyTo(model)));

    /// <summary>
    /// INSERTs of one to three rows into every table of the model (parents first), with values drawn from
    /// <paramref name="seed"/>: each satisfies the column's type, nullability and rule; a column without a rule
    /// sometimes gets a value the rule would refuse, and a text column sometimes a label of the enum.
    /// </summary>
    public static string RowsSql(ModelSpec model, ulong seed)
    {
        var random = new Random((int)(seed % int.MaxValue));
        var text = new StringBuilder();
        foreach (var table in model.Tables)
        {
            var count = random.Next(1, 4);
            var columns = new List<string> { table.Key };
            if (table.ReferenceColumn != null)
                columns.Add(table.ReferenceColumn);
            columns.AddRange(table.Columns.Where(c => !c.Generated).Select(c => c.Name));
            var rows = new List<string>();
            for (var id = 1; id <= count; id++)
            {
                var values = new List<string> { id.ToString(CultureInfo.InvariantCulture) };
                if (table.References != null)
                    values.Add(random.Next(3) == 0 ? "NULL" : "1");
                values.AddRange(table.Columns.Where(c => !c.Generated).Select(c => c.AllowsNull && random.Next(4) == 0 ? "NULL" : Value(model, c, random)));
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
        string Word(int max) => new(Enumerable.Range(0, random.Next(1, max)).Select(_ => (char)('a' + random.Next(26))).ToArray());
        return column.Type switch
        {
            ColumnType.Int or ColumnType.Long or ColumnType.Short => (outside ? -random.Next(1, 50) : random.Next(0, 1001)).ToString(CultureInfo.InvariantCulture),
            // Multiples of 0.25: exact in real, double precision and numeric(10,2), and not integers (a cast to an integer would round them).
            ColumnType.Decimal or ColumnType.Double or ColumnType.Float or ColumnType.Numeric =>
                outside ? "-3.25" : (random.Next(2, 397) / 4.0 + 0.25 * (random.Next(2) == 0 ? 1 : 0)).ToString(CultureInfo.InvariantCulture),
            ColumnType.Text or ColumnType.Varchar10 or ColumnType.Varchar40 when random.Next(3) == 0 => "'" + Label(model.Labels[random.Next(model.Labels.Length)]) + "'",
            ColumnType.Varchar10 => "'" + (outside ? "x" : "v" + Word(9)) + "'",
            ColumnType.Text or ColumnType.Varchar40 => "'" + (outside ? "x" : "v" + Word(16)) + "'",
            ColumnType.Bool => random.Next(2) == 0 ? "true" : "false",
            ColumnType.Timestamp or ColumnType.TimestampTz => $"'2024-0{random.Next(1, 10)}-1{random.Next(0, 10)} 0{random.Next(0, 10)}:30:00+00'",
            ColumnType.Date => $"'2024-0{random.Next(1, 10)}-1{random.Next(0, 10)}'",
            ColumnType.Time => $"'0{random.Next(0, 10)}:{random.Next(10, 60)}:00'",
            ColumnType.Interval => $"'{random.Next(1, 100)} hours'",
            ColumnType.Bytes => $"'\\x{random.Next(0, 65536):x4}'",
            ColumnType.Uuid => $"'{new Guid(random.Next(), 0, 0, new byte[8])}'",
            ColumnType.Color => "'" + Label(model.Labels[random.Next(model.Labels.Length)]) + "'",
            ColumnType.IntList => $"'{{{random.Next(0, 9)},{random.Next(0, 9)}}}'",
            _ => $"'{{\"k\": {random.Next(0, 9)}}}'",
        };
    }

    /// <summary>The PostgreSQL label of a C# enum member of <see cref="ModelSpec.Labels"/> ("Old=New" is a renamed one: New).</summary>
    public static string Label(string member) => SqlNaming.ToSnakeCase(member.Split('=').Last());
}
