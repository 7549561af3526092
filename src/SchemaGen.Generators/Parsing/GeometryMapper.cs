using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Diagnostics;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// NetTopologySuite properties as PostGIS columns: <c>Point</c> is <c>geometry(Point,&lt;srid&gt;)</c> (the SRID from
    /// <c>[Srid]</c> or <c>SchemaOptions.DefaultSrid</c>), <c>Geometry</c> any geometry, and <c>[Srid(…, Geography = true)]</c>
    /// PostGIS's <c>geography</c>. The spellings are format_type's, so the catalog reads back what the model says. Reading and
    /// writing them needs Npgsql's NetTopologySuite plugin; without a reference to it the property is SG0021.
    /// </summary>
    internal static class GeometryMapper
    {
        private const string Namespace = "NetTopologySuite.Geometries.";

        // NetTopologySuite's class -> PostGIS's geometry type modifier.
        private static readonly Dictionary<string, string> Kinds = new Dictionary<string, string>
        {
            [Namespace + "Point"] = "Point",
            [Namespace + "LineString"] = "LineString",
            [Namespace + "Polygon"] = "Polygon",
            [Namespace + "MultiPoint"] = "MultiPoint",
            [Namespace + "MultiLineString"] = "MultiLineString",
            [Namespace + "MultiPolygon"] = "MultiPolygon",
            [Namespace + "GeometryCollection"] = "GeometryCollection",
            [Namespace + "Geometry"] = "Geometry",
        };

        /// <summary>True for a NetTopologySuite geometry class (nullable or not).</summary>
        public static bool IsGeometry(ITypeSymbol type) => Kinds.ContainsKey(TypeMapper.Unwrap(type).FullMetadataName());

        /// <summary>The column type of a NetTopologySuite property, or null when the property is of another type.</summary>
        public static MappedType? Map(IPropertySymbol property, ParseContext context, string tableClrName)
        {
            var type = TypeMapper.Unwrap(property.Type);
            if (!Kinds.TryGetValue(type.FullMetadataName(), out var kind))
                return null;

            if (context.Known.NetTopologySuitePlugin.Symbols.IsEmpty)
                context.Report(DiagnosticDescriptors.NetTopologySuitePluginMissing, property.Locations.FirstOrDefault(), tableClrName, property.Name, type.Name);
            var srid = property.GetAttribute(context.Known.SridAttribute);
            var geography = srid?.Named("Geography") is true;
            var number = srid?.Argument(0) as int? ?? context.Options.DefaultSrid;
            return new MappedType(SqlType(kind, number, geography), null, ValueKind.Custom, type, null);
        }

        // As format_type prints PostGIS's types: the modifier only when it says something; geography's SRID is 4326 unless given.
        private static string SqlType(string kind, int srid, bool geography)
        {
            var name = geography ? "geography" : "geometry";
            if (geography && srid == 0)
                srid = 4326;
            if (srid == 0)
                return kind == "Geometry" ? name : name + "(" + kind + ")";
            return name + "(" + kind + "," + srid.ToString(CultureInfo.InvariantCulture) + ")";
        }
    }
}
