using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace SchemaGen.Bench;

/// <summary>
/// EF Core's side: a DbContext over the model's classes. Every instance gets its own model, built from
/// scratch, because the model cache key includes the instance's generation; the memory cache is ours so the
/// benchmark can empty it between iterations.
/// </summary>
public sealed class ModelContext : DbContext
{
    private static int _generations;
    private readonly IReadOnlyList<Type> _tables;

    public ModelContext(DbContextOptions<ModelContext> options, IReadOnlyList<Type> tables) : base(options)
    {
        _tables = tables;
        Generation = Interlocked.Increment(ref _generations);
    }

    /// <summary>Unique per instance: the model cache never hits.</summary>
    public int Generation { get; }

    /// <summary>Options shared by every instance (so the internal service provider is reused): Npgsql, no connection is opened.</summary>
    public static DbContextOptions<ModelContext> Options(IMemoryCache cache) =>
        new DbContextOptionsBuilder<ModelContext>()
            .UseNpgsql("Host=localhost;Database=schemagen_bench;Username=bench")
            .UseMemoryCache(cache)
            .ReplaceService<IModelCacheKeyFactory, PerInstanceModelCacheKeyFactory>()
            .Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder) => AddTables(modelBuilder, _tables);

    /// <summary>Registers the model's classes as entities, with SchemaGen's [Index]es as EF Core indexes.</summary>
    public static void AddTables(ModelBuilder modelBuilder, IReadOnlyList<Type> tables)
    {
        foreach (var table in tables)
        {
            var entity = modelBuilder.Entity(table);
            // EF Core has its own [Index]; SchemaGen's is read here so both sides create the same indexes.
            foreach (var index in table.GetCustomAttributes<IndexAttribute>())
            {
                var builder = entity.HasIndex(index.Properties);
                if (index.IsUnique)
                    builder.IsUnique();
            }
        }
    }

    private sealed class PerInstanceModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), ((ModelContext)context).Generation, designTime);
    }
}
