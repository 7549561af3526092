namespace SchemaGen.Generators.Parsing
{
    /// <summary>What kind of value a column holds; decides which validation attributes and defaults apply.</summary>
    internal enum ValueKind
    {
        Text,
        Boolean,
        Integer,
        Floating,
        Decimal,
        Temporal,
        Uuid,
        Bytes,
        Network,
        Json,
        Array,
        Enum,

        /// <summary>A type given by [Column(TypeName)] for a CLR type SchemaGen does not map itself.</summary>
        Custom,
    }
}
