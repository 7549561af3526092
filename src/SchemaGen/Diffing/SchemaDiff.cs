using System.Collections.Generic;

namespace SchemaGen.Diffing
{
    /// <summary>The steps that turn the live schema into the model's, and the drift they correct.</summary>
    internal sealed class SchemaDiff
    {
        // Steps run in groups, so that what a step needs exists and what it conflicts with is gone.
        public List<MigrationStep> Schemas { get; } = new();
        public List<MigrationStep> Enums { get; } = new();
        public List<MigrationStep> Renames { get; } = new();
        public List<MigrationStep> Drops { get; } = new();
        public List<MigrationStep> Tables { get; } = new();
        public List<MigrationStep> Columns { get; } = new();
        public List<MigrationStep> Constraints { get; } = new();
        public List<MigrationStep> Indexes { get; } = new();
        public List<MigrationStep> FunctionDrops { get; } = new();
        public List<MigrationStep> Functions { get; } = new();
        public List<MigrationStep> Triggers { get; } = new();
        public List<MigrationStep> Comments { get; } = new();
        // Unmanaged triggers go first, then tables, then the functions and types they may use.
        public List<MigrationStep> UnmanagedTriggers { get; } = new();
        public List<MigrationStep> UnmanagedTables { get; } = new();
        public List<MigrationStep> UnmanagedFunctions { get; } = new();
        public List<MigrationStep> UnmanagedEnums { get; } = new();

        public List<string> UnmanagedObjects { get; } = new();

        public List<Drift> Drift { get; } = new();

        public List<MigrationStep> Steps()
        {
            var all = new List<MigrationStep>();
            foreach (var group in new[] { Schemas, Enums, Renames, Drops, Tables, Columns, Constraints, Indexes, FunctionDrops, Functions, Triggers, Comments, UnmanagedTriggers, UnmanagedTables, UnmanagedFunctions, UnmanagedEnums })
                all.AddRange(group);
            return all;
        }
    }
}
