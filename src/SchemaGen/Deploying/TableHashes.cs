using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// A hash per table of a model, and one of everything else in it (enums, domains, functions, triggers, views, sequences,
    /// extensions, schemas), computed at run time from the model data. A history row records them beside the rendered target,
    /// so the next deployment of a changed model knows which tables' rendering it can take from that target unchanged
    /// (<see cref="ScopedShadow"/>). Each entry is <c>"&lt;hash&gt; &lt;key&gt;"</c>: the key is the table's qualified name, or
    /// <see cref="RestKey"/> for the rest of the model.
    /// </summary>
    internal static class TableHashes
    {
        /// <summary>The key of the entry for everything but the tables (never a qualified name, which has a dot).</summary>
        public const string RestKey = "*";

        public static string[] Of(SchemaModel model)
        {
            var empty = new SchemaModel(EquatableArray<string>.Empty, EquatableArray<EnumModel>.Empty, EquatableArray<TableModel>.Empty,
                EquatableArray<FunctionModel>.Empty, EquatableArray<TriggerModel>.Empty);
            return model.Tables.Select(t => Entry(empty with { Tables = new[] { t }.ToEquatableArray() }, Key(t)))
                .Append(Entry(model with { Tables = EquatableArray<TableModel>.Empty }, RestKey))
                .ToArray();
        }

        public static string Key(TableModel table) => Key(table.Schema, table.Name);

        public static string Key(string schema, string name) => SqlSyntax.QualifiedName(schema, name);

        /// <summary>
        /// The keys of the tables whose entries differ between the two lists (added, removed or changed), or null when the
        /// rest of the model differs (or either list is malformed): then no table's rendering can be trusted unchanged.
        /// </summary>
        public static HashSet<string>? ChangedTables(IReadOnlyList<string> previous, IReadOnlyList<string> current)
        {
            var before = Parse(previous);
            var after = Parse(current);
            if (before == null || after == null || !before.TryGetValue(RestKey, out var rest) || !after.TryGetValue(RestKey, out var restNow) || rest != restNow)
                return null;
            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in before.Keys.Union(after.Keys))
                if (key != RestKey && (!before.TryGetValue(key, out var was) || !after.TryGetValue(key, out var now) || was != now))
                    changed.Add(key);
            return changed;
        }

        private static string Entry(SchemaModel model, string key) => StableHash.Sha256Hex(ModelData.Write(model)).Substring(0, 32) + " " + key;

        private static Dictionary<string, string>? Parse(IReadOnlyList<string> entries)
        {
            var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var space = entry.IndexOf(' ');
                if (space <= 0 || !parsed.TryAdd(entry.Substring(space + 1), entry.Substring(0, space)))
                    return null;
            }

            return parsed;
        }
    }
}
