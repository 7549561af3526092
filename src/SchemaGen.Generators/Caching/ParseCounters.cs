using System.Threading;

namespace SchemaGen.Generators.Caching
{
    /// <summary>
    /// For tests only: how many transforms parsed, how many reused a result and how many of the parses
    /// <see cref="ParseAhead{TResult}"/>'s worker made, counted while a test has set <see cref="Observed"/> (an array of
    /// three) on its own flow, which the worker's task inherits; nothing is counted otherwise. Read by reflection, as the
    /// tests read <c>TrackingNames</c>.
    /// </summary>
    internal static class ParseCounters
    {
        internal static readonly AsyncLocal<int[]?> Observed = new AsyncLocal<int[]?>();

        /// <summary>
        /// Set by a test: the worker runs to its end on the transform's thread before the first transform parses, so that
        /// which side parses a class does not depend on how the threads are scheduled.
        /// </summary>
        internal static readonly AsyncLocal<bool> AheadFirst = new AsyncLocal<bool>();

        public static void Count(bool reused, bool ahead = false)
        {
            if (Observed.Value is not { } counts)
                return;
            Interlocked.Increment(ref counts[reused ? 1 : 0]);
            if (ahead)
                Interlocked.Increment(ref counts[2]);
        }
    }
}
