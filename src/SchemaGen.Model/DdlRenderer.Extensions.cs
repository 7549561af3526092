using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Model
{
    static partial class DdlRenderer
    {
        /// <summary>
        /// The model's extensions, created after its schemas (one may be created in a schema of the model) and before
        /// everything that could use their types or functions.
        /// </summary>
        private static IEnumerable<SqlObject> ExtensionObjects(SchemaModel model) =>
            model.Extensions.Select(e => new SqlObject(SqlObjectKind.Extension, e.Schema ?? DefaultExtensionSchema, e.Name, CreateExtension(e) + "\n\n"));

        /// <summary>Where an extension is created when the model names no schema for it.</summary>
        public const string DefaultExtensionSchema = "public";

        /// <summary><c>CREATE EXTENSION IF NOT EXISTS citext SCHEMA public CASCADE</c> (CASCADE: the extensions it requires, e.g. cube for earthdistance), with <c>VERSION</c> when the model pins one.</summary>
        public static string CreateExtension(ExtensionModel extension) =>
            "CREATE EXTENSION IF NOT EXISTS " + SqlSyntax.Identifier(extension.Name) + " SCHEMA " + SqlSyntax.Identifier(extension.Schema ?? DefaultExtensionSchema)
            + (extension.Version == null ? "" : " VERSION " + SqlSyntax.Literal(extension.Version)) + " CASCADE;";
    }
}
