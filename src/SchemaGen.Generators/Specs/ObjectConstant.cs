namespace SchemaGen.Generators.Specs
{
    /// <summary>A generated member holding one object's DDL (rendered from the model at run time, in script order).</summary>
    internal sealed record ObjectConstant
    {
        public required string ConstantName { get; init; }

        /// <summary>The constant's XML summary.</summary>
        public required string Summary { get; init; }
    }
}
