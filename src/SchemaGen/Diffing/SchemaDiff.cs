using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The steps that turn the live schema into the model's. Every step carries the difference it corrects
    /// (<see cref="MigrationStep.Cause"/>), and the drift Verify reports is exactly those differences: the
    /// database is clean exactly when the plan (with unmanaged objects dropped) has no steps.
    /// </summary>
    internal sealed class SchemaDiff
    {
        // Steps run in this order. Within it, what a step needs is created by an earlier group, and what depends on
        // an object is dropped by an earlier group than the object: dependents of unmanaged kind (views, policies,
        // triggers) first, foreign keys before the keys and columns they reference, functions a default or check
        // calls before the tables, unmanaged tables before the functions and types they use. Extensions come right after the
        // schemas (one may be created in a schema of the model), before every type, table and function that uses them. Enums
        // and domains come after the view drops: recreating one changes the type of the columns a view may use.
        public List<MigrationStep> Schemas { get; } = new();
        public List<MigrationStep> Extensions { get; } = new();
        public List<MigrationStep> Enums { get; } = new();
        public List<MigrationStep> Domains { get; } = new(); // after the enums and extensions they may be based on, before the columns that use them
        public List<MigrationStep> UnmanagedDependents { get; } = new();
        public List<MigrationStep> ForeignKeyDrops { get; } = new();
        public List<MigrationStep> Drops { get; } = new();
        public List<MigrationStep> FunctionDrops { get; } = new();
        public List<MigrationStep> EarlyFunctions { get; } = new();
        public List<MigrationStep> Tables { get; } = new();
        public List<MigrationStep> Columns { get; } = new();
        public List<MigrationStep> Constraints { get; } = new();
        public List<MigrationStep> Indexes { get; } = new();
        public List<MigrationStep> Functions { get; } = new();
        public List<MigrationStep> Triggers { get; } = new();
        public List<MigrationStep> Comments { get; } = new();
        public List<MigrationStep> UnmanagedTables { get; } = new();
        public List<MigrationStep> UnmanagedFunctions { get; } = new();
        public List<MigrationStep> UnmanagedTypes { get; } = new();

        // Template objects (TemplateObjectDiffer): sequences before the tables whose defaults call them; views, materialized
        // views and aggregates in the way of a change dropped before any type or table change (a recreated enum converts the
        // columns views use), and created after the functions.
        public List<MigrationStep> Sequences { get; } = new();
        public List<MigrationStep> ViewDrops { get; } = new();

        /// <summary>
        /// What must make way before a change PostgreSQL refuses while it exists, and is created again after it: the defaults,
        /// checks, indexes and generated columns calling a function the plan replaces (<see cref="FunctionDependents"/>), and
        /// the triggers using a column the plan retypes or drops.
        /// </summary>
        public List<MigrationStep> DependentDrops { get; } = new();
        public List<MigrationStep> Views { get; } = new();

        /// <summary>Functions that use a template view's row type or read one in a SQL body: after the views (DdlRenderer.UsesTemplateViews).</summary>
        public List<MigrationStep> LateFunctions { get; } = new();

        /// <summary>Objects in the managed schemas that the model does not have, as <c>kind schema.name</c>.</summary>
        public List<string> UnmanagedObjects { get; } = new();

        public List<MigrationStep> Steps() => Groups().SelectMany(group => group).ToList();

        /// <summary>Runs a table's differs and marks the steps they add as steps on that table (for their lock and size).</summary>
        public void ForTable(string table, System.Action diff)
        {
            var before = Groups().Select(g => g.Count).ToList();
            diff();
            foreach (var (group, count) in Groups().Zip(before, (g, c) => (g, c)))
            {
                for (var i = count; i < group.Count; i++)
                    group[i] = group[i] with { Table = table };
            }
        }

        private List<MigrationStep>[] Groups() =>
            new[] { Schemas, Extensions, Sequences, UnmanagedDependents, ViewDrops, DependentDrops, Enums, Domains, ForeignKeyDrops, Drops, FunctionDrops, EarlyFunctions, Tables, Columns, Constraints, Indexes,
                    Functions, Views, LateFunctions, Triggers, Comments, UnmanagedTables, UnmanagedFunctions, UnmanagedTypes };

        /// <summary>Every difference the steps correct, once each, in step order.</summary>
        public List<Drift> Drift => Steps().Select(s => s.Cause ?? new Drift(DriftKind.Different, s.Kind + " " + s.Object, s.Sql, null)).Distinct().ToList();
    }
}
