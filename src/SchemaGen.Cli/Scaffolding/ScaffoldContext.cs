using System.Collections.Generic;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>What every writer of one scaffold run shares: the catalog, the names, the convention, the report and the probe.</summary>
internal sealed record ScaffoldContext(
    SchemaModel Model,
    string DefaultSchema,
    string Namespace,
    ModelNaming Naming,
    ScaffoldNames Names,
    ScaffoldReport Report,
    ExpressionProbe Probe)
{
    /// <summary>Whether the generator's index per foreign key is on (<c>SchemaOptions.IndexForeignKeys</c>).</summary>
    public bool IndexForeignKeys { get; set; } = true;

    /// <summary>The indexes the generator makes for foreign keys, which the models therefore do not write.</summary>
    public HashSet<(string Schema, string Table, string Index)> ForeignKeyIndexes { get; } = new();

    /// <summary>The domain of a (schema, name), or null.</summary>
    public DomainModel? DomainOf(string schema, string name) => Model.DomainOf(schema, name);

    public static string Qualified(string schema, string name) => SqlSyntax.QualifiedName(schema, name);
}
