using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace SchemaGen.Bench;

/// <summary>
/// EF Core's side of the online-deploy benchmark: the same change as a hand-written migration (what
/// <c>dotnet ef migrations add</c> scaffolds for it, minus the index EF adds for every foreign key, which the other
/// rows do not build), turned into SQL by the Npgsql provider's own migrations SQL generator and applied as
/// <c>Database.Migrate()</c> applies a migration: its commands in order, in one transaction.
/// </summary>
public static class EfOnlineMigration
{
    public static IReadOnlyList<string> Commands()
    {
        var migration = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        migration.AlterColumn<string>(name: "note", table: "items", type: "text", nullable: false, defaultValue: "",
            oldClrType: typeof(string), oldType: "text", oldNullable: true);
        migration.AddColumn<int>(name: "priority", table: "items", type: "integer", nullable: false, defaultValue: 3);
        migration.AddCheckConstraint(name: "ck_items_count_range", table: "items", sql: "count >= 0 AND count <= 1000");
        migration.CreateIndex(name: "ix_items_name", table: "items", column: "name", unique: true);
        migration.AddForeignKey(name: "fk_parts_item_id", table: "parts", column: "item_id", principalTable: "items", principalColumn: "id");

        using var context = new DbContext(new DbContextOptionsBuilder().UseNpgsql("Host=unused").Options);
        return context.GetService<IMigrationsSqlGenerator>().Generate(migration.Operations).Select(c => c.CommandText).ToList();
    }

    public static async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<string> commands)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var sql in commands)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
