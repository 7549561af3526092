using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Generators.Diagnostics
{
    /// <summary>The "did you mean" of diagnostics: names close enough (by edit distance, ignoring case) to be what a typo meant.</summary>
    internal static class NameSuggestions
    {
        /// <summary>At most <paramref name="most"/> candidates, nearest first, ties in ordinal order.</summary>
        public static List<string> Closest(string name, IEnumerable<string> candidates, int most) =>
            candidates.Select(c => (Name: c, Distance: Distance(name.ToLowerInvariant(), c.ToLowerInvariant())))
                .Where(c => c.Distance <= Math.Max(2, name.Length / 3))
                .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => c.Name).Take(most).ToList();

        // Levenshtein distance, two rows at a time.
        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
                previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
