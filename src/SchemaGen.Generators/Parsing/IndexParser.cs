using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Indexes from class-level [Index], property-level [Indexed], and one per foreign key that no other index
    /// (or the primary key) already leads with, because PostgreSQL does not index foreign keys by itself.
    /// </summary>
    internal sealed class IndexParser
    {
        private static readonly string[] Methods = { "btree", "hash", "gin", "gist", "brin", "spgist" };

        private readonly ParseContext _context;

        public IndexParser(ParseContext context) => _context = context;

        public List<IndexModel> Parse(INamedTypeSymbol type, string tableName, IReadOnlyList<ParsedColumn> columns,
            PrimaryKeyModel? primaryKey, IReadOnlyList<ForeignKeyModel> foreignKeys)
        {
            var indexes = new List<IndexModel>();
            foreach (var attribute in type.GetAttributes(_context.Known.IndexAttribute))
            {
                var location = attribute.GetLocation(type);
                var keys = Columns(type, columns, attribute.ConstructorArguments.FirstOrDefault().Strings(), location);
                var include = Columns(type, columns, attribute.NamedArray("Include")?.Strings() ?? new string[0], location);
                if (keys == null || include == null)
                    continue;
                if (keys.Length == 0)
                {
                    _context.Report(DiagnosticDescriptors.UnknownProperty, location, "Index", type.Name, "(none)");
                    continue;
                }

                Add(indexes, type, tableName, attribute, keys, include, location, columns);
            }

            foreach (var column in columns)
            {
                var attribute = column.Property.GetAttribute(_context.Known.IndexedAttribute);
                if (attribute != null)
                    Add(indexes, type, tableName, attribute, new[] { column.Column.Name }, new string[0], attribute.GetLocation(column.Property), columns);
            }

            if (_context.Options.IndexForeignKeys)
            {
                foreach (var fk in foreignKeys.Where(fk => !IsCovered(fk, primaryKey, indexes)))
                    indexes.Add(new IndexModel(SqlNaming.DeriveName("ix", tableName, fk.Columns.ToArray()), fk.Columns, false, "btree", null, EquatableArray<string>.Empty));
            }

            return indexes;
        }

        private void Add(List<IndexModel> indexes, INamedTypeSymbol type, string tableName, AttributeData attribute, string[] keys, string[] include, Location? location,
            IReadOnlyList<ParsedColumn> columns)
        {
            var isUnique = attribute.Named("IsUnique") is true;
            var method = (attribute.Named("Method") as string)?.Trim().ToLowerInvariant() ?? "btree";
            if (Array.IndexOf(Methods, method) < 0)
            {
                _context.Report(DiagnosticDescriptors.IncompatibleAttribute, location, attribute.AttributeClass!.Name.Replace("Attribute", ""), type.Name,
                    string.Join(", ", keys), $"'{method}' is not an index method; use one of {string.Join(", ", Methods)}");
                return;
            }

            // An operator class PostgreSQL lacks (gin on an integer) is SG0005; the index stays, for a database with btree_gin.
            foreach (var key in keys)
            {
                var column = columns.FirstOrDefault(c => c.Column.Name == key);
                if (column != null && IndexMethods.Unsupported(method, column.Type, column.Column.SqlType) is string why)
                {
                    _context.Report(DiagnosticDescriptors.IncompatibleAttribute, attribute.NamedArgumentLocation("Method") ?? location, attribute.AttributeClass!.Name.Replace("Attribute", ""),
                        type.Name, column.Property.Name, why);
                    break;
                }
            }

            var name = attribute.Named("Name") as string;
            if (name == null || !_context.CheckName("index", name, attribute.NamedArgumentLocation("Name") ?? location))
                name = SqlNaming.DeriveName(isUnique ? "ux" : "ix", tableName, keys);
            var where = attribute.Named("Where") as string;
            if (where != null && !_context.CheckSql(attribute.AttributeClass!.Name.Replace("Attribute", ""), type.Name, where, attribute.NamedArgumentLocation("Where") ?? location))
                return;
            indexes.Add(new IndexModel(name, keys.ToEquatableArray(), isUnique, method, where, include.ToEquatableArray()));
        }

        private string[]? Columns(INamedTypeSymbol type, IReadOnlyList<ParsedColumn> columns, string[] propertyNames, Location? location)
        {
            var result = new string[propertyNames.Length];
            for (var i = 0; i < propertyNames.Length; i++)
            {
                var column = columns.FirstOrDefault(c => c.Property.Name == propertyNames[i]);
                if (column == null)
                {
                    _context.Report(DiagnosticDescriptors.UnknownProperty, location, "Index", type.Name, propertyNames[i]);
                    return null;
                }

                result[i] = column.Column.Name;
            }

            return result;
        }

        // An index whose leading key columns are the foreign key's columns already serves lookups by it.
        private static bool IsCovered(ForeignKeyModel fk, PrimaryKeyModel? primaryKey, List<IndexModel> indexes)
        {
            bool Leads(EquatableArray<string> keys) => keys.Count >= fk.Columns.Count && keys.Take(fk.Columns.Count).SequenceEqual(fk.Columns);
            return (primaryKey != null && Leads(primaryKey.Columns)) || indexes.Any(i => i.Where == null && Leads(i.KeyColumns));
        }
    }
}
