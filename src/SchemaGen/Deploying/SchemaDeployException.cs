using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaGen
{
    /// <summary>
    /// A deployment that did not happen. The database is as it was before: either PostgreSQL refused a
    /// statement (<see cref="Statement"/>, <see cref="SqlState"/>, <see cref="Position"/> say which and where),
    /// or the plan had hazards that the options do not allow (<see cref="Hazards"/> lists them all), or plpgsql_check
    /// found errors in function bodies (<see cref="Findings"/>).
    /// </summary>
    public sealed class SchemaDeployException : Exception
    {
        internal SchemaDeployException(string message, string? statement = null, string? sqlState = null, int? position = null,
            IReadOnlyList<Hazard>? hazards = null, Exception? inner = null, IReadOnlyList<FunctionFinding>? findings = null)
            : base(message, inner)
        {
            Findings = findings ?? Array.Empty<FunctionFinding>();
            Statement = statement;
            SqlState = sqlState;
            Position = position;
            Hazards = hazards ?? Array.Empty<Hazard>();
        }

        /// <summary>The statement PostgreSQL refused, if one was.</summary>
        public string? Statement { get; }

        /// <summary>PostgreSQL's SQLSTATE for the refusal (e.g. 23514 check_violation).</summary>
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
            hazards: hazards);
    }
}
