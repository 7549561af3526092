using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Objects;

/// <summary>
/// <c>[assembly: Domain]</c> on the throwaway cluster: created before the tables whose columns use it and enforced there;
/// a round trip is clean; a changed CHECK is refused while stored values violate it (counted, the domain named) and applied
/// NOT VALID then validated when none do; default and NOT NULL change in place; a base type change recreates the domain
/// and converts its columns; a domain the model drops is kept while a column uses it; a hand-made change is drift.
/// </summary>
public class DomainTests
{
    private const string Films = """
        {0}

        namespace DomainModels;

        [Table("films")]
        public class Film
        {
            [Key] public int Id { get; set; }
            [Column(TypeName = "year")] public int ReleaseYear { get; set; }
            [Column(TypeName = "public.us_postal_code")] public string? Zip { get; set; }
        }
        """;

    private const string Year = """[assembly: Domain("year", "integer", Check = "VALUE >= 1901 AND VALUE <= 2155")]""";
    private const string Zip = """[assembly: Domain("us_postal_code", "text", Schema = "public", Check = "VALUE ~ '^\\d{5}$' OR VALUE ~ '^\\d{5}-\\d{4}$'")]""";

    private static GeneratedSchema Model(string year = Year, string zip = Zip) => Evolution.Build(Films.Replace("{0}", year + "\n" + zip));

    [Fact]
    public async Task DomainsAreCreatedBeforeTheTableEnforcedAndARoundTripIsClean()
    {
        var schema = Model();
        await using var connection = await Postgres.NewDatabaseAsync();

        var first = await SchemaDeployer.DeployAsync(schema.Target, connection);
        Assert.Equal(["public.us_postal_code", "public.year"], first.Steps.TakeWhile(s => s.Kind == StepKind.CreateDomain).Select(s => s.Object).Order());
        Assert.Equal("year", await connection.ScalarAsync<string>(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'films'::regclass AND attname = 'release_year'"));
        Assert.Equal("year_check", await connection.ScalarAsync<string>("SELECT conname::text FROM pg_constraint WHERE contypid = 'year'::regtype"));

        await connection.ExecuteAsync("INSERT INTO films VALUES (1, 1999, '12345'), (2, 2001, '12345-6789')");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("INSERT INTO films VALUES (3, 1800, NULL)"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Contains("year", refused.MessageText);
        refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("INSERT INTO films VALUES (3, 1999, '1234')"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);

        var drift = await SchemaDeployer.VerifyAsync(schema.Target, connection);
        Assert.True(drift.IsClean, string.Join("\n", drift.Drift));
        Assert.True((await SchemaDeployer.DeployAsync(schema.Target, connection)).NoOp);
        Assert.True((await SchemaDeployer.PlanAsync(schema.Target, connection)).IsEmpty);
        // The model's own domains are not unmanaged objects: DropUnmanaged keeps the one-round-trip no-op.
        Assert.True((await SchemaDeployer.DeployAsync(schema.Target, connection, new DeployOptions { DropUnmanaged = true })).NoOp);
    }

    [Fact]
    public async Task ANarrowerCheckIsRefusedWhileStoredValuesViolateItCountingThem()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Model().Target, connection);
        await connection.ExecuteAsync("INSERT INTO films VALUES (1, 1950, NULL), (2, 1960, NULL), (3, 2001, NULL)");

        var narrower = Model(year: """[assembly: Domain("year", "integer", Check = "VALUE >= 2000 AND VALUE <= 2155")]""");
        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(narrower.Target, connection));
        var hazard = Assert.Single(refused.Hazards);
        Assert.Equal(HazardKind.CheckViolations, hazard.Kind);
        Assert.Equal("public.year.year_check", hazard.Object);
        Assert.StartsWith("2 stored value(s) in public.films.release_year violate", hazard.Message);
        Assert.Contains("VALUE >= 1901", await connection.ScalarAsync<string>("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contypid = 'year'::regtype"));

        // Without the violating rows the same change is applied: added NOT VALID, validated, the old check gone.
        await connection.ExecuteAsync("DELETE FROM films WHERE release_year < 2000");
        var applied = await SchemaDeployer.DeployAsync(narrower.Target, connection);
        var step = Assert.Single(applied.Steps);
        Assert.Equal(StepKind.AddDomainCheck, step.Kind);
        Assert.Contains(step.Statements, s => s.EndsWith(" NOT VALID;"));
        Assert.Contains(step.Statements, s => s.Contains("VALIDATE CONSTRAINT"));
        Assert.Equal(["CHECK (((VALUE >= 2000) AND (VALUE <= 2155)))|true"], (await connection.ScalarAsync<string[]>(
            "SELECT array_agg(pg_get_constraintdef(oid) || '|' || convalidated::text) FROM pg_constraint WHERE contypid = 'year'::regtype")));
        await Evolution.AssertSameAsFreshAsync(connection, narrower);
    }

    [Fact]
    public async Task InOnlineModeAChangedCheckIsAddedNotValidAndValidatedInAPhaseOfItsOwn()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var online = new DeployOptions { Mode = DeployMode.Online };
        await SchemaDeployer.DeployAsync(Model().Target, connection, online);
        await connection.ExecuteAsync("INSERT INTO films VALUES (1, 2001, NULL)");

        var narrower = Model(year: """[assembly: Domain("year", "integer", Check = "VALUE >= 2000 AND VALUE <= 2155")]""");
        var applied = await SchemaDeployer.DeployAsync(narrower.Target, connection, online);
        Assert.Equal([StepKind.AddDomainCheck, StepKind.AddDomainCheck], applied.Steps.Select(s => s.Kind)); // expand, then validate
        Assert.Contains("VALIDATE CONSTRAINT", applied.Steps[1].Sql);
        Assert.True(await connection.ScalarAsync<bool>("SELECT convalidated FROM pg_constraint WHERE contypid = 'year'::regtype"));
        await Evolution.AssertSameAsFreshAsync(connection, narrower);
    }

    [Fact]
    public async Task UnderASchemaOverrideTheDomainsMoveWithTheTables()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var tenant = new DeployOptions { Schema = "tenant_a" };
        await SchemaDeployer.DeployAsync(Model().Target, connection, tenant);
        Assert.Equal("tenant_a.year", await connection.ScalarAsync<string>(
            "SELECT atttypid::regtype::text FROM pg_attribute WHERE attrelid = 'tenant_a.films'::regclass AND attname = 'release_year'"));
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_type WHERE typtype = 'd' AND typnamespace = 'public'::regnamespace"));
        Assert.True((await SchemaDeployer.VerifyAsync(Model().Target, connection, tenant)).IsClean);
    }

    [Fact]
    public async Task DefaultAndNotNullChangeInPlaceAndSetNotNullOverNullsIsAHazard()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Model().Target, connection);
        await connection.ExecuteAsync("INSERT INTO films (id, release_year) VALUES (1, 1999)");

        var strict = Model(zip: """[assembly: Domain("us_postal_code", "text", Schema = "public", NotNull = true, Default = "'00000'", Check = "VALUE ~ '^\\d{5}$' OR VALUE ~ '^\\d{5}-\\d{4}$'")]""");
        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(strict.Target, connection));
        var hazard = Assert.Single(refused.Hazards);
        Assert.Equal(HazardKind.NullsPresent, hazard.Kind);
        Assert.Equal("1 value(s) are NULL in public.films.zip", hazard.Message);

        await connection.ExecuteAsync("UPDATE films SET zip = '99999'");
        var applied = await SchemaDeployer.DeployAsync(strict.Target, connection);
        Assert.Equal([StepKind.SetDomainDefault, StepKind.SetDomainNotNull], applied.Steps.Select(s => s.Kind).Order());
        await connection.ExecuteAsync("INSERT INTO films (id, release_year) VALUES (2, 2000)");
        Assert.Equal("00000", await connection.ScalarAsync<string>("SELECT zip FROM films WHERE id = 2"));
        await Evolution.AssertSameAsFreshAsync(connection, strict);

        // And back: both dropped, no hazard.
        var back = await SchemaDeployer.DeployAsync(Model().Target, connection);
        Assert.Equal([StepKind.DropDomainDefault, StepKind.DropDomainNotNull], back.Steps.Select(s => s.Kind).Order());
        await Evolution.AssertSameAsFreshAsync(connection, Model());
    }

    [Fact]
    public async Task ABaseTypeChangeRecreatesTheDomainAndConvertsItsColumnsAsAHazard()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Model().Target, connection);
        await connection.ExecuteAsync("INSERT INTO films VALUES (1, 1999, NULL)");

        var wider = Evolution.Build(Films.Replace("{0}", """[assembly: Domain("year", "bigint", Check = "VALUE >= 1901 AND VALUE <= 2155")]""" + "\n" + Zip)
            .Replace("public int ReleaseYear", "public long ReleaseYear"));
        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(wider.Target, connection));
        Assert.Equal(HazardKind.DomainRecreated, Assert.Single(refused.Hazards).Kind);
        Assert.Contains("public.films.release_year", refused.Hazards[0].Message);

        await SchemaDeployer.DeployAsync(wider.Target, connection, new DeployOptions { AllowDataLoss = true });
        Assert.Equal("bigint", await connection.ScalarAsync<string>("SELECT format_type(typbasetype, typtypmod) FROM pg_type WHERE oid = 'year'::regtype"));
        Assert.Equal(1999L, await connection.ScalarAsync<long>("SELECT release_year FROM films"));
        await Evolution.AssertSameAsFreshAsync(connection, wider);
    }

    [Fact]
    public async Task ADomainAddedIsCreatedAndOneRemovedIsKeptWhileAColumnUsesItAndDroppedOnlyAsUnmanaged()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var withoutZipDomain = Evolution.Build(Films.Replace("{0}", Year).Replace("[Column(TypeName = \"public.us_postal_code\")] ", ""));
        await SchemaDeployer.DeployAsync(withoutZipDomain.Target, connection);

        var added = await SchemaDeployer.DeployAsync(Model().Target, connection);
        Assert.Equal(StepKind.CreateDomain, added.Steps[0].Kind);
        Assert.Equal("public.us_postal_code", added.Steps[0].Object);
        Assert.Contains(added.Steps, s => s.Kind == StepKind.AlterColumnType);

        // The model stops declaring year but a column still names it: never dropped, even with DropUnmanaged.
        var undeclared = Evolution.Build(Films.Replace("{0}", Zip));
        var options = new DeployOptions { DropUnmanaged = true, AllowDataLoss = true };
        var plan = await SchemaDeployer.PlanAsync(undeclared.Target, connection, options);
        Assert.DoesNotContain(plan.Steps, s => s.Kind == StepKind.DropDomain);
        Assert.Contains(plan.Unmanaged, o => o.StartsWith("domain public.year (used by column"));

        // No column uses it any more: an unmanaged domain, dropped with DropUnmanaged only.
        var unused = Evolution.Build(Films.Replace("{0}", Zip).Replace("[Column(TypeName = \"year\")] ", ""));
        await SchemaDeployer.DeployAsync(unused.Target, connection, new DeployOptions { AllowDataLoss = true });
        Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_type WHERE typname = 'year' AND typtype = 'd'"));
        var dropped = await SchemaDeployer.DeployAsync(unused.Target, connection, options);
        Assert.Contains(dropped.Steps, s => s.Kind == StepKind.DropDomain && s.Object == "public.year");
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_type WHERE typname = 'year' AND typtype = 'd'"));
    }

    [Fact]
    public async Task AHandMadeChangeToADomainIsDriftAndTheNextDeployRestoresIt()
    {
        var schema = Model();
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        await connection.ExecuteAsync("""
            ALTER DOMAIN "year" DROP CONSTRAINT year_check;
            ALTER DOMAIN "year" ADD CONSTRAINT year_check CHECK (VALUE > 0);
            ALTER DOMAIN us_postal_code SET DEFAULT '11111'
            """);

        var drift = await SchemaDeployer.VerifyAsync(schema.Target, connection);
        Assert.False(drift.IsClean);
        Assert.Contains(drift.Drift, d => d.Object == "check year_check of domain public.year" && d.Database == "(VALUE > 0)" && d.Model == "((VALUE >= 1901) AND (VALUE <= 2155))");
        Assert.Contains(drift.Drift, d => d.Object == "default of domain public.us_postal_code" && d.Model == null);

        var repaired = await SchemaDeployer.DeployAsync(schema.Target, connection);
        Assert.Equal([StepKind.AddDomainCheck, StepKind.DropDomainDefault], repaired.Steps.Select(s => s.Kind).Order());
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
    }
}
