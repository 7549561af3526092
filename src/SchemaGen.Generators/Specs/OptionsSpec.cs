using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>The assembly-wide options (from <c>[assembly: SchemaOptions]</c> and the project).</summary>
    internal sealed record OptionsSpec
    {
        /// <summary>The generated class's name.</summary>
        public required string ClassName { get; init; }

        /// <summary>The generated class's namespace, when given (else the project's root namespace).</summary>
        public required string? Namespace { get; init; }

        /// <summary>The schema of tables and types that name none.</summary>
        public required string DefaultSchema { get; init; }

        /// <summary>snake_case names (else names as written).</summary>
        public required bool SnakeCase { get; init; }

        /// <summary>Whether every foreign key gets an index.</summary>
        public required bool IndexForeignKeys { get; init; }

        /// <summary>The prefix of SQL function parameters that [SqlFunction] parameters are matched behind.</summary>
        public required string FunctionParameterPrefix { get; init; }

        /// <summary>The extensions of <c>[assembly: Extension]</c>, sorted by name.</summary>
        public required EquatableArray<ExtensionModel> Extensions { get; init; }

        /// <summary>The domains of <c>[assembly: Domain]</c> as written, in declaration order; checked and resolved by the assembler.</summary>
        public required EquatableArray<DomainDeclaration> Domains { get; init; }

        /// <summary>The SRID of NetTopologySuite properties without [Srid]; 0 for none.</summary>
        public required int DefaultSrid { get; init; }
    }
}
