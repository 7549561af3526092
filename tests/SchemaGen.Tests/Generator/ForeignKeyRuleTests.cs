using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>Foreign keys a model declares in its base classes, and referential actions that can and cannot run.</summary>
public class ForeignKeyRuleTests
{
    private const string Usings = "using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; using SchemaGen; namespace TestModels;\n";

    [Fact]
    public async Task AForeignKeyAttributeOnABaseClassPropertyIsAForeignKeyOfTheTable()
    {
        var schema = GeneratorHarness.Run(Usings + """
            [Table("users")] public class User { [Key] public int Id { get; set; } }
            public abstract class Audited
            {
                [ForeignKey(nameof(CreatedBy))] public int CreatedById { get; set; }
                public User? CreatedBy { get; set; }
                public int? EditedById { get; set; }
                [ForeignKey(nameof(EditedById))] public User? EditedBy { get; set; }
            }
            [Table("notes")] public class Note : Audited { [Key] public int Id { get; set; } }
            """).Load();
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(schema.Target, connection);

        var keys = await connection.ScalarAsync<string>(
            "SELECT string_agg(pg_get_constraintdef(oid), '; ' ORDER BY conname) FROM pg_constraint WHERE conrelid = 'public.notes'::regclass AND contype = 'f'");
        Assert.Equal("FOREIGN KEY (created_by_id) REFERENCES users(id); FOREIGN KEY (edited_by_id) REFERENCES users(id)", keys);
    }

    [Fact]
    public async Task SetNullOnANullableColumnAndSetDefaultOnAColumnWithADefaultRun()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("p")] public class P { [Key] public int Id { get; set; } }
            [Table("t")] public class T
            {
                [Key] public int Id { get; set; }
                [References(typeof(P), OnDelete = ReferentialAction.SetNull)] public int? Nullable { get; set; }
                [References(typeof(P), OnDelete = ReferentialAction.SetDefault)] public int WithDefault { get; set; } = 1;
            }
            """);
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(result.Load().Target, connection);
        await connection.ExecuteAsync("INSERT INTO p VALUES (1), (2); INSERT INTO t VALUES (1, 2, 2); DELETE FROM p WHERE id = 2");
        Assert.Equal("|1", await connection.ScalarAsync<string>("SELECT concat(nullable, '|', with_default) FROM t"));
    }
}
