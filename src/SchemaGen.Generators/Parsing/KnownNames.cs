namespace SchemaGen.Generators.Parsing
{
    /// <summary>Namespaces and metadata names of the attributes and types the parser recognises.</summary>
    internal static class KnownNames
    {
        public const string DataAnnotations = "System.ComponentModel.DataAnnotations";
        public const string DataAnnotationsSchema = "System.ComponentModel.DataAnnotations.Schema";
        public const string SchemaGen = "SchemaGen";
        public const string NpgsqlTypes = "NpgsqlTypes";

        public const string TableAttributeMetadataName = DataAnnotationsSchema + ".TableAttribute";
        public const string SqlFunctionAttributeMetadataName = SchemaGen + ".SqlFunctionAttribute";
    }
}
