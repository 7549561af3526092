using System;

namespace SchemaGen
{
    /// <summary>How CLR member names become column and label names.</summary>
    public enum NamingConvention
    {
        /// <summary><c>CompletedWithErrors</c> → <c>completed_with_errors</c>, as Npgsql translates enum labels.</summary>
        SnakeCase,

        /// <summary>The CLR name as it is (quoted in SQL when it has capitals).</summary>
        AsIs,
    }

    /// <summary>Options for the schema generated from this assembly's models.</summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
    public sealed class SchemaOptionsAttribute : Attribute
    {
        /// <summary>The generated class's name. Default: <c>Schema</c>.</summary>
        public string? ClassName { get; set; }

        /// <summary>The generated class's namespace. Default: the project's root namespace.</summary>
        public string? Namespace { get; set; }

        /// <summary>The PostgreSQL schema of tables without <c>[Table(Schema = …)]</c> and of enum types. Default: <c>public</c>.</summary>
        public string? DefaultSchema { get; set; }

        /// <summary>How column and enum label names are derived. Default: snake_case.</summary>
        public NamingConvention Naming { get; set; }

        /// <summary>Create an index on every foreign key's columns unless one already leads with them. Default: true.</summary>
        public bool IndexForeignKeys { get; set; } = true;

        /// <summary>
        /// The prefix of SQL function parameter names that C# parameter names leave out: <c>jobId</c> passes
        /// <c>p_job_id</c>. Default: <c>p_</c>; an empty string means none.
        /// </summary>
        public string? FunctionParameterPrefix { get; set; }

        /// <summary>
        /// The SRID of NetTopologySuite properties without <c>[Srid]</c>, e.g. 4326: <c>Point</c> is then
        /// <c>geometry(Point,4326)</c>. Default: 0, no SRID (<c>geometry(Point)</c>).
        /// </summary>
        public int DefaultSrid { get; set; }
    }
}
