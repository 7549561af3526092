using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>A C# enum mapped to a PostgreSQL enum type.</summary>
    internal sealed record EnumSpec
    {
        /// <summary>The enum's name.</summary>
        public required string ClrName { get; init; }

        /// <summary>The enum's full name, for messages.</summary>
        public required string ClrFullName { get; init; }

        /// <summary>The enum's documentation comment ID (<c>T:Ns.Enum</c>): where cross-table diagnostics about it are reported.</summary>
        public required string DeclarationId { get; init; }

        /// <summary>The enum as generated code refers to it (<c>global::…</c>).</summary>
        public required string TypeReference { get; init; }

        /// <summary>The mapped type.</summary>
        public required EnumModel Enum { get; init; }
    }
}
