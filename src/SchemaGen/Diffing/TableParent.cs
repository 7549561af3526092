namespace SchemaGen.Diffing
{
    /// <summary>A table and the table it inherits from or is a partition of, each as (schema, name), read from the catalog.</summary>
    internal sealed record TableParent((string Schema, string Name) Child, (string Schema, string Name) Parent, bool IsPartition);
}
