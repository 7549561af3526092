using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Numerics;

namespace SchemaGen.Catalog
{
    /// <summary>
    /// The digests of the per-table catalog queries (<see cref="CatalogFingerprint.PerTable"/>: columns, constraints, indexes),
    /// one per query and table: the count of that table's rows and the sum of their hashes, <c>"count:sum"</c>. A query's
    /// digest in the fingerprint is the count and sum over all its rows (<see cref="Combined"/>), so the fingerprint of a
    /// catalog read table by table is the one the server computes over all of it. A deployment records them with the catalog
    /// it read (the history row's <c>live_digests</c>); the next one re-reads only the tables that changed and takes the other
    /// tables' digests from that record.
    /// </summary>
    internal sealed class TableDigests
    {
        // Query (its index in CatalogReader.Queries), schema, table → digest.
        private readonly Dictionary<(int Query, string Schema, string Table), string> _digests = new();

        public void Add(int query, string schema, string table, string digest) => _digests[(query, schema, table)] = digest;

        /// <summary>A query's digest: the sum of its tables' counts and sums, as PostgreSQL prints <c>count(*) || ':' || sum(…)</c>.</summary>
        public string Combined(int query)
        {
            var total = CountAndSum.Zero;
            foreach (var digest in _digests.Where(d => d.Key.Query == query).Select(d => d.Value))
                total += CountAndSum.Parse(digest)!.Value;
            return total.ToString();
        }

        /// <summary>These digests for every table but <paramref name="reread"/>, whose digests are <paramref name="fresh"/>'s.</summary>
        public TableDigests With(TableDigests fresh, IReadOnlyCollection<(string Schema, string Name)> reread)
        {
            var tables = new HashSet<(string, string)>(reread);
            var merged = new TableDigests();
            foreach (var (key, digest) in _digests.Where(d => !tables.Contains((d.Key.Schema, d.Key.Table))).Concat(fresh._digests.Where(d => tables.Contains((d.Key.Schema, d.Key.Table)))))
                merged._digests[key] = digest;
            return merged;
        }

        /// <summary>One line per digest: query, schema, table and digest separated by tabs, names escaped (TabSeparated).</summary>
        public string Write() => string.Join("\n", _digests.OrderBy(d => d.Key.Query).ThenBy(d => d.Key.Schema, StringComparer.Ordinal).ThenBy(d => d.Key.Table, StringComparer.Ordinal)
            .Select(d => d.Key.Query + "\t" + TabSeparated.Escape(d.Key.Schema) + "\t" + TabSeparated.Escape(d.Key.Table) + "\t" + d.Value));

        /// <summary>The digests <see cref="Write"/> wrote, or null for damaged text.</summary>
        public static TableDigests? Read(string text)
        {
            var digests = new TableDigests();
            if (text.Length == 0)
                return digests;
            foreach (var line in text.Split('\n'))
            {
                var fields = line.Split('\t');
                if (fields.Length != 4 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var query)
                    || TabSeparated.Unescape(fields[1]) is not { } schema || TabSeparated.Unescape(fields[2]) is not { } table || CountAndSum.Parse(fields[3]) == null)
                    return null;
                digests._digests[(query, schema, table)] = fields[3];
            }

            return digests;
        }
    }
}
