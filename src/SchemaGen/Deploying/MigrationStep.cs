using System.Collections.Generic;
using System.Linq;

namespace SchemaGen
{
    /// <summary>What a migration step does; each name is the DDL it runs.</summary>
#pragma warning disable CS1591 // the member names are the documentation
    public enum StepKind
    {
        CreateSchema, CreateEnum, AddEnumValue, RenameEnumValue, RecreateEnum, DropEnum,
        CreateTable, RenameTable, SetTableSchema, DropTable,
        AddColumn, RenameColumn, DropColumn, AlterColumnType, ReplaceColumn, DropExpression, SetNotNull, DropNotNull, SetDefault, DropDefault,
        AddIdentity, DropIdentity, SetGenerated, SetIdentityOptions, RenameSequence,
        AddPrimaryKey, RenamePrimaryKey, DropPrimaryKey, AddCheck, RenameCheck, DropCheck, AddForeignKey, RenameForeignKey, DropForeignKey, DropConstraint,
        CreateIndex, RenameIndex, DropIndex, SetComment,
        CreateFunction, ReplaceFunction, DropFunction, CreateTrigger, DropTrigger,
        DropView, DropMaterializedView, DropPolicy, DisableRowSecurity, DropSequence, DropDomain, DropType, DropForeignTable, DropAggregate, DropRule,
        SetLogged, EnableTrigger, NoInherit, DetachPartition, NotOf, RecreateTable,
        ValidateConstraint,
        CreateSequence, AlterSequence, CreateView, ReplaceView, CreateMaterializedView, CreateAggregate,
        CreateExtension, UpdateExtension, SetExtensionSchema,
        CreateDomain, RecreateDomain, AddDomainCheck, ValidateDomainCheck, DropDomainCheck, SetDomainDefault, DropDomainDefault, SetDomainNotNull, DropDomainNotNull,
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

        /// <summary>In <see cref="DeployMode.Online"/>, a step that would rewrite a table with rows under ACCESS EXCLUSIVE (refused unless <see cref="DeployOptions.AllowTableRewrite"/>).</summary>
        TableRewrite,

        /// <summary>A view the model does not manage is in the way of a change (it uses a column whose type changes or that is
        /// dropped, or a view that is recreated): it is dropped and created again from its current definition.</summary>
        UnmanagedDependentView,

        /// <summary>A domain's CHECK is added or changed while stored values of its columns violate it (the VALIDATE would fail).</summary>
        CheckViolations,

        /// <summary>A domain's base type changes while columns use it: the domain is recreated and those columns converted to the new base type.</summary>
        DomainRecreated,
    }

    /// <summary>A hazard of a step, with what was found in the database.</summary>
    public sealed record Hazard(HazardKind Kind, string Object, string Message)
    {
        /// <inheritdoc />
        public override string ToString() => $"{Kind} on {Object}: {Message}";
    }

    /// <summary>
    /// A data-dependent hazard: <paramref name="CountSql"/> counts the rows that make the step unsafe; "{0}" in the
    /// message is the count. A probe whose step is a hazard whatever the count (a drop) is <paramref name="Always"/>.
    /// Probes run against the database as it is when the step would run (after the plan's renames).
    /// </summary>
    internal sealed record HazardProbe(HazardKind Kind, string CountSql, string Message, bool Always = false);

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

        /// <summary>The lock the step takes, whether it scans or rewrites its table, the table's size, and warnings (set by the planner).</summary>
        public StepCost Cost { get; init; } = StepCost.Free;

        /// <summary>The existing table the step changes, quoted and qualified; null for steps on types, functions or several tables.</summary>
        internal string? Table { get; init; }

        /// <summary>For a foreign key: the table it references (qualified, quoted), so Online mode adds it after that table's key.</summary>
        internal string? ReferencedTable { get; init; }

        /// <summary>An ADD COLUMN or ALTER COLUMN TYPE that writes every row again (no binary-compatible cast; identity; generated).</summary>
        internal bool Rewrites { get; init; }

        /// <summary>A new column's default: it rewrites the table when it calls a volatile function (the planner asks pg_proc).</summary>
        internal string? NewDefault { get; init; }

        /// <summary>For a key added to an existing table, Online mode's way: build its unique index concurrently, then attach it.</summary>
        internal IReadOnlyList<string>? UsingIndex { get; init; }

        /// <summary>The difference between model and database this step corrects: Verify reports exactly these.</summary>
        internal Drift? Cause { get; init; }

        /// <summary>Counts the planner runs before applying; a count above zero becomes a hazard of this step.</summary>
        internal IReadOnlyList<HazardProbe> Probes { get; init; } = new HazardProbe[0];

        internal MigrationStep WithProbe(HazardKind kind, string countSql, string message, bool always = false) =>
            this with { Probes = Probes.Append(new HazardProbe(kind, countSql, message, always)).ToArray() };

        internal MigrationStep Because(Drift cause) => this with { Cause = cause };

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
