using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// A <c>CREATE SEQUENCE</c>, <c>VIEW</c>, <c>MATERIALIZED VIEW</c>, <c>INDEX</c> (on a materialized view) or
    /// <c>AGGREGATE</c> template, cut around its name (and an index's table) so that they can be written
    /// schema-qualified: <c>Head name Rest</c>, or for an index <c>Head name ON table Rest</c>.
    /// </summary>
    internal sealed record ObjectTemplate
    {
        public required TemplateObjectKind Kind { get; init; }

        /// <summary>The statement's opening words as they will be run (<c>CREATE OR REPLACE VIEW</c>, <c>CREATE UNIQUE INDEX</c>).</summary>
        public required string Head { get; init; }

        /// <summary>Null when the template does not name one (the default schema is used).</summary>
        public required string? Schema { get; init; }

        public required string Name { get; init; }

        /// <summary>For an index, the schema of its materialized view, if written.</summary>
        public required string? TableSchema { get; init; }

        /// <summary>For an index, its materialized view.</summary>
        public required string? Table { get; init; }

        /// <summary>For an aggregate, its argument types as written.</summary>
        public required string? Signature { get; init; }

        /// <summary>The statement after the name (after the table for an index), as written, without the final semicolon.</summary>
        public required string Rest { get; init; }

        /// <summary>The name in the <c>.sql</c> file, where a duplicate or a later problem is reported.</summary>
        public required LocationInfo Location { get; init; }
    }
}
