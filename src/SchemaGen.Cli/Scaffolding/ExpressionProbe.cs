using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// Asks PostgreSQL how it stores an expression, the way the deployer compares (through PostgreSQL's own rendering,
/// never a re-implementation of it): a candidate attribute or initializer is kept only when the DEFAULT or CHECK the
/// generator would write for it is stored exactly as the database's. Works in a temporary table with the columns of
/// the table being scaffolded, inside a transaction that is rolled back, so the database is never changed.
/// </summary>
internal sealed class ExpressionProbe : IAsyncDisposable
{
    private const string Probe = "pg_temp.schemagen_scaffold_probe";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly CancellationToken _cancellationToken;
    private bool _hasTable;

    private ExpressionProbe(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        _connection = connection;
        _transaction = transaction;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Starts a probe whose search_path is the catalog reader's: the scaffolded schemas, then the session's.</summary>
    public static async Task<ExpressionProbe> StartAsync(NpgsqlConnection connection, IReadOnlyList<string> schemas, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SchemaCatalog.SetSearchPathAsync(connection, transaction, schemas, cancellationToken);
        return new ExpressionProbe(connection, transaction, cancellationToken);
    }

    /// <summary>Replaces the probe table with one that has the table's columns and types (no defaults or constraints).</summary>
    public async Task<bool> UseTableAsync(TableModel table)
    {
        var columns = table.Columns.Select(c => SqlSyntax.Identifier(c.Name) + " " + ColumnTypeSql(c));
        _hasTable = await TryAsync($"DROP TABLE IF EXISTS {Probe}; CREATE TEMP TABLE {Probe} ({string.Join(", ", columns)})");
        return _hasTable;
    }

    /// <summary>How PostgreSQL stores <paramref name="sql"/> as the column's DEFAULT; null when it refuses it.</summary>
    public async Task<string?> DefaultAsync(string column, string sql)
    {
        if (!_hasTable)
            return null;
        var name = SqlSyntax.Identifier(column);
        return await ScalarAsync($"ALTER TABLE {Probe} ALTER COLUMN {name} SET DEFAULT {sql}",
            $"SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = '{Probe}'::regclass AND a.attname = {SqlSyntax.Literal(column)}");
    }

    /// <summary>How PostgreSQL stores <c>CHECK (sql)</c>, as the catalog reader holds it (inside the parentheses); null when it refuses it.</summary>
    public async Task<string?> CheckAsync(string sql)
    {
        if (!_hasTable)
            return null;
        var definition = await ScalarAsync($"ALTER TABLE {Probe} ADD CONSTRAINT schemagen_probe CHECK ({sql}) NOT VALID",
            $"SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '{Probe}'::regclass AND conname = 'schemagen_probe'");
        const string prefix = "CHECK (", suffix = ") NOT VALID";
        return definition != null && definition.StartsWith(prefix, StringComparison.Ordinal) && definition.EndsWith(suffix, StringComparison.Ordinal)
            ? definition[prefix.Length..^suffix.Length]
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync(CancellationToken.None);
        await _transaction.DisposeAsync();
    }

    // An enum column's type is named with its schema, so it resolves whatever the search_path.
    private static string ColumnTypeSql(ColumnModel column) =>
        column.TypeSchema == null ? column.SqlType : SqlSyntax.Identifier(column.TypeSchema) + "." + column.SqlType;

    // The change runs in a savepoint that is rolled back after the read, so each candidate meets the bare table.
    private async Task<string?> ScalarAsync(string change, string read)
    {
        await _transaction.SaveAsync("schemagen_probe", _cancellationToken);
        try
        {
            await using (var alter = new NpgsqlCommand(change, _connection, _transaction))
                await alter.ExecuteNonQueryAsync(_cancellationToken);
            await using var select = new NpgsqlCommand(read, _connection, _transaction);
            return await select.ExecuteScalarAsync(_cancellationToken) as string;
        }
        catch (PostgresException)
        {
            return null; // PostgreSQL refuses the candidate: it is not the database's expression
        }
        finally
        {
            await _transaction.RollbackAsync("schemagen_probe", _cancellationToken);
        }
    }

    // The table stays for the candidates that follow; if PostgreSQL refuses it (a type it cannot create), there are no candidates.
    private async Task<bool> TryAsync(string sql)
    {
        await _transaction.SaveAsync("schemagen_probe_table", _cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, _connection, _transaction);
            await command.ExecuteNonQueryAsync(_cancellationToken);
            await _transaction.ReleaseAsync("schemagen_probe_table", _cancellationToken);
            return true;
        }
        catch (PostgresException)
        {
            await _transaction.RollbackAsync("schemagen_probe_table", _cancellationToken);
            return false;
        }
    }
}
