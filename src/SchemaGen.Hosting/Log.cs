using System;
using Microsoft.Extensions.Logging;

namespace SchemaGen.Hosting
{
    /// <summary>The hosting package's log messages (source-generated, so they cost nothing when the level is off).</summary>
    internal static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Schema {ModelHash} is already deployed ({Duration} ms).")]
        public static partial void AlreadyDeployed(ILogger logger, string modelHash, long duration);

        [LoggerMessage(2, LogLevel.Information, "Deployed schema {ModelHash}: {Steps} steps in {Duration} ms (history {HistoryId}).")]
        public static partial void Deployed(ILogger logger, string modelHash, int steps, long duration, long? historyId);

        [LoggerMessage(3, LogLevel.Critical, "The schema deployment was refused or failed; the application does not start. {Reason}")]
        public static partial void DeployFailed(ILogger logger, string reason, Exception exception);

        [LoggerMessage(4, LogLevel.Information, "The database matches schema {ModelHash}.")]
        public static partial void VerifiedClean(ILogger logger, string modelHash);

        [LoggerMessage(5, LogLevel.Warning, "The database differs from schema {ModelHash} in {Count} places: {Drift}")]
        public static partial void Drifted(ILogger logger, string modelHash, int count, string drift);

        [LoggerMessage(6, LogLevel.Critical, "The database differs from schema {ModelHash} and SchemaGen:FailOnDrift is set; the application does not start.")]
        public static partial void DriftStopsStartup(ILogger logger, string modelHash);
    }
}
