using System.Collections.Generic;
using System.Linq;
using CsCheck;
using SchemaGen.Model;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// The objects beyond tables of a random model (issue 12): an extension, a sequence, an aggregate over a template
/// function, a view over the first table (with a second view over it, and one calling the aggregate), and a
/// materialized view with a unique index, and a domain (with a view that casts to it). Each is stated in the <c>.sql</c>
/// templates of <see cref="Templates"/> or the attributes of <see cref="Source"/>,
/// written from the tables as they are, so a renamed table or column, a dropped or retyped column is seen through
/// the views: the deployer must move the views out of the way of such a change.
/// </summary>
/// <param name="Extension">An extension of the contrib set the cluster has (citext, hstore, pgcrypto), or null.</param>
/// <param name="SequenceIncrement">The sequence's INCREMENT (and null: no sequence); its CACHE follows it.</param>
/// <param name="ViewThreshold">The view's WHERE key &gt; threshold (null: no views); the view also selects the table's first column.</param>
/// <param name="ViewOverView">A second view selecting from the first.</param>
/// <param name="AggregateStart">The aggregate's INITCOND (null: no aggregate, nor the view that calls it).</param>
/// <param name="MaterializedView">The materialized view over the first table's key.</param>
/// <param name="MaterializedIndex">The unique index on the materialized view.</param>
/// <param name="DomainMin">The domain <c>d0</c>'s CHECK (VALUE &gt;= min); null: no domain.</param>
/// <param name="DomainBigint">The domain's base type: bigint, else integer (a change recreates the domain).</param>
/// <param name="DomainView">A view that uses the domain only as a type, in a cast.</param>
public sealed record ObjectsSpec(string? Extension = null, int? SequenceIncrement = null, int? ViewThreshold = null, bool ViewOverView = false,
    int? AggregateStart = null, bool MaterializedView = false, bool MaterializedIndex = false, int? DomainMin = null, bool DomainBigint = false,
    bool DomainView = false)
{
    public static readonly ObjectsSpec None = new();

    /// <summary>The extensions a model may declare; every one is in PostgreSQL's contrib, which the test cluster has.</summary>
    public static readonly string[] Extensions = ["citext", "hstore", "pgcrypto"];

    /// <summary>The number of <see cref="Mutate"/> kinds.</summary>
    public const int MutationKinds = 13;

    public static readonly Gen<ObjectsSpec> Gen =
        from extension in CsCheck.Gen.Int[0, 5]
        from sequence in CsCheck.Gen.Int[0, 3]
        from view in CsCheck.Gen.Int[0, 3]
        from viewOverView in CsCheck.Gen.Bool
        from aggregate in CsCheck.Gen.Int[0, 3]
        from materialized in CsCheck.Gen.Int[0, 2]
        from domain in CsCheck.Gen.Int[0, 5]
        select new ObjectsSpec(
            extension < Extensions.Length ? Extensions[extension] : null,
            sequence == 0 ? null : sequence,
            view == 0 ? null : view * 2,
            viewOverView,
            aggregate == 0 ? null : aggregate,
            materialized > 0,
            materialized == 2,
            domain < 3 ? null : domain,
            domain == 4,
            domain == 5);

    /// <summary>
    /// One change of the objects, picked by <paramref name="kind"/>; <paramref name="value"/> picks the new value. An
    /// extension or a domain is only ever added: the deployer never drops an extension, and drops a domain the model no
    /// longer has only with DropUnmanaged (documented), so a model without it would still find it in the database and
    /// "migrated equals fresh" would not hold by design.
    /// </summary>
    public ObjectsSpec Mutate(int kind, int value) => kind switch
    {
        0 when Extension == null => this with { Extension = Extensions[value % Extensions.Length] },
        1 => this with { SequenceIncrement = SequenceIncrement == null ? 1 + value % 3 : null },
        2 when SequenceIncrement != null => this with { SequenceIncrement = SequenceIncrement + 1 + value % 4 },
        3 => this with { ViewThreshold = ViewThreshold == null ? value % 5 : null },
        4 when ViewThreshold != null => this with { ViewThreshold = ViewThreshold + 1 + value % 3 },
        5 => this with { ViewOverView = !ViewOverView },
        6 => this with { AggregateStart = AggregateStart == null ? value % 4 : null },
        7 => this with { MaterializedView = !MaterializedView, MaterializedIndex = !MaterializedView && value % 2 == 0 },
        8 when MaterializedView => this with { MaterializedIndex = !MaterializedIndex },
        9 when DomainMin == null => this with { DomainMin = value % 3 },
        10 when DomainMin != null => this with { DomainMin = DomainMin + 1 + value % 3 },
        11 when DomainMin != null => this with { DomainBigint = !DomainBigint },
        12 when DomainMin != null => this with { DomainView = !DomainView },
        _ => this,
    };

    /// <summary>The <c>.sql</c> templates of these objects over the model's first table (none when there are no objects).</summary>
    public (string Path, string Text)[] Templates(ModelSpec model)
    {
        var table = model.Tables[0];
        var key = SqlSyntax.Identifier(table.Key);
        var files = new List<(string, string)>();
        if (SequenceIncrement is { } increment)
            files.Add(("/project/Sql/01_sequences.sql", $"CREATE SEQUENCE public.seq0 INCREMENT {increment} CACHE {increment * 5};\n"));
        if (AggregateStart is { } start)
            files.Add(("/project/Sql/02_aggregates.sql", $"""
                CREATE OR REPLACE FUNCTION public.total_step(state bigint, value integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT state + coalesce(value, 0) $$;

                CREATE AGGREGATE public.total(integer) (SFUNC = public.total_step, STYPE = bigint, INITCOND = '{start}');

                """));
        var views = new List<string>();
        if (ViewThreshold is { } threshold)
        {
            var first = table.Columns.Length == 0 ? "" : ", " + SqlSyntax.Identifier(table.Columns[0].Name) + " AS v";
            views.Add($"CREATE VIEW public.v0 AS SELECT {key} AS k{first} FROM public.{table.Name} WHERE {key} > {threshold};");
            if (ViewOverView)
                views.Add("CREATE VIEW public.v0_count AS SELECT count(*) AS n FROM public.v0;");
            if (AggregateStart != null)
                views.Add($"CREATE VIEW public.v0_total AS SELECT public.total({key}) AS total FROM public.{table.Name};");
        }

        if (DomainMin != null && DomainView)
            views.Add("CREATE VIEW public.v_d0 AS SELECT NULL::public.d0 AS nothing;");
        if (MaterializedView)
        {
            views.Add($"CREATE MATERIALIZED VIEW public.mv0 AS SELECT {key} AS k FROM public.{table.Name} WITH DATA;");
            if (MaterializedIndex)
                views.Add("CREATE UNIQUE INDEX mv0_k ON public.mv0 (k);");
        }

        if (views.Count > 0)
            files.Add(("/project/Sql/03_views.sql", string.Join("\n\n", views) + "\n"));
        return files.ToArray();
    }

    /// <summary>The C# the objects add to the model: the extension's and the domain's assembly attributes.</summary>
    public string Source() =>
        (Extension == null ? "" : $"[assembly: Extension(\"{Extension}\")]\n\n")
        + (DomainMin is { } min ? $"[assembly: Domain(\"d0\", \"{(DomainBigint ? "bigint" : "integer")}\", Schema = \"public\", Check = \"VALUE >= {min}\")]\n\n" : "");
}
