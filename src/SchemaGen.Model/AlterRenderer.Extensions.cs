namespace SchemaGen.Model
{
    static partial class AlterRenderer
    {
        /// <summary><c>ALTER EXTENSION "postgis" UPDATE TO '3.3.2'</c>.</summary>
        public static string UpdateExtension(string name, string version) =>
            "ALTER EXTENSION " + SqlSyntax.Identifier(name) + " UPDATE TO " + SqlSyntax.Literal(version) + ";";

        /// <summary><c>ALTER EXTENSION "citext" SET SCHEMA "ext"</c> (only relocatable extensions can move).</summary>
        public static string SetExtensionSchema(string name, string schema) =>
            "ALTER EXTENSION " + SqlSyntax.Identifier(name) + " SET SCHEMA " + SqlSyntax.Identifier(schema) + ";";
    }
}
