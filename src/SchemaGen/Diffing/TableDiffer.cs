using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The steps for one table that exists both in the model and in the database: columns, primary key,
    /// checks, foreign keys, indexes and comments. Objects with the same definition under another name are
    /// renamed rather than dropped and created.
    /// </summary>
    internal sealed class TableDiffer
    {
        private readonly TableModel _desired;
        private readonly TableModel _target;
        private readonly TableModel _live;
        private readonly SchemaDiff _diff;
        private readonly string _table;

        public TableDiffer(TableModel desired, TableModel target, TableModel live, SchemaDiff diff)
        {
            _desired = desired;
            _target = target;
            _live = live;
            _diff = diff;
            _table = SqlSyntax.QualifiedName(desired.Schema, desired.Name);
        }

        public void Diff()
        {
            DiffColumns();
            DiffPrimaryKey();
            DiffNamed(_target.Checks, _live.Checks, c => c.Name, c => c.Expression, "check", StepKind.AddCheck, StepKind.DropCheck, AddCheck);
            DiffNamed(_target.ForeignKeys, _live.ForeignKeys, f => f.Name, f => f with { Name = "" }, "foreign key", StepKind.AddForeignKey, StepKind.DropForeignKey, AddForeignKey);
            DiffIndexes();
            if (_target.Comment != _live.Comment)
                _diff.Comments.Add(new MigrationStep(StepKind.SetComment, _table, DdlRenderer.CommentOnTable(_desired, _desired.Comment)));
        }

        private void DiffColumns()
        {
            var matched = new HashSet<string>();
            foreach (var desired in _desired.Columns)
            {
                var target = _target.Columns.First(c => c.Name == desired.Name);
                var live = _live.Columns.FirstOrDefault(c => c.Name == desired.Name)
                    ?? (desired.RenamedFrom == null ? null : _live.Columns.FirstOrDefault(c => c.Name == desired.RenamedFrom && !_desired.Columns.Any(d => d.Name == c.Name)));
                var name = _table + "." + SqlSyntax.Identifier(desired.Name);
                if (live == null)
                {
                var add = new MigrationStep(StepKind.AddColumn, name, $"ALTER TABLE {_table} ADD COLUMN {DdlRenderer.ColumnDefinition(desired)};");
                    var needsValue = !desired.IsNullable && desired.DefaultSql == null && desired.GeneratedSql == null && desired.Identity == IdentityKind.None;
                    _diff.Columns.Add(needsValue ? add.WithProbe(HazardKind.NotNullWithoutDefault, $"SELECT count(*) FROM {_table}", "the table has {0} row(s) and the NOT NULL column has no default") : add);
                    _diff.Drift.Add(new Drift(DriftKind.Missing, "column " + name, DdlRenderer.ColumnDefinition(desired), null));
                    continue;
                }

                matched.Add(live.Name);
                if (live.Name != desired.Name)
                    _diff.Renames.Add(new MigrationStep(StepKind.RenameColumn, name, $"ALTER TABLE {_table} RENAME COLUMN {SqlSyntax.Identifier(live.Name)} TO {SqlSyntax.Identifier(desired.Name)};"));
                DiffColumn(desired, target, live, name);
            }

            foreach (var extra in _live.Columns.Where(c => !matched.Contains(c.Name)))
            {
                var name = _table + "." + SqlSyntax.Identifier(extra.Name);
                _diff.Columns.Add(new MigrationStep(StepKind.DropColumn, name, $"ALTER TABLE {_table} DROP COLUMN {SqlSyntax.Identifier(extra.Name)};")
                    .WithHazard(HazardKind.DataLoss, "drops the column and its values"));
                _diff.Drift.Add(new Drift(DriftKind.Extra, "column " + name, null, DdlRenderer.ColumnDefinition(extra)));
            }
        }

        private void DiffColumn(ColumnModel desired, ColumnModel target, ColumnModel live, string name)
        {
            var column = SqlSyntax.Identifier(desired.Name);
            var alter = $"ALTER TABLE {_table} ALTER COLUMN {column}";
            var before = _diff.Columns.Count;

            if (target.GeneratedSql != live.GeneratedSql)
            {
                // A stored generated column cannot be altered in place: drop it and add it back.
                var step = new MigrationStep(StepKind.AlterColumnType, name, $"ALTER TABLE {_table} DROP COLUMN {column};", $"ALTER TABLE {_table} ADD COLUMN {DdlRenderer.ColumnDefinition(desired)};");
                _diff.Columns.Add(live.GeneratedSql == null ? step.WithHazard(HazardKind.DataLoss, "replaces a stored column with a generated one") : step);
            }
            else
            {
                var defaultHandled = false;
                var fromType = DdlRenderer.ColumnType(live);
                var toType = DdlRenderer.ColumnType(target);
                if (fromType != toType)
                {
                    var viaText = live.TypeSchema != null || target.TypeSchema != null;
                    var statements = new List<string>();
                    if (live.DefaultSql != null)
                        statements.Add(alter + " DROP DEFAULT;");
                    var via = viaText ? (fromType.EndsWith("[]") ? "::text[]" : "::text") : "";
                    statements.Add($"{alter} TYPE {DdlRenderer.ColumnType(desired)} USING {column}{via}::{DdlRenderer.ColumnType(desired)};");
                    if (desired.DefaultSql != null)
                        statements.Add($"{alter} SET DEFAULT {desired.DefaultSql};");
                    var step = new MigrationStep(StepKind.AlterColumnType, name, statements, Array.Empty<Hazard>())
                    {
                        Fallback = new CastFallback(
                            $"SELECT NULL::{DdlRenderer.ColumnType(live)}{via}::{DdlRenderer.ColumnType(desired)}",
                            new[] { $"ALTER TABLE {_table} DROP COLUMN {column};", $"ALTER TABLE {_table} ADD COLUMN {DdlRenderer.ColumnDefinition(desired)};" },
                            $"PostgreSQL has no cast from {fromType} to {toType}: the column is dropped and added again, and its values are lost",
                            ObjectsOnColumn(desired.Name)),
                    };
                    _diff.Columns.Add(TypeChanges.IsWidening(fromType, toType) ? step : step.WithHazard(HazardKind.NarrowingTypeChange, $"changes {fromType} to {toType}; values that do not convert make the deploy fail"));
                    defaultHandled = true;
                }

                if (target.Identity != live.Identity)
                {
                    var sql = target.Identity == IdentityKind.None ? alter + " DROP IDENTITY;"
                        : live.Identity == IdentityKind.None ? alter + (target.Identity == IdentityKind.Always ? " ADD GENERATED ALWAYS AS IDENTITY;" : " ADD GENERATED BY DEFAULT AS IDENTITY;")
                        : alter + (target.Identity == IdentityKind.Always ? " SET GENERATED ALWAYS;" : " SET GENERATED BY DEFAULT;");
                    _diff.Columns.Add(new MigrationStep(StepKind.AlterIdentity, name, sql));
                }

                if (!defaultHandled && target.DefaultSql != live.DefaultSql && target.Identity == IdentityKind.None)
                {
                    _diff.Columns.Add(desired.DefaultSql == null
                        ? new MigrationStep(StepKind.DropDefault, name, alter + " DROP DEFAULT;")
                        : new MigrationStep(StepKind.SetDefault, name, $"{alter} SET DEFAULT {desired.DefaultSql};"));
                }
            }

            if (!target.IsNullable && live.IsNullable)
            {
                // Validating a NOT VALID check scans the table without blocking writes; SET NOT NULL then trusts it.
                var check = SqlSyntax.Identifier(SqlNaming.FitIdentifier("ck_" + _desired.Name + "_" + desired.Name + "_not_null"));
                _diff.Columns.Add(new MigrationStep(StepKind.SetNotNull, name,
                    $"ALTER TABLE {_table} ADD CONSTRAINT {check} CHECK ({column} IS NOT NULL) NOT VALID;",
                    $"ALTER TABLE {_table} VALIDATE CONSTRAINT {check};",
                    alter + " SET NOT NULL;",
                    $"ALTER TABLE {_table} DROP CONSTRAINT {check};")
                    .WithProbe(HazardKind.NullsPresent, $"SELECT count(*) FROM {_table} WHERE {column} IS NULL", "{0} row(s) are NULL"));
            }
            else if (target.IsNullable && !live.IsNullable && target.Identity == IdentityKind.None)
            {
                _diff.Columns.Add(new MigrationStep(StepKind.DropNotNull, name, alter + " DROP NOT NULL;"));
            }

            if (target.Comment != live.Comment)
                _diff.Comments.Add(new MigrationStep(StepKind.SetComment, name, DdlRenderer.CommentOnColumn(_desired, desired, desired.Comment)));

            if (_diff.Columns.Count > before)
                _diff.Drift.Add(new Drift(DriftKind.Different, "column " + name, DdlRenderer.ColumnDefinition(target), DdlRenderer.ColumnDefinition(live)));
        }

        private void DiffPrimaryKey()
        {
            var target = _target.PrimaryKey;
            var live = _live.PrimaryKey;
            if (target == live)
                return;
            if (target != null && live != null && target.Columns == live.Columns)
            {
                _diff.Renames.Add(new MigrationStep(StepKind.AddPrimaryKey, _table + "." + target.Name,
                    $"ALTER TABLE {_table} RENAME CONSTRAINT {SqlSyntax.Identifier(live.Name)} TO {SqlSyntax.Identifier(target.Name)};"));
                return;
            }

            if (live != null)
                _diff.Drops.Add(new MigrationStep(StepKind.DropPrimaryKey, _table + "." + live.Name, $"ALTER TABLE {_table} DROP CONSTRAINT IF EXISTS {SqlSyntax.Identifier(live.Name)};"));
            if (target != null)
                _diff.Constraints.Add(new MigrationStep(StepKind.AddPrimaryKey, _table + "." + target.Name, $"ALTER TABLE {_table} ADD {DdlRenderer.PrimaryKeyConstraint(_desired.PrimaryKey!)};")
                    .WithProbe(HazardKind.DuplicateValues, DuplicatesSql(target.Columns, null, nullsCount: true), "{0} key(s) are NULL or occur more than once"));
            _diff.Drift.Add(new Drift(target == null ? DriftKind.Extra : live == null ? DriftKind.Missing : DriftKind.Different, "primary key of " + _table,
                target == null ? null : DdlRenderer.PrimaryKeyConstraint(target), live == null ? null : DdlRenderer.PrimaryKeyConstraint(live)));
        }

        // Checks and foreign keys: same name and definition is equal; same definition under another name is a
        // rename; otherwise drop what the model lacks and add what the database lacks.
        private void DiffNamed<T>(EquatableArray<T> targets, EquatableArray<T> lives, Func<T, string> nameOf, Func<T, object> definitionOf,
            string what, StepKind add, StepKind drop, Func<string, MigrationStep> addStep)
        {
            var unmatchedLive = lives.ToList();
            var toAdd = new List<T>();
            foreach (var target in targets)
            {
                var live = unmatchedLive.FirstOrDefault(l => nameOf(l) == nameOf(target));
                if (live != null && Equals(definitionOf(live), definitionOf(target)))
                {
                    unmatchedLive.Remove(live);
                    continue;
                }

                toAdd.Add(target);
            }

            foreach (var target in toAdd.ToList())
            {
                var renamed = unmatchedLive.FirstOrDefault(l => Equals(definitionOf(l), definitionOf(target)) && !targets.Any(t => nameOf(t) == nameOf(l)));
                if (renamed == null)
                    continue;
                unmatchedLive.Remove(renamed);
                toAdd.Remove(target);
                _diff.Renames.Add(new MigrationStep(add, _table + "." + nameOf(target),
                    $"ALTER TABLE {_table} RENAME CONSTRAINT {SqlSyntax.Identifier(nameOf(renamed))} TO {SqlSyntax.Identifier(nameOf(target))};"));
            }

            foreach (var live in unmatchedLive)
            {
                _diff.Drops.Add(new MigrationStep(drop, _table + "." + nameOf(live), $"ALTER TABLE {_table} DROP CONSTRAINT IF EXISTS {SqlSyntax.Identifier(nameOf(live))};"));
                var replaced = toAdd.Any(t => nameOf(t) == nameOf(live));
                _diff.Drift.Add(new Drift(replaced ? DriftKind.Different : DriftKind.Extra, what + " " + _table + "." + nameOf(live),
                    replaced ? definitionOf(toAdd.First(t => nameOf(t) == nameOf(live)))?.ToString() : null, definitionOf(live)?.ToString()));
            }

            foreach (var target in toAdd)
            {
                _diff.Constraints.Add(addStep(nameOf(target)));
                if (!lives.Any(l => nameOf(l) == nameOf(target)))
                    _diff.Drift.Add(new Drift(DriftKind.Missing, what + " " + _table + "." + nameOf(target), definitionOf(target)?.ToString(), null));
            }
        }

        // The model's indexes, checks and foreign keys that use a column, as the steps that create them.
        private List<(string Object, string Sql)> ObjectsOnColumn(string column)
        {
            var objects = new List<(string, string)>();
            foreach (var index in _desired.Indexes.Where(i => i.KeyColumns.Contains(column) || i.Include.Contains(column) || (i.Where != null && SchemaDiffer.Mentions(i.Where, column))))
                objects.Add((_table + "." + index.Name, DdlRenderer.CreateIndex(_desired, index)));
            foreach (var check in _desired.Checks.Where(c => SchemaDiffer.Mentions(c.Expression, column)))
                objects.AddRange(AddCheck(check.Name).Statements.Select(sql => (_table + "." + check.Name, sql)));
            foreach (var fk in _desired.ForeignKeys.Where(f => f.Columns.Contains(column)))
                objects.AddRange(AddForeignKey(fk.Name).Statements.Select(sql => (_table + "." + fk.Name, sql)));
            return objects;
        }

        // Added to a table with rows: NOT VALID first, then VALIDATE, which scans without blocking writes.
        private MigrationStep AddCheck(string name)
        {
            var check = _desired.Checks.First(c => c.Name == name);
            return new MigrationStep(StepKind.AddCheck, _table + "." + name,
                $"ALTER TABLE {_table} ADD {DdlRenderer.CheckConstraint(check)} NOT VALID;",
                $"ALTER TABLE {_table} VALIDATE CONSTRAINT {SqlSyntax.Identifier(name)};");
        }

        private MigrationStep AddForeignKey(string name)
        {
            var fk = _desired.ForeignKeys.First(f => f.Name == name);
            return new MigrationStep(StepKind.AddForeignKey, _table + "." + name,
                $"ALTER TABLE {_table} ADD {DdlRenderer.ForeignKeyConstraint(fk)} NOT VALID;",
                $"ALTER TABLE {_table} VALIDATE CONSTRAINT {SqlSyntax.Identifier(name)};");
        }

        // Keys that would break a unique index or primary key: NULLs never conflict in a unique index, but a
        // primary key refuses them.
        private string DuplicatesSql(EquatableArray<string> keys, string? where, bool nullsCount)
        {
            var columns = SqlSyntax.IdentifierList(keys);
            var notNull = string.Join(" AND ", keys.Select(k => SqlSyntax.Identifier(k) + " IS NOT NULL"));
            var filter = where == null ? notNull : $"({where}) AND {notNull}";
            var duplicates = $"SELECT count(*) FROM (SELECT 1 FROM {_table} WHERE {filter} GROUP BY {columns} HAVING count(*) > 1) duplicates";
            return nullsCount ? $"SELECT ({duplicates}) + (SELECT count(*) FROM {_table} WHERE NOT ({notNull}))" : duplicates;
        }

        private void DiffIndexes()
        {
            var unmatchedLive = _live.Indexes.ToList();
            var toCreate = new List<IndexModel>();
            foreach (var target in _target.Indexes)
            {
                var live = unmatchedLive.FirstOrDefault(l => l.Name == target.Name);
                if (live != null && live == target)
                {
                    unmatchedLive.Remove(live);
                    continue;
                }

                var renamed = live == null ? unmatchedLive.FirstOrDefault(l => l with { Name = target.Name } == target && !_target.Indexes.Any(t => t.Name == l.Name)) : null;
                if (renamed != null)
                {
                    unmatchedLive.Remove(renamed);
                    _diff.Renames.Add(new MigrationStep(StepKind.CreateIndex, _table + "." + target.Name,
                        $"ALTER INDEX {SqlSyntax.QualifiedName(_desired.Schema, renamed.Name)} RENAME TO {SqlSyntax.Identifier(target.Name)};"));
                    continue;
                }

                toCreate.Add(target);
            }

            foreach (var live in unmatchedLive)
            {
                _diff.Drops.Add(new MigrationStep(StepKind.DropIndex, _table + "." + live.Name, $"DROP INDEX IF EXISTS {SqlSyntax.QualifiedName(_desired.Schema, live.Name)};"));
                var replacement = toCreate.FirstOrDefault(t => t.Name == live.Name);
                _diff.Drift.Add(new Drift(replacement != null ? DriftKind.Different : DriftKind.Extra, "index " + _table + "." + live.Name,
                    replacement == null ? null : DdlRenderer.CreateIndex(_target, replacement), DdlRenderer.CreateIndex(_live, live) + (live.IsValid ? "" : " -- INVALID")));
            }

            foreach (var target in toCreate)
            {
                var desired = _desired.Indexes.First(i => i.Name == target.Name);
                var create = new MigrationStep(StepKind.CreateIndex, _table + "." + target.Name, DdlRenderer.CreateIndex(_desired, desired))
                {
                    IndexName = SqlSyntax.QualifiedName(_desired.Schema, desired.Name),
                };
                _diff.Indexes.Add(desired.IsUnique && desired.KeyColumns.All(k => _live.Columns.Any(c => c.Name == k))
                    ? create.WithProbe(HazardKind.DuplicateValues, DuplicatesSql(desired.KeyColumns, desired.Where, nullsCount: false), "{0} value(s) occur more than once")
                    : create);
                if (!_live.Indexes.Any(l => l.Name == target.Name))
                    _diff.Drift.Add(new Drift(DriftKind.Missing, "index " + _table + "." + target.Name, DdlRenderer.CreateIndex(_desired, desired), null));
            }
        }
    }
}
