namespace SchemaGen.Hosting
{
    /// <summary>What the hosted service does with the database when the application starts.</summary>
    public enum SchemaStartupAction
    {
        /// <summary>Bring the database to the model before the application serves (the default).</summary>
        Deploy,

        /// <summary>Only compare the database with the model and log the drift (replicas, read-only roles).</summary>
        Verify,

        /// <summary>Do nothing at start-up (the health check can still report drift).</summary>
        None,
    }
}
