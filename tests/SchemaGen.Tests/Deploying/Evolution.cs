using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>Builds models from C# source and checks what a deploy of one model over another left behind.</summary>
public static class Evolution
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using SchemaGen;

        """;

    public static GeneratedSchema Build(string source) => GeneratorHarness.Run(Usings + source).Load();

    /// <summary>Every row of a table as PostgreSQL prints it, sorted: what must survive a migration.</summary>
    public static Task<string> RowsAsync(NpgsqlConnection connection, string table) =>
        connection.ScalarAsync<string>($"SELECT coalesce(string_agg(t::text, ';' ORDER BY t::text), '') FROM {table} t");

    /// <summary>
    /// Migration equals creation: a database deployed fresh from <paramref name="model"/> has the same
    /// <c>pg_dump --schema-only</c> as the migrated one, and planning the migrated one again finds nothing.
    /// </summary>
    public static async Task AssertSameAsFreshAsync(NpgsqlConnection migrated, GeneratedSchema model, DeployOptions? options = null)
    {
        await using var fresh = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(model.Target, fresh, options);
        var freshDump = await PgDump.SchemaAsync(fresh);
        await Postgres.DropDatabaseAsync(fresh);
        Assert.Equal(freshDump, await PgDump.SchemaAsync(migrated));

        var again = await SchemaDeployer.PlanAsync(model.Target, migrated, options);
        Assert.True(again.IsEmpty, "planning the migrated database again: " + again.Sql);
        var drift = await SchemaDeployer.VerifyAsync(model.Target, migrated, options);
        Assert.True(drift.IsClean, string.Join("\n", drift.Drift));
    }
}

/// <summary>The small model the evolution, concurrency and option tests start from.</summary>
public static class EvolutionModels
{
    public const string Items = """
        namespace TestModels;

        public enum Status { Queued, Done }

        [Table("items")]
        public class Item
        {
            [Key] public int Id { get; set; }
            [MaxLength(10)] public string Name { get; set; } = "";
            public int Count { get; set; }
            public string? Note { get; set; }
            public Status Status { get; set; } = Status.Queued;
        }
        """;
}
