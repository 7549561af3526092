namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// Where the generated class goes, and the type of the project that already has that name and cannot be its other
    /// part (anything but a partial class), if one does.
    /// </summary>
    internal sealed record GeneratedName
    {
        /// <summary>The namespace of the generated class ("" for the global namespace).</summary>
        public required string Namespace { get; init; }

        /// <summary>The generated class's full name.</summary>
        public required string FullName { get; init; }

        /// <summary>The documentation comment ID of the project's type with that name that is not a partial class, else null.</summary>
        public required string? TakenByDeclarationId { get; init; }
    }
}
