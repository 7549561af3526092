using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The steps for the functions and triggers of SQL templates. A function whose definition changed is
    /// replaced (<c>CREATE OR REPLACE</c>); one whose signature or result type changed is dropped and created,
    /// and the triggers that execute it are dropped with it and created again. Functions are created from
    /// PostgreSQL's own rendering of the template (read back from the scratch schema), so what is compared is
    /// exactly what is deployed.
    /// </summary>
    internal sealed class RoutineDiffer
    {
        private readonly SchemaModel _desired;
        private readonly SchemaModel _target;
        private readonly SchemaModel _live;
        private readonly SchemaDiff _diff;
        private readonly bool _dropUnmanaged;
        private readonly HashSet<(string, string, string)> _recreatedTriggers = new();

        public RoutineDiffer(SchemaModel desired, SchemaModel target, SchemaModel live, SchemaDiff diff, bool dropUnmanaged)
        {
            _desired = desired;
            _target = target;
            _live = live;
            _diff = diff;
            _dropUnmanaged = dropUnmanaged;
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
                if (live == null)
                {
                    _diff.Functions.Add(new MigrationStep(StepKind.CreateFunction, name, Create(target)));
                    if (!_live.Functions.Any(l => l.Schema == target.Schema && l.Name == target.Name))
                        _diff.Drift.Add(new Drift(DriftKind.Missing, "function " + name, Create(target), null));
                    continue;
                }

                matched.Add(live);
                if (live.Returns != target.Returns)
                {
                    Drop(live, StepKind.DropFunction);
                    _diff.Functions.Add(new MigrationStep(StepKind.CreateFunction, name, Create(target)));
                    _diff.Drift.Add(new Drift(DriftKind.Different, "function " + name, Create(target), Create(live)));
                }
                else if (live.Definition != target.Definition)
                {
                    _diff.Functions.Add(new MigrationStep(StepKind.ReplaceFunction, name, Create(target)));
                    _diff.Drift.Add(new Drift(DriftKind.Different, "function " + name, Create(target), Create(live)));
                }
            }

            foreach (var live in _live.Functions.Where(l => !matched.Contains(l)))
            {
                var name = Name(live);
                if (_target.Functions.Any(t => t.Schema == live.Schema && t.Name == live.Name))
                {
                    // The same function with another signature: the template changed its parameters.
                    Drop(live, StepKind.DropFunction);
                    _diff.Drift.Add(new Drift(DriftKind.Different, "function " + SqlSyntax.QualifiedName(live.Schema, live.Name),
                        string.Join("\n", _target.Functions.Where(t => t.Schema == live.Schema && t.Name == live.Name).Select(Create)), Create(live)));
                    continue;
                }

                _diff.UnmanagedObjects.Add("function " + name);
                _diff.Drift.Add(new Drift(DriftKind.Extra, "function " + name, null, Create(live)));
                if (_dropUnmanaged)
                    _diff.UnmanagedFunctions.Add(new MigrationStep(StepKind.DropFunction, name, DdlRenderer.DropFunction(live)));
            }
        }

        // Drops a function, and before it the triggers that execute it (they are created again afterwards).
        private void Drop(FunctionModel live, StepKind kind)
        {
            foreach (var trigger in _live.Triggers.Where(t => t.FunctionSchema == live.Schema && t.FunctionName == live.Name))
            {
                _diff.FunctionDrops.Add(new MigrationStep(StepKind.DropTrigger, TriggerName(trigger), DdlRenderer.DropTrigger(trigger)));
                _recreatedTriggers.Add((trigger.Schema, trigger.Table, trigger.Name));
            }

            _diff.FunctionDrops.Add(new MigrationStep(kind, Name(live), DdlRenderer.DropFunction(live)));
        }

        private void DiffTriggers()
        {
            foreach (var desired in _desired.Triggers)
            {
                var key = (desired.Schema, desired.Table, desired.Name);
                var target = _target.Triggers.FirstOrDefault(t => (t.Schema, t.Table, t.Name) == key);
                var live = _live.Triggers.FirstOrDefault(t => (t.Schema, t.Table, t.Name) == key);
                var name = TriggerName(desired);
                if (live == null || _recreatedTriggers.Contains(key))
                {
                    _diff.Triggers.Add(new MigrationStep(StepKind.CreateTrigger, name, DdlRenderer.CreateTrigger(desired)));
                    if (live == null)
                        _diff.Drift.Add(new Drift(DriftKind.Missing, "trigger " + name, DdlRenderer.CreateTrigger(desired), null));
                }
                else if (target == null || target.Definition != live.Definition)
                {
                    _diff.Triggers.Add(new MigrationStep(StepKind.CreateTrigger, name, DdlRenderer.CreateTrigger(desired)));
                    _diff.Drift.Add(new Drift(DriftKind.Different, "trigger " + name, DdlRenderer.CreateTrigger(desired), DdlRenderer.CreateTrigger(live)));
                }
            }

            foreach (var live in _live.Triggers.Where(l => !_desired.Triggers.Any(d => (d.Schema, d.Table, d.Name) == (l.Schema, l.Table, l.Name))))
            {
                var name = TriggerName(live);
                _diff.UnmanagedObjects.Add("trigger " + name);
                _diff.Drift.Add(new Drift(DriftKind.Extra, "trigger " + name, null, DdlRenderer.CreateTrigger(live)));
                if (_dropUnmanaged)
                    _diff.UnmanagedTriggers.Add(new MigrationStep(StepKind.DropTrigger, name, DdlRenderer.DropTrigger(live)));
            }
        }

        private static string Create(FunctionModel function) => DdlRenderer.CreateFunction(function);

        private static string Name(FunctionModel function) => SqlSyntax.QualifiedName(function.Schema, function.Name) + "(" + function.Signature + ")";

        private static string TriggerName(TriggerModel trigger) => SqlSyntax.QualifiedName(trigger.Schema, trigger.Table) + "." + SqlSyntax.Identifier(trigger.Name);
    }
}
