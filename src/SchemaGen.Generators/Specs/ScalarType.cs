namespace SchemaGen.Generators.Specs
{
    /// <summary>The C# types <see cref="ClrKind.Scalar"/> tells apart; <see cref="ScalarTypes.CSharpName"/> spells them.</summary>
    internal enum ScalarType
    {
        Bool,
        Short,
        Int,
        Long,
        Float,
        Double,
        Decimal,
        String,
        DateTime,
        DateTimeOffset,
        DateOnly,
        TimeOnly,
        TimeSpan,
        Guid,
        Bytes,
    }

    internal static class ScalarTypes
    {
        /// <summary>The type as a C# programmer writes it, for messages (<c>int</c>, <c>DateTime</c>, <c>byte[]</c>).</summary>
        public static string CSharpName(this ScalarType type) => type switch
        {
            ScalarType.Bool => "bool",
            ScalarType.Short => "short",
            ScalarType.Int => "int",
            ScalarType.Long => "long",
            ScalarType.Float => "float",
            ScalarType.Double => "double",
            ScalarType.Decimal => "decimal",
            ScalarType.String => "string",
            ScalarType.Bytes => "byte[]",
            _ => type.ToString(),
        };
    }
}
