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
        public List<MigrationStep> Comments { get; } = new();
        // Unmanaged tables go before unmanaged types, which their columns may use.
        public List<MigrationStep> UnmanagedTables { get; } = new();
        public List<MigrationStep> UnmanagedEnums { get; } = new();

        public List<string> UnmanagedObjects { get; } = new();

        public List<Drift> Drift { get; } = new();

        public List<MigrationStep> Steps()
        {
            var all = new List<MigrationStep>();
            foreach (var group in new[] { Schemas, Enums, Renames, Drops, Tables, Columns, Constraints, Indexes, Comments, UnmanagedTables, UnmanagedEnums })
                all.AddRange(group);
            return all;
        }
    }
}
