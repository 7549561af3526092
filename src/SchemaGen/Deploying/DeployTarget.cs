using SchemaGen.Model;

namespace SchemaGen
{
    /// <summary>What the generated <c>Schema</c> class hands the deployer: the model, its hash, and its default schema.</summary>
    /// <param name="Model">The model as generated.</param>
    /// <param name="ModelHash">The SHA-256 of the model's create script.</param>
    /// <param name="DefaultSchema">The schema of tables without an explicit one, which <see cref="DeployOptions.Schema"/> replaces.</param>
    public sealed record DeployTarget(SchemaModel Model, string ModelHash, string DefaultSchema)
    {
        /// <summary>The model moved to the schema the options ask for.</summary>
        internal SchemaModel ModelFor(DeployOptions options) =>
            string.IsNullOrEmpty(options.Schema) || options.Schema == DefaultSchema
                ? Model
                : SchemaMapping.Rename(Model, s => s == DefaultSchema ? options.Schema! : s);

        /// <summary>
        /// The name Npgsql maps an enum type by: <c>schema.name</c>, with the model's default schema replaced by
        /// <paramref name="schemaOverride"/> when one is given.
        /// </summary>
        public string TypeName(string schema, string name, string? schemaOverride) =>
            (schemaOverride != null && schema == DefaultSchema ? schemaOverride : schema) + "." + name;

        internal string SchemaFor(DeployOptions options) => string.IsNullOrEmpty(options.Schema) ? DefaultSchema : options.Schema!;
    }
}
