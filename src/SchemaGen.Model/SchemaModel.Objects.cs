namespace SchemaGen.Model
{
    // Objects beyond tables that the model declares at assembly level. They are init members in a file of their own
    // (not positional parameters) so that adding a kind leaves SchemaModel's constructor and its callers alone.
    sealed partial record SchemaModel
    {
        /// <summary>
        /// Extensions the model needs (<c>[assembly: Extension]</c>), sorted by name; read from the catalog, every extension
        /// of the database (extensions are per database, not per schema).
        /// </summary>
        public EquatableArray<ExtensionModel> Extensions { get; init; }
    }

    /// <summary>A <c>CREATE EXTENSION IF NOT EXISTS</c>.</summary>
    /// <param name="Name">The extension's name, as <c>pg_extension.extname</c> holds it (<c>citext</c>, <c>uuid-ossp</c>).</param>
    /// <param name="Schema">The schema it is created in; null in the model means <c>public</c> when it is created, and any
    /// schema when it is already installed. Read from the catalog: the schema it is in.</param>
    /// <param name="Version">The version to create or update to; null in the model means the server's default version and
    /// any installed version. Read from the catalog: the installed version.</param>
    sealed partial record ExtensionModel(string Name, string? Schema, string? Version);
}
