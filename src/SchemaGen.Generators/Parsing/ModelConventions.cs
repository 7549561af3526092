using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Names and keys of a [Table] class, read the same way for the table being parsed and for the tables it
    /// references: the table name and schema, a property's column name, and the key properties.
    /// </summary>
    internal sealed class ModelConventions
    {
        private readonly ParseContext _context;

        public ModelConventions(ParseContext context) => _context = context;

        /// <summary>The table's schema and name from [Table(name, Schema = …)].</summary>
        public (string Schema, string Name) TableName(INamedTypeSymbol type)
        {
            var table = type.GetAttribute(_context.Known.TableAttribute);
            var name = table?.Argument(0) as string;
            var schema = table?.Named("Schema") as string;
            return (IsUsable(schema) ? schema! : _context.Options.DefaultSchema,
                    IsUsable(name) ? name! : _context.Name(type.Name));
        }

        /// <summary>The column name: [Column("name")], else the property name by the naming convention.</summary>
        public string ColumnName(IPropertySymbol property) =>
            property.GetAttribute(_context.Known.ColumnAttribute)?.Argument(0) as string is string name && IsUsable(name)
                ? name
                : _context.Name(property.Name);

        /// <summary>
        /// Whether a user-given name can be used as written. One that cannot (empty, white space, a NUL) is
        /// reported where it is read (ParseContext.CheckName) and replaced by the name the convention derives.
        /// </summary>
        public static bool IsUsable(string? name) => name != null && name.Trim().Length > 0 && Model.SqlSyntax.UnstorableText(name) == null;

        /// <summary>[Column(Order = n)], if given.</summary>
        public static int? ColumnOrder(IPropertySymbol property, KnownSymbols known) =>
            property.GetAttribute(known.ColumnAttribute)?.Named("Order") as int?;

        /// <summary>
        /// The key properties: every [Key] (ordered by [Column(Order)], then declaration), else a property named
        /// Id or &lt;Class&gt;Id, as EF Core's convention finds it.
        /// </summary>
        public static List<IPropertySymbol> KeyProperties(INamedTypeSymbol type, IReadOnlyList<IPropertySymbol> properties, KnownSymbols known)
        {
            var keys = properties.Where(p => p.HasAttribute(known.KeyAttribute)).ToList();
            if (keys.Count > 0)
                return keys.Select((p, i) => (p, i)).OrderBy(x => ColumnOrder(x.p, known) ?? int.MaxValue).ThenBy(x => x.i).Select(x => x.p).ToList();

            var conventional = properties.FirstOrDefault(p => string.Equals(p.Name, "Id", StringComparison.OrdinalIgnoreCase))
                ?? properties.FirstOrDefault(p => string.Equals(p.Name, type.Name + "Id", StringComparison.OrdinalIgnoreCase));
            return conventional == null ? new List<IPropertySymbol>() : new List<IPropertySymbol> { conventional };
        }
    }
}
