using System.Collections.Generic;
using System.Linq;

namespace SchemaGen
{
    /// <summary>What a migration step does; each name is the DDL it runs.</summary>
#pragma warning disable CS1591 // the member names are the documentation
    public enum StepKind
    {
        CreateSchema, CreateEnum, AddEnumValue, RenameEnumValue, RecreateEnum, DropEnum,
        CreateTable, RenameTable, DropTable,
        AddColumn, RenameColumn, DropColumn, AlterColumnType, SetNotNull, DropNotNull, SetDefault, DropDefault, AlterIdentity,
        AddPrimaryKey, DropPrimaryKey, AddCheck, DropCheck, AddForeignKey, DropForeignKey,
        CreateIndex, DropIndex, SetComment,
        CreateFunction, ReplaceFunction, DropFunction, CreateTrigger, DropTrigger,
    }
#pragma warning restore CS1591

    /// <summary>Why a step could lose data or fail on the rows already in the database.</summary>
    public enum HazardKind
    {
        /// <summary>A table or column with its data would be dropped.</summary>
        DataLoss,

        /// <summary>A column's type changes to one that may not hold every existing value.</summary>
        NarrowingTypeChange,

        /// <summary>SET NOT NULL over a column that has NULLs.</summary>
        NullsPresent,

        /// <summary>A NOT NULL column without a default added to a table that has rows.</summary>
        NotNullWithoutDefault,

        /// <summary>A unique index over values that are not unique.</summary>
        DuplicateValues,

        /// <summary>An enum value is removed, or values are reordered (the type is recreated).</summary>
        EnumValueRemoved,
    }

    /// <summary>A hazard of a step, with what was found in the database.</summary>
    public sealed record Hazard(HazardKind Kind, string Object, string Message)
    {
        /// <inheritdoc />
        public override string ToString() => $"{Kind} on {Object}: {Message}";
    }

    /// <summary>A data-dependent hazard: <paramref name="CountSql"/> counts the rows that make the step unsafe; "{0}" in the message is the count.</summary>
    internal sealed record HazardProbe(HazardKind Kind, string CountSql, string Message);

    /// <summary>
    /// For a column type change: <paramref name="ProbeSql"/> casts a NULL the way the step's USING does; when
    /// PostgreSQL has no such cast, the step is replaced by <paramref name="Statements"/> (drop the column, add it
    /// again), a <see cref="HazardKind.DataLoss"/> saying <paramref name="Message"/>. Dropping the column drops its
    /// indexes, checks and foreign keys too: <paramref name="Recreate"/> puts back those of the model, each unless
    /// another step of the plan (with that object) creates it anyway.
    /// </summary>
    internal sealed record CastFallback(string ProbeSql, IReadOnlyList<string> Statements, string Message, IReadOnlyList<(string Object, string Sql)> Recreate);

    /// <summary>One step of a plan: what it changes, the SQL it runs, and its hazards.</summary>
    /// <param name="Kind">What the step does.</param>
    /// <param name="Object">The object it changes, e.g. <c>app.jobs.stage</c>.</param>
    /// <param name="Statements">The statements, run in order.</param>
    /// <param name="Hazards">Why the step could lose data or fail; empty for a safe step.</param>
    public sealed record MigrationStep(StepKind Kind, string Object, IReadOnlyList<string> Statements, IReadOnlyList<Hazard> Hazards)
    {
        internal MigrationStep(StepKind kind, string obj, params string[] statements) : this(kind, obj, statements, new Hazard[0]) { }

        /// <summary>For an index step, the index's qualified name (an online build drops a leftover by it).</summary>
        internal string? IndexName { get; init; }

        /// <summary>What a type change becomes when PostgreSQL cannot cast the values.</summary>
        internal CastFallback? Fallback { get; init; }

        /// <summary>Counts the planner runs before applying; a count above zero becomes a hazard of this step.</summary>
        internal IReadOnlyList<HazardProbe> Probes { get; init; } = new HazardProbe[0];

        internal MigrationStep WithProbe(HazardKind kind, string countSql, string message) =>
            this with { Probes = Probes.Append(new HazardProbe(kind, countSql, message)).ToArray() };

        /// <summary>The statements as one script.</summary>
        public string Sql => string.Join("\n", Statements);

        /// <summary>True when the step has no hazards.</summary>
        public bool IsSafe => Hazards.Count == 0;

        internal MigrationStep WithHazard(HazardKind kind, string message) =>
            this with { Hazards = Hazards.Append(new Hazard(kind, Object, message)).ToArray() };

        /// <inheritdoc />
        public override string ToString() => $"{Kind} {Object}" + (IsSafe ? "" : " [" + string.Join("; ", Hazards.Select(h => h.Message)) + "]");
    }
}
