namespace SchemaGen.Model
{
    /// <summary>
    /// A sequence, view, materialized view, index on a materialized view or aggregate from a SQL template. The model's
    /// <paramref name="Definition"/> is the template's statement as it is run; read from the catalog it is PostgreSQL's
    /// own rendering (the options of a sequence, <c>pg_get_viewdef</c>, <c>pg_get_indexdef</c>, the aggregate's
    /// <c>pg_aggregate</c> row), so the deployer compares the shadow's rendering with the live one, never template text.
    /// </summary>
    /// <param name="Kind">What it is.</param>
    /// <param name="Schema">Its schema (for an index, the materialized view's).</param>
    /// <param name="Name">Its name.</param>
    /// <param name="Definition">In the model: the whole <c>CREATE …</c> statement without the final semicolon, names of its
    /// own object written schema-qualified. From the catalog: PostgreSQL's rendering (see above).</param>
    /// <param name="Table">For an index, the materialized view it is on; otherwise null.</param>
    /// <param name="Signature">For an aggregate, its argument types (as written in the model, as
    /// <c>pg_get_function_identity_arguments</c> prints them from the catalog); for a view or materialized view read from
    /// the catalog, its columns and their types (CREATE OR REPLACE VIEW may only add columns at the end).</param>
    /// <param name="DependsOn">Read from the catalog: the relations (and their columns) and functions a view, materialized
    /// view or aggregate uses, from pg_depend; empty in the model.</param>
    sealed partial record TemplateObjectModel(
        TemplateObjectKind Kind,
        string Schema,
        string Name,
        string Definition,
        string? Table = null,
        string? Signature = null,
        EquatableArray<ObjectDependency> DependsOn = default);

    /// <summary>Something a view or aggregate uses: a relation, one of its columns, a function, or a type (an enum, a domain).</summary>
    /// <param name="Schema">The schema of the relation, function or type.</param>
    /// <param name="Name">The relation's, function's or type's name.</param>
    /// <param name="Column">For a column, its name; null for the relation, function or type as a whole.</param>
    sealed partial record ObjectDependency(string Schema, string Name, string? Column);

    /// <summary>The kinds of template objects besides functions and triggers.</summary>
#if SCHEMAGEN_GENERATOR
    internal
#else
    public
#endif
    enum TemplateObjectKind
    {
        /// <summary><c>CREATE SEQUENCE</c>: created before the tables (a default may call <c>nextval</c>), altered, never restarted.</summary>
        Sequence,

        /// <summary><c>CREATE [OR REPLACE] VIEW</c>.</summary>
        View,

        /// <summary><c>CREATE MATERIALIZED VIEW … [WITH [NO] DATA]</c>.</summary>
        MaterializedView,

        /// <summary><c>CREATE [UNIQUE] INDEX … ON</c> a materialized view.</summary>
        Index,

        /// <summary><c>CREATE AGGREGATE</c> over template functions.</summary>
        Aggregate,
    }
}
