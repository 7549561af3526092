using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;

namespace SchemaGen.Bench;

/// <summary>
/// EF Core's side of the deployer benchmark: an application's DbContext over the model's classes, with the
/// default model cache (one model per context type, built by the first instance and reused by every later one).
/// </summary>
public sealed class MigrationsContext(DbContextOptions<MigrationsContext> options, IReadOnlyList<Type> tables) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => ModelContext.AddTables(modelBuilder, tables);
}

/// <summary>
/// The application's migrations, as `dotnet ef migrations add Initial` would write them: EF Core's own migrations
/// scaffolder (Microsoft.EntityFrameworkCore.Design with the Npgsql provider's design-time services) produces the
/// migration, its designer file and the model snapshot as C#, which Roslyn compiles into an in-memory assembly.
/// </summary>
public static class EfMigrations
{
    public const string RootNamespace = "BenchMigrations";

    /// <summary>The scaffolded files and the assembly compiled from them.</summary>
    public sealed record Compiled(string MigrationId, Assembly Assembly, int SourceChars);

    public static Compiled ScaffoldAndCompile(MigrationsContext context)
    {
        var services = new ServiceCollection();
        // The order of `dotnet ef`'s DesignTimeServicesBuilder: core design services, the context's services, the provider's.
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(context);
#pragma warning disable EF1001 // The provider's design-time services are public but marked internal; `dotnet ef` finds them by attribute.
        new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
        using var provider = services.BuildServiceProvider();
        var scaffolded = provider.GetRequiredService<IMigrationsScaffolder>().ScaffoldMigration("Initial", RootNamespace, language: "C#");

        var files = new[] { scaffolded.MigrationCode, scaffolded.MetadataCode, scaffolded.SnapshotCode };
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Concat(AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && a.Location.Length > 0)
                .Where(a => a.GetName().Name is { } name && (name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || name.StartsWith("Npgsql", StringComparison.Ordinal)))
                .Append(typeof(MigrationsContext).Assembly)
                .Distinct()
                .Select(a => MetadataReference.CreateFromFile(a.Location)))
            .ToImmutableArray();
        var compilation = CSharpCompilation.Create(
            RootNamespace,
            files.Select((text, i) => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: $"Migrations/{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
            throw new InvalidOperationException("The scaffolded migrations do not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        image.Position = 0;
        var assembly = new AssemblyLoadContext("bench-migrations").LoadFromStream(image);
        return new Compiled(scaffolded.MigrationId, assembly, files.Sum(f => f.Length));
    }
}
