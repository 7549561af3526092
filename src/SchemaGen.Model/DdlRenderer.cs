using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SchemaGen.Model
{
    /// <summary>What a piece of the create script creates.</summary>
#if SCHEMAGEN_GENERATOR
    internal
#else
    public
#endif
    enum SqlObjectKind
    {
        /// <summary>CREATE SCHEMA statements.</summary>
        Schemas,

        /// <summary>One enum type and its comment.</summary>
        Enum,

        /// <summary>One table with its constraints, indexes and comments.</summary>
        Table,

        /// <summary>Foreign keys added after all tables exist, because their tables reference each other.</summary>
        DeferredForeignKeys,

        /// <summary>A function from a SQL template.</summary>
        Function,

        /// <summary>A trigger from a SQL template.</summary>
        Trigger,

        /// <summary>A sequence, view, materialized view, index on one, or aggregate from a SQL template.</summary>
        TemplateObject,
        /// <summary>An extension (<c>CREATE EXTENSION IF NOT EXISTS</c>), created after the schemas and before everything else.</summary>
        Extension,

        /// <summary>A domain (<c>CREATE DOMAIN</c>) and its comment, created after the enums and before the tables.</summary>
        Domain,
    }

    /// <summary>One object's DDL within the create script.</summary>
    sealed partial record SqlObject(SqlObjectKind Kind, string Schema, string Name, string Sql);

    /// <summary>
    /// Renders a <see cref="SchemaModel"/> as PostgreSQL DDL. The generator uses it at compile time for
    /// <c>Schema.Sql</c> and the runtime uses the very same code, so both always agree. Output is
    /// deterministic: the same model gives the same bytes.
    /// </summary>
    static partial class DdlRenderer
    {
        /// <summary>The create script for an empty database.</summary>
        public static string Render(SchemaModel model) => string.Concat(RenderObjects(model).Select(o => o.Sql));

        /// <summary>The create script split by object, in execution order.</summary>
        public static IReadOnlyList<SqlObject> RenderObjects(SchemaModel model)
        {
            var objects = new List<SqlObject>();
            if (!model.Schemas.IsEmpty)
                objects.Add(new SqlObject(SqlObjectKind.Schemas, "", "", string.Concat(model.Schemas.Select(s => CreateSchema(s) + "\n")) + "\n"));
            objects.AddRange(ExtensionObjects(model));

            foreach (var enumType in model.Enums)
                objects.Add(new SqlObject(SqlObjectKind.Enum, enumType.Schema, enumType.Name, RenderEnum(enumType)));
            objects.AddRange(DomainObjects(model));
            AddTemplateObjects(objects, model, beforeTables: true);

            // A function that a default, generated column, check or index predicate calls is created just before the
            // first table that calls it (with the functions it calls itself); the rest follow the tables, in file order.
            var early = FunctionsBeforeTables(model);
            var created = new HashSet<FunctionModel>();
            var position = model.Tables.Select((t, i) => (t, i)).ToDictionary(x => (x.t.Schema, x.t.Name), x => x.i);
            var deferred = new StringBuilder();
            for (var i = 0; i < model.Tables.Count; i++)
            {
                var table = model.Tables[i];
                bool IsDeferred(ForeignKeyModel fk) => position.TryGetValue((fk.RefSchema, fk.RefTable), out var target) && target > i;

                foreach (var function in early[i].Where(created.Add))
                    objects.Add(new SqlObject(SqlObjectKind.Function, function.Schema, function.Name, CreateFunction(function) + "\n\n"));
                objects.Add(new SqlObject(SqlObjectKind.Table, table.Schema, table.Name, RenderTable(table, fk => !IsDeferred(fk))));
                foreach (var fk in table.ForeignKeys.Where(IsDeferred))
                    deferred.Append(AddForeignKey(table, fk)).Append('\n');
            }

            if (deferred.Length > 0)
                objects.Add(new SqlObject(SqlObjectKind.DeferredForeignKeys, "", "", deferred.Append('\n').ToString()));

            // Templates come after the tables they use, in file order; a function that uses a template view's row type, or
            // whose SQL body reads one, after the views; a trigger after the functions.
            foreach (var function in model.Functions.Where(f => !UsesTemplateViews(model, f) && created.Add(f)))
                objects.Add(new SqlObject(SqlObjectKind.Function, function.Schema, function.Name, CreateFunction(function) + "\n\n"));
            AddTemplateObjects(objects, model, beforeTables: false);
            foreach (var function in model.Functions.Where(created.Add))
                objects.Add(new SqlObject(SqlObjectKind.Function, function.Schema, function.Name, CreateFunction(function) + "\n\n"));
            foreach (var trigger in model.Triggers)
                objects.Add(new SqlObject(SqlObjectKind.Trigger, trigger.Schema, trigger.Table + "." + trigger.Name, CreateTrigger(trigger) + "\n\n"));
            return objects;
        }

        /// <summary>
        /// For each table (by position), the template functions to create just before it: those its expressions call,
        /// and the functions those call, callees first. A function whose body (other than PL/pgSQL, which PostgreSQL does
        /// not check when it is created) names that table or a later one cannot go first, and stays after the tables.
        /// </summary>
        private static List<FunctionModel>[] FunctionsBeforeTables(SchemaModel model)
        {
            var early = model.Tables.Select(_ => new List<FunctionModel>()).ToArray();
            if (model.Functions.IsEmpty)
                return early;

            var tableIndex = model.Tables.Select((t, i) => (t, i)).ToDictionary(x => (x.t.Schema, x.t.Name), x => x.i);
            var callees = new Dictionary<FunctionModel, List<FunctionModel>>();
            var lastTableUsed = new Dictionary<FunctionModel, int>();
            foreach (var function in model.Functions)
            {
                var names = SqlSyntax.NameReferences(function.Definition, dollarQuotedIsCode: true);
                callees[function] = Calls(model, names, function.Schema).Where(f => !ReferenceEquals(f, function) && f != function).ToList();
                lastTableUsed[function] = !IsCheckedWhenCreated(function) ? -1 : names
                    .Select(n => tableIndex.TryGetValue((n.Qualifier ?? function.Schema, n.Name), out var t) ? t : -1)
                    .DefaultIfEmpty(-1).Max();
            }

            var placed = new HashSet<FunctionModel>();
            for (var i = 0; i < model.Tables.Count; i++)
            {
                var table = model.Tables[i];
                var expressions = table.Columns.SelectMany(c => new[] { c.DefaultSql, c.GeneratedSql })
                    .Concat(table.Checks.Select(k => k.Expression)).Concat(table.Indexes.Select(x => x.Where))
                    .Where(e => e != null).Select(e => e!);
                var called = expressions.SelectMany(e => Calls(model, SqlSyntax.NameReferences(e, dollarQuotedIsCode: false), table.Schema)).Distinct().ToList();
                var visiting = new HashSet<FunctionModel>();
                void Place(FunctionModel function)
                {
                    if (placed.Contains(function) || !visiting.Add(function) || lastTableUsed[function] >= i)
                        return;
                    foreach (var callee in callees[function])
                        Place(callee);
                    if (callees[function].All(placed.Contains) && placed.Add(function))
                        early[i].Add(function);
                }

                foreach (var function in model.Functions.Where(called.Contains))
                    Place(function);
            }

            return early;
        }

        // LANGUAGE outside the body: a body in any language but SQL is not checked when the function is created.
        private static bool IsCheckedWhenCreated(FunctionModel function)
        {
            var header = SqlSyntax.NameReferences(function.Definition, dollarQuotedIsCode: false);
            return !header.Where((n, k) => k > 0 && header[k - 1].Name == "language" && header[k - 1].Qualifier == null).Any(n => n.Name != "sql");
        }

        /// <summary>
        /// Whether the function's parameters or result name a template view or materialized view (its row type), or its SQL
        /// body (checked when created) reads one: it can be created only after the views.
        /// </summary>
        public static bool UsesTemplateViews(SchemaModel model, FunctionModel function) =>
            model.Objects.Any(o => o.Kind is TemplateObjectKind.View or TemplateObjectKind.MaterializedView)
            && SqlSyntax.NameReferences(function.Definition, dollarQuotedIsCode: IsCheckedWhenCreated(function))
                .Any(n => model.Objects.Any(o => o.Kind is TemplateObjectKind.View or TemplateObjectKind.MaterializedView
                    && o.Name == n.Name && (n.Qualifier ?? function.Schema) == o.Schema));

        // The template functions that the names call: name( or schema.name( with the function's schema (bare names in the
        // schema of the object that uses them, or any schema: search_path finds them).
        private static IEnumerable<FunctionModel> Calls(SchemaModel model, IReadOnlyList<(string? Qualifier, string Name, bool IsCall)> names, string schema) =>
            names.Where(n => n.IsCall)
                .SelectMany(n => model.Functions.Where(f => f.Name == n.Name && (n.Qualifier == null || n.Qualifier == f.Schema)))
                .Distinct();

        /// <summary><c>CREATE OR REPLACE FUNCTION schema.name(…) …;</c></summary>
        public static string CreateFunction(FunctionModel function) =>
            "CREATE OR REPLACE FUNCTION " + SqlSyntax.QualifiedName(function.Schema, function.Name) + function.Definition + ";";

        /// <summary><c>DROP FUNCTION schema.name(signature);</c></summary>
        public static string DropFunction(FunctionModel function) =>
            "DROP FUNCTION " + SqlSyntax.QualifiedName(function.Schema, function.Name) + "(" + function.Signature + ");";

        /// <summary><c>CREATE OR REPLACE TRIGGER name … ;</c></summary>
        public static string CreateTrigger(TriggerModel trigger) =>
            "CREATE OR REPLACE TRIGGER " + SqlSyntax.Identifier(trigger.Name) + " " + trigger.Definition + ";";

        /// <summary><c>DROP TRIGGER IF EXISTS name ON schema.table;</c></summary>
        public static string DropTrigger(TriggerModel trigger) =>
            "DROP TRIGGER IF EXISTS " + SqlSyntax.Identifier(trigger.Name) + " ON " + SqlSyntax.QualifiedName(trigger.Schema, trigger.Table) + ";";

        /// <summary><c>CREATE SCHEMA IF NOT EXISTS s;</c></summary>
        public static string CreateSchema(string schema) => "CREATE SCHEMA IF NOT EXISTS " + SqlSyntax.Identifier(schema) + ";";

        /// <summary><c>CREATE TYPE s.t AS ENUM (…);</c></summary>
        public static string CreateEnum(EnumModel enumType) =>
            "CREATE TYPE " + SqlSyntax.QualifiedName(enumType.Schema, enumType.Name) + " AS ENUM ("
            + string.Join(", ", enumType.Labels.Select(SqlSyntax.Literal)) + ");";

        /// <summary>A column as it appears in CREATE TABLE or ADD COLUMN.</summary>
        public static string ColumnDefinition(ColumnModel column) => AppendColumnDefinition(new StringBuilder(), column).ToString();

        private static StringBuilder AppendColumnDefinition(StringBuilder sql, ColumnModel column)
        {
            sql.Append(SqlSyntax.Identifier(column.Name)).Append(' ').Append(ColumnType(column));
            if (column.GeneratedSql != null)
                sql.Append(" GENERATED ALWAYS AS (").Append(column.GeneratedSql).Append(") STORED");
            if (column.DefaultSql != null)
                sql.Append(" DEFAULT ").Append(column.DefaultSql);
            if (!column.IsNullable)
                sql.Append(" NOT NULL");
            if (column.Identity != IdentityKind.None)
                sql.Append(column.Identity == IdentityKind.Always ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
            return sql;
        }

        /// <summary>The column's type, schema-qualified when it is a user-defined type.</summary>
        public static string ColumnType(ColumnModel column) =>
            column.TypeSchema == null ? column.SqlType : SqlSyntax.Identifier(column.TypeSchema) + "." + column.SqlType;

        /// <summary><c>CONSTRAINT name CHECK (expression)</c></summary>
        public static string CheckConstraint(CheckModel check) =>
            "CONSTRAINT " + SqlSyntax.Identifier(check.Name) + " CHECK (" + check.Expression + ")";

        /// <summary><c>CONSTRAINT name PRIMARY KEY (columns)</c></summary>
        public static string PrimaryKeyConstraint(PrimaryKeyModel key) =>
            "CONSTRAINT " + SqlSyntax.Identifier(key.Name) + " PRIMARY KEY (" + SqlSyntax.IdentifierList(key.Columns) + ")";

        /// <summary><c>CONSTRAINT name FOREIGN KEY (columns) REFERENCES s.t (columns) [ON DELETE …] [ON UPDATE …]</c></summary>
        public static string ForeignKeyConstraint(ForeignKeyModel fk)
        {
            var sql = new StringBuilder("CONSTRAINT ").Append(SqlSyntax.Identifier(fk.Name))
                .Append(" FOREIGN KEY (").Append(SqlSyntax.IdentifierList(fk.Columns)).Append(") REFERENCES ")
                .Append(SqlSyntax.QualifiedName(fk.RefSchema, fk.RefTable))
                .Append(" (").Append(SqlSyntax.IdentifierList(fk.RefColumns)).Append(')');
            if (fk.OnUpdate != ReferentialAction.NoAction)
                sql.Append(" ON UPDATE ").Append(ActionSql(fk.OnUpdate));
            if (fk.OnDelete != ReferentialAction.NoAction)
                sql.Append(" ON DELETE ").Append(ActionSql(fk.OnDelete));
            return sql.ToString();
        }

        /// <summary><c>ALTER TABLE s.t ADD CONSTRAINT … FOREIGN KEY …;</c></summary>
        public static string AddForeignKey(TableModel table, ForeignKeyModel fk) =>
            "ALTER TABLE " + SqlSyntax.QualifiedName(table.Schema, table.Name) + " ADD " + ForeignKeyConstraint(fk) + ";";

        /// <summary><c>CREATE [UNIQUE] INDEX name ON s.t USING method (keys) [INCLUDE (…)] [WHERE …];</c></summary>
        public static string CreateIndex(TableModel table, IndexModel index)
        {
            var sql = new StringBuilder("CREATE ").Append(index.IsUnique ? "UNIQUE INDEX " : "INDEX ")
                .Append(SqlSyntax.Identifier(index.Name)).Append(" ON ").Append(SqlSyntax.QualifiedName(table.Schema, table.Name))
                .Append(" USING ").Append(index.Method)
                .Append(" (").Append(SqlSyntax.IdentifierList(index.KeyColumns)).Append(')');
            if (!index.Include.IsEmpty)
                sql.Append(" INCLUDE (").Append(SqlSyntax.IdentifierList(index.Include)).Append(')');
            if (index.Where != null)
                sql.Append(" WHERE (").Append(index.Where).Append(')');
            return sql.Append(';').ToString();
        }

        /// <summary><c>COMMENT ON TABLE s.t IS '…';</c></summary>
        public static string CommentOnTable(TableModel table, string? comment) =>
            "COMMENT ON TABLE " + SqlSyntax.QualifiedName(table.Schema, table.Name) + " IS " + CommentLiteral(comment) + ";";

        /// <summary><c>COMMENT ON COLUMN s.t.c IS '…';</c></summary>
        public static string CommentOnColumn(TableModel table, ColumnModel column, string? comment) =>
            "COMMENT ON COLUMN " + SqlSyntax.QualifiedName(table.Schema, table.Name) + "." + SqlSyntax.Identifier(column.Name)
            + " IS " + CommentLiteral(comment) + ";";

        /// <summary><c>COMMENT ON TYPE s.t IS '…';</c></summary>
        public static string CommentOnType(EnumModel enumType, string? comment) =>
            "COMMENT ON TYPE " + SqlSyntax.QualifiedName(enumType.Schema, enumType.Name) + " IS " + CommentLiteral(comment) + ";";

        private static string RenderEnum(EnumModel enumType)
        {
            var sql = new StringBuilder(CreateEnum(enumType)).Append('\n');
            if (enumType.Comment != null)
                sql.Append(CommentOnType(enumType, enumType.Comment)).Append('\n');
            return sql.Append('\n').ToString();
        }

        /// <summary>
        /// The statements that create a table: CREATE TABLE (with the foreign keys <paramref name="inline"/> accepts),
        /// its indexes, and its comments.
        /// </summary>
        public static IReadOnlyList<string> TableStatements(TableModel table, Func<ForeignKeyModel, bool> inline)
        {
            var sql = new StringBuilder();
            var starts = AppendTable(sql, table, inline);
            var statements = new List<string>(starts.Count);
            for (var i = 0; i < starts.Count; i++)
            {
                var end = i + 1 < starts.Count ? starts[i + 1] : sql.Length;
                statements.Add(sql.ToString(starts[i], end - starts[i] - 1)); // without its line break
            }

            return statements;
        }

        // Appends TableStatements, each followed by a line break, and returns where each starts. One builder for the whole
        // table: the generator renders every table of the model on each build, and a string per column, line and statement
        // copied into the next was most of what that allocated.
        private static List<int> AppendTable(StringBuilder sql, TableModel table, Func<ForeignKeyModel, bool> inline)
        {
            var starts = new List<int> { sql.Length };
            sql.Append("CREATE TABLE ").Append(SqlSyntax.QualifiedName(table.Schema, table.Name)).Append(" (\n");
            var items = 0;
            StringBuilder Item() => sql.Append(items++ == 0 ? "    " : ",\n    ");
            foreach (var column in table.Columns)
                AppendColumnDefinition(Item(), column);
            if (table.PrimaryKey != null)
                Item().Append(PrimaryKeyConstraint(table.PrimaryKey));
            foreach (var check in table.Checks)
                Item().Append(CheckConstraint(check));
            foreach (var fk in table.ForeignKeys)
            {
                if (inline(fk))
                    Item().Append(ForeignKeyConstraint(fk));
            }

            sql.Append("\n);\n");
            foreach (var index in table.Indexes)
            {
                starts.Add(sql.Length);
                sql.Append(CreateIndex(table, index)).Append('\n');
            }

            if (table.Comment != null)
            {
                starts.Add(sql.Length);
                sql.Append(CommentOnTable(table, table.Comment)).Append('\n');
            }

            foreach (var column in table.Columns)
            {
                if (column.Comment == null)
                    continue;
                starts.Add(sql.Length);
                sql.Append(CommentOnColumn(table, column, column.Comment)).Append('\n');
            }

            return starts;
        }

        private static string RenderTable(TableModel table, Func<ForeignKeyModel, bool> inline)
        {
            var sql = new StringBuilder(80 * (table.Columns.Count + table.Indexes.Count + 3));
            AppendTable(sql, table, inline);
            return sql.Append('\n').ToString();
        }

        private static string CommentLiteral(string? comment) => comment == null ? "NULL" : SqlSyntax.Literal(comment);

        private static string ActionSql(ReferentialAction action)
        {
            switch (action)
            {
                case ReferentialAction.Restrict: return "RESTRICT";
                case ReferentialAction.Cascade: return "CASCADE";
                case ReferentialAction.SetNull: return "SET NULL";
                case ReferentialAction.SetDefault: return "SET DEFAULT";
                default: return "NO ACTION";
            }
        }
    }
}
