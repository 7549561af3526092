namespace SchemaGen.Generators.Specs
{
    /// <summary>A parameter of the partial method. Diagnostics about it name the method's declaration and this parameter's name.</summary>
    internal sealed record WrapperParameter
    {
        public required string Name { get; init; }

        /// <summary>The parameter as the implementation declares it (<c>this global::Npgsql.NpgsqlConnection connection</c>).</summary>
        public required string Declaration { get; init; }

        public required ParameterRole Role { get; init; }

        /// <summary>What <see cref="Assembling.SqlTypeFit"/> compares with the function parameter's type.</summary>
        public required ClrKind Kind { get; init; }
    }
}
