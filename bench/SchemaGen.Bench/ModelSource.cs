using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SchemaGen.Bench;

/// <summary>One C# source file of the benchmark model.</summary>
public sealed record SourceFile(string Path, string Text);

/// <summary>
/// The benchmark model, as C# source text: <see cref="TableCount"/> [Table] classes of
/// <see cref="ColumnsPerTable"/> columns each, one class per file like a real project, plus an unrelated
/// helper class whose method body the "unrelated edit" changes. The generator benchmarks compile this text
/// with Roslyn; the EF Core benchmark compiles the very same text into an in-memory assembly and registers
/// its classes, so both sides read identical annotated classes.
/// </summary>
/// <remarks>
/// Every table has a [Key] (int, long or Guid), strings with [MaxLength]/[Required], integers, decimals,
/// doubles, booleans, DateTime/DateTimeOffset/DateOnly, Guids, nullable value types and nullable strings,
/// [Range] on int, double and decimal columns; every table but the first references another through an
/// EF Core style [ForeignKey] on the key property naming a navigation (understood by both SchemaGen and
/// EF Core), every third table also has an optional second reference; every third table has a unique
/// [Index] and every fifth a two-column [Index].
/// </remarks>
public static class ModelSource
{
    public const int TableCount = 1000;
    public const int ColumnsPerTable = 20;
    public const string Namespace = "BenchModels";

    /// <summary>The helper class outside the model; only its method body is edited.</summary>
    public const string HelperPath = "Helpers/Helper.cs";

    public const string Helper = """
        namespace BenchModels.Helpers;

        /// <summary>Code that has nothing to do with the model.</summary>
        public static class Helper
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    /// <summary>The helper after the unrelated edit: a different method body, same shape.</summary>
    public static readonly string EditedHelper = Helper.Replace("x * 2", "x + x", StringComparison.Ordinal);

    public static string ClassName(int table) => "Entity" + table.ToString("D4", CultureInfo.InvariantCulture);

    public static string TableName(int table) => "entity_" + table.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Key type of table <paramref name="table"/>: mostly int, some long, some Guid.</summary>
    public static string KeyType(int table) => table % 7 == 0 ? "Guid" : table % 4 == 0 ? "long" : "int";

    /// <summary>The table that <paramref name="table"/>'s required reference points to (none for table 1).</summary>
    public static int Parent(int table) => table / 2;

    /// <summary>The table that the optional second reference of every third table points to.</summary>
    public static int Owner(int table) => Math.Max(1, table - 10);

    public static bool HasOwner(int table) => table % 3 == 0;

    public static bool HasUniqueIndex(int table) => table % 3 == 0;

    public static bool HasCompositeIndex(int table) => table % 5 == 0;

    /// <summary>
    /// The model files, then the helper file. A smaller <paramref name="tableCount"/> gives the first tables of the
    /// same model: every reference points to a lower-numbered table, so any prefix is a closed model.
    /// </summary>
    public static IReadOnlyList<SourceFile> Files(int tableCount = TableCount)
    {
        // The whole-build benchmark also writes a 10,000-table model; names have room for 99,999 tables.
        if (tableCount < 1 || tableCount > 99_999)
            throw new ArgumentOutOfRangeException(nameof(tableCount), tableCount, "1 to 99,999 tables.");
        var files = new List<SourceFile>(tableCount + 1);
        for (var table = 1; table <= tableCount; table++)
            files.Add(new SourceFile($"Models/{ClassName(table)}.cs", Table(table)));
        files.Add(new SourceFile(HelperPath, Helper));
        return files;
    }

    /// <summary>Foreign keys in the model: one per table but the first, plus the optional ones.</summary>
    public static int ForeignKeyCount(int tableCount = TableCount)
    {
        var count = 0;
        for (var table = 1; table <= tableCount; table++)
            count += (table > 1 ? 1 : 0) + (HasOwner(table) ? 1 : 0);
        return count;
    }

    /// <summary>The C# of one [Table] class: exactly <see cref="ColumnsPerTable"/> mapped properties.</summary>
    public static string Table(int table)
    {
        var name = ClassName(table);
        var s = new StringBuilder(2048);
        s.Append("""
            using System;
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;
            using SchemaGen;

            namespace BenchModels;

            """);
        s.Append("/// <summary>Benchmark table ").Append(table).Append(".</summary>\n");
        s.Append("[Table(\"").Append(TableName(table)).Append("\")]\n");
        if (HasUniqueIndex(table))
            s.Append("[Index(nameof(Code), IsUnique = true)]\n");
        if (HasCompositeIndex(table))
            s.Append("[Index(nameof(CreatedAt), nameof(IsActive))]\n");
        s.Append("public class ").Append(name).Append("\n{\n");

        var columns = 0;
        void Column(string line)
        {
            s.Append("    ").Append(line).Append('\n');
            columns++;
        }

        Column($"[Key] public {KeyType(table)} Id {{ get; set; }}");
        Column("/// <summary>The display name.</summary>\n    [Required, MaxLength(100)] public string Name { get; set; } = null!;");
        Column("[MaxLength(2000)] public string? Description { get; set; }");
        Column("[Range(0, 1000000)] public int Quantity { get; set; }");
        Column("public long Counter { get; set; }");
        Column("[Range(typeof(decimal), \"0\", \"1000000\")] public decimal Amount { get; set; }");
        Column("public decimal? Discount { get; set; }");
        Column("public bool IsActive { get; set; }");
        Column("public DateTime CreatedAt { get; set; }");
        Column("public DateTimeOffset? UpdatedAt { get; set; }");
        Column("public Guid ExternalId { get; set; }");
        Column("public Guid? CorrelationId { get; set; }");
        Column("[Range(1, 10)] public int? Priority { get; set; }");
        Column("[MaxLength(32)] public string Code { get; set; } = null!;");
        Column("public string? Notes { get; set; }");
        Column("[Range(0.0, 100.0)] public double Score { get; set; }");
        Column("public short Level { get; set; }");
        Column("public long? Version { get; set; }");

        if (table > 1)
        {
            var parent = Parent(table);
            Column($"[ForeignKey(nameof(Parent))] public {KeyType(parent)} ParentId {{ get; set; }}");
            s.Append("    public ").Append(ClassName(parent)).Append(" Parent { get; set; } = null!;\n");
        }
        else
        {
            Column("public int Sequence { get; set; }");
        }

        if (HasOwner(table))
        {
            var owner = Owner(table);
            Column($"[ForeignKey(nameof(Owner))] public {KeyType(owner)}? OwnerId {{ get; set; }}");
            s.Append("    public ").Append(ClassName(owner)).Append("? Owner { get; set; }\n");
        }
        else
        {
            Column("public DateOnly? ValidUntil { get; set; }");
        }

        s.Append("}\n");
        if (columns != ColumnsPerTable)
            throw new InvalidOperationException($"{name} has {columns} columns, not {ColumnsPerTable}.");
        return s.ToString();
    }
}
