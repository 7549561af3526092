using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaGen
{
    /// <summary>The steps that bring a database to the model, computed without changing anything.</summary>
    /// <param name="Steps">The steps in the order they run.</param>
    /// <param name="Unmanaged">Tables and types in the managed schemas that the model does not have (dropped only with DropUnmanaged).</param>
    public sealed record SchemaPlan(IReadOnlyList<MigrationStep> Steps, IReadOnlyList<string> Unmanaged)
    {
        /// <summary>True when the database already matches the model.</summary>
        public bool IsEmpty => Steps.Count == 0;

        /// <summary>Every hazard of every step.</summary>
        public IReadOnlyList<Hazard> Hazards => Steps.SelectMany(s => s.Hazards).ToList();

        /// <summary>The plan as one SQL script.</summary>
        public string Sql => string.Join("\n", Steps.Select(s => s.Sql));
    }

    /// <summary>What a deployment did.</summary>
    /// <param name="NoOp">True when the database already matched the model and nothing was changed (after DDL elsewhere in the database, the history table's marker takes the catalog's new stamp).</param>
    /// <param name="Safe">True when no applied step had a hazard.</param>
    /// <param name="Steps">The steps applied (or, for a dry run, planned).</param>
    /// <param name="Duration">How long the deployment took.</param>
    /// <param name="HistoryId">The history row written for this deployment; null for a no-op or a dry run.</param>
    public sealed record DeployResult(bool NoOp, bool Safe, IReadOnlyList<MigrationStep> Steps, TimeSpan Duration, long? HistoryId);

    /// <summary>How the database differs from the model.</summary>
    public enum DriftKind
    {
        /// <summary>In the model, not in the database.</summary>
        Missing,

        /// <summary>In the database, not in the model.</summary>
        Extra,

        /// <summary>In both, but not the same.</summary>
        Different,
    }

    /// <summary>One difference, with the model's and the database's version side by side (as SQL where possible).</summary>
    public sealed record Drift(DriftKind Kind, string Object, string? Model, string? Database)
    {
        /// <inheritdoc />
        public override string ToString() => $"{Kind} {Object}" + (Kind == DriftKind.Different ? $": model {Model} | database {Database}" : "");
    }

    /// <summary>What plpgsql_check found in a function body.</summary>
    /// <param name="Function">The function, as <c>schema.name(argument types)</c>.</param>
    /// <param name="Line">The line of the body, when the finding has one.</param>
    /// <param name="Level">error, warning, warning extra, performance or security.</param>
    /// <param name="Message">plpgsql_check's message.</param>
    /// <param name="SqlState">The SQLSTATE of an error.</param>
    /// <param name="Statement">The PL/pgSQL statement, e.g. RETURN QUERY.</param>
    public sealed record FunctionFinding(string Function, int? Line, string Level, string Message, string? SqlState, string? Statement)
    {
        /// <summary>True for an error: the function would fail when called.</summary>
        public bool IsError => Level == "error";

        /// <inheritdoc />
        public override string ToString() => $"{Level} in {Function}{(Line == null ? "" : " line " + Line)}{(Statement == null ? "" : " at " + Statement)}: {Message}";
    }

    /// <summary>The drift between the database and the model, and what plpgsql_check found in the function bodies.</summary>
    /// <param name="Drift">Every object that is missing, extra or different.</param>
    /// <param name="Findings">plpgsql_check's findings (empty when the database does not have the extension).</param>
    public sealed record VerifyResult(IReadOnlyList<Drift> Drift, IReadOnlyList<FunctionFinding> Findings)
    {
        /// <summary>True when the database matches the model and no function body has an error.</summary>
        public bool IsClean => Drift.Count == 0 && !Findings.Any(f => f.IsError);
    }
}
