using System.Linq;
using System.Text.RegularExpressions;
using SchemaGen.Tests.Infrastructure;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// Hand edits of the objects beyond tables (issue 12) that templates and <c>[assembly: Extension]</c> manage: views,
/// materialized views and their indexes, sequences, aggregates and the functions under them, extensions. Part of
/// <see cref="DriftEdits.All"/>; they apply to <see cref="DriftModels.FixedObjects"/> and to the random models that
/// have such objects.
/// </summary>
public static class ObjectDriftEdits
{
    // A view's query as pg_get_viewdef prints it, without its final semicolon, usable as a subquery.
    private static string Query(PgObjects.View view) => view.Definition.Trim().TrimEnd(';');

    private static DriftSql? On<T>(T? item, System.Func<T, string> sql) where T : class => item == null ? null : new DriftSql(sql(item));

    private static PgObjects.View? View(DriftTarget d, char kind) => d.Pick(d.Objects.Views.Where(v => v.Kind == kind && !v.Name.Contains("drift")));

    // Template sequences only: a sequence a column owns (identity) is the column's, and the table edits cover it.
    private static PgObjects.Sequence? Sequence(DriftTarget d) => d.Pick(d.Objects.Sequences.Where(s => s.OwnedBy == null));

    public static readonly DriftEdit[] All =
    [
        // ---- views
        new("view query changed", Restore.Safe, d => On(View(d, 'v'), v => $"CREATE OR REPLACE VIEW {v.Name} AS SELECT * FROM ({Query(v)}) drift WHERE false;")),
        new("view column added by hand", Restore.Safe, d => On(View(d, 'v'), v => $"CREATE OR REPLACE VIEW {v.Name} AS SELECT drift.*, 1 AS drift_extra FROM ({Query(v)}) drift;")),
        new("view dropped (with the views over it)", Restore.Safe, d => On(View(d, 'v'), v => $"DROP VIEW {v.Name} CASCADE;")),
        new("view made security_barrier", Restore.Safe, d => On(View(d, 'v'), v => $"ALTER VIEW {v.Name} SET (security_barrier = true);")),

        // ---- materialized views and their indexes
        new("materialized view dropped", Restore.Safe, d => On(View(d, 'm'), v => $"DROP MATERIALIZED VIEW {v.Name} CASCADE;")),
        new("materialized view query changed", Restore.Safe, d => On(View(d, 'm'), v =>
            $"DROP MATERIALIZED VIEW {v.Name} CASCADE;\nCREATE MATERIALIZED VIEW {v.Name} AS SELECT * FROM ({Query(v)}) drift WHERE false;")),
        new("materialized view index dropped", Restore.Safe, d => On(d.Pick(d.Objects.ViewIndexes),
            i => $"DROP INDEX {DriftTarget.Schema(i.View)}.{DriftTarget.Q(i.Name)};")),
        new("materialized view index made non-unique", Restore.Safe, d => On(d.Pick(d.Objects.ViewIndexes.Where(i => i.Definition.StartsWith("CREATE UNIQUE", System.StringComparison.Ordinal))),
            i => $"DROP INDEX {DriftTarget.Schema(i.View)}.{DriftTarget.Q(i.Name)};\n{i.Definition.Replace("CREATE UNIQUE INDEX", "CREATE INDEX", System.StringComparison.Ordinal)};")),

        // ---- sequences
        new("sequence INCREMENT changed", Restore.Safe, d => On(Sequence(d), s => $"ALTER SEQUENCE {s.Name} INCREMENT BY 7;")),
        new("sequence made CYCLE", Restore.Safe, d => On(Sequence(d), s => $"ALTER SEQUENCE {s.Name} CYCLE;")),
        new("sequence MAXVALUE lowered", Restore.Safe, d => On(Sequence(d), s => $"ALTER SEQUENCE {s.Name} MAXVALUE 100000;")),
        new("sequence dropped", Restore.Safe, d => On(Sequence(d), s => $"DROP SEQUENCE {s.Name};")),

        // ---- aggregates and the functions under them
        new("aggregate dropped (with the views calling it)", Restore.Safe, d => On(d.Pick(d.Objects.Aggregates), a => $"DROP AGGREGATE {a.Signature} CASCADE;")),
        new("aggregate INITCOND changed", Restore.Safe, d => On(d.Pick(d.Objects.Aggregates), a =>
        {
            var parts = Regex.Match(a.Definition, @"sfunc (?<sfunc>[^,]+), stype (?<stype>[^,]+),");
            return $"DROP AGGREGATE {a.Signature} CASCADE;\n"
                + $"CREATE AGGREGATE {a.Signature} (SFUNC = {parts.Groups["sfunc"].Value}, STYPE = {parts.Groups["stype"].Value}, INITCOND = '42');";
        })),
        new("SQL function body changed", Restore.Safe, d => On(d.Pick(d.Objects.Functions.Where(f => f.Definition.Contains("LANGUAGE sql") && f.Definition.Contains("AS $function$"))),
            f => Regex.Replace(f.Definition, @"AS \$function\$(?<body>.*)\$function\$", "AS $function$ SELECT (${body}) $function$", RegexOptions.Singleline) + ";")),
        new("extra aggregate", Restore.Unmanaged, _ => new DriftSql("CREATE AGGREGATE public.drift_agg(integer) (SFUNC = int4pl, STYPE = integer);"), "drift_agg"),

        // ---- extensions
        new("extension dropped", Restore.Safe, d => On(d.Pick(d.Objects.Extensions.Where(x => x.Name != "plpgsql_check")), x => $"DROP EXTENSION {DriftTarget.Q(x.Name)};")),

        // ---- domains
        .. DomainDriftEdits.All,
    ];
}
