using System.Collections.Generic;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>The <c>[assembly: SchemaOptions(…)]</c> file: the default schema, the naming convention and the foreign-key indexes, where they are not the defaults.</summary>
internal static class OptionsWriter
{
    public static string Write(ScaffoldContext context)
    {
        var options = new List<string>();
        if (context.DefaultSchema != "public")
            options.Add("DefaultSchema = " + CSharpSyntax.String(context.DefaultSchema));
        if (!context.Naming.SnakeCase)
            options.Add("Naming = NamingConvention.AsIs");
        if (!context.IndexForeignKeys)
            options.Add("IndexForeignKeys = false");
        var attribute = options.Count == 0 ? "// The defaults: schema public, snake_case names, an index per foreign key.\n" : "";
        // An assembly attribute comes before any namespace, so this file has none.
        return "using SchemaGen;\n\n" + attribute + $"[assembly: SchemaOptions({string.Join(", ", options)})]\n";
    }
}
