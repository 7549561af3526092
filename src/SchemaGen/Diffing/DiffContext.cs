using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// What the differs of one plan share: the whole desired model, the type changes PostgreSQL cannot cast, the
    /// live objects an earlier step takes with it (a recreated enum drops the checks, indexes and functions that use
    /// it; a replaced column drops its indexes and constraints), which are diffed as absent so they are created again,
    /// and the types and functions the plan drops and creates again, which the views using them must make way for.
    /// </summary>
    internal sealed class DiffContext
    {
        private readonly HashSet<(string Schema, string Table, string Name)> _dropped = new();
        private readonly HashSet<(string Schema, string Table, string Column)> _droppedColumns = new();
        private readonly HashSet<(string Schema, string Table, string Column)> _droppedDefaults = new();
        private readonly HashSet<(string Schema, string Name, string Signature)> _droppedFunctions = new();
        private readonly Dictionary<(string Schema, string Name, bool IsType), Drift> _replaced = new();
        private readonly HashSet<(string Schema, string Table)> _tablesTakenFrom = new();

        public DiffContext(SchemaModel desired, ISet<(string From, string To)> uncastable)
        {
            Desired = desired;
            Uncastable = uncastable;
        }

        public SchemaModel Desired { get; }

        public ISet<(string From, string To)> Uncastable { get; }

        public void Dropped(string schema, string table, string name)
        {
            _dropped.Add((schema, table, name));
            _tablesTakenFrom.Add((schema, table));
        }

        /// <summary>A column an earlier step drops, which the table diff adds again.</summary>
        public void DroppedColumn(string schema, string table, string column)
        {
            _droppedColumns.Add((schema, table, column));
            _tablesTakenFrom.Add((schema, table));
        }

        /// <summary>A column default an earlier step drops, which the table diff sets again.</summary>
        public void DroppedDefault(string schema, string table, string column)
        {
            _droppedDefaults.Add((schema, table, column));
            _tablesTakenFrom.Add((schema, table));
        }

        /// <summary>Whether an earlier step drops a column, default, constraint or index of the table (<see cref="WithoutDropped"/> is not the live table).</summary>
        public bool TakesPartOf(string schema, string table) => _tablesTakenFrom.Contains((schema, table));

        public void DroppedFunction(FunctionModel function) => _droppedFunctions.Add((function.Schema, function.Name, function.Signature));

        /// <summary>A type (enum, domain) the plan drops and creates again, converting its columns.</summary>
        public void ReplacedType(string schema, string name, Drift cause) => _replaced.TryAdd((schema, name, true), cause);

        /// <summary>A function (by name: a view depends on one overload, and any overload's drop is enough) the plan drops and creates again.</summary>
        public void ReplacedFunction(string schema, string name, Drift cause) => _replaced.TryAdd((schema, name, false), cause);

        /// <summary>Why the plan drops and creates the type or function again, or null when it does not.</summary>
        public Drift? ReplacedBecause(string schema, string name) =>
            _replaced.TryGetValue((schema, name, true), out var cause) || _replaced.TryGetValue((schema, name, false), out cause) ? cause : null;

        /// <summary>Why the plan drops and creates the type of <paramref name="column"/> (or of its elements) again, or null.</summary>
        public Drift? ReplacedTypeOf(ColumnModel column) => column.TypeSchema == null ? null
            : _replaced.FirstOrDefault(r => r.Key.IsType && r.Key.Schema == column.TypeSchema && SqlSyntax.Identifier(r.Key.Name) == column.SqlType.TrimEnd('[', ']')).Value;

        public bool IsDropped(FunctionModel function) => _droppedFunctions.Contains((function.Schema, function.Name, function.Signature));

        /// <summary>The live table without the objects earlier steps drop.</summary>
        public TableModel WithoutDropped(TableModel live) => live with
        {
            Columns = live.Columns.Where(c => !_droppedColumns.Contains((live.Schema, live.Name, c.Name)))
                .Select(c => _droppedDefaults.Contains((live.Schema, live.Name, c.Name)) ? c with { DefaultSql = null } : c).ToEquatableArray(),
            Checks = live.Checks.Where(c => !_dropped.Contains((live.Schema, live.Name, c.Name))).ToEquatableArray(),
            Indexes = live.Indexes.Where(i => !_dropped.Contains((live.Schema, live.Name, i.Name))).ToEquatableArray(),
            ForeignKeys = live.ForeignKeys.Where(f => !_dropped.Contains((live.Schema, live.Name, f.Name))).ToEquatableArray(),
            OtherConstraints = live.OtherConstraints.Where(c => !_dropped.Contains((live.Schema, live.Name, c.Name))).ToEquatableArray(),
        };

        /// <summary>The enum type a column uses, if it is one of the model's.</summary>
        public EnumModel? EnumOf(ColumnModel column) =>
            column.TypeSchema == null ? null : Desired.Enums.FirstOrDefault(e => e.Schema == column.TypeSchema && SqlSyntax.Identifier(e.Name) == column.SqlType.TrimEnd('[', ']'));

        /// <summary>True when <paramref name="expression"/> names <paramref name="name"/> as an identifier (quoted or not).</summary>
        public static bool Mentions(string expression, string name) =>
            System.Text.RegularExpressions.Regex.IsMatch(expression, @"(^|[^A-Za-z0-9_$""])(" + System.Text.RegularExpressions.Regex.Escape(name) + "|"
                + System.Text.RegularExpressions.Regex.Escape(SqlSyntax.Identifier(name)) + @")($|[^A-Za-z0-9_$""])");
    }
}
