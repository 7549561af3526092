namespace SchemaGen.Generators
{
    /// <summary>Names of the pipeline steps, for incremental-caching tests.</summary>
    internal static class TrackingNames
    {
        public const string ParsedTables = nameof(ParsedTables);
        public const string Tables = nameof(Tables);
        public const string ParsedOptions = nameof(ParsedOptions);
        public const string Options = nameof(Options);
        public const string GeneratedName = nameof(GeneratedName);
        public const string Schema = nameof(Schema);
        public const string SchemaSpec = nameof(SchemaSpec);
        public const string Templates = nameof(Templates);
        public const string ParsedWrappers = nameof(ParsedWrappers);
        public const string Wrappers = nameof(Wrappers);
        public const string BoundWrappers = nameof(BoundWrappers);
    }
}
