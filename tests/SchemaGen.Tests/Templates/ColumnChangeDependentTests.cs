using System.Collections.Generic;
using System.Threading.Tasks;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// PostgreSQL refuses to change the type of a column, or to drop it, while a trigger's column list or WHEN uses it, or
/// while a function with a SQL-standard body (BEGIN ATOMIC, RETURN) reads it: the trigger or function goes first and comes
/// back after the change. Each case: deploy, insert a row, deploy the changed column, and the database is a fresh deploy
/// of the new model with the row kept.
/// </summary>
public class ColumnChangeDependentTests
{
    private const string Trigger = """
        CREATE FUNCTION public.keep_positive() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.a := abs(NEW.a); RETURN NEW; END $$;
        CREATE TRIGGER t_keep_positive BEFORE UPDATE OF a ON public.t FOR EACH ROW WHEN (NEW.a < 0) EXECUTE FUNCTION public.keep_positive();
        """;

    public static IEnumerable<object[]> Cases() =>
    [
        ["trigger column list and WHEN, column retyped", "public int A { get; set; }", "public long A { get; set; }", Trigger, Trigger, "(1,5)"],
        ["BEGIN ATOMIC body, column retyped", "public int A { get; set; }", "public long A { get; set; }",
            "CREATE FUNCTION public.total() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT sum(a) FROM public.t; END;",
            "CREATE FUNCTION public.total() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT sum(a) FROM public.t; END;", "(1,5)"],
        ["RETURN body, column dropped", "public int A { get; set; }", "public int B { get; set; } = 0;",
            "CREATE FUNCTION public.biggest() RETURNS integer LANGUAGE sql RETURN (SELECT max(a) FROM public.t);",
            "CREATE FUNCTION public.biggest() RETURNS integer LANGUAGE sql RETURN (SELECT max(b) FROM public.t);", "(1,0)"],
    ];

    private static GeneratedSchema Build(string column, string template) =>
        GeneratorHarness.Run([Evolution.Usings + "namespace TestModels;\n[Table(\"t\")] public class T { [Key] public int Id { get; set; } " + column + " }"],
            [("/project/Sql/t.sql", template)]).Load();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheDependentMakesWayAndComesBack(string what, string before, string after, string templateBefore, string templateAfter, string rows)
    {
        _ = what;
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Build(before, templateBefore).Target, connection);
        await connection.ExecuteAsync("INSERT INTO t VALUES (1, 5)");
        var changed = Build(after, templateAfter);

        await SchemaDeployer.DeployAsync(changed.Target, connection, new DeployOptions { AllowDataLoss = true });

        Assert.Equal(rows, await Evolution.RowsAsync(connection, "t"));
        await Evolution.AssertSameAsFreshAsync(connection, changed);
    }
}
