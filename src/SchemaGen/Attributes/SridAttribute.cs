using System;

namespace SchemaGen
{
    /// <summary>
    /// The spatial reference system of a NetTopologySuite property's column: <c>[Srid(4326)] public Point Location</c> is
    /// <c>geometry(Point,4326)</c>. Without it, <see cref="SchemaOptionsAttribute.DefaultSrid"/> applies. With
    /// <see cref="Geography"/>, the column is PostGIS's <c>geography</c> (distances in metres on the spheroid) instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
    public sealed class SridAttribute : Attribute
    {
        /// <param name="srid">The SRID, e.g. 4326 (WGS 84); 0 means none.</param>
        public SridAttribute(int srid) => Srid = srid;

        /// <summary>The SRID.</summary>
        public int Srid { get; }

        /// <summary>A <c>geography</c> column rather than <c>geometry</c> (its SRID is 4326 when none is given).</summary>
        public bool Geography { get; set; }
    }
}
