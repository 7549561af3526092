using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// One <c>[Table]</c> class, fully mapped. Holds no Roslyn object and no location, so a comment or a method
    /// body edited in the class's file leaves it equal and every step after it cached.
    /// </summary>
    internal sealed record TableSpec
    {
        /// <summary>The class's name, used for the generated per-object constant.</summary>
        public required string ClrName { get; init; }

        /// <summary>The class's fully qualified name, for messages.</summary>
        public required string ClrFullName { get; init; }

        /// <summary>The class's documentation comment ID (<c>T:Ns.Class</c>): where cross-table diagnostics about it are reported.</summary>
        public required string DeclarationId { get; init; }

        /// <summary>
        /// The documentation comment ID (<c>P:Ns.Class.Property</c>) of the property behind each of <see cref="Table"/>'s
        /// columns, in the same order: where cross-table diagnostics about one column are reported.
        /// </summary>
        public required EquatableArray<string> ColumnDeclarationIds { get; init; }

        /// <summary>Where a diagnostic about one of the columns goes: its property, or this class when the property is
        /// declared outside the project's source (inherited from a class of another assembly).</summary>
        public DiagnosticTarget.Declaration ColumnTarget(string propertyDeclarationId) => new DiagnosticTarget.Declaration(propertyDeclarationId, Fallback: DeclarationId);

        /// <summary>The mapped table.</summary>
        public required TableModel Table { get; init; }

        /// <summary>Enum types the table's columns use.</summary>
        public required EquatableArray<EnumSpec> Enums { get; init; }

        /// <summary>CLR types of the table's JSON columns that need Npgsql's dynamic JSON.</summary>
        public required EquatableArray<JsonTypeMapping> JsonTypes { get; init; }

        /// <summary>The columns whose type [Column(TypeName)] gives (one may be a domain): their C# kind and validation limits.</summary>
        public EquatableArray<ColumnFacts> ExplicitTypes { get; init; }

        /// <summary>True when a column maps a NetTopologySuite type and the compilation references Npgsql.NetTopologySuite,
        /// so that Schema.MapTypes calls UseNetTopologySuite.</summary>
        public bool UsesNetTopologySuite { get; init; }
    }
}
