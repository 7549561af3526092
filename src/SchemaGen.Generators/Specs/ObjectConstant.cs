namespace SchemaGen.Generators.Specs
{
    /// <summary>A generated constant holding one object's DDL.</summary>
    internal sealed record ObjectConstant
    {
        public required string ConstantName { get; init; }

        /// <summary>The constant's XML summary.</summary>
        public required string Summary { get; init; }

        public required string Sql { get; init; }
    }
}
