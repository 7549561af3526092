using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// PostgreSQL cannot remove or reorder enum values: rename the old type, create the new one (with its comment),
    /// convert every column through text, and drop the old type. What PostgreSQL ties to the old type goes first and
    /// is created again by the rest of the plan: checks and indexes that mention those columns (re-parsed against the
    /// old type), and functions whose parameters or result use the type (with the triggers that execute them).
    /// </summary>
    internal sealed class EnumRecreation
    {
        private readonly SchemaModel _desired;
        private readonly SchemaModel _live;
        private readonly DiffContext _context;

        public EnumRecreation(SchemaModel desired, SchemaModel live, DiffContext context)
        {
            _desired = desired;
            _live = live;
            _context = context;
        }

        public MigrationStep Step(EnumModel desired, string name, List<string> removed, Drift cause)
        {
            _context.ReplacedType(desired.Schema, desired.Name, cause);
            var typeName = SqlSyntax.Identifier(desired.Name);
            var old = SqlNaming.FitIdentifier(desired.Name + "_old_" + StableHash.Hex32(desired.Name));
            var statements = new List<string>();
            foreach (var function in _live.Functions.Where(f => UsesType(f, typeName)))
            {
                foreach (var trigger in _live.Triggers.Where(t => t.FunctionSchema == function.Schema && t.FunctionName == function.Name))
                    statements.Add(DdlRenderer.DropTrigger(trigger));
                statements.Add(DdlRenderer.DropFunction(function));
                _context.DroppedFunction(function);
                _context.ReplacedFunction(function.Schema, function.Name, cause);
            }

            statements.Add(AlterRenderer.RenameType(name, old));
            statements.AddRange(desired.Comment == null
                ? new[] { DdlRenderer.CreateEnum(desired) }
                : new[] { DdlRenderer.CreateEnum(desired), DdlRenderer.CommentOnType(desired, desired.Comment) });

            var usages = _live.Tables.SelectMany(t => t.Columns.Where(c => c.TypeSchema == desired.Schema && c.SqlType.TrimEnd('[', ']') == typeName)
                .Select(c => (Table: t, Column: c))).ToList();
            var rows = new List<string>();
            foreach (var (table, column) in usages)
            {
                var qualified = SqlSyntax.QualifiedName(table.Schema, table.Name);
                foreach (var check in table.Checks.Where(k => DiffContext.Mentions(k.Expression, column.Name)))
                {
                    statements.Add(AlterRenderer.DropConstraint(qualified, check.Name));
                    _context.Dropped(table.Schema, table.Name, check.Name);
                }

                foreach (var index in table.Indexes.Where(i => i.KeyColumns.Contains(column.Name) || (i.Definition != null && DiffContext.Mentions(i.Definition, column.Name))))
                {
                    statements.Add(AlterRenderer.DropIndex(table.Schema, index.Name));
                    _context.Dropped(table.Schema, table.Name, index.Name);
                }

                var columnName = SqlSyntax.Identifier(column.Name);
                var array = column.SqlType.EndsWith("[]", StringComparison.Ordinal) ? "[]" : "";
                if (column.DefaultSql != null)
                    statements.Add(AlterRenderer.AlterColumn(qualified, column.Name, "DROP DEFAULT"));
                statements.Add(AlterRenderer.AlterColumnType(qualified, column.Name, name + array, null, convert: true, "::text" + array));
                var desiredDefault = _desired.Tables.FirstOrDefault(t => t.Schema == table.Schema && t.Name == table.Name)?
                    .Columns.FirstOrDefault(c => c.Name == column.Name)?.DefaultSql;
                if (desiredDefault != null)
                    statements.Add(AlterRenderer.SetDefault(qualified, column.Name, desiredDefault));
                if (removed.Count > 0)
                    rows.Add(RowsHolding(qualified, columnName, array != "", removed));
            }

            statements.Add(AlterRenderer.DropType(SqlSyntax.QualifiedName(desired.Schema, old)));
            var step = new MigrationStep(StepKind.RecreateEnum, name, statements, Array.Empty<Hazard>()).Because(cause);
            if (removed.Count == 0)
                return step.WithHazard(HazardKind.EnumValueRemoved, "reorders the values; the type is recreated and every column using it rewritten");
            var labels = string.Join(", ", removed.Select(SqlSyntax.Literal));
            return rows.Count == 0
                ? step.WithHazard(HazardKind.EnumValueRemoved, "removes " + labels + "; no column uses the type")
                : step.WithProbe(HazardKind.EnumValueRemoved, "SELECT " + string.Join(" + ", rows.Select(r => "(" + r + ")")),
                    "removes " + labels + "; {0} row(s) hold them and make the conversion fail", always: true);
        }

        private static string RowsHolding(string table, string column, bool isArray, List<string> labels)
        {
            var list = string.Join(", ", labels.Select(SqlSyntax.Literal));
            return isArray
                ? AlterRenderer.Count(table, $"EXISTS (SELECT 1 FROM unnest({column}) v WHERE v::text IN ({list}))")
                : AlterRenderer.Count(table, $"{column}::text IN ({list})");
        }

        // Parameters and results tie a function to the type (pg_depend); a body does not.
        private static bool UsesType(FunctionModel function, string typeName) =>
            DiffContext.Mentions(function.Signature, typeName.Trim('"')) || DiffContext.Mentions(function.Returns, typeName.Trim('"'));
    }
}
