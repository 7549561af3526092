using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using NetTopologySuite.Geometries;
using SchemaGen;

namespace JobPipeline.Models;

/// <summary>A data centre that runs workers; jobs are sent to the nearest one.</summary>
[Table("worker_sites")]
[Index(nameof(Location), Method = "gist")]
public class WorkerSite
{
    /// <summary>The site's short name.</summary>
    [Key, MaxLength(32)] public required string SiteId { get; set; }

    /// <summary>Where the site is, as longitude and latitude (WGS 84, the model's default SRID).</summary>
    public required Point Location { get; set; }

    /// <summary>How many workers run there.</summary>
    [Range(0, 10_000)] public int Workers { get; set; }
}
