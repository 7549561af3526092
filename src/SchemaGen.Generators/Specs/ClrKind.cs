namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// What a C# type of a <c>[SqlFunction]</c> parameter or result can hold, in the terms
    /// <see cref="Assembling.SqlTypeFit"/> compares with a PostgreSQL type: a scalar, JSON, one of the model's
    /// enums, an array of a kind, or a type SchemaGen does not know (Npgsql decides at run time). A closed
    /// hierarchy of equatable records, so no kind is ever spelt as a string and parsed again.
    /// </summary>
    internal abstract record ClrKind
    {
        private ClrKind()
        {
        }

        /// <summary><c>string</c>, which also holds a model enum's label and a JSON text.</summary>
        public static ClrKind String { get; } = new Scalar(ScalarType.String);

        /// <summary>A type Npgsql reads and writes as one PostgreSQL base type (int, string, DateTime, byte[], …).</summary>
        internal sealed record Scalar(ScalarType Type) : ClrKind;

        /// <summary>System.Text.Json's JsonDocument, JsonElement, JsonNode, JsonObject or JsonArray.</summary>
        internal sealed record Json : ClrKind
        {
            public static Json Instance { get; } = new Json();
        }

        /// <summary>A C# enum, as generated code refers to it (<c>global::…</c>).</summary>
        internal sealed record EnumType(string TypeReference) : ClrKind;

        /// <summary>An array or List&lt;T&gt;/IReadOnlyList&lt;T&gt; of a kind (byte[] is <see cref="ScalarType.Bytes"/>).</summary>
        internal sealed record ArrayOf(ClrKind Element) : ClrKind;

        /// <summary>Any other type (a record read column by column, or one Npgsql maps itself).</summary>
        internal sealed record Other(string TypeReference) : ClrKind;
    }
}
