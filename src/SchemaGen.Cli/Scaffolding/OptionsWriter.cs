using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// The file of assembly attributes: <c>[assembly: SchemaOptions(…)]</c> (the default schema, the naming convention and the
/// foreign-key indexes, where they are not the defaults) and an <c>[assembly: Extension(…)]</c> per extension of the
/// database, in its schema when that is not the default one, without a version (a deploy then takes the server's default),
/// and an <c>[assembly: Domain(…)]</c> per domain (<see cref="DomainWriter"/>).
/// </summary>
internal static class OptionsWriter
{
    // plpgsql comes with every database; plpgsql_check is a development tool the deployer uses when it is there.
    private static readonly string[] Builtin = { "plpgsql", "plpgsql_check" };

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
        var extensions = context.Model.Extensions.Where(e => !Builtin.Contains(e.Name))
            .Select(e => "[assembly: Extension(" + CSharpSyntax.String(e.Name) + (e.Schema != null && e.Schema != context.DefaultSchema ? ", Schema = " + CSharpSyntax.String(e.Schema) : "") + ")]\n");
        return "using SchemaGen;\n\n" + attribute + $"[assembly: SchemaOptions({string.Join(", ", options)})]\n" + string.Concat(extensions) + string.Concat(DomainWriter.Attributes(context));
    }
}
