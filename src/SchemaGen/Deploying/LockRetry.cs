using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Online mode's answer to a busy table: an attempt waits at most <see cref="DeployOptions.OnlineLockTimeout"/> for its
    /// locks (so the writers that queue behind a waiting ALTER TABLE wait at most that long too), then gives up, rolls
    /// back and tries again after an exponential back-off with jitter (as pgroll does), until
    /// <see cref="DeployOptions.LockTimeout"/> has passed since the first attempt.
    /// </summary>
    internal static class LockRetry
    {
        /// <summary>Logged before each retry (tests and operators hook it: the attempt has rolled back and holds nothing).</summary>
        public static readonly EventId Retrying = new(1102, "OnlineLockRetry");

        private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
        private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(2);

        public static async Task RunAsync(DeployOptions options, string what, Func<Task> attempt, CancellationToken cancellationToken) =>
            await RunAsync(options, what, async () => { await attempt(); return true; }, cancellationToken);

        public static async Task<T> RunAsync<T>(DeployOptions options, string what, Func<Task<T>> attempt, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            for (var attempts = 1; ; attempts++)
            {
                try
                {
                    return await attempt();
                }
                catch (Exception e) when (IsLockTimeout(e))
                {
                    var delay = Delay(attempts);
                    if (clock.Elapsed + delay > options.LockTimeout)
                    {
                        throw new SchemaDeployException(
                            $"Online deploy: {what} could not get its locks in {attempts} attempt(s) of {options.OnlineLockTimeout.TotalMilliseconds:0} ms within LockTimeout ({options.LockTimeout.TotalSeconds:0.#} s); "
                            + "each attempt was rolled back. The phases before it are committed and the database is valid; deploy again to continue.",
                            sqlState: PostgresErrorCodes.LockNotAvailable, inner: e);
                    }

                    options.Logger?.LogWarning(Retrying, "{What} waited longer than lock_timeout ({Timeout} ms) for its locks (attempt {Attempt}); retrying in {Delay} ms",
                        what, (long)options.OnlineLockTimeout.TotalMilliseconds, attempts, (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, cancellationToken);
                }
            }
        }

        // 50 ms, 100 ms, 200 ms … up to 2 s, each between half and the whole of it, so deployers do not retry in step.
        private static TimeSpan Delay(int attempts)
        {
            var ceiling = Math.Min(FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 16)), LongestDelay.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(ceiling * (0.5 + 0.5 * Random.Shared.NextDouble()));
        }

        private static bool IsLockTimeout(Exception e) =>
            e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } || e is SchemaDeployException { SqlState: PostgresErrorCodes.LockNotAvailable, Hazards.Count: 0 };
    }
}
