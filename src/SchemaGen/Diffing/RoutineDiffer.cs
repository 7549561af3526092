using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The steps for the functions and triggers of SQL templates. A function whose definition changed is
    /// replaced (<c>CREATE OR REPLACE</c>); one whose signature or result type changed is dropped and created,
    /// and the triggers that execute it are dropped with it and created again. A function that a column default,
    /// check or index of the model calls is created before the tables; the others after them (they may use the
    /// tables' row types). Functions are compared as PostgreSQL prints them (read back from the scratch schema).
    /// </summary>
    internal sealed class RoutineDiffer
    {
        private readonly SchemaModel _desired;
        private readonly SchemaModel _target;
        private readonly SchemaModel _live;
        private readonly SchemaDiff _diff;
        private readonly bool _dropUnmanaged;
        private readonly DiffContext _context;
        private readonly HashSet<(string, string, string)> _recreatedTriggers = new();

        // The columns the plan drops, retypes or replaces, which a trigger's column list or WHEN, or a SQL-standard function
        // body, must not be using when it does.
        private readonly Dictionary<(string Schema, string Table, string Column), Drift> _changedColumns;

        public RoutineDiffer(SchemaModel desired, SchemaModel target, SchemaModel live, SchemaDiff diff, bool dropUnmanaged, DiffContext context)
        {
            _desired = desired;
            _target = target;
            _live = live;
            _diff = diff;
            _dropUnmanaged = dropUnmanaged;
            _context = context;
            _changedColumns = DependentViews.ChangedColumns(target, live);
        }

        public void Diff()
        {
            DiffFunctions();
            DiffTriggers();
        }

        private void DiffFunctions()
        {
            var matched = new HashSet<FunctionModel>();
            foreach (var target in _target.Functions)
            {
                var name = Name(target);
                var live = _live.Functions.FirstOrDefault(l => l.Schema == target.Schema && l.Name == target.Name && l.Signature == target.Signature);
                var group = CalledByTables(target) ? _diff.EarlyFunctions : DdlRenderer.UsesTemplateViews(_desired, target) ? _diff.LateFunctions : _diff.Functions;
                if (live == null || _context.IsDropped(live))
                {
                    if (live != null)
                        matched.Add(live);
                    var sameName = _live.Functions.Any(l => l.Schema == target.Schema && l.Name == target.Name);
                    var cause = live != null ? new Drift(DriftKind.Different, "function " + name, Create(target), Create(live))
                        : sameName ? SignatureChanged(target)
                        : new Drift(DriftKind.Missing, "function " + name, Create(target), null);
                    group.Add(new MigrationStep(StepKind.CreateFunction, name, Create(target)).Because(cause));
                    continue;
                }

                matched.Add(live);
                var differs = new Drift(DriftKind.Different, "function " + name, Create(target), Create(live));
                if (live.Returns != target.Returns)
                {
                    Drop(live, StepKind.DropFunction, differs);
                    group.Add(new MigrationStep(StepKind.CreateFunction, name, Create(target)).Because(differs));
                }
                else if (UsedColumnChange(live) is { } columnChange)
                {
                    // A SQL-standard body (BEGIN ATOMIC, RETURN) is parsed when created and depends on the columns it reads.
                    Drop(live, StepKind.DropFunction, columnChange);
                    (group == _diff.EarlyFunctions ? _diff.Functions : group).Add(new MigrationStep(StepKind.CreateFunction, name, Create(target)).Because(columnChange));
                }
                else if (live.Definition != target.Definition)
                {
                    group.Add(new MigrationStep(StepKind.ReplaceFunction, name, Create(target)).Because(differs));
                }

                if (live.Comment != target.Comment)
                {
                    _diff.Comments.Add(new MigrationStep(StepKind.SetComment, name, AlterRenderer.CommentOnFunction(name, target.Comment))
                        .Because(new Drift(DriftKind.Different, "comment on function " + name, target.Comment, live.Comment)));
                }
            }

            foreach (var live in _live.Functions.Where(l => !matched.Contains(l)))
            {
                var name = Name(live);
                if (_target.Functions.Any(t => t.Schema == live.Schema && t.Name == live.Name))
                {
                    // The same function with another signature: the template changed its parameters.
                    Drop(live, StepKind.DropFunction, SignatureChanged(live));
                    continue;
                }

                _diff.UnmanagedObjects.Add("function " + name);
                if (_dropUnmanaged)
                {
                    _diff.UnmanagedFunctions.Add(new MigrationStep(StepKind.DropFunction, name, DdlRenderer.DropFunction(live))
                        .Because(new Drift(DriftKind.Extra, "function " + name, null, Create(live))));
                }
            }
        }

        private Drift SignatureChanged(FunctionModel function)
        {
            var qualified = SqlSyntax.QualifiedName(function.Schema, function.Name);
            return new Drift(DriftKind.Different, "function " + qualified,
                string.Join("\n", _target.Functions.Where(t => t.Schema == function.Schema && t.Name == function.Name).Select(Create)),
                string.Join("\n", _live.Functions.Where(l => l.Schema == function.Schema && l.Name == function.Name).Select(Create)));
        }

        // Drops a function, and before it the triggers that execute it (they are created again afterwards).
        private void Drop(FunctionModel live, StepKind kind, Drift cause)
        {
            foreach (var trigger in _live.Triggers.Where(t => t.FunctionSchema == live.Schema && t.FunctionName == live.Name))
            {
                _diff.FunctionDrops.Add(new MigrationStep(StepKind.DropTrigger, TriggerName(trigger), DdlRenderer.DropTrigger(trigger)).Because(cause));
                _recreatedTriggers.Add((trigger.Schema, trigger.Table, trigger.Name));
            }

            _diff.FunctionDrops.Add(new MigrationStep(kind, Name(live), DdlRenderer.DropFunction(live)).Because(cause));
            _context.ReplacedFunction(live.Schema, live.Name, cause);
        }

        // A function a default, generated column, check or index predicate of the model names must exist before the table.
        private bool CalledByTables(FunctionModel function) =>
            _desired.Tables.Any(t =>
                t.Columns.Any(c => Calls(c.DefaultSql, function) || Calls(c.GeneratedSql, function))
                || t.Checks.Any(k => Calls(k.Expression, function))
                || t.Indexes.Any(i => Calls(i.Where, function)));

        public static bool Calls(string? expression, FunctionModel function) =>
            expression != null && SqlSyntax.NameReferences(expression, dollarQuotedIsCode: false)
                .Any(n => n.IsCall && n.Name == function.Name && (n.Qualifier == null || n.Qualifier == function.Schema));

        private void DiffTriggers()
        {
            foreach (var desired in _desired.Triggers)
            {
                var key = (desired.Schema, desired.Table, desired.Name);
                var target = _target.Triggers.FirstOrDefault(t => (t.Schema, t.Table, t.Name) == key);
                var live = _live.Triggers.FirstOrDefault(t => (t.Schema, t.Table, t.Name) == key);
                var name = TriggerName(desired);
                var dropped = live != null && _live.Functions.Any(f => f.Schema == live.FunctionSchema && f.Name == live.FunctionName && _context.IsDropped(f));
                if (live != null && !_recreatedTriggers.Contains(key) && ColumnChangeIn(live) is { } columnChange)
                {
                    // Its column list or WHEN uses a column the plan retypes or drops: out of the way first, created again last.
                    _diff.DependentDrops.Add(new MigrationStep(StepKind.DropTrigger, name, DdlRenderer.DropTrigger(live)) { Table = SqlSyntax.QualifiedName(live.Schema, live.Table) }
                        .Because(columnChange));
                    _diff.Triggers.Add(new MigrationStep(StepKind.CreateTrigger, name, DdlRenderer.CreateTrigger(desired)).Because(columnChange));
                    continue;
                }

                if (live == null || _recreatedTriggers.Contains(key) || dropped)
                {
                    var cause = live == null ? new Drift(DriftKind.Missing, "trigger " + name, DdlRenderer.CreateTrigger(desired), null)
                        : new Drift(DriftKind.Different, "trigger " + name, DdlRenderer.CreateTrigger(desired), DdlRenderer.CreateTrigger(live));
                    _diff.Triggers.Add(new MigrationStep(StepKind.CreateTrigger, name, DdlRenderer.CreateTrigger(desired)).Because(cause));
                    continue;
                }

                if (target == null || target.Definition != live.Definition)
                {
                    _diff.Triggers.Add(new MigrationStep(StepKind.CreateTrigger, name, DdlRenderer.CreateTrigger(desired))
                        .Because(new Drift(DriftKind.Different, "trigger " + name, DdlRenderer.CreateTrigger(desired), DdlRenderer.CreateTrigger(live))));
                }

                if (live.Comment != target?.Comment)
                {
                    _diff.Comments.Add(new MigrationStep(StepKind.SetComment, name, AlterRenderer.CommentOnTrigger(live.Schema, live.Table, live.Name, target?.Comment))
                        .Because(new Drift(DriftKind.Different, "comment on trigger " + name, target?.Comment, live.Comment)));
                }
            }

            foreach (var live in _live.Triggers.Where(l => !_desired.Triggers.Any(d => (d.Schema, d.Table, d.Name) == (l.Schema, l.Table, l.Name))))
            {
                var name = TriggerName(live);
                _diff.UnmanagedObjects.Add("trigger " + name);
                if (_dropUnmanaged)
                {
                    _diff.UnmanagedDependents.Add(new MigrationStep(StepKind.DropTrigger, name, DdlRenderer.DropTrigger(live))
                        .Because(new Drift(DriftKind.Extra, "trigger " + name, null, DdlRenderer.CreateTrigger(live))));
                }
            }
        }

        private Drift? ColumnChangeIn(TriggerModel trigger) =>
            _changedColumns.Where(c => c.Key.Schema == trigger.Schema && c.Key.Table == trigger.Table && DiffContext.Mentions(trigger.Definition, c.Key.Column))
                .Select(c => c.Value).FirstOrDefault();

        // A body PostgreSQL parsed at CREATE (pg_get_functiondef prints it as BEGIN ATOMIC … END or RETURN …) that names a
        // changed column and its table.
        private Drift? UsedColumnChange(FunctionModel function)
        {
            var body = function.Definition;
            if (!(body.Contains("BEGIN ATOMIC") || System.Text.RegularExpressions.Regex.IsMatch(body, @"\n\s*RETURN\s")) || body.Contains("AS $"))
                return null;
            return _changedColumns.Where(c => DiffContext.Mentions(body, c.Key.Table) && DiffContext.Mentions(body, c.Key.Column)).Select(c => c.Value).FirstOrDefault();
        }

        private static string Create(FunctionModel function) => DdlRenderer.CreateFunction(function);

        private static string Name(FunctionModel function) => SqlSyntax.QualifiedName(function.Schema, function.Name) + "(" + function.Signature + ")";

        private static string TriggerName(TriggerModel trigger) => SqlSyntax.QualifiedName(trigger.Schema, trigger.Table) + "." + SqlSyntax.Identifier(trigger.Name);
    }
}
