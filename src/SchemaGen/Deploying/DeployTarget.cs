using System;
using SchemaGen.Model;

namespace SchemaGen
{
    /// <summary>What the generated <c>Schema</c> class hands the deployer: the model, its hash, and its default schema.</summary>
    public sealed record DeployTarget
    {
        // Decoded on first use: the generated class passes a decoder, so that a deploy with nothing to do (decided by the
        // catalog's stamp and the model hash alone) never decodes the model at application start-up.
        private readonly Lazy<SchemaModel> _model;

        /// <summary>A target for a model already built.</summary>
        /// <param name="Model">The model as generated.</param>
        /// <param name="ModelHash">The SHA-256 of the model's create script.</param>
        /// <param name="DefaultSchema">The schema of tables without an explicit one, which <see cref="DeployOptions.Schema"/> replaces.</param>
        public DeployTarget(SchemaModel Model, string ModelHash, string DefaultSchema)
            : this(ModelHash, DefaultSchema, new Lazy<SchemaModel>(Model ?? throw new ArgumentNullException(nameof(Model))))
        {
        }

        /// <summary>A target whose model is built by <paramref name="model"/> when something first needs it (the generated <c>Schema.Target</c>).</summary>
        /// <param name="model">Builds the model, at most once.</param>
        /// <param name="modelHash">The SHA-256 of the model's create script.</param>
        /// <param name="defaultSchema">The schema of tables without an explicit one.</param>
        public DeployTarget(Func<SchemaModel> model, string modelHash, string defaultSchema)
            : this(modelHash, defaultSchema, new Lazy<SchemaModel>(model ?? throw new ArgumentNullException(nameof(model))))
        {
        }

        private DeployTarget(string modelHash, string defaultSchema, Lazy<SchemaModel> model)
        {
            ModelHash = modelHash;
            DefaultSchema = defaultSchema;
            _model = model;
        }

        /// <summary>The model as generated.</summary>
        public SchemaModel Model
        {
            get => _model.Value;
            init => _model = new Lazy<SchemaModel>(value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>The SHA-256 of the model's create script.</summary>
        public string ModelHash { get; init; }

        /// <summary>The schema of tables without an explicit one, which <see cref="DeployOptions.Schema"/> replaces.</summary>
        public string DefaultSchema { get; init; }

        /// <summary>The model, its hash and its default schema.</summary>
        public void Deconstruct(out SchemaModel Model, out string ModelHash, out string DefaultSchema) =>
            (Model, ModelHash, DefaultSchema) = (this.Model, this.ModelHash, this.DefaultSchema);

        /// <summary>Equal when the models, hashes and default schemas are (the models compared by value, decoding both).</summary>
        public bool Equals(DeployTarget? other) =>
            other is not null && ModelHash == other.ModelHash && DefaultSchema == other.DefaultSchema && Model.Equals(other.Model);

        /// <inheritdoc/>
        public override int GetHashCode() => HashCode.Combine(ModelHash, DefaultSchema);

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
