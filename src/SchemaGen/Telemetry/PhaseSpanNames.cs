namespace SchemaGen.Telemetry
{
    /// <summary>The span of each <see cref="DeployPhase"/>, a child of the operation's span; null for phases too short to trace.</summary>
    internal static class PhaseSpanNames
    {
        public static string? Of(DeployPhase phase) => phase switch
        {
            DeployPhase.ReadingCatalog => "schemagen.catalog_read",
            DeployPhase.Locking => "schemagen.lock_wait",
            DeployPhase.RenderingShadow => "schemagen.shadow",
            DeployPhase.Planning => "schemagen.planning",
            DeployPhase.ApplyingStep => "schemagen.apply_step",
            DeployPhase.Reverifying => "schemagen.reverify",
            DeployPhase.CheckingFunctions => "schemagen.plpgsql_check",
            DeployPhase.RecordingHistory => "schemagen.history",
            DeployPhase.BuildingOnlineIndexes => "schemagen.online_indexes",
            DeployPhase.ApplyingOnlinePhase => "schemagen.online_phase",
            _ => null, // Unknown, ValidatingModel: no database work
        };
    }
}
