using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// [RenamedFrom] that names a column or table the model still has never applies (the deployer renames only what the
/// model no longer has): SG0029, a warning where the old name is written, rather than an attribute silently ignored.
/// </summary>
public class IneffectiveRenameTests
{
    private const string Usings = "using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; using SchemaGen; namespace TestModels;\n";

    [Fact]
    public void A_column_renamed_from_a_column_the_model_still_has_is_SG0029_at_the_old_name()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("t")] public class T
            {
                [Key] public int Id { get; set; }
                [RenamedFrom("a")] public int B { get; set; }
                public int A { get; set; }
                [RenamedFrom("Size")] public int Size { get; set; }
            }
            """);
        var found = Ineffective(result);
        Assert.Equal(["\"a\"", "\"Size\""], found.Select(SourceText));
        Assert.Equal("[RenamedFrom] on 'T.B' names the column 'a', which the model still has (T.A): the deployer renames only a column the model no longer has, so nothing is renamed; remove the attribute", found[0].GetMessage());
        Assert.Contains("names the column 'size', which the model still has (T.Size itself)", found[1].GetMessage());
    }

    [Fact]
    public void A_table_renamed_from_a_table_the_model_still_has_is_SG0029_at_the_class()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("a")] public class A { [Key] public int Id { get; set; } }
            [Table("b"), RenamedFrom("a")] public class B { [Key] public int Id { get; set; } }
            [Table("c", Schema = "s"), RenamedFrom("public.a")] public class C { [Key] public int Id { get; set; } }
            """);
        var found = Ineffective(result);
        Assert.Equal(["B", "C"], found.Select(SourceText));
        Assert.Equal("[RenamedFrom] on 'TestModels.B' names the table 'public.a', which the model still has (TestModels.A): the deployer renames only a table the model no longer has, so nothing is renamed; remove the attribute", found[0].GetMessage());
    }

    [Fact]
    public void Renames_from_names_the_model_no_longer_has_are_not_reported()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("b"), RenamedFrom("a")] public class B { [Key] public int Id { get; set; } [RenamedFrom("Old")] public int New { get; set; } }
            [Table("c", Schema = "s"), RenamedFrom("b")] public class C { [Key] public int Id { get; set; } }
            """);
        Assert.Empty(Ineffective(result));
        Assert.Empty(result.AllDiagnostics);
    }

    [Fact]
    public async Task What_SG0029_says_is_what_the_deployer_does()
    {
        var before = GeneratorHarness.Run(Usings + "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public int? A { get; set; } }").Load();
        var after = GeneratorHarness.Run(Usings + "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [RenamedFrom(\"a\")] public int? B { get; set; } public int? A { get; set; } }");
        Assert.Single(Ineffective(after));
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(before.Target, connection);
        await connection.ExecuteAsync("INSERT INTO t VALUES (1, 5)");

        var plan = await SchemaDeployer.PlanAsync(after.Load().Target, connection);

        Assert.DoesNotContain(plan.Steps, s => s.Kind == StepKind.RenameColumn);
        Assert.Contains(plan.Steps, s => s.Kind == StepKind.AddColumn && s.Object == "public.t.b");
    }

    private static System.Collections.Generic.List<Diagnostic> Ineffective(GeneratorResult result)
    {
        var found = result.GeneratorDiagnostics.Where(d => d.Id == "SG0029").ToList();
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        return found;
    }

    private static string SourceText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
