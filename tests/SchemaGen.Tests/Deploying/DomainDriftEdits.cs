using System.Linq;
using SchemaGen.Tests.Infrastructure;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// Hand edits of domains (<c>[assembly: Domain]</c>), part of <see cref="DriftEdits.All"/> through
/// <see cref="ObjectDriftEdits.All"/>. They apply to <see cref="DriftModels.FixedObjects"/>, whose
/// <see cref="DriftModels.FixedObjectsSource"/> declares the domain <c>public.score</c> and a column of it.
/// </summary>
public static class DomainDriftEdits
{
    /// <summary>The domain's declaration, before the namespace of the fixed objects model.</summary>
    public const string Declaration = "[assembly: Domain(\"score\", \"integer\", Schema = \"public\", Check = \"VALUE >= 0 AND VALUE <= 100\")]\n";

    /// <summary>A table with a column of the domain, after the fixed model's classes (no rows: NOT NULL can be set).</summary>
    public const string Table = """

        [Table("scores")]
        public class Score
        {
            [Key] public int Id { get; set; }
            [Column(TypeName = "score")] public int? Value { get; set; }
        }
        """;

    private static PgObjects.Domain? Domain(DriftTarget d) => d.Pick(d.Objects.Domains.Where(x => !x.Name.Contains("drift")));

    private static DriftSql? On(PgObjects.Domain? domain, System.Func<PgObjects.Domain, string> sql) => domain == null ? null : new DriftSql(sql(domain));

    public static readonly DriftEdit[] All =
    [
        new("domain CHECK dropped", Restore.Safe, d => On(Domain(d), x => $"ALTER DOMAIN {x.Name} DROP CONSTRAINT {DriftTarget.Q(x.Name[(x.Name.IndexOf('.') + 1)..].Trim('"') + "_check")};")),
        new("domain CHECK added by hand", Restore.Safe, d => On(Domain(d), x => $"ALTER DOMAIN {x.Name} ADD CONSTRAINT drift_check CHECK (VALUE <> 42);")),
        new("domain DEFAULT set", Restore.Safe, d => On(Domain(d), x => $"ALTER DOMAIN {x.Name} SET DEFAULT 7;")),
        new("domain NOT NULL set", Restore.Safe, d => On(d.Pick(d.Objects.Domains.Where(x => !x.NotNull && !x.Name.Contains("drift"))), x => $"ALTER DOMAIN {x.Name} SET NOT NULL;")),
        new("domain comment added", Restore.Safe, d => On(Domain(d), x => $"COMMENT ON DOMAIN {x.Name} IS 'drift';")),
    ];
}
