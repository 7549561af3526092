using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Checks the bodies of the managed schemas' PL/pgSQL functions with the plpgsql_check extension, where the
    /// database has it (<c>CREATE EXTENSION plpgsql_check</c>): PostgreSQL itself only checks a body's syntax
    /// when the function is created, so a query that returns the wrong type or names a missing column is
    /// otherwise found by the first caller. A trigger function is checked against the table of its trigger.
    /// </summary>
    internal static class FunctionChecker
    {
        private const string FindExtension = "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'plpgsql_check'";

        // Every PL/pgSQL function of the schemas, except those of extensions and trigger functions no trigger uses.
        private const string Check = """
            SELECT quote_ident(p.pronamespace::regnamespace::text) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')', r.lineno, r.level, r.message, r.sqlstate, r.statement
            FROM pg_proc p
            JOIN pg_language l ON l.oid = p.prolang AND l.lanname = 'plpgsql'
            CROSS JOIN LATERAL (SELECT coalesce((SELECT t.tgrelid FROM pg_trigger t WHERE t.tgfoid = p.oid AND NOT t.tgisinternal ORDER BY t.oid LIMIT 1), 0) AS relid) trigger_table
            CROSS JOIN LATERAL {0}.plpgsql_check_function_tb(p.oid, trigger_table.relid::oid::regclass) r
            WHERE p.pronamespace::regnamespace::text = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
              AND (p.prorettype <> 'trigger'::regtype OR trigger_table.relid <> 0)
            ORDER BY 1, 2
            """;

        /// <summary>The findings, or null when the database does not have plpgsql_check.</summary>
        public static async Task<List<FunctionFinding>?> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> schemas, CancellationToken cancellationToken)
        {
            string? extensionSchema;
            await using (var find = new NpgsqlCommand(FindExtension, connection, transaction))
                extensionSchema = (string?)await find.ExecuteScalarAsync(cancellationToken);
            if (extensionSchema == null)
                return null;

            var findings = new List<FunctionFinding>();
            await using var check = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, Check, SqlSyntax.Identifier(extensionSchema)), connection, transaction);
            check.Parameters.Add(new NpgsqlParameter { Value = schemas.Select(SqlSyntax.Identifier).ToArray() });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                findings.Add(new FunctionFinding(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2),
                    reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            return findings;
        }
    }
}
