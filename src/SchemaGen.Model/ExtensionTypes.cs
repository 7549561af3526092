using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Model
{
    /// <summary>
    /// The types well-known extensions create, so that a column typed <c>citext</c> or <c>geometry(Point,4326)</c> can be
    /// traced to the extension that must be declared for it (SG0020), and the Debian package that ships each extension's
    /// files (the deploy error of an extension the server lacks). A type no extension here provides is taken as written:
    /// it may be a domain, an enum or a type created by other means.
    /// </summary>
    static partial class ExtensionTypes
    {
        private static readonly Dictionary<string, string[]> TypesOf = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["citext"] = new[] { "citext" },
            ["hstore"] = new[] { "hstore" },
            ["ltree"] = new[] { "ltree", "lquery", "ltxtquery" },
            ["cube"] = new[] { "cube" },
            ["seg"] = new[] { "seg" },
            ["isn"] = new[] { "ean13", "isbn", "isbn13", "ismn", "ismn13", "issn", "issn13", "upc" },
            ["earthdistance"] = new[] { "earth" },
            ["postgis"] = new[] { "geometry", "geography", "box2d", "box3d" },
            ["vector"] = new[] { "vector", "halfvec", "sparsevec" },
        };

        // Tables and views well-known extensions create beside their types.
        private static readonly Dictionary<string, string[]> RelationsOf = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["postgis"] = new[] { "spatial_ref_sys", "geometry_columns", "geography_columns" },
            ["postgis_raster"] = new[] { "raster", "raster_columns", "raster_overviews" },
        };

        /// <summary>
        /// The names <paramref name="extension"/> takes in its schema's relation and type namespace (its types, tables and
        /// views as listed here): a table, enum, domain or view of the model with one of them cannot be created beside it.
        /// </summary>
        public static IEnumerable<string> NamesOf(string extension) =>
            (TypesOf.TryGetValue(extension, out var types) ? types : new string[0])
                .Concat(RelationsOf.TryGetValue(extension, out var relations) ? relations : new string[0]);

        // Extensions whose files are not in the server's own package (postgresql-<major>), by their Debian package name.
        private static readonly Dictionary<string, string> Packages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["postgis"] = "postgresql-{0}-postgis-3",
            ["postgis_topology"] = "postgresql-{0}-postgis-3",
            ["postgis_raster"] = "postgresql-{0}-postgis-3",
            ["vector"] = "postgresql-{0}-pgvector",
            ["plpgsql_check"] = "postgresql-{0}-plpgsql-check",
            ["pg_partman"] = "postgresql-{0}-partman",
            ["pg_cron"] = "postgresql-{0}-cron",
            ["timescaledb"] = "timescaledb-2-postgresql-{0}",
        };

        /// <summary>
        /// The extension that provides the type of <paramref name="sqlType"/> (a canonical type name: <c>citext[]</c>,
        /// <c>public.geometry(Point,4326)</c>), or null when it is not one of the types listed here.
        /// </summary>
        public static string? ExtensionOf(string sqlType)
        {
            var parsed = SqlTypeNameReader.Read(sqlType);
            if (parsed.Error != null || parsed.Words.Count == 0)
                return null;
            var name = parsed.Words[parsed.Words.Count - 1];
            return TypesOf.Where(e => e.Value.Contains(name, StringComparer.Ordinal)).Select(e => e.Key).FirstOrDefault();
        }

        /// <summary>
        /// The Debian package that installs <paramref name="extension"/>'s files for PostgreSQL <paramref name="major"/>:
        /// a known separate package, else the contrib modules shipped with the server itself (<c>postgresql-&lt;major&gt;</c>),
        /// else the usual <c>postgresql-&lt;major&gt;-&lt;name&gt;</c>.
        /// </summary>
        public static string DebianPackage(string extension, int major)
        {
            var version = major.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Packages.TryGetValue(extension, out var package))
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, package, version);
            return Contrib.Contains(extension) ? "postgresql-" + version + " (its contrib modules; on other systems postgresql-contrib)"
                : "postgresql-" + version + "-" + extension.Replace('_', '-');
        }

        // The extensions of PostgreSQL's own contrib directory, which Debian ships in the server's package.
        private static readonly HashSet<string> Contrib = new HashSet<string>(StringComparer.Ordinal)
        {
            "adminpack", "amcheck", "autoinc", "bloom", "btree_gin", "btree_gist", "citext", "cube", "dblink", "dict_int", "dict_xsyn",
            "earthdistance", "file_fdw", "fuzzystrmatch", "hstore", "insert_username", "intagg", "intarray", "isn", "lo", "ltree",
            "moddatetime", "old_snapshot", "pageinspect", "pg_buffercache", "pg_freespacemap", "pg_prewarm", "pg_stat_statements",
            "pg_surgery", "pg_trgm", "pg_visibility", "pg_walinspect", "pgcrypto", "pgrowlocks", "pgstattuple", "postgres_fdw", "refint",
            "seg", "sslinfo", "tablefunc", "tcn", "tsm_system_rows", "tsm_system_time", "unaccent", "uuid-ossp", "xml2",
        };
    }
}
