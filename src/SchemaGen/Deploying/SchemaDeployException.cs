using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace SchemaGen
{
    /// <summary>Which call of <see cref="SchemaDeployer"/> failed.</summary>
    public enum DeployOperation
    {
        /// <summary><c>Deploy</c>: bring the database to the model.</summary>
        Deploy,

        /// <summary><c>Plan</c>: what Deploy would do (read-only).</summary>
        Plan,

        /// <summary><c>Verify</c>: how the database differs from the model (read-only).</summary>
        Verify,

        /// <summary><c>Rollback</c>: bring the database back to an earlier deployment's model.</summary>
        Rollback,
    }

    /// <summary>What the deployer was doing when it failed.</summary>
    public enum DeployPhase
    {
        /// <summary>Not known (an exception raised outside a deploy, plan or verification).</summary>
        Unknown,

        /// <summary>Checking the model before touching the database (e.g. a table with a reserved name).</summary>
        ValidatingModel,

        /// <summary>Reading the live catalog.</summary>
        ReadingCatalog,

        /// <summary>Waiting for the deployment's advisory lock.</summary>
        Locking,

        /// <summary>Creating the model in scratch schemas and reading it back (the shadow).</summary>
        RenderingShadow,

        /// <summary>Diffing and probing the data for hazards; a refused plan fails here.</summary>
        Planning,

        /// <summary>Running one step of the plan (<see cref="SchemaDeployException.Step"/> says which).</summary>
        ApplyingStep,

        /// <summary>Reading the catalog again after the steps and diffing it against the model.</summary>
        Reverifying,

        /// <summary>Checking function bodies with plpgsql_check.</summary>
        CheckingFunctions,

        /// <summary>Writing the row and the marker of the history table.</summary>
        RecordingHistory,

        /// <summary>Building indexes with CREATE INDEX CONCURRENTLY after the commit.</summary>
        BuildingOnlineIndexes,

        /// <summary>Online mode: running a phase after the first (validate, SET NOT NULL, contract); earlier phases are committed.</summary>
        ApplyingOnlinePhase,
    }

    /// <summary>
    /// A deployment, plan or verification that did not happen. The database is as it was before: either PostgreSQL
    /// refused a statement (<see cref="Statement"/>, <see cref="SqlState"/>, <see cref="Position"/> say which and
    /// where), or the plan had hazards that the options do not allow (<see cref="Hazards"/> lists them all), or
    /// plpgsql_check found errors in function bodies (<see cref="Findings"/>). <see cref="Operation"/> and
    /// <see cref="Phase"/> say what was being done, and the message starts with them ("Plan failed while rendering the
    /// model in a scratch schema: …").
    /// </summary>
    public sealed class SchemaDeployException : Exception
    {
        private readonly string _detail;

        internal SchemaDeployException(string message, string? statement = null, string? sqlState = null, int? position = null,
            IReadOnlyList<Hazard>? hazards = null, Exception? inner = null, IReadOnlyList<FunctionFinding>? findings = null,
            DeployPhase phase = DeployPhase.Unknown, int? step = null)
            : base(message, inner)
        {
            _detail = message;
            Findings = findings ?? Array.Empty<FunctionFinding>();
            Statement = statement;
            SqlState = sqlState;
            Position = position;
            Hazards = hazards ?? Array.Empty<Hazard>();
            Phase = phase;
            Step = step;
        }

        /// <summary>
        /// What failed and while doing what, then the detail: "Deploy failed while applying step 3: PostgreSQL refused …".
        /// A refused plan keeps its own message, which lists the hazards.
        /// </summary>
        public override string Message =>
            Phase == DeployPhase.Unknown || Hazards.Count > 0 ? _detail : $"{Operation} failed while {Describe(Phase, Step)}: {_detail}";

        /// <summary>The call that failed: Deploy, Plan or Verify.</summary>
        public DeployOperation Operation { get; internal set; }

        /// <summary>What the deployer was doing when it failed.</summary>
        public DeployPhase Phase { get; internal set; }

        /// <summary>With <see cref="DeployPhase.ApplyingStep"/>, the 1-based number of the step in the plan being applied.</summary>
        public int? Step { get; }

        /// <summary>The statement PostgreSQL refused, if one was.</summary>
        public string? Statement { get; }

        /// <summary>PostgreSQL's SQLSTATE for the refusal (e.g. 23514 check_violation, 42501 insufficient_privilege).</summary>
        public string? SqlState { get; }

        /// <summary>The 1-based character position in <see cref="Statement"/> PostgreSQL pointed at, if it did.</summary>
        public int? Position { get; }

        /// <summary>plpgsql_check's errors, when function bodies failed the check.</summary>
        public IReadOnlyList<FunctionFinding> Findings { get; }

        /// <summary>The hazards that were not allowed, when the plan was refused.</summary>
        public IReadOnlyList<Hazard> Hazards { get; }

        internal static SchemaDeployException Refused(IReadOnlyList<Hazard> hazards) => new(
            "The deployment was refused before changing anything: the plan has " + hazards.Count + " hazard(s) and AllowDataLoss is false.\n"
            + string.Join("\n", hazards.Select(h => "  " + h)),
            hazards: hazards, phase: DeployPhase.Planning);

        /// <summary>
        /// A statement PostgreSQL refused, in a phase: <paramref name="what"/>, PostgreSQL's message and SQLSTATE, the
        /// privilege that is missing when it is 42501, and the statement. A caller with the connection at hand passes it, so that the
        /// advice for a missing extension names the package of the server's version.
        /// </summary>
        internal static SchemaDeployException FromPostgres(DeployPhase phase, PostgresException e, string? statement, string what, int? step = null,
            NpgsqlConnection? connection = null)
        {
            var message = $"{what}: {e.MessageText} (SQLSTATE {e.SqlState}).";
            if (e.Detail is { Length: > 0 } detail)
                message += " " + detail;
            if (Deploying.ExtensionErrors.Explain(e, statement, ServerMajor(connection)) is { } extension)
                message += " " + extension;
            else if (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                message += " " + MissingPrivilege(e.MessageText, statement);
            message += phase switch
            {
                DeployPhase.BuildingOnlineIndexes => " The steps before it were committed; the next deploy builds the index again.",
                DeployPhase.ApplyingOnlinePhase => " The online phases before it were committed and the database is valid; the next deploy continues from there.",
                _ => " The transaction was rolled back; nothing was changed.",
            };
            if (statement != null)
                message += "\n" + statement;
            return new SchemaDeployException(message, statement, e.SqlState, e.Position == 0 ? null : e.Position, inner: e, phase: phase, step: step);
        }

        // An error that ends the backend (57P01, a terminated session) has closed the connection by now: its version is then
        // unknown, and asking for it would throw "Connection is not open" in place of PostgreSQL's error.
        private static int? ServerMajor(NpgsqlConnection? connection) =>
            connection is { State: System.Data.ConnectionState.Open } ? connection.PostgreSqlVersion.Major : null;

        /// <summary>Any other failure of the connection or the server in a phase (a broken connection, a timeout).</summary>
        internal static SchemaDeployException FromNpgsql(DeployPhase phase, NpgsqlException e) => e is PostgresException postgres
            ? FromPostgres(phase, postgres, postgres.BatchCommand?.CommandText, "PostgreSQL refused a statement")
            : new SchemaDeployException(e.Message + (phase == DeployPhase.ApplyingOnlinePhase
                ? " The online phases before it were committed and the database is valid; the next deploy continues from there."
                : " The transaction was rolled back; nothing was changed."), inner: e, phase: phase);

        // 42501 says what was denied ("permission denied for database app", "must be owner of table jobs"): name the privilege
        // the statement needs, in the words of the GRANT that gives it.
        internal static string MissingPrivilege(string messageText, string? statement)
        {
            const string denied = "permission denied for ";
            const string owner = "must be owner of ";
            var verb = statement?.TrimStart().Split(' ', '\n', '\t').FirstOrDefault()?.ToUpperInvariant() ?? "";
            if (messageText.StartsWith(owner, StringComparison.Ordinal))
                return $"The connecting role must own {messageText.Substring(owner.Length)} (or be a member of the role that owns it) to change it.";
            if (!messageText.StartsWith(denied, StringComparison.Ordinal))
                return "The connecting role lacks a privilege this statement needs.";

            var target = messageText.Substring(denied.Length); // "database app", "schema app", "table jobs"
            var kind = target.Split(' ')[0];
            var privilege = kind switch
            {
                "database" when statement != null && statement.TrimStart().StartsWith("CREATE SCHEMA", StringComparison.OrdinalIgnoreCase) =>
                    "CREATE privilege on " + target + ", which creating a schema needs (a managed schema that does not exist yet: an administrator can create it owned by this role)",
                "database" => "CREATE privilege on " + target,
                "schema" when verb is "CREATE" or "ALTER" => "CREATE privilege on " + target,
                "schema" => "USAGE privilege on " + target,
                "table" or "relation" or "view" or "sequence" when verb is "SELECT" or "WITH" => "SELECT privilege on " + target,
                "table" or "relation" or "sequence" when verb is "INSERT" => "INSERT privilege on " + target,
                "table" or "relation" or "sequence" when verb is "UPDATE" => "UPDATE privilege on " + target,
                "function" or "procedure" => "EXECUTE privilege on " + target,
                "type" => "USAGE privilege on " + target,
                _ => "the privilege on " + target + " that " + (verb.Length == 0 ? "the statement" : verb) + " needs",
            };
            return $"The connecting role lacks the {privilege}.";
        }

        private static string Describe(DeployPhase phase, int? step) => phase switch
        {
            DeployPhase.ValidatingModel => "validating the model",
            DeployPhase.ReadingCatalog => "reading the catalog",
            DeployPhase.Locking => "waiting for the deployment lock",
            DeployPhase.RenderingShadow => "rendering the model in a scratch schema",
            DeployPhase.Planning => "planning",
            DeployPhase.ApplyingStep => step == null ? "applying the plan" : $"applying step {step}",
            DeployPhase.Reverifying => "re-verifying the database against the model",
            DeployPhase.CheckingFunctions => "checking function bodies",
            DeployPhase.RecordingHistory => "recording the deployment in the history table",
            DeployPhase.BuildingOnlineIndexes => "building indexes concurrently",
            DeployPhase.ApplyingOnlinePhase => "applying an online phase",
            _ => "working",
        };
    }
}
