using System.Text;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// A PostgreSQL enum as a C# enum, labels in their order, with <c>[PgName]</c> on the type or a member only where the
/// naming convention does not give the database's name back.
/// </summary>
internal static class EnumWriter
{
    public static string Write(ScaffoldContext context, EnumModel e)
    {
        var what = $"type {e.Schema}.{e.Name}";
        if (e.Schema != context.DefaultSchema)
            context.Report.Add(what, $"the model puts every enum in the default schema ({context.DefaultSchema}); it is created there");
        if (e.Comment != null && !CSharpFile.SurvivesSummary(e.Comment))
            context.Report.Add(what, "its comment has line breaks or runs of white space, which a doc comment collapses");

        var type = context.Names.Type(e.Schema, e.Name);
        var text = new StringBuilder(CSharpFile.Summary(e.Comment, ""));
        if (context.Naming.Derive(type) != e.Name)
            text.Append($"[PgName({CSharpSyntax.String(e.Name)})]\n");
        text.Append($"public enum {CSharpSyntax.Identifier(type)}\n{{\n");
        foreach (var label in e.Labels)
        {
            var member = context.Names.MemberName(e, label);
            var pgName = context.Naming.Derive(member) == label ? "" : $"[PgName({CSharpSyntax.String(label)})] ";
            text.Append($"    {pgName}{CSharpSyntax.Identifier(member)},\n");
        }

        return text.Append("}\n").ToString();
    }
}
