using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Model
{
    /// <summary>
    /// Orders tables so that each comes after the tables it references. Ties and cycles are broken by
    /// (schema, name), so the order is the same on every build whatever order the models were found in.
    /// </summary>
    static partial class TableOrder
    {
        /// <summary>Tables in creation order.</summary>
        public static TableModel[] Sort(IEnumerable<TableModel> tables)
        {
            var remaining = tables
                .OrderBy(t => t.Schema, StringComparer.Ordinal)
                .ThenBy(t => t.Name, StringComparer.Ordinal)
                .ToList();
            var created = new HashSet<(string, string)>();
            var inModel = new HashSet<(string, string)>(remaining.Select(t => (t.Schema, t.Name)));
            var ordered = new List<TableModel>(remaining.Count);

            while (remaining.Count > 0)
            {
                // The first table whose references all exist; in a cycle, the first table left (its
                // references to later tables become ALTER TABLE … ADD CONSTRAINT after the tables).
                var next = remaining.FirstOrDefault(t => t.ForeignKeys.All(fk => IsSatisfied(t, fk, created, inModel)))
                    ?? remaining[0];
                remaining.Remove(next);
                created.Add((next.Schema, next.Name));
                ordered.Add(next);
            }

            return ordered.ToArray();
        }

        private static bool IsSatisfied(TableModel table, ForeignKeyModel fk, HashSet<(string, string)> created, HashSet<(string, string)> inModel)
        {
            var target = (fk.RefSchema, fk.RefTable);
            var isSelf = target == (table.Schema, table.Name);
            return isSelf || !inModel.Contains(target) || created.Contains(target);
        }
    }
}
