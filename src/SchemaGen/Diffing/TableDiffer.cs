using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The steps for one table that exists both in the model and in the database (after the plan's renames):
    /// columns, primary key, checks, foreign keys, UNIQUE/EXCLUDE constraints, indexes and comments. Objects with
    /// the same definition under another name are renamed rather than dropped and created; a comment is its own
    /// difference, so it never rebuilds the object it is on.
    /// </summary>
    internal sealed class TableDiffer
    {
        private readonly TableModel _desired;
        private readonly TableModel _target;
        private TableModel _live;
        private readonly SchemaDiff _diff;
        private readonly DiffContext _context;
        private readonly string _table;

        public TableDiffer(TableModel desired, TableModel target, TableModel live, SchemaDiff diff, DiffContext context)
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
            new ColumnDiffer(_desired, _target, _live, _diff, _context).Diff();
            _live = _context.WithoutDropped(_live); // without what a replaced column took with it
            DiffPrimaryKey();
            DiffNamed(_target.Checks, _live.Checks, c => c.Name, c => c with { Name = "", Comment = null }, c => c.Comment, "check", StepKind.RenameCheck, StepKind.DropCheck, _diff.Drops,
                name => AddCheck(name), c => DdlRenderer.CheckConstraint(c), c => c with { Expression = Validated(c.Expression) });
            DiffNamed(_target.ForeignKeys, _live.ForeignKeys, f => f.Name, f => f with { Name = "", Comment = null }, f => f.Comment, "foreign key", StepKind.RenameForeignKey,
                StepKind.DropForeignKey, _diff.ForeignKeyDrops, name => AddForeignKey(name), Describe, f => f with { IsValid = true });
            foreach (var extra in _live.OtherConstraints)
            {
                // The model expresses uniqueness as unique indexes; a UNIQUE or EXCLUDE constraint was added by hand. A foreign
                // key that sets only some of its columns on delete cannot be the model's either, and goes with the foreign keys.
                var foreignKey = extra.Definition.StartsWith("FOREIGN KEY", StringComparison.Ordinal);
                (foreignKey ? _diff.ForeignKeyDrops : _diff.Drops).Add(
                    new MigrationStep(foreignKey ? StepKind.DropForeignKey : StepKind.DropConstraint, _table + "." + extra.Name, DropConstraint(extra.Name))
                    .Because(new Drift(DriftKind.Extra, "constraint " + _table + "." + extra.Name, null, extra.Definition)));
            }

            DiffIndexes();
            if (_target.Comment != _live.Comment)
            {
                _diff.Comments.Add(new MigrationStep(StepKind.SetComment, _table, DdlRenderer.CommentOnTable(_desired, _desired.Comment))
                    .Because(new Drift(DriftKind.Different, "comment on table " + _table, _target.Comment, _live.Comment)));
            }
        }

        private void DiffPrimaryKey()
        {
            var target = _target.PrimaryKey;
            var live = _live.PrimaryKey;
            var what = "primary key of " + _table;
            if (target != null && live != null && target.Columns == live.Columns && target.Definition == live.Definition)
            {
                if (target.Name != live.Name)
                {
                    _diff.Drops.Add(new MigrationStep(StepKind.RenamePrimaryKey, _table + "." + target.Name, RenameConstraint(live.Name, target.Name))
                        .Because(new Drift(DriftKind.Different, what, target.Name, live.Name)));
                }

                CommentOnConstraint(target.Name, target.Comment, live.Comment);
                return;
            }

            if (target == null && live == null)
                return;
            var cause = new Drift(target == null ? DriftKind.Extra : live == null ? DriftKind.Missing : DriftKind.Different, what,
                target == null ? null : DdlRenderer.PrimaryKeyConstraint(target), live == null ? null : DdlRenderer.PrimaryKeyConstraint(live));
            if (live != null)
                _diff.Drops.Add(new MigrationStep(StepKind.DropPrimaryKey, _table + "." + live.Name, DropConstraint(live.Name)).Because(cause));
            if (target != null)
            {
                var key = _desired.PrimaryKey!;
                var add = new MigrationStep(StepKind.AddPrimaryKey, _table + "." + target.Name, AlterRenderer.AddConstraint(_table, DdlRenderer.PrimaryKeyConstraint(key), notValid: false))
                    {
                        IndexName = SqlSyntax.QualifiedName(_desired.Schema, key.Name),
                        UsingIndex = new[] { AlterRenderer.CreateKeyIndexConcurrently(_table, key.Name, key.Columns), AlterRenderer.AddPrimaryKeyUsingIndex(_table, key.Name) },
                    }
                    .Because(cause);
                _diff.Constraints.Add(Exist(target.Columns)
                    ? add.WithProbe(HazardKind.DuplicateValues, DuplicatesSql(target.Columns, null, nullsCount: true), "{0} key(s) are NULL or occur more than once")
                    : add);
            }
        }

        // Checks and foreign keys: same name and definition is equal; same definition under another name is a
        // rename; the same one NOT VALID (an interrupted online deploy) is validated; otherwise drop what the model
        // lacks and add what the database lacks.
        // shapeOf: the definition without name and comment; validated: the live one as it is once validated.
        private void DiffNamed<T>(EquatableArray<T> targets, EquatableArray<T> lives, Func<T, string> nameOf, Func<T, T> shapeOf, Func<T, string?> commentOf,
            string what, StepKind rename, StepKind drop, List<MigrationStep> drops, Func<string, MigrationStep> addStep, Func<T, string> describe, Func<T, T> validated)
            where T : class
        {
            var unmatchedLive = lives.ToList();
            var toAdd = new List<T>();
            var kept = new List<(T Target, T Live)>();
            foreach (var target in targets)
            {
                var live = unmatchedLive.FirstOrDefault(l => nameOf(l) == nameOf(target));
                if (live != null && Equals(shapeOf(live), shapeOf(target)))
                {
                    unmatchedLive.Remove(live);
                    kept.Add((target, live));
                    continue;
                }

                if (live != null && Equals(shapeOf(validated(live)), shapeOf(target)))
                {
                    unmatchedLive.Remove(live);
                    kept.Add((target, live));
                    _diff.Constraints.Add(new MigrationStep(StepKind.ValidateConstraint, _table + "." + nameOf(target), AlterRenderer.ValidateConstraint(_table, nameOf(target)))
                        .Because(new Drift(DriftKind.Different, what + " " + _table + "." + nameOf(target), describe(target), describe(live))));
                    continue;
                }

                toAdd.Add(target);
            }

            foreach (var target in toAdd.ToList())
            {
                var renamed = unmatchedLive.FirstOrDefault(l => Equals(shapeOf(l), shapeOf(target)) && !targets.Any(t => nameOf(t) == nameOf(l)));
                if (renamed == null)
                    continue;
                unmatchedLive.Remove(renamed);
                toAdd.Remove(target);
                kept.Add((target, renamed));
                drops.Add(new MigrationStep(rename, _table + "." + nameOf(target), RenameConstraint(nameOf(renamed), nameOf(target)))
                    .Because(new Drift(DriftKind.Different, what + " " + _table + "." + nameOf(target), nameOf(target), nameOf(renamed))));
            }

            foreach (var live in unmatchedLive)
            {
                var replacement = toAdd.FirstOrDefault(t => nameOf(t) == nameOf(live));
                var cause = new Drift(replacement != null ? DriftKind.Different : DriftKind.Extra, what + " " + _table + "." + nameOf(live),
                    replacement == null ? null : describe(replacement), describe(live));
                drops.Add(new MigrationStep(drop, _table + "." + nameOf(live), DropConstraint(nameOf(live))).Because(cause));
                if (replacement != null)
                {
                    toAdd.Remove(replacement);
                    _diff.Constraints.Add(addStep(nameOf(replacement)).Because(cause));
                }
            }

            foreach (var target in toAdd)
                _diff.Constraints.Add(addStep(nameOf(target)).Because(new Drift(DriftKind.Missing, what + " " + _table + "." + nameOf(target), describe(target), null)));
            foreach (var (target, live) in kept)
                CommentOnConstraint(nameOf(target), commentOf(target), commentOf(live));
        }

        private void CommentOnConstraint(string name, string? target, string? live)
        {
            if (target == live)
                return;
            _diff.Comments.Add(new MigrationStep(StepKind.SetComment, _table + "." + name,
                    AlterRenderer.CommentOnConstraint(_table, name, target))
                .Because(new Drift(DriftKind.Different, "comment on constraint " + _table + "." + name, target, live)));
        }

        // Added to a table with rows: NOT VALID first, then VALIDATE.
        private MigrationStep AddCheck(string name)
        {
            var check = _desired.Checks.First(c => c.Name == name);
            return new MigrationStep(StepKind.AddCheck, _table + "." + name,
                AlterRenderer.AddConstraint(_table, DdlRenderer.CheckConstraint(check), notValid: true),
                AlterRenderer.ValidateConstraint(_table, name));
        }

        private MigrationStep AddForeignKey(string name)
        {
            var fk = _desired.ForeignKeys.First(f => f.Name == name);
            return new MigrationStep(StepKind.AddForeignKey, _table + "." + name,
                AlterRenderer.AddConstraint(_table, DdlRenderer.ForeignKeyConstraint(fk), notValid: true),
                AlterRenderer.ValidateConstraint(_table, name))
            {
                ReferencedTable = SqlSyntax.QualifiedName(fk.RefSchema, fk.RefTable),
            };
        }

        private static string Validated(string checkExpression) =>
            checkExpression.EndsWith(" NOT VALID", StringComparison.Ordinal) ? checkExpression.Substring(0, checkExpression.Length - " NOT VALID".Length) : checkExpression;

        private static string Describe(ForeignKeyModel fk) =>
            DdlRenderer.ForeignKeyConstraint(fk) + (fk.IsMatchFull ? " MATCH FULL" : "") + (fk.IsDeferrable ? " DEFERRABLE" : "")
            + (fk.IsInitiallyDeferred ? " INITIALLY DEFERRED" : "") + (fk.IsValid ? "" : " NOT VALID");

        private string RenameConstraint(string from, string to) => AlterRenderer.RenameConstraint(_table, from, to);

        private string DropConstraint(string name) => AlterRenderer.DropConstraint(_table, name);

        // A probe may only name columns the table has before the plan runs.
        private bool Exist(IEnumerable<string> columns) => columns.All(k => _live.Columns.Any(c => c.Name == k));

        private bool OnlyLiveColumns(string? expression) =>
            expression == null || !_desired.Columns.Any(c => !_live.Columns.Any(l => l.Name == c.Name) && DiffContext.Mentions(expression, c.Name));

        private string DuplicatesSql(EquatableArray<string> keys, string? where, bool nullsCount) => AlterRenderer.CountDuplicates(_table, keys, where, nullsCount);

        private static IndexModel Shape(IndexModel index) => index with { Name = "", Comment = null };

        private void DiffIndexes()
        {
            var unmatchedLive = _live.Indexes.ToList();
            var toCreate = new List<IndexModel>();
            var kept = new List<(IndexModel Target, IndexModel Live)>();
            foreach (var target in _target.Indexes)
            {
                var live = unmatchedLive.FirstOrDefault(l => l.Name == target.Name);
                if (live != null && Shape(live) == Shape(target))
                {
                    unmatchedLive.Remove(live);
                    kept.Add((target, live));
                    continue;
                }

                var renamed = live == null ? unmatchedLive.FirstOrDefault(l => Shape(l) == Shape(target) && !_target.Indexes.Any(t => t.Name == l.Name)) : null;
                if (renamed != null)
                {
                    unmatchedLive.Remove(renamed);
                    kept.Add((target, renamed));
                    _diff.Drops.Add(new MigrationStep(StepKind.RenameIndex, _table + "." + target.Name,
                            AlterRenderer.RenameIndex(_desired.Schema, renamed.Name, target.Name))
                        .Because(new Drift(DriftKind.Different, "index " + _table + "." + target.Name, target.Name, renamed.Name)));
                    continue;
                }

                toCreate.Add(target);
            }

            foreach (var live in unmatchedLive)
            {
                var replacement = toCreate.FirstOrDefault(t => t.Name == live.Name);
                var cause = new Drift(replacement != null ? DriftKind.Different : DriftKind.Extra, "index " + _table + "." + live.Name,
                    replacement == null ? null : IndexText(replacement), IndexText(live));
                _diff.Drops.Add(new MigrationStep(StepKind.DropIndex, _table + "." + live.Name, AlterRenderer.DropIndex(_desired.Schema, live.Name))
                    .Because(cause));
                if (replacement != null)
                {
                    toCreate.Remove(replacement);
                    _diff.Indexes.Add(CreateIndex(replacement).Because(cause));
                }
            }

            foreach (var target in toCreate)
                _diff.Indexes.Add(CreateIndex(target).Because(new Drift(DriftKind.Missing, "index " + _table + "." + target.Name, IndexText(target), null)));

            foreach (var (target, live) in kept.Where(k => k.Target.Comment != k.Live.Comment))
            {
                _diff.Comments.Add(new MigrationStep(StepKind.SetComment, _table + "." + target.Name,
                        AlterRenderer.CommentOnIndex(_desired.Schema, target.Name, target.Comment))
                    .Because(new Drift(DriftKind.Different, "comment on index " + _table + "." + target.Name, target.Comment, live.Comment)));
            }
        }

        private MigrationStep CreateIndex(IndexModel target)
        {
            var desired = _desired.Indexes.First(i => i.Name == target.Name);
            var create = new MigrationStep(StepKind.CreateIndex, _table + "." + target.Name, DdlRenderer.CreateIndex(_desired, desired))
            {
                IndexName = SqlSyntax.QualifiedName(_desired.Schema, desired.Name),
            };
            return desired.IsUnique && Exist(desired.KeyColumns) && OnlyLiveColumns(desired.Where)
                ? create.WithProbe(HazardKind.DuplicateValues, DuplicatesSql(desired.KeyColumns, desired.Where, nullsCount: false), "{0} value(s) occur more than once")
                : create;
        }

        private string IndexText(IndexModel index) =>
            "INDEX " + SqlSyntax.Identifier(index.Name) + " " + (index.IsUnique ? "UNIQUE " : "") + (index.Definition ?? index.Method) + (index.IsValid ? "" : " -- INVALID");
    }
}
