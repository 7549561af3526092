using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>Everything the code emitter needs; no Roslyn types, no locations.</summary>
    internal sealed record SchemaSpec
    {
        /// <summary>The generated class's name.</summary>
        public required string ClassName { get; init; }

        /// <summary>The generated class's namespace, or null for the global namespace.</summary>
        public required string? Namespace { get; init; }

        public required SchemaModel Model { get; init; }

        /// <summary>SHA-256 of the create script (the model rendered by <see cref="DdlRenderer"/>), hex.</summary>
        public required string ModelHash { get; init; }

        /// <summary>One constant per object, in script order.</summary>
        public required EquatableArray<ObjectConstant> Objects { get; init; }

        public required string DefaultSchema { get; init; }

        public required bool SnakeCase { get; init; }

        /// <summary>The model's enums, for MapTypes.</summary>
        public required EquatableArray<EnumMapping> EnumMappings { get; init; }

        /// <summary>JSON column types that need Npgsql's dynamic JSON, for MapTypes.</summary>
        public required EquatableArray<JsonTypeMapping> JsonTypes { get; init; }

        /// <summary>True when Schema.MapTypes calls Npgsql's UseNetTopologySuite (the model has NetTopologySuite columns).</summary>
        public bool UsesNetTopologySuite { get; init; }
    }
}
