namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// A CLR type stored as JSON that Npgsql reads and writes only with dynamic JSON (a dictionary, a list or a class
    /// of the user's own; System.Text.Json's JsonDocument, JsonElement and JsonNode need nothing). Schema.MapTypes
    /// passes these to <c>EnableDynamicJson</c>, so they are written as jsonb/json without naming the type.
    /// </summary>
    /// <param name="TypeReference">The type as generated code refers to it (<c>global::…</c>).</param>
    /// <param name="IsJsonb">jsonb (else json).</param>
    internal sealed record JsonTypeMapping(string TypeReference, bool IsJsonb);
}
