namespace SchemaGen.CodeFixes
{
    /// <summary>The IDs of the generator's diagnostics that have code fixes (see docs/diagnostics/SGxxxx.md).</summary>
    internal static class DiagnosticIds
    {
        /// <summary>SG0001: property type cannot be mapped to a PostgreSQL type.</summary>
        public const string UnmappableType = "SG0001";

        /// <summary>SG0010: a [SqlFunction] parameter the SQL function does not have.</summary>
        public const string ParameterMismatch = "SG0010";
    }
}
