using System.Collections.Generic;
using System.Threading.Tasks;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>
/// A template function whose result type or parameters change is dropped and created again; what of the tables calls it
/// (a column default, a check, an index expression or predicate, a generated column) must make way and come back, or
/// PostgreSQL refuses the drop (2BP01). Each case: deploy, insert a row, deploy the changed function, and the database is
/// a fresh deploy of the new model with the row kept.
/// </summary>
public class FunctionDependentTests
{
    private const string Before = "CREATE FUNCTION public.f(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;";

    public static IEnumerable<object[]> Changes() =>
    [
        ["result type", "CREATE FUNCTION public.f(x integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x::bigint + 1 $$;"],
        ["parameter type", "CREATE FUNCTION public.f(x bigint) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x::integer + 1 $$;"],
    ];

    public static IEnumerable<object[]> Callers() =>
    [
        ["column default", "[DefaultSql(\"public.f(1)\")] public int A { get; set; }", "(1,2)"],
        ["check", "[Check(\"public.f(a) > 0\")] ", "(1,5)"],
        ["index expression", "[Index(nameof(A), Where = \"public.f(a) > 0\")] ", "(1,5)"],
        ["generated column", "public int B { get; set; } [Generated(\"public.f(b)\")] public int A { get; set; }", "(1,5,6)"],
    ];

    public static IEnumerable<object[]> Cases()
    {
        foreach (var change in Changes())
        foreach (var caller in Callers())
            yield return [change[0], change[1], caller[0], caller[1], caller[2]];
    }

    private static string Model(string caller) => caller.StartsWith('[') && caller.EndsWith("] ")
        ? "namespace TestModels;\n" + caller + "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public int A { get; set; } }"
        : "namespace TestModels;\n[Table(\"t\")] public class T { [Key] public int Id { get; set; } " + caller + " }";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheFunctionIsReplacedAndItsCallersComeBack(string change, string after, string callerKind, string caller, string rows)
    {
        _ = (change, callerKind);
        var model = Model(caller);
        var v1 = GeneratorHarness.Run([Evolution.Usings + model], [("/project/Sql/f.sql", Before)]).Load();
        var v2 = GeneratorHarness.Run([Evolution.Usings + model], [("/project/Sql/f.sql", after)]).Load();
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(v1.Target, connection);
        await connection.ExecuteAsync(caller.Contains("Generated") ? "INSERT INTO t (id, b) VALUES (1, 5)" : caller.Contains("DefaultSql") ? "INSERT INTO t (id) VALUES (1)" : "INSERT INTO t VALUES (1, 5)");

        await SchemaDeployer.DeployAsync(v2.Target, connection);

        Assert.Equal(rows, await Evolution.RowsAsync(connection, "t"));
        await Evolution.AssertSameAsFreshAsync(connection, v2);
    }
}
