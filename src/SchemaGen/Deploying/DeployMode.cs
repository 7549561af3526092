namespace SchemaGen
{
    /// <summary>How a deployment applies its plan.</summary>
    public enum DeployMode
    {
        /// <summary>Every step in one transaction, re-verified before the commit: all or nothing (the default).</summary>
        Atomic,

        /// <summary>
        /// Phases of short transactions with a short lock_timeout, retried: expand, concurrent index builds, one
        /// VALIDATE per transaction, SET NOT NULL over a validated CHECK, contract. Writers keep going; every state
        /// between phases is a valid database that the next deploy continues from. See docs/deploying.md.
        /// </summary>
        Online,
    }
}
