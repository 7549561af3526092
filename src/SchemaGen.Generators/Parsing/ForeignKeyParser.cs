using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Foreign keys from [References(typeof(T))] / [References&lt;T&gt;] on a key property, and from EF Core's
    /// [ForeignKey] (on the key property naming a navigation, or on a navigation naming the key properties).
    /// The target must be a [Table] class whose primary key matches the referencing columns.
    /// </summary>
    internal sealed class ForeignKeyParser
    {
        private readonly ParseContext _context;
        private readonly ModelConventions _conventions;

        public ForeignKeyParser(ParseContext context, ModelConventions conventions)
        {
            _context = context;
            _conventions = conventions;
        }

        public List<ForeignKeyModel> Parse(INamedTypeSymbol type, string tableName, IReadOnlyList<ParsedColumn> columns)
        {
            var result = new List<ForeignKeyModel>();
            foreach (var column in columns)
            {
                var references = column.Property.GetAttribute(_context.Known.ReferencesAttribute);
                if (references != null)
                {
                    var target = references.AttributeClass!.IsGenericType ? references.AttributeClass.TypeArguments[0] : references.Argument(0) as ITypeSymbol;
                    Add(result, type, tableName, new[] { column }, target, references, references.GetLocation(column.Property));
                }
            }

            foreach (var property in VisibleProperties(type))
            {
                var foreignKey = property.GetAttribute(_context.Known.ForeignKeyAttribute);
                if (foreignKey?.Argument(0) is string names)
                    FromForeignKeyAttribute(result, type, tableName, columns, property, names, foreignKey);
            }

            return result;
        }

        private void FromForeignKeyAttribute(List<ForeignKeyModel> result, INamedTypeSymbol type, string tableName, IReadOnlyList<ParsedColumn> columns,
            IPropertySymbol property, string names, AttributeData attribute)
        {
            var location = attribute.GetLocation(property);
            if (property.Type.IsTableType(_context.Known))
            {
                // On a navigation: [ForeignKey("KeyA, KeyB")] names the key properties.
                var keyColumns = new List<ParsedColumn>();
                foreach (var name in names.Split(',').Select(n => n.Trim()))
                {
                    var column = columns.FirstOrDefault(c => c.Property.Name == name);
                    if (column == null)
                    {
                        _context.Report(DiagnosticDescriptors.UnknownProperty, location, "ForeignKey", type.Name, name);
                        return;
                    }

                    keyColumns.Add(column);
                }

                Add(result, type, tableName, keyColumns, property.Type, null, location);
                return;
            }

            // On a key property: [ForeignKey(nameof(Job))] names the navigation whose type is the target.
            var own = columns.FirstOrDefault(c => SymbolEqualityComparer.Default.Equals(c.Property, property));
            var navigation = VisibleProperties(type).FirstOrDefault(p => p.Name == names.Trim());
            if (own == null)
                return;
            if (navigation == null || !navigation.Type.IsTableType(_context.Known))
            {
                _context.Report(DiagnosticDescriptors.UnknownProperty, location, "ForeignKey", type.Name, names);
                return;
            }

            Add(result, type, tableName, new[] { own }, navigation.Type, null, location);
        }

        private void Add(List<ForeignKeyModel> result, INamedTypeSymbol type, string tableName, IReadOnlyList<ParsedColumn> columns,
            ITypeSymbol? target, AttributeData? references, Location? location)
        {
            var first = columns[0].Property;
            if (!(target is INamedTypeSymbol targetType) || !targetType.IsTableType(_context.Known))
            {
                Report(type, first, target, location, "it is not a class marked [Table]");
                return;
            }

            var targetKeys = ModelConventions.KeyProperties(targetType, PropertyCollector.Collect(targetType, _context.Known), _context.Known);
            if (targetKeys.Count != columns.Count)
            {
                Report(type, first, target, location, targetKeys.Count == 0
                    ? "it has no primary key"
                    : $"its primary key has {targetKeys.Count} column(s) and this foreign key has {columns.Count}; reference a composite key with [ForeignKey(\"A, B\")] on a navigation property");
                return;
            }

            for (var i = 0; i < columns.Count; i++)
            {
                var mine = TypeMapper.Unwrap(columns[i].Property.Type);
                var theirs = TypeMapper.Unwrap(targetKeys[i].Type);
                if (!SymbolEqualityComparer.Default.Equals(mine, theirs))
                {
                    Report(type, columns[i].Property, target, location, $"its key '{targetKeys[i].Name}' is {theirs.ToDisplayString()} and '{columns[i].Property.Name}' is {mine.ToDisplayString()}");
                    return;
                }
            }

            var (refSchema, refTable) = _conventions.TableName(targetType);
            var columnNames = columns.Select(c => c.Column.Name).ToArray();
            var name = references?.Named("Name") as string;
            if (name == null || !_context.CheckName("foreign key", name, references!.NamedArgumentLocation("Name") ?? location))
                name = SqlNaming.DeriveName("fk", tableName, columnNames);

            var onDelete = Action(type, first, references, "OnDelete", location);
            var onUpdate = Action(type, first, references, "OnUpdate", location);
            if (NullsANotNullColumn(columns, onDelete, "DELETE", "deleting a referenced row") is string deleteWhy)
            {
                Report(type, first, target, location, deleteWhy);
                return;
            }

            if (NullsANotNullColumn(columns, onUpdate, "UPDATE", "changing a referenced key") is string updateWhy)
            {
                Report(type, first, target, location, updateWhy);
                return;
            }

            result.Add(new ForeignKeyModel(
                name,
                columnNames.ToEquatableArray(),
                refSchema,
                refTable,
                targetKeys.Select(_conventions.ColumnName).ToEquatableArray(),
                onDelete,
                onUpdate));
        }

        // SET NULL, or SET DEFAULT without a default, writes NULL into a NOT NULL column: the action always fails.
        private static string? NullsANotNullColumn(IReadOnlyList<ParsedColumn> columns, ReferentialAction action, string on, string doing)
        {
            if (action != ReferentialAction.SetNull && action != ReferentialAction.SetDefault)
                return null;
            var stuck = columns.FirstOrDefault(c => !c.Column.IsNullable && (action == ReferentialAction.SetNull || c.Column.DefaultSql == null));
            if (stuck == null)
                return null;
            var clause = action == ReferentialAction.SetNull ? "SET NULL" : "SET DEFAULT";
            var fix = action == ReferentialAction.SetNull ? "nullable" : "nullable or give it a default";
            return $"ON {on} {clause} would set its NOT NULL column {stuck.Column.Name} to null, so {doing} would always fail; make '{stuck.Property.Name}' {fix}, or choose another action";
        }

        // The type's properties with those of its base classes, the most derived declaration of each name: a [ForeignKey]
        // may sit on a base class's key property or navigation, as the columns come from the base class too.
        private static IEnumerable<IPropertySymbol> VisibleProperties(INamedTypeSymbol type)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
                {
                    if (names.Add(property.Name))
                        yield return property;
                }
            }
        }

        // A value outside the enum (a cast) is reported rather than taken as NO ACTION.
        private ReferentialAction Action(INamedTypeSymbol type, IPropertySymbol property, AttributeData? references, string name, Location? location)
        {
            if (references?.Named(name) is not int action)
                return ReferentialAction.NoAction;
            if (Enum.IsDefined(typeof(ReferentialAction), action))
                return (ReferentialAction)action;
            _context.Report(DiagnosticDescriptors.IncompatibleAttribute, references.NamedArgumentLocation(name) ?? location, references.ShortName(), type.Name, property.Name,
                name + " is " + action + ", which is none of ReferentialAction's values");
            return ReferentialAction.NoAction;
        }

        private void Report(INamedTypeSymbol type, IPropertySymbol property, ITypeSymbol? target, Location? location, string why) =>
            _context.Report(DiagnosticDescriptors.InvalidReference, location, type.Name, property.Name, target?.ToDisplayString() ?? "?", why);
    }
}
