namespace SchemaGen.Model
{
    // Domains (<c>[assembly: Domain]</c>): an init member in a file of its own, like the extensions, so that adding the kind
    // leaves SchemaModel's constructor and its callers alone.
    sealed partial record SchemaModel
    {
        /// <summary>
        /// The model's domains, in creation order (a domain after the domain it is based on); read from the catalog, every
        /// domain of the managed schemas, sorted by schema and name.
        /// </summary>
        public EquatableArray<DomainModel> Domains { get; init; }
    }

    /// <summary>A <c>CREATE DOMAIN schema.name AS base [DEFAULT …] [NOT NULL] [CONSTRAINT name CHECK (…)]</c>.</summary>
    /// <param name="Schema">The schema the domain lives in.</param>
    /// <param name="Name">The domain's name.</param>
    /// <param name="BaseType">The type it is based on: canonical (<c>integer</c>, <c>character varying(5)</c>), schema-qualified
    /// when it is one of the model's enums or domains. Read from the catalog: <c>format_type</c> of the base type.</param>
    /// <param name="NotNull">True for <c>NOT NULL</c>.</param>
    /// <param name="DefaultSql">The DEFAULT expression, if any.</param>
    /// <param name="Checks">Its CHECK constraints, sorted by name: at most one in the model (named by <see cref="DomainNaming.CheckName"/>).</param>
    /// <param name="Comment">The domain's comment.</param>
    sealed partial record DomainModel(
        string Schema,
        string Name,
        string BaseType,
        bool NotNull,
        string? DefaultSql,
        EquatableArray<DomainCheck> Checks,
        string? Comment);

    /// <summary>One CHECK constraint of a domain.</summary>
    /// <param name="Name">The constraint's name.</param>
    /// <param name="Expression">What is inside <c>CHECK (…)</c>: as written in the model, as <c>pg_get_constraintdef</c> prints it in the catalog.</param>
    /// <param name="IsValidated">False for a constraint added <c>NOT VALID</c> and never validated (read from the catalog only).</param>
    sealed partial record DomainCheck(string Name, string Expression, bool IsValidated = true);

    /// <summary>The names SchemaGen gives a domain's parts.</summary>
    static partial class DomainNaming
    {
        /// <summary>
        /// <c>&lt;domain&gt;_check</c>, the name PostgreSQL itself gives the first unnamed CHECK of <c>CREATE DOMAIN</c>, cut to
        /// 63 bytes with a hash suffix like every derived name.
        /// </summary>
        public static string CheckName(string domain) => SqlNaming.FitIdentifier(domain + "_check");
    }
}
