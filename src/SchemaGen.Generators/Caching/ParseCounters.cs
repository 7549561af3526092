using System.Threading;

namespace SchemaGen.Generators.Caching
{
    /// <summary>
    /// For tests only: how many transforms parsed and how many reused a result, counted while a test has set
    /// <see cref="Observed"/> (an array of two: parsed, reused) on its own flow; nothing is counted otherwise.
    /// Read by reflection, as the tests read <c>TrackingNames</c>.
    /// </summary>
    internal static class ParseCounters
    {
        internal static readonly AsyncLocal<int[]?> Observed = new AsyncLocal<int[]?>();

        public static void Count(bool reused)
        {
            if (Observed.Value is { } counts)
                Interlocked.Increment(ref counts[reused ? 1 : 0]);
        }
    }
}
