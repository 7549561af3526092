using System;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Package;

/// <summary>
/// The package as a user consumes it: packed with <c>dotnet pack</c>, referenced from a local folder feed by a
/// fresh project (no project reference), built, and run against PostgreSQL.
/// </summary>
public class PackageConsumerTests
{
    private const string Models = """
        using System;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using System.Threading.Tasks;
        using Npgsql;
        using SchemaGen;

        namespace Consumer;

        public enum Priority { Low, High }

        [Table("orders")]
        public class Order
        {
            [Key] public int Id { get; set; }
            [MaxLength(40)] public string Customer { get; set; } = null!;
            public Priority Priority { get; set; } = Priority.Low;
        }

        [Table("audit_entries")]
        public class AuditEntry
        {
            public string Message { get; set; } = null!;
        }

        public static partial class OrderFunctions
        {
            [SqlFunction("count_orders")]
            public static partial Task<long> CountOrdersAsync(this NpgsqlConnection connection, Priority priority);
        }
        """;

    private const string Program = """
        using System;
        using Consumer;
        using Npgsql;

        await using (var connection = new NpgsqlConnection(args[0]))
        {
            var result = await Schema.DeployAsync(connection);
            Console.WriteLine($"Deployed {result.Steps.Count} steps; no-op: {result.NoOp}");
        }

        await using var dataSource = Schema.MapTypes(new NpgsqlDataSourceBuilder(args[0])).Build();
        await using var db = await dataSource.OpenConnectionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO public.orders (id, customer, priority) VALUES (1, 'ada', 'high')", db))
            await insert.ExecuteNonQueryAsync();
        Console.WriteLine($"High priority orders: {await db.CountOrdersAsync(Priority.High)}");
        """;

    private const string Template = """
        CREATE OR REPLACE FUNCTION public.count_orders(p_priority public.priority) RETURNS bigint
        LANGUAGE sql STABLE AS $$ SELECT count(*) FROM public.orders WHERE priority = p_priority $$;
        """;

    [Fact]
    public async Task A_fresh_project_referencing_the_package_generates_reports_and_deploys()
    {
        var root = Processes.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("schemagen-package-").FullName;
        // A version of its own, so a package of an earlier run in the NuGet cache is never used instead.
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Guid.NewGuid().ToString("N")[..6];
        try
        {
            var feed = Path.Combine(work, "feed");
            await Processes.RunOrFailAsync("dotnet", ["pack", Path.Combine(root, "src", "SchemaGen", "SchemaGen.csproj"), "-c", "Release", "-o", feed,
                "-p:Version=" + version, "--disable-build-servers"], root);

            var project = Path.Combine(work, "Consumer");
            Directory.CreateDirectory(Path.Combine(project, "Sql"));
            File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SchemaGen" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(project, "Models.cs"), Models);
            File.WriteAllText(Path.Combine(project, "Program.cs"), Program);
            File.WriteAllText(Path.Combine(project, "Sql", "orders.sql"), Template);

            var build = await Processes.RunOrFailAsync("dotnet", ["build", "-c", "Release", "--disable-build-servers"], project);

            // The generator ran (from analyzers/), its diagnostics reach the build output, and Sql/ became its templates.
            Assert.Contains("warning SG0002", build);
            Assert.Contains("AuditEntry", build);
            var generated = Path.Combine(project, "obj", "Release", "net10.0", "generated", "SchemaGen.Generators", "SchemaGen.Generators.SchemaGenerator");
            Assert.Contains("CREATE TABLE public.orders", File.ReadAllText(Path.Combine(generated, "Schema.g.cs")));
            Assert.Contains("public.count_orders(p_priority => $1::public.priority)", File.ReadAllText(Path.Combine(generated, "SqlFunctions.g.cs")));

            var database = Postgres.Instance.CreateDatabase();
            var run = await Processes.RunOrFailAsync("dotnet", [Path.Combine(project, "bin", "Release", "net10.0", "Consumer.dll"), database], project);

            Assert.Contains("no-op: False", run);
            Assert.Contains("High priority orders: 1", run);
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            Assert.Equal("orders,audit_entries", await connection.ScalarAsync<string>(
                "SELECT string_agg(relname, ',' ORDER BY relname DESC) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'schemagen_history'"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "schemagen", version);
            if (Directory.Exists(cached))
                Directory.Delete(cached, recursive: true);
        }
    }
}
