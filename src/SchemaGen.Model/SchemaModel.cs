namespace SchemaGen.Model
{
    // The one shape of a PostgreSQL schema: the generator builds it from C# models, the runtime reads it
    // from the catalog, and the differ compares two values of it. Plain records, value equality throughout.
    // Types are PostgreSQL's canonical spellings as format_type prints them (character varying(64)).

    /// <summary>A whole schema: the namespaces, enum types, tables and functions a model owns.</summary>
    /// <param name="Schemas">PostgreSQL schemas the model creates, sorted.</param>
    /// <param name="Enums">Enum types, sorted by schema and name.</param>
    /// <param name="Tables">Tables in creation order: a table comes after the tables it references.</param>
    /// <param name="Functions">Functions from SQL templates, in file order.</param>
    /// <param name="Triggers">Triggers from SQL templates, in file order.</param>
    /// <param name="Unmanaged">Read from the catalog only: objects of kinds the model does not manage (views, sequences,
    /// domains, policies, …); never set by the generator.</param>
    /// <param name="Objects">Sequences, views, materialized views (and their indexes) and aggregates from SQL templates, in
    /// creation order (a view after what it selects from).</param>
    sealed partial record SchemaModel(
        EquatableArray<string> Schemas,
        EquatableArray<EnumModel> Enums,
        EquatableArray<TableModel> Tables,
        EquatableArray<FunctionModel> Functions,
        EquatableArray<TriggerModel> Triggers,
        EquatableArray<CatalogObject> Unmanaged = default,
        EquatableArray<TemplateObjectModel> Objects = default);

    /// <summary>A <c>CREATE TYPE … AS ENUM</c>.</summary>
    /// <param name="Schema">The schema the type lives in.</param>
    /// <param name="Name">The type's name.</param>
    /// <param name="Labels">Labels in declaration order, which is the enum's sort order in PostgreSQL.</param>
    /// <param name="RenamedLabels">Labels that replace an older label (from <c>[RenamedFrom]</c>).</param>
    /// <param name="Comment">The type's comment, from the enum's XML doc summary.</param>
    sealed partial record EnumModel(
        string Schema,
        string Name,
        EquatableArray<string> Labels,
        EquatableArray<RenamedLabel> RenamedLabels,
        string? Comment);

    /// <summary>An enum label that was called <paramref name="From"/> before and is <paramref name="To"/> now.</summary>
    sealed partial record RenamedLabel(string From, string To);

    /// <summary>A <c>CREATE TABLE</c> with everything that belongs to the table.</summary>
    /// <param name="Schema">The schema the table lives in.</param>
    /// <param name="Name">The table's name.</param>
    /// <param name="Columns">Columns in table order.</param>
    /// <param name="PrimaryKey">The primary key, if the table has one.</param>
    /// <param name="Checks">CHECK constraints, sorted by name.</param>
    /// <param name="ForeignKeys">Foreign keys, sorted by name.</param>
    /// <param name="Indexes">Indexes other than the primary key's, sorted by name.</param>
    /// <param name="Comment">The table's comment, from the class's XML doc summary.</param>
    /// <param name="RenamedFrom">The table's previous name (from <c>[RenamedFrom]</c>), bare or schema-qualified.</param>
    /// <param name="OtherConstraints">Read from the catalog only: UNIQUE and EXCLUDE constraints, which the model never creates.</param>
    sealed partial record TableModel(
        string Schema,
        string Name,
        EquatableArray<ColumnModel> Columns,
        PrimaryKeyModel? PrimaryKey,
        EquatableArray<CheckModel> Checks,
        EquatableArray<ForeignKeyModel> ForeignKeys,
        EquatableArray<IndexModel> Indexes,
        string? Comment,
        string? RenamedFrom,
        EquatableArray<ConstraintModel> OtherConstraints = default);

    /// <summary>One column.</summary>
    /// <param name="Name">The column's name.</param>
    /// <param name="SqlType">The canonical type (<c>integer</c>, <c>character varying(64)</c>, <c>job_status[]</c>).</param>
    /// <param name="IsNullable">False for NOT NULL.</param>
    /// <param name="DefaultSql">The DEFAULT expression, if any.</param>
    /// <param name="Identity">Whether the column is an identity column.</param>
    /// <param name="GeneratedSql">The expression of a stored generated column, if any.</param>
    /// <param name="Comment">The column's comment, from the property's XML doc summary.</param>
    /// <param name="RenamedFrom">The column's previous name (from <c>[RenamedFrom]</c>).</param>
    /// <param name="TypeSchema">For a user-defined type (an enum), the schema it lives in; null for built-in types.</param>
    /// <param name="Collation">Read from the catalog: the column's collation when it is not its type's default.</param>
    /// <param name="IdentityOptions">Read from the catalog: an identity column's sequence options as <c>ALTER COLUMN … SET</c> clauses.</param>
    /// <param name="IdentitySequence">Read from the catalog: the name of an identity column's sequence (it follows the table
    /// and column names when they are created, not when they are renamed).</param>
    sealed partial record ColumnModel(
        string Name,
        string SqlType,
        bool IsNullable,
        string? DefaultSql,
        IdentityKind Identity,
        string? GeneratedSql,
        string? Comment,
        string? RenamedFrom,
        string? TypeSchema = null,
        string? Collation = null,
        string? IdentityOptions = null,
        string? IdentitySequence = null);

    /// <summary>How PostgreSQL generates an identity column's values.</summary>
#if SCHEMAGEN_GENERATOR
    internal
#else
    public
#endif
    enum IdentityKind
    {
        /// <summary>Not an identity column.</summary>
        None,

        /// <summary><c>GENERATED BY DEFAULT AS IDENTITY</c>: the database numbers rows unless a value is given.</summary>
        ByDefault,

        /// <summary><c>GENERATED ALWAYS AS IDENTITY</c>: the database always numbers rows.</summary>
        Always,
    }

    /// <summary>A primary key. <paramref name="Comment"/> and <paramref name="Definition"/> are read from the catalog only.</summary>
    sealed partial record PrimaryKeyModel(string Name, EquatableArray<string> Columns, string? Comment = null, string? Definition = null);

    /// <summary>A CHECK constraint; <paramref name="Expression"/> is the SQL between the parentheses.</summary>
    /// <param name="Name">The constraint's name.</param>
    /// <param name="Expression">The condition.</param>
    /// <param name="Comment">Read from the catalog only: the constraint's comment.</param>
    sealed partial record CheckModel(string Name, string Expression, string? Comment = null);

    /// <summary>A FOREIGN KEY constraint. The last five members are read from the catalog only (the model's keys
    /// are never deferrable, MATCH SIMPLE, validated and without comment).</summary>
    sealed partial record ForeignKeyModel(
        string Name,
        EquatableArray<string> Columns,
        string RefSchema,
        string RefTable,
        EquatableArray<string> RefColumns,
        ReferentialAction OnDelete,
        ReferentialAction OnUpdate,
        bool IsDeferrable = false,
        bool IsInitiallyDeferred = false,
        bool IsMatchFull = false,
        bool IsValid = true,
        string? Comment = null);

    /// <summary>A UNIQUE or EXCLUDE constraint read from the catalog (the model expresses uniqueness as unique indexes).</summary>
    /// <param name="Name">The constraint's name.</param>
    /// <param name="Definition">As <c>pg_get_constraintdef</c> prints it.</param>
    /// <param name="Comment">The constraint's comment.</param>
    sealed partial record ConstraintModel(string Name, string Definition, string? Comment);

    /// <summary>An object in a managed schema of a kind the model does not manage, read from the catalog.</summary>
    /// <param name="Kind">What it is.</param>
    /// <param name="Schema">Its schema.</param>
    /// <param name="Name">Its name (for a policy, the policy's name).</param>
    /// <param name="Table">For a policy, the table it is on.</param>
    sealed partial record CatalogObject(CatalogObjectKind Kind, string Schema, string Name, string? Table);

    /// <summary>Kinds of objects the deployer sees in a managed schema but does not manage.</summary>
#if SCHEMAGEN_GENERATOR
    internal
#else
    public
#endif
    enum CatalogObjectKind
    {
        /// <summary>A view.</summary>
        View,

        /// <summary>A materialized view.</summary>
        MaterializedView,

        /// <summary>A sequence no column owns.</summary>
        Sequence,

        /// <summary>A domain.</summary>
        Domain,

        /// <summary>A composite, range or base type.</summary>
        Type,

        /// <summary>A row-level security policy.</summary>
        Policy,

        /// <summary>A foreign table.</summary>
        ForeignTable,

        /// <summary>An aggregate or window function.</summary>
        Aggregate,

        /// <summary>Row-level security enabled (or forced) on a table; <see cref="CatalogObject.Table"/> names it.</summary>
        RowSecurity,

        /// <summary>A rule (CREATE RULE) on a table or view; <see cref="CatalogObject.Table"/> names the relation.</summary>
        Rule,

        /// <summary>
        /// Not an object but the state of one the model manages: a table that is UNLOGGED (<see cref="CatalogObject.Name"/>
        /// and <see cref="CatalogObject.Table"/> name it). The model's tables are logged; the deployer sets it back.
        /// </summary>
        UnloggedTable,

        /// <summary>
        /// State: a trigger (not one PostgreSQL made for a constraint) that does not fire as created: disabled, or enabled
        /// for replicas only or always. The deployer enables the model's triggers again.
        /// </summary>
        DisabledTrigger,

        /// <summary>
        /// State: a foreign key (<see cref="CatalogObject.Name"/>) some of whose triggers do not fire as created (ALTER TABLE …
        /// DISABLE TRIGGER ALL), so it is not enforced. The deployer creates the model's foreign key again, which validates it.
        /// </summary>
        UnenforcedForeignKey,

        /// <summary>
        /// State: a default on a column (<see cref="CatalogObject.Name"/>) of a view (<see cref="CatalogObject.Table"/>),
        /// which INSERTs through the view take. A template view has none; the deployer drops it.
        /// </summary>
        ViewColumnDefault,

        /// <summary>
        /// State: a table (<see cref="CatalogObject.Name"/> and <see cref="CatalogObject.Table"/> name it) that is partitioned
        /// (PARTITION BY). The model's tables are plain tables; a partitioned one cannot be made plain in place, so the deployer
        /// drops it (a data-loss hazard) and creates the model's.
        /// </summary>
        PartitionedTable,

        /// <summary>
        /// State: a table (<see cref="CatalogObject.Table"/>, in <see cref="CatalogObject.Schema"/>) that inherits from another
        /// (<see cref="CatalogObject.Name"/>, schema-qualified and quoted as <c>quote_ident</c> prints it): queries on the parent
        /// read the child's rows too. The model's tables inherit from none and have no children; the deployer removes the link
        /// (NO INHERIT).
        /// </summary>
        TableInheritance,

        /// <summary>
        /// State: a table (<see cref="CatalogObject.Table"/>) that is a partition of another (<see cref="CatalogObject.Name"/>,
        /// qualified as for <see cref="TableInheritance"/>). A table of the model is a table of its own; the deployer detaches it.
        /// </summary>
        TablePartition,

        /// <summary>
        /// State: a table (<see cref="CatalogObject.Table"/>) made a typed table of a composite type (<see cref="CatalogObject.Name"/>,
        /// as <c>format_type</c> prints it) with <c>ALTER TABLE … OF</c>: its columns then follow the type and cannot be added,
        /// dropped or changed, and the type cannot be dropped. A table of the model is a table of its own; the deployer runs
        /// <c>NOT OF</c>.
        /// </summary>
        TypedTable,
    }

    /// <summary>An index.</summary>
    /// <param name="Name">The index's name.</param>
    /// <param name="KeyColumns">Key columns, in index order.</param>
    /// <param name="IsUnique">True for a unique index.</param>
    /// <param name="Method">The access method: btree, hash, gin, gist, brin, spgist.</param>
    /// <param name="Where">The predicate of a partial index, if any.</param>
    /// <param name="Include">Non-key columns stored in the index (INCLUDE).</param>
    /// <param name="IsValid">False for an index the catalog marks invalid (a failed CREATE INDEX CONCURRENTLY).</param>
    /// <param name="Definition">Read from the catalog: <c>pg_get_indexdef</c> from <c>USING</c> on (method, keys with order, NULLS,
    /// operator class and collation, INCLUDE, storage parameters, predicate), so every property of an index is compared.</param>
    /// <param name="Comment">Read from the catalog: the index's comment.</param>
    sealed partial record IndexModel(
        string Name,
        EquatableArray<string> KeyColumns,
        bool IsUnique,
        string Method,
        string? Where,
        EquatableArray<string> Include,
        bool IsValid = true,
        string? Definition = null,
        string? Comment = null);

    /// <summary>A function from a SQL template (<c>CREATE OR REPLACE FUNCTION</c>).</summary>
    /// <param name="Schema">The function's schema.</param>
    /// <param name="Name">The function's name.</param>
    /// <param name="Signature">The argument types that identify the function, as written in the template or, read from the
    /// catalog, as <c>pg_get_function_identity_arguments</c> prints them.</param>
    /// <param name="Returns">The result type: as written, or as <c>pg_get_function_result</c> prints it.</param>
    /// <param name="Definition">Everything after the name, from the opening parenthesis of the parameter list to the end
    /// of the statement, without the final semicolon.</param>
    /// <param name="Parameters">The input parameters, in order (empty when read from the catalog).</param>
    /// <param name="Columns">The columns of <c>RETURNS TABLE</c>, in order (empty when read from the catalog).</param>
    /// <param name="Comment">Read from the catalog only: the function's comment.</param>
    sealed partial record FunctionModel(
        string Schema,
        string Name,
        string Signature,
        string Returns,
        string Definition,
        EquatableArray<FunctionParameter> Parameters,
        EquatableArray<FunctionParameter> Columns,
        string? Comment = null);

    /// <summary>A parameter of a function, or a column of its <c>RETURNS TABLE</c>.</summary>
    /// <param name="Name">The name, as PostgreSQL folds it.</param>
    /// <param name="Type">The type as written.</param>
    /// <param name="HasDefault">True when the parameter has a DEFAULT and may be left out.</param>
    sealed partial record FunctionParameter(string Name, string Type, bool HasDefault);

    /// <summary>A trigger from a SQL template.</summary>
    /// <param name="Schema">The schema of the table.</param>
    /// <param name="Table">The table the trigger is on.</param>
    /// <param name="Name">The trigger's name.</param>
    /// <param name="FunctionSchema">The schema of the function it executes.</param>
    /// <param name="FunctionName">The function it executes.</param>
    /// <param name="Definition">Everything after the trigger's name (timing, events, ON table, EXECUTE FUNCTION …),
    /// with the table and function schema-qualified, or as <c>pg_get_triggerdef</c> prints it.</param>
    /// <param name="Comment">Read from the catalog only: the trigger's comment.</param>
    sealed partial record TriggerModel(
        string Schema,
        string Table,
        string Name,
        string FunctionSchema,
        string FunctionName,
        string Definition,
        string? Comment = null);
}

namespace SchemaGen
{
    /// <summary>What a foreign key does when the referenced row is deleted or its key updated.</summary>
#if SCHEMAGEN_GENERATOR
    internal
#else
    public
#endif
    enum ReferentialAction
    {
        /// <summary>Refuse the change while referencing rows exist (checked at the end of the statement).</summary>
        NoAction,

        /// <summary>Refuse the change while referencing rows exist (checked at once).</summary>
        Restrict,

        /// <summary>Delete or update the referencing rows too.</summary>
        Cascade,

        /// <summary>Set the referencing columns to NULL.</summary>
        SetNull,

        /// <summary>Set the referencing columns to their defaults.</summary>
        SetDefault,
    }
}
