using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// The database's domains as <c>[assembly: Domain("year", "integer", Check = "…")]</c> (docs/type-mapping.md, "Domains"). The
/// model gives a domain at most one CHECK, named <c>&lt;domain&gt;_check</c> and validated; others are reported and left out.
/// </summary>
internal static class DomainWriter
{
    /// <summary>The domain of a (schema, name) in the catalog, or null.</summary>
    public static DomainModel? DomainOf(this SchemaModel model, string schema, string name) =>
        model.Domains.FirstOrDefault(d => d.Schema == schema && d.Name == name);

    public static IEnumerable<string> Attributes(ScaffoldContext context)
    {
        foreach (var domain in context.Model.Domains)
        {
            var arguments = new List<string> { CSharpSyntax.String(domain.Name), CSharpSyntax.String(domain.BaseType) };
            if (domain.Schema != context.DefaultSchema)
                arguments.Add("Schema = " + CSharpSyntax.String(domain.Schema));
            if (Check(context, domain) is string check)
                arguments.Add("Check = " + CSharpSyntax.String(check));
            if (domain.NotNull)
                arguments.Add("NotNull = true");
            if (domain.DefaultSql != null)
                arguments.Add("Default = " + CSharpSyntax.String(domain.DefaultSql));
            if (domain.Comment != null)
                arguments.Add("Comment = " + CSharpSyntax.String(domain.Comment));
            yield return "[assembly: Domain(" + string.Join(", ", arguments) + ")]\n";
        }
    }

    // The catalog holds what is inside CHECK (…), as the attribute takes it.
    private static string? Check(ScaffoldContext context, DomainModel domain)
    {
        var what = $"domain {domain.Schema}.{domain.Name}";
        var expected = DomainNaming.CheckName(domain.Name);
        var written = domain.Checks.FirstOrDefault(c => c.Name == expected && c.IsValidated);
        foreach (var other in domain.Checks.Where(c => c != written))
            context.Report.Add(what, $"its CHECK constraint {other.Name} ({other.Expression}{(other.IsValidated ? "" : ", NOT VALID")}): a domain of the model has one validated CHECK, named {expected}; left out");
        return written?.Expression;
    }
}
