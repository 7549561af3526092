using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The steps for the columns of a table that exists in the model and the database. Values are never changed
    /// silently: a generated column that becomes plain keeps its values (DROP EXPRESSION); a narrowing type change
    /// first proves every value survives the cast (a temporary check, validated) and counts those that do not;
    /// text and enums convert through text and count the values that are not labels; identity added to a populated
    /// column starts past the current maximum.
    /// </summary>
    internal sealed class ColumnDiffer
    {
        private readonly TableModel _desired;
        private readonly TableModel _target;
        private readonly TableModel _live;
        private readonly SchemaDiff _diff;
        private readonly DiffContext _context;
        private readonly string _table;

        public ColumnDiffer(TableModel desired, TableModel target, TableModel live, SchemaDiff diff, DiffContext context)
        {
            _desired = desired;
            _target = target;
            _live = live;
            _diff = diff;
            _context = context;
            _table = SqlSyntax.QualifiedName(desired.Schema, desired.Name);
        }

        public void Diff()
        {
            foreach (var desired in _desired.Columns)
            {
                var target = _target.Columns.First(c => c.Name == desired.Name);
                var live = _live.Columns.FirstOrDefault(c => c.Name == desired.Name);
                if (live == null)
                    Add(desired);
                else
                    DiffColumn(desired, target, live);
            }

            foreach (var extra in _live.Columns.Where(c => !_desired.Columns.Any(d => d.Name == c.Name)))
            {
                var name = Name(extra);
                _diff.Columns.Add(new MigrationStep(StepKind.DropColumn, name, AlterRenderer.DropColumn(_table, extra.Name))
                    .WithProbe(HazardKind.DataLoss, NonNullCount(extra), "drops the column and its {0} non-NULL value(s)", always: true)
                    .Because(new Drift(DriftKind.Extra, "column " + name, null, Describe(extra))));
            }
        }

        private void Add(ColumnModel desired)
        {
            var name = Name(desired);
            var add = Adding(desired, new MigrationStep(StepKind.AddColumn, name, AddStatements(desired).ToArray(), Array.Empty<Hazard>()))
                .Because(new Drift(DriftKind.Missing, "column " + name, DdlRenderer.ColumnDefinition(desired), null));
            _diff.Columns.Add(NeedsValues(desired, add));
        }

        // Identity and stored generated columns fill every row (a rewrite); a default does when it is volatile (the planner asks).
        private static MigrationStep Adding(ColumnModel desired, MigrationStep add) =>
            add with { Rewrites = desired.Identity != IdentityKind.None || desired.GeneratedSql != null, NewDefault = desired.DefaultSql };

        // A NOT NULL column added without a default cannot be added to a table with rows.
        private MigrationStep NeedsValues(ColumnModel desired, MigrationStep add) =>
            !desired.IsNullable && desired.DefaultSql == null && desired.GeneratedSql == null && desired.Identity == IdentityKind.None
                ? add.WithProbe(HazardKind.NotNullWithoutDefault, AlterRenderer.Count(_table),
                    "the table has {0} row(s) and the NOT NULL column has no default: give the property an initializer (= value) or [DefaultSql(\"…\")], or make it nullable")
                : add;

        private IEnumerable<string> AddStatements(ColumnModel desired)
        {
            yield return AlterRenderer.AddColumn(_table, desired);
            if (desired.Comment != null)
                yield return DdlRenderer.CommentOnColumn(_desired, desired, desired.Comment);
        }

        private void DiffColumn(ColumnModel desired, ColumnModel target, ColumnModel live)
        {
            var name = Name(desired);
            var column = desired.Name;
            var cause = new Drift(DriftKind.Different, "column " + name, Describe(target), Describe(live));
            var steps = new List<MigrationStep>();
            MigrationStep Step(StepKind kind, params string[] sql) => new MigrationStep(kind, name, sql).Because(cause);

            if (target.GeneratedSql != live.GeneratedSql)
            {
                if (target.GeneratedSql != null)
                {
                    // A stored generated column cannot be altered in place: drop it and add it back (values are recomputed).
                    var replace = Replace(desired, live, cause);
                    _diff.Columns.Add(live.GeneratedSql == null
                        ? replace.WithProbe(HazardKind.DataLoss, NonNullCount(live), "replaces a stored column with a generated one; its {0} non-NULL value(s) are lost", always: true)
                        : replace);
                    return;
                }

                steps.Add(Step(StepKind.DropExpression, AlterRenderer.AlterColumn(_table, column, "DROP EXPRESSION")));
                live = live with { GeneratedSql = null };
            }

            var defaultHandled = false;
            var fromType = DdlRenderer.ColumnType(live);
            var toType = DdlRenderer.ColumnType(target);
            if (fromType != toType || live.Collation != target.Collation)
            {
                var viaText = live.TypeSchema != null || target.TypeSchema != null;
                if (fromType != toType && !viaText && _context.Uncastable.Contains((fromType, toType)))
                {
                    _diff.Columns.Add(Replace(desired, live, cause).WithProbe(HazardKind.DataLoss, NonNullCount(live),
                        $"PostgreSQL has no cast from {fromType} to {toType}: the column is dropped and added again, and its {{0}} non-NULL value(s) are lost", always: true));
                    return;
                }

                steps.Add(ChangeType(desired, target, live, fromType, toType, viaText).Because(cause));
                defaultHandled = true;
            }

            if (!target.IsNullable && live.IsNullable)
            {
                // Validating a NOT VALID check scans the table; SET NOT NULL then trusts it instead of scanning again.
                var check = SqlNaming.FitIdentifier("ck_" + _desired.Name + "_" + desired.Name + "_not_null");
                steps.Add(Step(StepKind.SetNotNull,
                        AlterRenderer.AddCheck(_table, check, SqlSyntax.Identifier(column) + " IS NOT NULL", notValid: true),
                        AlterRenderer.ValidateConstraint(_table, check),
                        AlterRenderer.AlterColumn(_table, column, "SET NOT NULL"),
                        AlterRenderer.DropConstraint(_table, check))
                    .WithProbe(HazardKind.NullsPresent, AlterRenderer.Count(_table, SqlSyntax.Identifier(column) + " IS NULL"), "{0} row(s) are NULL"));
            }

            if (!defaultHandled && target.DefaultSql != live.DefaultSql && (target.Identity == IdentityKind.None || live.DefaultSql != null))
            {
                steps.Add(desired.DefaultSql == null
                    ? Step(StepKind.DropDefault, AlterRenderer.AlterColumn(_table, column, "DROP DEFAULT"))
                    : Step(StepKind.SetDefault, AlterRenderer.SetDefault(_table, column, desired.DefaultSql)));
            }

            steps.AddRange(Identity(target, live, name).Select(s => s.Because(cause)));

            if (target.IsNullable && !live.IsNullable && target.Identity == IdentityKind.None)
                steps.Add(Step(StepKind.DropNotNull, AlterRenderer.AlterColumn(_table, column, "DROP NOT NULL")));

            _diff.Columns.AddRange(steps);
            CommentStep(desired, target, live);
        }

        private MigrationStep ChangeType(ColumnModel desired, ColumnModel target, ColumnModel live, string fromType, string toType, bool viaText)
        {
            var column = SqlSyntax.Identifier(desired.Name);
            var newType = DdlRenderer.ColumnType(desired);
            var collation = live.Collation == target.Collation ? null : target.Collation ?? "\"default\"";
            var statements = new List<string>();
            if (live.DefaultSql != null)
                statements.Add(AlterRenderer.AlterColumn(_table, desired.Name, "DROP DEFAULT"));

            var via = viaText ? (fromType.EndsWith("[]", StringComparison.Ordinal) ? "::text[]" : "::text") : "";
            var fits = SqlNaming.FitIdentifier("ck_" + _desired.Name + "_" + desired.Name + "_fits");
            var narrowing = fromType != toType && !viaText && !TypeChanges.IsWidening(fromType, toType);
            if (narrowing)
            {
                // An explicit cast truncates varchar and rounds numeric silently: prove first that every value survives the
                // round trip to the new type and back (compared as text, which every type has).
                statements.Add(AlterRenderer.AddCheck(_table, fits, $"{column} IS NULL OR {RoundTrip(column, newType, fromType)} = {column}::text", notValid: true));
                statements.Add(AlterRenderer.ValidateConstraint(_table, fits));
                statements.Add(AlterRenderer.DropConstraint(_table, fits));
            }

            statements.Add(AlterRenderer.AlterColumnType(_table, desired.Name, newType, collation, convert: fromType != toType, via));
            if (desired.DefaultSql != null)
                statements.Add(AlterRenderer.SetDefault(_table, desired.Name, desired.DefaultSql));

            var step = new MigrationStep(StepKind.AlterColumnType, Name(desired), statements.ToArray(), Array.Empty<Hazard>())
            {
                Rewrites = fromType != toType && (viaText || !TypeChanges.IsBinaryCompatible(fromType, toType)),
            };
            if (narrowing)
            {
                return step.WithProbe(HazardKind.NarrowingTypeChange,
                    AlterRenderer.Count(_table, $"{column} IS NOT NULL AND {RoundTrip(column, newType, fromType)} IS DISTINCT FROM {column}::text"),
                    $"changes {fromType} to {toType}; {{0}} value(s) do not fit and would be changed, so the deploy fails naming them");
            }

            var labels = _context.EnumOf(desired);
            if (labels != null && fromType != toType)
            {
                var list = string.Join(", ", labels.Labels.Select(SqlSyntax.Literal));
                var bad = fromType.EndsWith("[]", StringComparison.Ordinal)
                    ? $"EXISTS (SELECT 1 FROM unnest({column}) v WHERE v::text NOT IN ({list}))"
                    : $"{column}::text NOT IN ({list})";
                return step.WithProbe(HazardKind.NarrowingTypeChange, AlterRenderer.Count(_table, $"{column} IS NOT NULL AND {bad}"),
                    $"changes {fromType} to {toType}; {{0}} row(s) hold values that are not labels of the enum, so the deploy fails");
            }

            return step;
        }

        private IEnumerable<MigrationStep> Identity(ColumnModel target, ColumnModel live, string name)
        {
            if (target.Identity == live.Identity)
            {
                if (target.Identity != IdentityKind.None && target.IdentityOptions != live.IdentityOptions && target.IdentityOptions != null)
                    yield return new MigrationStep(StepKind.SetIdentityOptions, name, AlterRenderer.AlterColumn(_table, target.Name, target.IdentityOptions));
                if (target.Identity != IdentityKind.None && target.IdentitySequence != live.IdentitySequence && target.IdentitySequence != null && live.IdentitySequence != null)
                    yield return new MigrationStep(StepKind.RenameSequence, name, AlterRenderer.RenameSequence(_desired.Schema, live.IdentitySequence, target.IdentitySequence));
                yield break;
            }

            if (target.Identity == IdentityKind.None)
            {
                yield return new MigrationStep(StepKind.DropIdentity, name, AlterRenderer.AlterColumn(_table, target.Name, "DROP IDENTITY"));
                yield break;
            }

            if (live.Identity != IdentityKind.None)
            {
                yield return new MigrationStep(StepKind.SetGenerated, name, AlterRenderer.SetGenerated(_table, target.Name, target.Identity));
                yield break;
            }

            // The sequence starts at 1: move it past the values already there, or the next insert collides with them.
            // (A default it had is dropped by the default step before this one.)
            yield return new MigrationStep(StepKind.AddIdentity, name,
                AlterRenderer.AddIdentity(_table, target.Name, target.Identity),
                AlterRenderer.RestartIdentityAfterValues(_table, target.Name));
        }

        // Drops the column and adds it again; its indexes and constraints go with it and are created again by the table diff.
        private MigrationStep Replace(ColumnModel desired, ColumnModel live, Drift cause)
        {
            foreach (var check in _live.Checks.Where(c => DiffContext.Mentions(c.Expression, live.Name)))
                _context.Dropped(_live.Schema, _live.Name, check.Name);
            foreach (var index in _live.Indexes.Where(i => i.KeyColumns.Contains(live.Name) || i.Include.Contains(live.Name) || (i.Definition != null && DiffContext.Mentions(i.Definition, live.Name))))
                _context.Dropped(_live.Schema, _live.Name, index.Name);
            foreach (var fk in _live.ForeignKeys.Where(f => f.Columns.Contains(live.Name)))
                _context.Dropped(_live.Schema, _live.Name, fk.Name);
            foreach (var constraint in _live.OtherConstraints.Where(c => DiffContext.Mentions(c.Definition, live.Name)))
                _context.Dropped(_live.Schema, _live.Name, constraint.Name);
            var statements = new[] { AlterRenderer.DropColumn(_table, live.Name) }.Concat(AddStatements(desired)).ToArray();
            return NeedsValues(desired, Adding(desired, new MigrationStep(StepKind.ReplaceColumn, Name(desired), statements, Array.Empty<Hazard>())).Because(cause));
        }

        private void CommentStep(ColumnModel desired, ColumnModel target, ColumnModel live)
        {
            if (target.Comment == live.Comment)
                return;
            var name = Name(desired);
            _diff.Comments.Add(new MigrationStep(StepKind.SetComment, name, DdlRenderer.CommentOnColumn(_desired, desired, desired.Comment))
                .Because(new Drift(DriftKind.Different, "comment on column " + name, target.Comment, live.Comment)));
        }

        private static string RoundTrip(string column, string newType, string oldType) => $"(({column}::{newType})::{oldType})::text";

        private string NonNullCount(ColumnModel column) => AlterRenderer.Count(_table, SqlSyntax.Identifier(column.Name) + " IS NOT NULL");

        private string Name(ColumnModel column) => _table + "." + SqlSyntax.Identifier(column.Name);

        private static string Describe(ColumnModel column) =>
            DdlRenderer.ColumnDefinition(column)
            + (column.Collation == null ? "" : " COLLATE " + column.Collation)
            + (column.IdentityOptions == null ? "" : " (" + column.IdentityOptions + ")")
            + (column.IdentitySequence == null ? "" : " SEQUENCE NAME " + column.IdentitySequence);
    }
}
