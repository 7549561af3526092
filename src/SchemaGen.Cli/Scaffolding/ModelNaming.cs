using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// The naming convention in reverse: which C# name a database name gets, and whether the generator would derive the
/// database name back from it (then no <c>Name = "…"</c> is written). The convention (snake_case or as-is) is the one
/// under which fewer names must be written out.
/// </summary>
internal sealed class ModelNaming
{
    private ModelNaming(bool snakeCase) => SnakeCase = snakeCase;

    /// <summary>True for <c>NamingConvention.SnakeCase</c>, the generator's default.</summary>
    public bool SnakeCase { get; }

    public static ModelNaming For(SchemaModel model)
    {
        var names = model.Tables.SelectMany(t => t.Columns.Select(c => c.Name))
            .Concat(model.Enums.SelectMany(e => e.Labels.Concat([e.Name])))
            .ToList();
        var snake = new ModelNaming(true);
        var asIs = new ModelNaming(false);
        // snake_case reads as C# (JobStatus, not job_status): as-is only when most names are not snake_case at all.
        return names.Count(n => !snake.DerivesBack(n)) * 2 > names.Count && names.Count(n => !asIs.DerivesBack(n)) < names.Count(n => !snake.DerivesBack(n)) ? asIs : snake;
    }

    /// <summary>The database name the generator derives from a C# name (ParseContext.Name).</summary>
    public string Derive(string clrName) => SnakeCase ? SqlNaming.ToSnakeCaseOrAsIs(clrName) : clrName;

    /// <summary>The C# name for a database name: PascalCase under snake_case, the name itself as-is (when C# allows it).</summary>
    public string ClrName(string sqlName)
    {
        if (!SnakeCase && IsPlainIdentifier(sqlName))
            return sqlName;
        return CSharpSyntax.Pascal(sqlName);
    }

    /// <summary>True when the name, given its C# name, needs no explicit name.</summary>
    public bool DerivesBack(string sqlName) => Derive(ClrName(sqlName)) == sqlName;

    private static bool IsPlainIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>The names of the C# members already used in a type; the type's own name is taken (CS0542).</summary>
    public static HashSet<string> MemberNames(string typeName) => new(System.StringComparer.Ordinal) { typeName };
}
