using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The steps for sequences, views, materialized views (and their indexes) and aggregates from SQL templates, compared
    /// as PostgreSQL renders them (the shadow's catalog against the live one). A changed sequence is altered (never
    /// restarted); a changed view is replaced when PostgreSQL allows it (same leading columns), else dropped and created; a
    /// changed materialized view, index or aggregate is dropped and created. Views in the way of a change — over a view or
    /// aggregate that is recreated, or over a column whose type changes or that is dropped (<see cref="DependentViews"/>) —
    /// are dropped first and created again afterwards: the model's from their templates, others from their current
    /// definition with a hazard naming them. Objects of these kinds the model does not have are unmanaged.
    /// </summary>
    internal sealed class TemplateObjectDiffer
    {
        private readonly SchemaModel _desired;
        private readonly SchemaModel _target;
        private readonly SchemaModel _live;
        private readonly SchemaDiff _diff;
        private readonly bool _dropUnmanaged;
        private readonly Dictionary<TemplateObjectModel, MigrationStep> _drops = new();
        private readonly Dictionary<TemplateObjectModel, (StepKind Kind, Drift Cause)> _creates = new();
        private readonly List<TemplateObjectModel> _restored = new();

        private TemplateObjectDiffer(SchemaModel desired, SchemaModel target, SchemaModel live, SchemaDiff diff, bool dropUnmanaged)
        {
            _desired = desired;
            _target = target;
            _live = live;
            _diff = diff;
            _dropUnmanaged = dropUnmanaged;
        }

        public static void Diff(SchemaModel desired, SchemaModel target, SchemaModel live, SchemaDiff diff, bool dropUnmanaged)
        {
            var differ = new TemplateObjectDiffer(desired, target, live, diff, dropUnmanaged);
            differ.DiffModelObjects();
            differ.DiffUnmanaged();
            foreach (var (view, cause) in DependentViews.OfChangedColumns(target, live, diff))
                differ.Recreate(view, cause);
            differ.RecreateDependents();
            differ.AddSteps();
        }

        /// <summary>True when the live schema has objects of these kinds the model does not (DropUnmanaged would drop them).</summary>
        public static bool HasUnmanaged(SchemaModel desired, SchemaModel live) => live.Objects.Any(l => Desired(desired, l) == null);

        /// <summary>
        /// The live schema's unmanaged objects without those this differ reads and reports itself: views, materialized views,
        /// sequences no column owns and aggregates are in <see cref="SchemaModel.Objects"/> too. (The catalog keeps listing
        /// them in <see cref="SchemaModel.Unmanaged"/> for readers that know only that list, such as scaffold's report.)
        /// </summary>
        public static EquatableArray<CatalogObject> OtherUnmanaged(SchemaModel live) => live.Unmanaged.Where(u => u.Kind switch
        {
            CatalogObjectKind.View or CatalogObjectKind.MaterializedView or CatalogObjectKind.Sequence => false,
            CatalogObjectKind.Aggregate => !live.Objects.Any(o => o.Kind == TemplateObjectKind.Aggregate && o.Schema == u.Schema && o.Name + "(" + o.Signature + ")" == u.Name),
            _ => true,
        }).ToEquatableArray();

        private void DiffModelObjects()
        {
            foreach (var desired in _desired.Objects)
            {
                var target = _target.Objects.FirstOrDefault(t => SameKey(t, desired));
                var sameName = _live.Objects.Where(l => SameKey(l, desired)).ToList();
                var live = sameName.FirstOrDefault(l => desired.Kind != TemplateObjectKind.Aggregate || l.Signature == target?.Signature);
                var what = Describe(desired.Kind) + " " + Name(desired);
                foreach (var other in sameName.Where(l => l != live))
                    Drop(other, new Drift(DriftKind.Different, what, DdlRenderer.CreateObject(desired), Render(other))); // an aggregate's arguments changed
                if (live == null)
                {
                    _creates[desired] = (CreateKind(desired.Kind), new Drift(DriftKind.Missing, what, DdlRenderer.CreateObject(desired), null));
                    continue;
                }

                if (target == null || Same(target, live))
                    continue;
                var cause = new Drift(DriftKind.Different, what, Render(target), Render(live));
                if (desired.Kind == TemplateObjectKind.Sequence)
                {
                    _diff.Sequences.Add(new MigrationStep(StepKind.AlterSequence, Name(desired), AlterSequence(desired, target)).Because(cause));
                }
                else if (desired.Kind == TemplateObjectKind.View && Replaceable(live, target))
                {
                    _creates[desired] = (StepKind.ReplaceView, cause);
                }
                else
                {
                    Drop(live, cause);
                    _creates[desired] = (CreateKind(desired.Kind), cause);
                }
            }
        }

        private void DiffUnmanaged()
        {
            foreach (var live in _live.Objects.Where(l => Desired(_desired, l) == null))
            {
                var what = Describe(live.Kind) + " " + Name(live);
                _diff.UnmanagedObjects.Add(what);
                if (!_dropUnmanaged)
                    continue;
                var cause = new Drift(DriftKind.Extra, what, null, Render(live));
                if (live.Kind == TemplateObjectKind.Sequence)
                    _diff.UnmanagedTypes.Add(new MigrationStep(StepKind.DropSequence, Name(live), DdlRenderer.DropObject(live)).Because(cause));
                else
                    Drop(live, cause);
            }
        }

        // A live view (or materialized view) in the way: dropped, and created again from the model or, for one the model
        // does not have, from its own definition, with a hazard.
        private void Recreate(TemplateObjectModel live, Drift cause)
        {
            if (_drops.ContainsKey(live))
                return;
            var desired = Desired(_desired, live);
            Drop(live, cause);
            if (desired != null)
            {
                if (!_creates.TryGetValue(desired, out var create) || create.Kind == StepKind.ReplaceView)
                    _creates[desired] = (CreateKind(desired.Kind), cause);
            }
            else
            {
                _drops[live] = _drops[live].WithHazard(HazardKind.UnmanagedDependentView,
                    $"{Describe(live.Kind)} {Name(live)} is not in the model; it is dropped and created again from its current definition ({cause.Object} changes)");
                _restored.Add(live);
            }
        }

        // Whatever uses a dropped object goes too, and comes back after it: views over views, views calling an aggregate.
        private void RecreateDependents()
        {
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var live in _live.Objects.Where(l => !_drops.ContainsKey(l) && l.Kind is TemplateObjectKind.View or TemplateObjectKind.MaterializedView).ToList())
                {
                    var used = _drops.Keys.FirstOrDefault(d => d.Kind != TemplateObjectKind.Index && Uses(live, d));
                    if (used == null)
                        continue;
                    Recreate(live, _drops[used].Cause!);
                    changed = true;
                }
            }

            // A materialized view dropped takes its indexes with it: the model's are created again.
            foreach (var index in _desired.Objects.Where(o => o.Kind == TemplateObjectKind.Index && !_creates.ContainsKey(o)))
            {
                var view = _drops.Keys.FirstOrDefault(d => d.Kind == TemplateObjectKind.MaterializedView && d.Schema == index.Schema && d.Name == index.Table);
                if (view != null)
                    _creates[index] = (StepKind.CreateIndex, _drops[view].Cause!);
            }
        }

        private void AddSteps()
        {
            // Drops: what uses an object before the object; an index goes with its materialized view.
            var pending = _drops.Keys.Where(d => !(d.Kind == TemplateObjectKind.Index && _drops.Keys.Any(v => v.Kind == TemplateObjectKind.MaterializedView && v.Schema == d.Schema && v.Name == d.Table))).ToList();
            while (pending.Count > 0)
            {
                var next = pending.FirstOrDefault(p => !pending.Any(o => o != p && Uses(o, p))) ?? pending[0];
                pending.Remove(next);
                _diff.ViewDrops.Add(_drops[next]);
            }

            foreach (var desired in _desired.Objects.Where(_creates.ContainsKey))
            {
                var (kind, cause) = _creates[desired];
                var step = new MigrationStep(kind, Name(desired), DdlRenderer.CreateObject(desired)).Because(cause);
                if (desired.Kind == TemplateObjectKind.MaterializedView && _live.Objects.Any(l => SameKey(l, desired)))
                    step = step with { Table = SqlSyntax.QualifiedName(desired.Schema, desired.Name) }; // its size: the cost of filling it again
                (desired.Kind == TemplateObjectKind.Sequence ? _diff.Sequences : _diff.Views).Add(step);
            }

            // Views the model does not have, created again as they were (in the order they use each other).
            var restore = _restored.ToList();
            while (restore.Count > 0)
            {
                var next = restore.FirstOrDefault(r => !restore.Any(o => o != r && Uses(r, o))) ?? restore[0];
                restore.Remove(next);
                var cause = new Drift(DriftKind.Different, Describe(next.Kind) + " " + Name(next), null, Render(next));
                _diff.Views.Add(new MigrationStep(CreateKind(next.Kind), Name(next), Restore(next)).Because(cause));
            }
        }

        private void Drop(TemplateObjectModel live, Drift cause)
        {
            if (!_drops.ContainsKey(live))
                _drops[live] = new MigrationStep(DropKind(live.Kind), Name(live), DdlRenderer.DropObject(live)).Because(cause);
        }

        // The view's statement, and its indexes for a materialized view, from what the catalog printed.
        private string[] Restore(TemplateObjectModel live)
        {
            var name = SqlSyntax.QualifiedName(live.Schema, live.Name);
            var create = (live.Kind == TemplateObjectKind.MaterializedView ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ") + name + " " + live.Definition.TrimEnd(';', ' ', '\n') + ";";
            var indexes = _live.Objects.Where(i => i.Kind == TemplateObjectKind.Index && i.Schema == live.Schema && i.Table == live.Name)
                .Select(i => (i.Definition.StartsWith("UNIQUE ", System.StringComparison.Ordinal) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ")
                    + SqlSyntax.Identifier(i.Name) + " ON " + name + " " + (i.Definition.StartsWith("UNIQUE ", System.StringComparison.Ordinal) ? i.Definition.Substring("UNIQUE ".Length) : i.Definition) + ";");
            return new[] { create }.Concat(indexes).ToArray();
        }

        /// <summary>True when <paramref name="user"/> (a live view) uses <paramref name="used"/>, by the catalog's dependencies.</summary>
        private static bool Uses(TemplateObjectModel user, TemplateObjectModel used) =>
            user.DependsOn.Any(d => d.Schema == used.Schema && d.Name == used.Name);

        private static TemplateObjectModel? Desired(SchemaModel desired, TemplateObjectModel live) => desired.Objects.FirstOrDefault(d => SameKey(d, live));

        private static bool SameKey(TemplateObjectModel a, TemplateObjectModel b) => a.Kind == b.Kind && a.Schema == b.Schema && a.Name == b.Name && a.Table == b.Table;

        private static bool Same(TemplateObjectModel target, TemplateObjectModel live) =>
            target.Definition == live.Definition && target.Signature == live.Signature;

        // CREATE OR REPLACE VIEW keeps the existing columns (same names and types, in order) and may add columns at the end.
        private static bool Replaceable(TemplateObjectModel live, TemplateObjectModel target) =>
            live.Signature != null && target.Signature != null && (target.Signature == live.Signature || target.Signature.StartsWith(live.Signature + ", ", System.StringComparison.Ordinal));

        // The sequence's options as PostgreSQL reads them back from the model, never RESTART: the current value stays.
        private static string AlterSequence(TemplateObjectModel desired, TemplateObjectModel target) =>
            "ALTER SEQUENCE " + SqlSyntax.QualifiedName(desired.Schema, desired.Name) + " " + target.Definition + ";";

        private static string Render(TemplateObjectModel item) => Describe(item.Kind).ToUpperInvariant() + " " + Name(item) + " " + item.Definition;

        private static string Name(TemplateObjectModel item) =>
            item.Kind == TemplateObjectKind.Index ? SqlSyntax.QualifiedName(item.Schema, item.Name) + " ON " + SqlSyntax.Identifier(item.Table!) : DdlRenderer.ObjectName(item);

        private static StepKind CreateKind(TemplateObjectKind kind) => kind switch
        {
            TemplateObjectKind.Sequence => StepKind.CreateSequence,
            TemplateObjectKind.View => StepKind.CreateView,
            TemplateObjectKind.MaterializedView => StepKind.CreateMaterializedView,
            TemplateObjectKind.Index => StepKind.CreateIndex,
            _ => StepKind.CreateAggregate,
        };

        private static StepKind DropKind(TemplateObjectKind kind) => kind switch
        {
            TemplateObjectKind.Sequence => StepKind.DropSequence,
            TemplateObjectKind.View => StepKind.DropView,
            TemplateObjectKind.MaterializedView => StepKind.DropMaterializedView,
            TemplateObjectKind.Index => StepKind.DropIndex,
            _ => StepKind.DropAggregate,
        };

        private static string Describe(TemplateObjectKind kind) => DdlRenderer.KindName(kind);
    }
}
