using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Model
{
    /// <summary>
    /// The SQL of migration steps, beside <see cref="DdlRenderer"/>'s create script: one method per statement, every
    /// identifier quoted and every literal escaped through <see cref="SqlSyntax"/>. Tables are named by
    /// <see cref="Table"/> (schema-qualified); the differ decides what changes, this class only writes it.
    /// </summary>
    static partial class AlterRenderer
    {
        /// <summary><c>schema.table</c>, quoted.</summary>
        public static string Table(string schema, string table) => SqlSyntax.QualifiedName(schema, table);

        public static string RenameTable(string schema, string from, string to) =>
            $"ALTER TABLE {SqlSyntax.QualifiedName(schema, from)} RENAME TO {SqlSyntax.Identifier(to)};";

        public static string SetTableSchema(string schema, string table, string toSchema) =>
            $"ALTER TABLE {SqlSyntax.QualifiedName(schema, table)} SET SCHEMA {SqlSyntax.Identifier(toSchema)};";

        public static string DropTable(string table) => $"DROP TABLE {table};";

        public static string SetLogged(string table) => $"ALTER TABLE {table} SET LOGGED;";

        public static string NoInherit(string child, string parent) => $"ALTER TABLE {child} NO INHERIT {parent};";

        public static string NotOf(string table) => $"ALTER TABLE {table} NOT OF;";

        public static string DetachPartition(string parent, string partition) => $"ALTER TABLE {parent} DETACH PARTITION {partition};";

        public static string EnableTrigger(string table, string trigger) => $"ALTER TABLE {table} ENABLE TRIGGER {SqlSyntax.Identifier(trigger)};";

        public static string DropViewDefault(string view, string column) => $"ALTER VIEW {view} ALTER COLUMN {SqlSyntax.Identifier(column)} DROP DEFAULT;";

        public static string DropRule(string rule, string relation) => $"DROP RULE {SqlSyntax.Identifier(rule)} ON {relation};";

        public static string DisableRowSecurity(string table) => $"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY;";

        public static string AddColumn(string table, ColumnModel column) => $"ALTER TABLE {table} ADD COLUMN {DdlRenderer.ColumnDefinition(column)};";

        public static string DropColumn(string table, string column) => $"ALTER TABLE {table} DROP COLUMN {SqlSyntax.Identifier(column)};";

        public static string RenameColumn(string table, string from, string to) =>
            $"ALTER TABLE {table} RENAME COLUMN {SqlSyntax.Identifier(from)} TO {SqlSyntax.Identifier(to)};";

        /// <summary><c>ALTER TABLE t ALTER COLUMN c action;</c>, e.g. <c>DROP DEFAULT</c>, <c>SET NOT NULL</c>.</summary>
        public static string AlterColumn(string table, string column, string action) => $"ALTER TABLE {table} ALTER COLUMN {SqlSyntax.Identifier(column)} {action};";

        public static string SetDefault(string table, string column, string expression) => AlterColumn(table, column, "SET DEFAULT " + expression);

        /// <summary>A type change; <paramref name="via"/> is an intermediate cast (<c>::text</c> for enums) or empty; no USING when only the collation changes.</summary>
        public static string AlterColumnType(string table, string column, string type, string? collation, bool convert, string via)
        {
            var collate = collation == null ? "" : " COLLATE " + collation;
            var quoted = SqlSyntax.Identifier(column);
            return AlterColumn(table, column, $"TYPE {type}{collate}" + (convert ? $" USING {quoted}{via}::{type}" : ""));
        }

        public static string AddIdentity(string table, string column, IdentityKind kind) =>
            AlterColumn(table, column, "ADD GENERATED " + (kind == IdentityKind.Always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY");

        public static string SetGenerated(string table, string column, IdentityKind kind) =>
            AlterColumn(table, column, "SET GENERATED " + (kind == IdentityKind.Always ? "ALWAYS" : "BY DEFAULT"));

        /// <summary>Moves an identity column's sequence past the values already in the column (the next value is max + 1).</summary>
        public static string RestartIdentityAfterValues(string table, string column)
        {
            var quoted = SqlSyntax.Identifier(column);
            return $"SELECT setval(pg_get_serial_sequence({SqlSyntax.Literal(table)}, {SqlSyntax.Literal(column)}), max({quoted})) FROM {table} HAVING max({quoted}) IS NOT NULL;";
        }

        public static string AddCheck(string table, string name, string expression, bool notValid) =>
            $"ALTER TABLE {table} ADD CONSTRAINT {SqlSyntax.Identifier(name)} CHECK ({expression})" + (notValid ? " NOT VALID;" : ";");

        public static string AddConstraint(string table, string definition, bool notValid) =>
            $"ALTER TABLE {table} ADD {definition}" + (notValid ? " NOT VALID;" : ";");

        public static string ValidateConstraint(string table, string name) => $"ALTER TABLE {table} VALIDATE CONSTRAINT {SqlSyntax.Identifier(name)};";

        public static string RenameConstraint(string table, string from, string to) =>
            $"ALTER TABLE {table} RENAME CONSTRAINT {SqlSyntax.Identifier(from)} TO {SqlSyntax.Identifier(to)};";

        public static string DropConstraint(string table, string name) => $"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {SqlSyntax.Identifier(name)};";

        /// <summary>A <c>CREATE [UNIQUE] INDEX …</c> statement of <see cref="DdlRenderer.CreateIndex"/> with CONCURRENTLY: it builds without blocking writes, outside a transaction.</summary>
        public static string CreateIndexConcurrently(string createIndex) =>
            createIndex.StartsWith("CREATE UNIQUE INDEX ", System.StringComparison.Ordinal)
                ? "CREATE UNIQUE INDEX CONCURRENTLY " + createIndex.Substring("CREATE UNIQUE INDEX ".Length)
                : "CREATE INDEX CONCURRENTLY " + createIndex.Substring("CREATE INDEX ".Length);

        /// <summary>Drops an index without blocking writes (a leftover an interrupted concurrent build left INVALID); <paramref name="index"/> is qualified.</summary>
        public static string DropIndexConcurrently(string index) => $"DROP INDEX CONCURRENTLY IF EXISTS {index};";

        /// <summary>The unique index a key constraint will take over, built concurrently under the constraint's name.</summary>
        public static string CreateKeyIndexConcurrently(string table, string name, IReadOnlyList<string> columns) =>
            $"CREATE UNIQUE INDEX CONCURRENTLY {SqlSyntax.Identifier(name)} ON {table} USING btree ({SqlSyntax.IdentifierList(columns)});";

        /// <summary><c>ALTER TABLE t ADD CONSTRAINT name PRIMARY KEY USING INDEX name</c>: the key without building an index under ACCESS EXCLUSIVE.</summary>
        public static string AddPrimaryKeyUsingIndex(string table, string name) =>
            $"ALTER TABLE {table} ADD CONSTRAINT {SqlSyntax.Identifier(name)} PRIMARY KEY USING INDEX {SqlSyntax.Identifier(name)};";

        public static string RenameIndex(string schema, string from, string to) => $"ALTER INDEX {SqlSyntax.QualifiedName(schema, from)} RENAME TO {SqlSyntax.Identifier(to)};";

        public static string RenameSequence(string schema, string from, string to) => $"ALTER SEQUENCE {SqlSyntax.QualifiedName(schema, from)} RENAME TO {SqlSyntax.Identifier(to)};";

        public static string DropIndex(string schema, string name) => $"DROP INDEX IF EXISTS {SqlSyntax.QualifiedName(schema, name)};";

        public static string RenameEnumValue(string type, string from, string to) => $"ALTER TYPE {type} RENAME VALUE {SqlSyntax.Literal(from)} TO {SqlSyntax.Literal(to)};";

        /// <summary><c>ALTER TYPE … ADD VALUE 'label' [BEFORE|AFTER 'other']</c>; <paramref name="position"/> is " AFTER 'x'", " BEFORE 'y'" or empty.</summary>
        public static string AddEnumValue(string type, string label, string position) => $"ALTER TYPE {type} ADD VALUE {SqlSyntax.Literal(label)}{position};";

        public static string RenameType(string type, string to) => $"ALTER TYPE {type} RENAME TO {SqlSyntax.Identifier(to)};";

        public static string DropType(string type) => $"DROP TYPE {type};";

        public static string CommentOnConstraint(string table, string name, string? comment) =>
            $"COMMENT ON CONSTRAINT {SqlSyntax.Identifier(name)} ON {table} IS {Literal(comment)};";

        public static string CommentOnIndex(string schema, string name, string? comment) => $"COMMENT ON INDEX {SqlSyntax.QualifiedName(schema, name)} IS {Literal(comment)};";

        public static string CommentOnFunction(string signature, string? comment) => $"COMMENT ON FUNCTION {signature} IS {Literal(comment)};";

        public static string CommentOnTrigger(string schema, string table, string name, string? comment) =>
            $"COMMENT ON TRIGGER {SqlSyntax.Identifier(name)} ON {SqlSyntax.QualifiedName(schema, table)} IS {Literal(comment)};";

        /// <summary><c>SELECT count(*) FROM t WHERE condition</c>: the probes that count the rows a step concerns.</summary>
        public static string Count(string table, string? condition = null) => $"SELECT count(*) FROM {table}" + (condition == null ? "" : " WHERE " + condition);

        /// <summary>Keys that break a unique index or primary key: NULLs never conflict in a unique index, but a primary key refuses them.</summary>
        public static string CountDuplicates(string table, IReadOnlyList<string> keys, string? where, bool nullsCount)
        {
            var columns = SqlSyntax.IdentifierList(keys);
            var notNull = string.Join(" AND ", keys.Select(k => SqlSyntax.Identifier(k) + " IS NOT NULL"));
            var filter = where == null ? notNull : $"({where}) AND {notNull}";
            var duplicates = $"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {filter} GROUP BY {columns} HAVING count(*) > 1) duplicates";
            return nullsCount ? $"SELECT ({duplicates}) + (SELECT count(*) FROM {table} WHERE NOT ({notNull}))" : duplicates;
        }

        private static string Literal(string? text) => text == null ? "NULL" : SqlSyntax.Literal(text);
    }
}
