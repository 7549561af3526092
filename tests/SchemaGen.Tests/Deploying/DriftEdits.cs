// The drift fuzzer's record. Against the deployer before issue 8's fix (0a0938b), 36 of these 75 kinds failed: Verify
// clean while Plan had a step (renamed constraints and indexes, comments), edits the catalog reader did not read
// (UNIQUE/EXCLUDE constraints, FK deferrability, match type and validity, index order, NULLS, operator class and
// collation, column collation, identity options, comments on indexes and constraints), unmanaged kinds that were
// invisible (views, materialized views, sequences, domains, composite types, policies, row-level security), and a
// recreated enum that lost its comment. Since then every kind passes, one theory case each, and the seeded random run
// (SCHEMAGEN_DRIFT_SEED, SCHEMAGEN_DRIFT_ITERATIONS) finds no failure.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;

namespace SchemaGen.Tests.Deploying;

/// <summary>How a deploy brings the database back after a hand edit.</summary>
public enum Restore
{
    /// <summary>The default options: the edit changed something the model manages, and undoing it loses nothing.</summary>
    Safe,

    /// <summary>Undoing the edit is a hazard (a narrowing type change, a dropped column or enum label): <c>AllowDataLoss</c>.</summary>
    Lossy,

    /// <summary>The edit created an object of a kind the model does not manage: <c>DropUnmanaged</c> and <c>AllowDataLoss</c>.</summary>
    Unmanaged,
}

/// <summary>
/// The SQL of one hand edit of a deployed database. When <paramref name="FailsWith"/> is set, bringing the database
/// back must fail with that SQLSTATE (the rows do not satisfy the model) and leave it unchanged; after
/// <paramref name="Cleanup"/> (which fixes the rows) the deploy must succeed.
/// </summary>
public sealed record DriftSql(string Sql, string? FailsWith = null, string? Cleanup = null);

/// <summary>
/// One kind of hand edit: its name, the SQL it runs on a deployed model (null when the model has nothing it
/// applies to), how a deploy undoes it, and for an object of a kind the model does not manage, the names under
/// which Verify or Plan may list it as unmanaged.
/// </summary>
public sealed record DriftEdit(string Name, Restore Restore, Func<DriftTarget, DriftSql?> Build, params string[] Unmanaged)
{
    public override string ToString() => Name;

    public DeployOptions Options => Restore switch
    {
        Restore.Safe => new DeployOptions(),
        Restore.Lossy => new DeployOptions { AllowDataLoss = true },
        _ => new DeployOptions { AllowDataLoss = true, DropUnmanaged = true },
    };
}

/// <summary>
/// A deployed database as the edits see it: PostgreSQL's catalog (read by <see cref="PgCatalog"/>, independent of
/// the deployer) and the number of rows of every table. <see cref="Choice"/> picks among the objects an edit
/// could apply to (0 on the fixed model; random in the random run).
/// </summary>
public sealed class DriftTarget(PgCatalog.Snapshot catalog, IReadOnlyDictionary<string, long> rows, IReadOnlyDictionary<(string, string), long> nulls, int choice,
    PgObjects.Snapshot objects)
{
    public PgCatalog.Snapshot Catalog { get; } = catalog;

    /// <summary>The objects beyond tables: views, sequences, aggregates, functions, extensions (<see cref="ObjectDriftEdits"/>).</summary>
    public PgObjects.Snapshot Objects { get; } = objects;

    public int Choice { get; } = choice;

    public static async Task<DriftTarget> ReadAsync(NpgsqlConnection connection, int choice)
    {
        var catalog = await PgCatalog.ReadAsync(connection, "public");
        var rows = new Dictionary<string, long>();
        var nulls = new Dictionary<(string, string), long>();
        foreach (var table in catalog.Tables)
            rows[table.Name] = await connection.ScalarAsync<long>($"SELECT count(*) FROM {table.Name}");
        foreach (var column in catalog.Columns)
            nulls[(column.Table, column.Name)] = await connection.ScalarAsync<long>($"SELECT count(*) FROM {column.Table} WHERE {Q(column.Name)} IS NULL");
        return new DriftTarget(catalog, rows, nulls, choice, await PgObjects.ReadAsync(connection, "public"));
    }

    public IEnumerable<string> Tables => Catalog.Tables.Select(t => t.Name).Where(n => !n.EndsWith(".schemagen_history", StringComparison.Ordinal));

    public long Rows(string table) => rows.GetValueOrDefault(table);

    public long Nulls(PgCatalog.Column column) => nulls.GetValueOrDefault((column.Table, column.Name));

    public T? Pick<T>(IEnumerable<T> items) where T : class
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list[Choice % list.Count];
    }

    public IEnumerable<PgCatalog.Column> Columns(string table) => Catalog.Columns.Where(c => c.Table == table);

    public IEnumerable<PgCatalog.Column> AllColumns => Tables.SelectMany(Columns);

    public IEnumerable<PgCatalog.Constraint> Constraints(char type) =>
        Catalog.Constraints.Where(c => c.Type == type && Tables.Contains(c.Table));

    public PgCatalog.Constraint? PrimaryKey(string table) => Constraints('p').FirstOrDefault(c => c.Table == table);

    /// <summary>The columns in the parentheses of a constraint's definition, e.g. "PRIMARY KEY (a, b)" or "FOREIGN KEY (a) REFERENCES …".</summary>
    public static string[] ConstraintColumns(string definition)
    {
        var open = definition.IndexOf('(');
        return definition[(open + 1)..definition.IndexOf(')', open)].Split(", ").Select(c => c.Trim('"')).ToArray();
    }

    public string[] KeyColumns(string table) => PrimaryKey(table) is { } pk ? ConstraintColumns(pk.Definition) : [];

    public bool IsReferenced(string table) => Constraints('f').Any(c => c.Definition.Contains($"REFERENCES {table}(", StringComparison.Ordinal));

    public bool IsForeignKeyColumn(PgCatalog.Column column) =>
        Constraints('f').Any(c => c.Table == column.Table && ConstraintColumns(c.Definition).Contains(column.Name));

    /// <summary>Columns that are not part of a key, a foreign key, an identity or a generated expression.</summary>
    public IEnumerable<PgCatalog.Column> PlainColumns => AllColumns.Where(c => !KeyColumns(c.Table).Contains(c.Name) && !IsForeignKeyColumn(c) && c.Identity == "" && c.Generated == "");

    public IEnumerable<PgCatalog.Index> Indexes => Catalog.Indexes.Where(i => Tables.Contains(i.Table) && !Catalog.Constraints.Any(c => c.Name == i.Name));

    /// <summary>Model indexes of one plain column, with the btree method.</summary>
    public IEnumerable<PgCatalog.Index> BtreeIndexes => Indexes.Where(i => i.Method == "btree" && i.Keys.Length == 1 && Regex.IsMatch(IndexParts(i.Definition).Keys, @"^""?\w+""?$"));

    public PgCatalog.Column Column(string table, string name) => Columns(table).Single(c => c.Name == name);

    public static bool IsText(PgCatalog.Column column) => column.Type == "text" || column.Type.StartsWith("character varying", StringComparison.Ordinal);

    public PgCatalog.Enum? EnumOf(PgCatalog.Column column) => Catalog.Enums.FirstOrDefault(e => e.Name == column.Type);

    public static string Q(string identifier) => SqlSyntax.Identifier(identifier);

    public static string Schema(string qualifiedTable) => qualifiedTable[..qualifiedTable.IndexOf('.')];

    /// <summary>An index's definition split around its key list: "CREATE INDEX … USING btree (", the keys, ") INCLUDE … WHERE …".</summary>
    public static (string Head, string Keys, string Tail) IndexParts(string definition)
    {
        var open = definition.IndexOf('(', definition.IndexOf(" USING ", StringComparison.Ordinal));
        var depth = 0;
        for (var i = open; i < definition.Length; i++)
        {
            depth += definition[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
                return (definition[..(open + 1)], definition[(open + 1)..i], definition[i..]);
        }

        throw new FormatException("No key list in " + definition);
    }

    /// <summary>Drops an index and creates it again from <paramref name="definition"/>.</summary>
    public static string Recreate(PgCatalog.Index index, string definition) =>
        $"DROP INDEX {Schema(index.Table)}.{Q(index.Name)};\n{definition};";

    /// <summary>A literal of the column's type that differs from <paramref name="current"/> (its default), or null.</summary>
    public string? DefaultFor(PgCatalog.Column column, string? current)
    {
        string? value = column.Type switch
        {
            "integer" or "bigint" or "smallint" or "real" or "double precision" => "42",
            _ when column.Type.StartsWith("numeric", StringComparison.Ordinal) => "42",
            _ when IsText(column) => "'drift'",
            "boolean" => current?.Contains("true") == true ? "false" : "true",
            "timestamp with time zone" or "timestamp without time zone" or "date" => "'2000-01-01'",
            "uuid" => "'00000000-0000-0000-0000-000000000000'",
            "integer[]" => "'{42}'",
            "jsonb" => "'{\"drift\": 42}'",
            _ => EnumOf(column) is { } e ? e.Labels.Where(l => current?.Contains($"'{l}'") != true).Select(l => $"'{l}'").FirstOrDefault() : null,
        };
        return value != null && current != null && current.StartsWith(value, StringComparison.Ordinal) ? null : value;
    }
}

/// <summary>
/// The catalogue of hand edits the drift fuzzer applies to a deployed model, one record per kind.
/// Object names of the edits start with "drift" so they cannot collide with the model's.
/// </summary>
public static class DriftEdits
{
    private static string Q(string identifier) => DriftTarget.Q(identifier);

    private static PgCatalog.Column? PkColumn(DriftTarget d, Func<string, bool>? tableFilter = null) =>
        d.Pick(d.Tables.Where(t => tableFilter?.Invoke(t) ?? true).Where(t => d.KeyColumns(t).Length == 1).Select(t => d.Column(t, d.KeyColumns(t)[0])));

    private static DriftSql? OnTable(string? table, Func<string, string> sql) => table == null ? null : new DriftSql(sql(table));

    private static DriftSql? OnConstraint(PgCatalog.Constraint? constraint, Func<PgCatalog.Constraint, string> sql) => constraint == null ? null : new DriftSql(sql(constraint));

    private static DriftSql? OnIndex(PgCatalog.Index? index, Func<PgCatalog.Index, string?> sql) => index == null || sql(index) is not { } text ? null : new DriftSql(text);

    private static DriftSql? OnColumn(PgCatalog.Column? column, Func<PgCatalog.Column, string?> sql) => column == null || sql(column) is not { } text ? null : new DriftSql(text);

    private static string Alter(PgCatalog.Column c) => $"ALTER TABLE {c.Table} ALTER COLUMN {Q(c.Name)}";

    private static string ReAdd(PgCatalog.Constraint c, string definition) =>
        $"ALTER TABLE {c.Table} DROP CONSTRAINT {Q(c.Name)};\nALTER TABLE {c.Table} ADD CONSTRAINT {Q(c.Name)} {definition};";

    private static string ForeignKeyColumn(PgCatalog.Constraint fk) => DriftTarget.ConstraintColumns(fk.Definition)[0];

    private static readonly string[] NumericTypes = ["integer", "bigint", "smallint", "real", "double precision"];

    public static readonly DriftEdit[] All =
    [
        // ---- primary keys
        new("primary key dropped", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('p').Where(p => !d.IsReferenced(p.Table))),
            p => $"ALTER TABLE {p.Table} DROP CONSTRAINT {Q(p.Name)};")),
        new("primary key dropped CASCADE with its FKs", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('p').Where(p => d.IsReferenced(p.Table))),
            p => $"ALTER TABLE {p.Table} DROP CONSTRAINT {Q(p.Name)} CASCADE;")),
        new("primary key renamed", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('p')),
            p => $"ALTER TABLE {p.Table} RENAME CONSTRAINT {Q(p.Name)} TO drift_pk;")),
        new("primary key widened by a column", Restore.Safe, d =>
        {
            var pk = d.Pick(d.Constraints('p').Where(p => !d.IsReferenced(p.Table) && d.PlainColumns.Any(c => c.Table == p.Table && c.NotNull && c.Type != "jsonb")));
            var extra = pk == null ? null : d.PlainColumns.First(c => c.Table == pk.Table && c.NotNull && c.Type != "jsonb");
            return pk == null ? null : new DriftSql($"ALTER TABLE {pk.Table} DROP CONSTRAINT {Q(pk.Name)}, ADD CONSTRAINT {Q(pk.Name)} PRIMARY KEY ({string.Join(", ", d.KeyColumns(pk.Table).Append(extra!.Name).Select(Q))});");
        }),

        // ---- unique and exclusion constraints, unique indexes
        new("unique constraint added", Restore.Safe, d => OnColumn(PkColumn(d), c => $"ALTER TABLE {c.Table} ADD CONSTRAINT drift_uq UNIQUE ({Q(c.Name)});")),
        new("exclusion constraint added (EXCLUDE USING btree)", Restore.Safe, d => OnColumn(PkColumn(d), c => $"ALTER TABLE {c.Table} ADD CONSTRAINT drift_ex EXCLUDE USING btree ({Q(c.Name)} WITH =);")),
        new("unique index added by hand", Restore.Safe, d => OnColumn(PkColumn(d), c => $"CREATE UNIQUE INDEX drift_ux ON {c.Table} ({Q(c.Name)});")),

        // ---- checks
        new("check dropped", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('c')), c => $"ALTER TABLE {c.Table} DROP CONSTRAINT {Q(c.Name)};")),
        new("check added", Restore.Safe, d => OnColumn(PkColumn(d), c => $"ALTER TABLE {c.Table} ADD CONSTRAINT drift_ck CHECK ({Q(c.Name)} IS NOT NULL);")),
        new("check expression changed", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('c')),
            c => ReAdd(c, $"CHECK ({Q(d.KeyColumns(c.Table).FirstOrDefault() ?? "id")} IS NOT NULL)"))),
        new("check renamed", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('c')), c => $"ALTER TABLE {c.Table} RENAME CONSTRAINT {Q(c.Name)} TO drift_ck;")),
        new("check re-added NOT VALID", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('c')), c => ReAdd(c, c.Definition + " NOT VALID"))),
        new("check re-added NO INHERIT", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('c')), c => ReAdd(c, c.Definition + " NO INHERIT"))),
        new("check re-added NOT VALID over a violating row", Restore.Safe, d =>
        {
            // A range check (">= 0" or ">= 0.5") on a numeric column of a table with rows: -1 violates it.
            var check = d.Pick(d.Constraints('c').Where(c => d.Rows(c.Table) > 0 && Violable(d, c) != null));
            if (check == null)
                return null;
            var column = Violable(d, check)!;
            var key = Q(d.KeyColumns(check.Table)[0]);
            var row = $"{key} = (SELECT min({key}) FROM {check.Table})";
            return new DriftSql(
                $"CREATE TEMP TABLE drift_saved AS SELECT {key} AS k, {Q(column.Name)} AS v FROM {check.Table} WHERE {row};\n"
                + $"ALTER TABLE {check.Table} DROP CONSTRAINT {Q(check.Name)};\nUPDATE {check.Table} SET {Q(column.Name)} = -1 WHERE {row};\n"
                + $"ALTER TABLE {check.Table} ADD CONSTRAINT {Q(check.Name)} {check.Definition} NOT VALID;",
                FailsWith: "23514",
                Cleanup: $"UPDATE {check.Table} t SET {Q(column.Name)} = s.v FROM drift_saved s WHERE t.{key} = s.k;\nDROP TABLE drift_saved;");
        }),

        // ---- foreign keys
        new("foreign key dropped", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('f')), f => $"ALTER TABLE {f.Table} DROP CONSTRAINT {Q(f.Name)};")),
        new("foreign key added by hand (self-reference)", Restore.Safe, d => OnColumn(PkColumn(d),
            c => $"ALTER TABLE {c.Table} ADD CONSTRAINT drift_fk FOREIGN KEY ({Q(c.Name)}) REFERENCES {c.Table} ({Q(c.Name)});")),
        new("foreign key renamed", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('f')), f => $"ALTER TABLE {f.Table} RENAME CONSTRAINT {Q(f.Name)} TO drift_fk;")),
        new("foreign key ON DELETE changed", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('f')),
            f => ReAdd(f, Regex.Replace(f.Definition, @" ON DELETE (CASCADE|RESTRICT|SET NULL|SET DEFAULT|NO ACTION)", "") + (f.Definition.Contains("ON DELETE CASCADE") ? " ON DELETE RESTRICT" : " ON DELETE CASCADE")))),
        new("foreign key ON UPDATE changed", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('f')),
            f => ReAdd(f, Regex.Replace(f.Definition, @" ON UPDATE (CASCADE|RESTRICT|SET NULL|SET DEFAULT|NO ACTION)", "") + (f.Definition.Contains("ON UPDATE CASCADE") ? " ON UPDATE RESTRICT" : " ON UPDATE CASCADE")))),
        new("foreign key made DEFERRABLE INITIALLY DEFERRED", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('f')),
            f => $"ALTER TABLE {f.Table} ALTER CONSTRAINT {Q(f.Name)} DEFERRABLE INITIALLY DEFERRED;")),
        new("foreign key re-added MATCH FULL", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('f').Where(f => !f.Definition.Contains("MATCH FULL"))),
            f => ReAdd(f, Regex.Replace(f.Definition, @"REFERENCES [^ ]+\([^)]*\)", "$0 MATCH FULL")))),
        new("foreign key re-added setting only one column on delete", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('f')),
            f => ReAdd(f, Regex.Replace(f.Definition, @" ON DELETE (CASCADE|RESTRICT|SET NULL|SET DEFAULT|NO ACTION)", "") + $" ON DELETE SET NULL ({Q(ForeignKeyColumn(f))})"))),
        new("foreign key re-added NOT VALID", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('f')), f => ReAdd(f, f.Definition + " NOT VALID"))),
        new("foreign key re-added NOT VALID over an orphan row", Restore.Safe, d =>
        {
            var fk = d.Pick(d.Constraints('f').Where(f => d.Rows(f.Table) > 0 && d.Column(f.Table, ForeignKeyColumn(f)) is { NotNull: false } c && NumericTypes.Contains(c.Type)));
            if (fk == null)
                return null;
            var column = Q(ForeignKeyColumn(fk));
            var key = Q(d.KeyColumns(fk.Table)[0]);
            return new DriftSql(
                $"ALTER TABLE {fk.Table} DROP CONSTRAINT {Q(fk.Name)};\n"
                + $"CREATE TEMP TABLE drift_saved AS SELECT {key} AS k, {column} AS v FROM {fk.Table} WHERE {key} = (SELECT min({key}) FROM {fk.Table});\n"
                + $"UPDATE {fk.Table} t SET {column} = -12345 FROM drift_saved s WHERE t.{key} = s.k;\n"
                + $"ALTER TABLE {fk.Table} ADD CONSTRAINT {Q(fk.Name)} {fk.Definition} NOT VALID;",
                FailsWith: "23503",
                Cleanup: $"UPDATE {fk.Table} t SET {column} = s.v FROM drift_saved s WHERE t.{key} = s.k;\nDROP TABLE drift_saved;");
        }),

        new("foreign key's triggers disabled (DISABLE TRIGGER ALL): the key is not enforced", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('f')), f => $"ALTER TABLE {f.Table} DISABLE TRIGGER ALL;")),
        new("foreign key's triggers disabled, then an orphan row written", Restore.Safe, d =>
        {
            var fk = d.Pick(d.Constraints('f').Where(f => d.Rows(f.Table) > 0 && d.Column(f.Table, ForeignKeyColumn(f)) is { NotNull: false } c && NumericTypes.Contains(c.Type)));
            if (fk == null)
                return null;
            var column = Q(ForeignKeyColumn(fk));
            var key = Q(d.KeyColumns(fk.Table)[0]);
            return new DriftSql(
                $"ALTER TABLE {fk.Table} DISABLE TRIGGER ALL;\n"
                + $"CREATE TEMP TABLE drift_saved AS SELECT {key} AS k, {column} AS v FROM {fk.Table} WHERE {key} = (SELECT min({key}) FROM {fk.Table});\n"
                + $"UPDATE {fk.Table} t SET {column} = -12345 FROM drift_saved s WHERE t.{key} = s.k;",
                FailsWith: "23503",
                Cleanup: $"UPDATE {fk.Table} t SET {column} = s.v FROM drift_saved s WHERE t.{key} = s.k;\nDROP TABLE drift_saved;");
        }),
        new("rule added (ON INSERT DO INSTEAD NOTHING)", Restore.Unmanaged, d => OnTable(d.Pick(d.Tables), t => $"CREATE RULE drift_rule AS ON INSERT TO {t} DO INSTEAD NOTHING;"), "drift_rule"),
        new("table made to inherit from a new table (INHERIT)", Restore.Unmanaged, d => OnTable(d.Pick(d.Tables),
            t => $"CREATE TABLE {DriftTarget.Schema(t)}.drift_parent (LIKE {t} INCLUDING GENERATED);\nALTER TABLE {t} INHERIT {DriftTarget.Schema(t)}.drift_parent;"), "drift_parent"),
        new("table given a child table (INHERITS)", Restore.Unmanaged, d => OnTable(d.Pick(d.Tables),
            t => $"CREATE TABLE {DriftTarget.Schema(t)}.drift_child () INHERITS ({t});"), "drift_child"),
        new("table made a typed table of a new composite type (OF)", Restore.Unmanaged, d => OnTable(d.Pick(d.Tables),
            t => "DO $$ BEGIN EXECUTE (SELECT format('CREATE TYPE %s.drift_row AS (%s)', " + SqlSyntax.Literal(DriftTarget.Schema(t))
                + ", string_agg(format('%I %s', attname, format_type(atttypid, atttypmod)), ', ' ORDER BY attnum))"
                + $" FROM pg_attribute WHERE attrelid = {SqlSyntax.Literal(t)}::regclass AND attnum > 0 AND NOT attisdropped); END $$;\n"
                + $"ALTER TABLE {t} OF {DriftTarget.Schema(t)}.drift_row;"), "drift_row"),
        // A partition can have no identity column, and no table may reference it.
        new("table attached as the default partition of a new partitioned table", Restore.Unmanaged, d =>
            OnTable(d.Pick(d.Tables.Where(t => !d.IsReferenced(t) && d.KeyColumns(t).Length > 0 && d.Columns(t).All(c => c.Identity == ""))),
                t => $"CREATE TABLE {DriftTarget.Schema(t)}.drift_parts (LIKE {t} INCLUDING GENERATED) PARTITION BY LIST ({Q(d.KeyColumns(t)[0])});\n"
                    + $"ALTER TABLE {DriftTarget.Schema(t)}.drift_parts ATTACH PARTITION {t} DEFAULT;"), "drift_parts"),
        // ---- indexes
        new("index dropped", Restore.Safe, d => OnIndex(d.Pick(d.Indexes), i => $"DROP INDEX {DriftTarget.Schema(i.Table)}.{Q(i.Name)};")),
        new("index added by hand", Restore.Safe, d => OnColumn(PkColumn(d), c => $"CREATE INDEX drift_ix ON {c.Table} ({Q(c.Name)});")),
        new("index renamed", Restore.Safe, d => OnIndex(d.Pick(d.Indexes), i => $"ALTER INDEX {DriftTarget.Schema(i.Table)}.{Q(i.Name)} RENAME TO drift_ix;")),
        new("index made unique", Restore.Safe, d => OnIndex(d.Pick(d.Indexes.Where(i => !i.IsUnique && i.Method == "btree")),
            i => DriftTarget.Recreate(i, i.Definition.Replace("CREATE INDEX", "CREATE UNIQUE INDEX", StringComparison.Ordinal)))),
        new("index key made DESC", Restore.Safe, d => OnIndex(d.Pick(d.BtreeIndexes), i => WithKeys(i, k => k + " DESC"))),
        new("index key made NULLS FIRST", Restore.Safe, d => OnIndex(d.Pick(d.BtreeIndexes), i => WithKeys(i, k => k + " NULLS FIRST"))),
        new("index operator class text_pattern_ops", Restore.Safe, d => OnIndex(d.Pick(d.BtreeIndexes.Where(i => DriftTarget.IsText(d.Column(i.Table, i.Keys[0])))), i => WithKeys(i, k => k + " text_pattern_ops"))),
        new("index key COLLATE \"C\"", Restore.Safe, d => OnIndex(d.Pick(d.BtreeIndexes.Where(i => DriftTarget.IsText(d.Column(i.Table, i.Keys[0])))), i => WithKeys(i, k => k + " COLLATE \"C\""))),
        new("index method changed to hash", Restore.Safe, d => OnIndex(d.Pick(d.BtreeIndexes.Where(i => !i.IsUnique && i.Include.Length == 0)),
            i => DriftTarget.Recreate(i, i.Definition.Replace("USING btree", "USING hash", StringComparison.Ordinal)))),
        new("index predicate added", Restore.Safe, d => OnIndex(d.Pick(d.BtreeIndexes.Where(i => !i.IsPartial)),
            i => DriftTarget.Recreate(i, $"{i.Definition} WHERE ({Q(i.Keys[0])} IS NOT NULL)"))),
        new("index predicate changed", Restore.Safe, d => OnIndex(d.Pick(d.Indexes.Where(i => i.IsPartial)),
            i => DriftTarget.Recreate(i, $"{i.Definition[..i.Definition.LastIndexOf(" WHERE ", StringComparison.Ordinal)]} WHERE ({Q(d.KeyColumns(i.Table)[0])} > 0)"))),
        new("index INCLUDE changed", Restore.Safe, d => OnIndex(d.Pick(d.Indexes.Where(i => i.Method == "btree" && d.KeyColumns(i.Table).Length > 0 && !i.Keys.Contains(d.KeyColumns(i.Table)[0]))), i =>
        {
            var (head, keys, tail) = DriftTarget.IndexParts(i.Definition);
            var key = Q(d.KeyColumns(i.Table)[0]);
            tail = Regex.IsMatch(tail, @"^\) INCLUDE \(") ? Regex.Replace(tail, @"^\) INCLUDE \(([^)]*)\)", $") INCLUDE ({key})") : ") INCLUDE (" + key + ")" + tail[1..];
            return DriftTarget.Recreate(i, head + keys + tail);
        })),

        // ---- columns
        new("column collation COLLATE \"C\"", Restore.Safe, d => OnColumn(d.Pick(d.AllColumns.Where(DriftTarget.IsText)),
            c => $"{Alter(c)} TYPE {c.Type} COLLATE \"C\";")),
        new("column default added", Restore.Safe, d => OnColumn(d.Pick(d.PlainColumns.Where(c => c.Default == null && d.DefaultFor(c, null) != null)),
            c => $"{Alter(c)} SET DEFAULT {d.DefaultFor(c, null)};")),
        new("column default changed", Restore.Safe, d => OnColumn(d.Pick(d.PlainColumns.Where(c => c.Default != null && d.DefaultFor(c, c.Default) != null)),
            c => $"{Alter(c)} SET DEFAULT {d.DefaultFor(c, c.Default)};")),
        new("column default dropped", Restore.Safe, d => OnColumn(d.Pick(d.PlainColumns.Where(c => c.Default != null)), c => $"{Alter(c)} DROP DEFAULT;")),
        new("column type widened integer to bigint", Restore.Lossy, d => OnColumn(d.Pick(d.PlainColumns.Where(c => c.Type == "integer")), c => $"{Alter(c)} TYPE bigint;")),
        new("column type narrowed integer to smallint", Restore.Safe, d => OnColumn(d.Pick(d.PlainColumns.Where(c => c.Type == "integer")), c => $"{Alter(c)} TYPE smallint;")),
        new("column type changed varchar(n) to text", Restore.Lossy, d => OnColumn(d.Pick(d.PlainColumns.Where(c => c.Type.StartsWith("character varying", StringComparison.Ordinal))), c => $"{Alter(c)} TYPE text;")),
        new("column NOT NULL dropped", Restore.Safe, d => OnColumn(d.Pick(d.PlainColumns.Where(c => c.NotNull)), c => $"{Alter(c)} DROP NOT NULL;")),
        new("column NOT NULL set", Restore.Safe, d => OnColumn(d.Pick(d.PlainColumns.Where(c => !c.NotNull && d.Nulls(c) == 0)), c => $"{Alter(c)} SET NOT NULL;")),
        new("column added by hand", Restore.Lossy, d => OnTable(d.Pick(d.Tables), t => $"ALTER TABLE {t} ADD COLUMN drift_extra integer;")),
        new("column dropped by hand", Restore.Safe, d => OnColumn(d.Pick(d.PlainColumns.Where(c => !c.NotNull)), c => $"ALTER TABLE {c.Table} DROP COLUMN {Q(c.Name)};")),
        new("column renamed by hand", Restore.Lossy, d => OnColumn(d.Pick(d.PlainColumns.Where(c => !c.NotNull)), c => $"ALTER TABLE {c.Table} RENAME COLUMN {Q(c.Name)} TO drift_renamed;")),

        // ---- identity
        new("identity INCREMENT BY 5", Restore.Safe, d => OnColumn(d.Pick(d.AllColumns.Where(c => c.Identity != "")), c => $"{Alter(c)} SET INCREMENT BY 5;")),
        new("identity START 100", Restore.Safe, d => OnColumn(d.Pick(d.AllColumns.Where(c => c.Identity != "")), c => $"{Alter(c)} SET START 100;")),
        new("identity CACHE 20", Restore.Safe, d => OnColumn(d.Pick(d.AllColumns.Where(c => c.Identity != "")), c => $"{Alter(c)} SET CACHE 20;")),
        new("identity made GENERATED ALWAYS", Restore.Safe, d => OnColumn(d.Pick(d.AllColumns.Where(c => c.Identity == "d")), c => $"{Alter(c)} SET GENERATED ALWAYS;")),
        new("identity dropped", Restore.Safe, d => OnColumn(d.Pick(d.AllColumns.Where(c => c.Identity != "")), c => $"{Alter(c)} DROP IDENTITY;")),
        new("identity added by hand", Restore.Safe, d => OnColumn(PkColumn(d, t => d.KeyColumns(t).Length == 1 && d.Column(t, d.KeyColumns(t)[0]) is { Identity: "", Default: null } c && NumericTypes[..3].Contains(c.Type)),
            c => $"{Alter(c)} ADD GENERATED BY DEFAULT AS IDENTITY;")),

        // ---- comments
        new("table comment edited", Restore.Safe, d => OnTable(d.Pick(d.Catalog.Tables.Where(t => t.Comment != null && d.Tables.Contains(t.Name)).Select(t => t.Name)), t => $"COMMENT ON TABLE {t} IS 'drift';")),
        new("table comment added", Restore.Safe, d => OnTable(d.Pick(d.Catalog.Tables.Where(t => t.Comment == null && d.Tables.Contains(t.Name)).Select(t => t.Name)), t => $"COMMENT ON TABLE {t} IS 'drift';")),
        new("table comment removed", Restore.Safe, d => OnTable(d.Pick(d.Catalog.Tables.Where(t => t.Comment != null && d.Tables.Contains(t.Name)).Select(t => t.Name)), t => $"COMMENT ON TABLE {t} IS NULL;")),
        new("column comment edited", Restore.Safe, d => OnColumn(d.Pick(d.AllColumns.Where(c => c.Comment != null)), c => $"COMMENT ON COLUMN {c.Table}.{Q(c.Name)} IS 'drift';")),
        new("column comment added", Restore.Safe, d => OnColumn(d.Pick(d.AllColumns.Where(c => c.Comment == null)), c => $"COMMENT ON COLUMN {c.Table}.{Q(c.Name)} IS 'drift';")),
        new("column comment removed", Restore.Safe, d => OnColumn(d.Pick(d.AllColumns.Where(c => c.Comment != null)), c => $"COMMENT ON COLUMN {c.Table}.{Q(c.Name)} IS NULL;")),
        new("enum comment edited", Restore.Safe, d => d.Pick(d.Catalog.Enums.Where(e => e.Comment != null)) is { } e ? new DriftSql($"COMMENT ON TYPE {e.Name} IS 'drift';") : null),
        new("enum comment added", Restore.Safe, d => d.Pick(d.Catalog.Enums.Where(e => e.Comment == null)) is { } e ? new DriftSql($"COMMENT ON TYPE {e.Name} IS 'drift';") : null),
        new("index comment added", Restore.Safe, d => OnIndex(d.Pick(d.Indexes), i => $"COMMENT ON INDEX {DriftTarget.Schema(i.Table)}.{Q(i.Name)} IS 'drift';")),
        new("constraint comment added", Restore.Safe, d => OnConstraint(d.Pick(d.Constraints('p')), c => $"COMMENT ON CONSTRAINT {Q(c.Name)} ON {c.Table} IS 'drift';")),

        // ---- enums
        new("enum label added by hand", Restore.Lossy, d => d.Pick(d.Catalog.Enums) is { } e ? new DriftSql($"ALTER TYPE {e.Name} ADD VALUE 'drift';") : null),

        // ---- objects of kinds the model does not manage
        new("extra table", Restore.Unmanaged, _ => new("CREATE TABLE public.drift_table (id integer PRIMARY KEY, note text);"), "drift_table"),
        new("extra enum type", Restore.Unmanaged, _ => new("CREATE TYPE public.drift_enum AS ENUM ('a', 'b');"), "drift_enum"),
        new("extra view", Restore.Unmanaged, d => OnTable(d.Pick(d.Tables), t => $"CREATE VIEW public.drift_view AS SELECT * FROM {t};"), "drift_view"),
        new("extra materialized view", Restore.Unmanaged, d => OnTable(d.Pick(d.Tables), t => $"CREATE MATERIALIZED VIEW public.drift_matview AS SELECT * FROM {t};"), "drift_matview"),
        new("extra function", Restore.Unmanaged, _ => new("CREATE FUNCTION public.drift_fn(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';"), "drift_fn"),
        new("extra trigger (and its function)", Restore.Unmanaged, d => OnTable(d.Pick(d.Tables), t =>
            "CREATE FUNCTION public.drift_trigger_fn() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n"
            + $"CREATE TRIGGER drift_trigger BEFORE INSERT ON {t} FOR EACH ROW EXECUTE FUNCTION public.drift_trigger_fn();"), "drift_trigger", "drift_trigger_fn"),
        new("extra sequence", Restore.Unmanaged, _ => new("CREATE SEQUENCE public.drift_seq;"), "drift_seq"),
        new("extra domain", Restore.Unmanaged, _ => new("CREATE DOMAIN public.drift_domain AS integer CHECK (VALUE > 0);"), "drift_domain"),
        new("extra composite type", Restore.Unmanaged, _ => new("CREATE TYPE public.drift_composite AS (a integer, b text);"), "drift_composite"),
        new("extra row-level policy", Restore.Unmanaged, d => OnTable(d.Pick(d.Tables), t => $"CREATE POLICY drift_policy ON {t} USING (true);"), "drift_policy"),
        new("row-level security enabled", Restore.Unmanaged, d => OnTable(d.Pick(d.Tables), t => $"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;"), "row level security", "row-level security"),

        // ---- objects beyond tables: views, materialized views, sequences, aggregates, extensions
        .. ObjectDriftEdits.All,
    ];

    public static DriftEdit Named(string name) => All.Single(e => e.Name == name);

    private static string WithKeys(PgCatalog.Index index, Func<string, string> key)
    {
        var (head, keys, tail) = DriftTarget.IndexParts(index.Definition);
        return DriftTarget.Recreate(index, head + key(keys) + tail);
    }

    // The numeric column a range check names, when the check is "… >= 0 …" or "… >= 0.5 …" (a [Range] from 0).
    private static PgCatalog.Column? Violable(DriftTarget d, PgCatalog.Constraint check) =>
        Regex.IsMatch(check.Definition, @">= \(?0(\.5)?\b")
            ? d.Columns(check.Table).FirstOrDefault(c => (NumericTypes.Contains(c.Type) || c.Type.StartsWith("numeric", StringComparison.Ordinal))
                && Regex.IsMatch(check.Definition, $@"\b{Regex.Escape(c.Name)}\b") && !d.KeyColumns(check.Table).Contains(c.Name))
            : null;
}

/// <summary>The fixed model every edit kind applies to, with rows that satisfy it.</summary>
public static class DriftModels
{
    public const string Fixed = """
        namespace TestModels;

        /// <summary>A colour.</summary>
        public enum Color { Red, Green, Blue }

        public enum Size { Small, Large }

        /// <summary>Parents.</summary>
        [Table("parents")]
        public class Parent
        {
            /// <summary>The key.</summary>
            [Key, DatabaseGenerated(DatabaseGeneratedOption.Identity)] public int Id { get; set; }
            /// <summary>The name.</summary>
            [Indexed, MaxLength(40)] public string Name { get; set; } = null!;
            [Range(0, 1000)] public int Count { get; set; } = 7;
            public string? Note { get; set; }
            public Color Color { get; set; } = Color.Red;
        }

        [Table("children")]
        [Index(nameof(Label), Include = new[] { nameof(Amount) }, Where = "amount > 0")]
        public class Child
        {
            [Key] public int Id { get; set; }
            [References<Parent>] public int? ParentId { get; set; }
            public string Label { get; set; } = null!;
            public decimal Amount { get; set; }
            public Size? Size { get; set; }
        }
        """;

    /// <summary>
    /// <see cref="Fixed"/> with an extension and templates of every other kind beyond tables: a sequence, an aggregate
    /// over a template function, views (one over another, one calling the aggregate) and a materialized view with a
    /// unique index. The edits of <see cref="ObjectDriftEdits"/> apply to it.
    /// </summary>
    public static readonly (string Path, string Text)[] FixedObjects =
    [
        ("/project/Sql/01_sequences.sql", "CREATE SEQUENCE public.ticket_no START 100 INCREMENT 2;\n"),
        ("/project/Sql/02_aggregates.sql", """
            CREATE OR REPLACE FUNCTION public.total_step(state bigint, value integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT state + coalesce(value, 0) $$;

            CREATE AGGREGATE public.total(integer) (SFUNC = public.total_step, STYPE = bigint, INITCOND = '0');
            """),
        ("/project/Sql/03_views.sql", """
            CREATE VIEW public.counted_parents AS SELECT id, name, count FROM public.parents WHERE count > 0;

            CREATE VIEW public.labelled_children AS SELECT c.id, c.label, p.name FROM public.children c JOIN public.counted_parents p ON p.id = c.parent_id;

            CREATE VIEW public.parent_total AS SELECT public.total(count) AS total FROM public.parents;

            CREATE MATERIALIZED VIEW public.child_amounts AS SELECT parent_id, sum(amount) AS amount FROM public.children GROUP BY parent_id WITH DATA;

            CREATE UNIQUE INDEX child_amounts_parent ON public.child_amounts (parent_id);
            """),
    ];

    /// <summary>The C# of <see cref="Fixed"/> with the extension and the domain (and its table) of the objects model.</summary>
    public const string FixedObjectsSource = "[assembly: Extension(\"citext\")]\n" + DomainDriftEdits.Declaration + "\n" + Fixed + DomainDriftEdits.Table;

    public const string FixedRows = """
        INSERT INTO parents (name, count, note, color) VALUES ('alpha', 1, 'n', 'green'), ('beta', 2, 'm', 'blue');
        INSERT INTO children (id, parent_id, label, amount, size) VALUES (1, 1, 'x', 1.5, 'small'), (2, 2, 'y', 0, NULL);
        """;
}
