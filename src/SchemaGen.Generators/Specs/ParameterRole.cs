namespace SchemaGen.Generators.Specs
{
    /// <summary>What a <c>[SqlFunction]</c> method's parameter is for.</summary>
    internal enum ParameterRole
    {
        /// <summary>The NpgsqlConnection the function is called on.</summary>
        Connection,

        /// <summary>The CancellationToken passed to Npgsql.</summary>
        Cancellation,

        /// <summary>A value passed to the function's parameter of the same snake_case name.</summary>
        Value,
    }
}
