using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>What one scaffold run wrote and could not express.</summary>
internal sealed record ScaffoldResult(string DefaultSchema, IReadOnlyList<string> Schemas, IReadOnlyList<ScaffoldedFile> Files, ScaffoldReport Report);

/// <summary>
/// <c>schemagen scaffold</c>: reads the database with the deployer's own catalog reader and writes a SchemaGen project
/// part that deploys back to the same catalog: <c>Models/*.cs</c> (a class per table, an enum per enum type),
/// <c>SchemaOptions.cs</c> (with the database's extensions), <c>Sql/*.sql</c> templates for functions, triggers, sequences,
/// aggregates, views and materialized views, and <c>scaffold-report.md</c> naming
/// everything it could not express.
/// </summary>
internal static class Scaffolder
{
    public const string ReportFile = "scaffold-report.md";

    public static async Task<ScaffoldResult> RunAsync(NpgsqlConnection connection, IReadOnlyList<string> requestedSchemas, string output, string ns, bool force,
        CancellationToken cancellationToken)
    {
        var schemas = requestedSchemas.Count > 0 ? requestedSchemas : await SchemaCatalog.UserSchemasAsync(connection, cancellationToken);
        var model = WithoutPartitions(await SchemaCatalog.ReadAsync(connection, schemas, cancellationToken));
        var missing = schemas.Where(s => !model.Schemas.Contains(s)).ToList();
        if (missing.Count > 0)
            throw new UserErrorException($"schema not found: {string.Join(", ", missing)}", $"The database {connection.Database} has no schema of that name.");

        var defaultSchema = requestedSchemas.Count > 0 ? requestedSchemas[0] : DefaultSchema(model);
        var naming = ModelNaming.For(model);
        var report = new ScaffoldReport();
        await using var probe = await ExpressionProbe.StartAsync(connection, schemas, cancellationToken);
        var context = new ScaffoldContext(model, defaultSchema, ns, naming, new ScaffoldNames(model, naming, "Schema"), report, probe);
        var (indexForeignKeys, foreignKeyIndexes) = IndexWriter.ForeignKeyIndexes(model, context.Names);
        context.IndexForeignKeys = indexForeignKeys;
        context.ForeignKeyIndexes.UnionWith(foreignKeyIndexes);

        var files = new List<(string Path, string Text)>();
        foreach (var e in model.Enums)
            files.Add(($"Models/{context.Names.Type(e.Schema, e.Name)}.cs", CSharpFile.Render(ns, EnumWriter.Write(context, e))));
        foreach (var table in model.Tables)
            files.Add(($"Models/{context.Names.Type(table.Schema, table.Name)}.cs", CSharpFile.Render(ns, await new TableWriter(context, table).WriteAsync())));
        files.Add(("SchemaOptions.cs", OptionsWriter.Write(context)));
        if (TemplateWriter.Functions(context) is string functions)
            files.Add(("Sql/01_functions.sql", functions));
        if (TemplateWriter.Triggers(context) is string triggers)
            files.Add(("Sql/02_triggers.sql", triggers));
        if (TemplateWriter.Objects(context) is string objects)
            files.Add(("Sql/03_objects.sql", objects));
        foreach (var other in model.Unmanaged.Where(u => !IsWritten(model, u)))
            report.Add(Describe(other), Outcome(model, other));

        var written = files
            .Select(f => ScaffoldFiles.Write(output, f.Path, ScaffoldFiles.WithHeader(f.Text, f.Path.EndsWith(".sql", StringComparison.Ordinal) ? "--" : "//"), force))
            .ToList();
        // The report describes this run; it is rewritten whenever it changes, like a build log.
        var reportPath = Path.Combine(output, ReportFile);
        var reportText = report.ToMarkdown(connection.Database);
        written.Add(File.Exists(reportPath) && File.ReadAllText(reportPath) == reportText
            ? new ScaffoldedFile(ReportFile, FileOutcome.Unchanged)
            : WriteReport(reportPath, reportText));
        return new ScaffoldResult(defaultSchema, schemas, written, report);
    }

    private static ScaffoldedFile WriteReport(string path, string text)
    {
        var existed = File.Exists(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return new ScaffoldedFile(ReportFile, existed ? FileOutcome.Updated : FileOutcome.Created);
    }

    // The model has no partitioning: a partitioned table is written as one table, and its partitions (at any depth) go with it,
    // named in the report. A partition of a table outside these schemas is written as a table of its own.
    private static SchemaModel WithoutPartitions(SchemaModel model)
    {
        var partitions = model.Unmanaged.Where(u => u.Kind == CatalogObjectKind.TablePartition && IsScaffolded(model, ParentOf(u))).Select(u => (u.Schema, u.Table!)).ToHashSet();
        return model with { Tables = model.Tables.Where(t => !partitions.Contains((t.Schema, t.Name))).ToEquatableArray() };
    }

    private static (string Schema, string Name) ParentOf(CatalogObject link)
    {
        var parent = SqlSyntax.NameReferences(link.Name, dollarQuotedIsCode: false).Single(); // as quote_ident prints it
        return (parent.Qualifier!, parent.Name);
    }

    private static bool IsScaffolded(SchemaModel model, (string Schema, string Name) table) => model.Tables.Any(t => t.Schema == table.Schema && t.Name == table.Name);

    // The schema with the most tables and enums; public on a tie, as the generator's default.
    private static string DefaultSchema(SchemaModel model) =>
        model.Tables.Select(t => t.Schema).Concat(model.Enums.Select(e => e.Schema))
            .GroupBy(s => s)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key == "public" ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault() ?? "public";

    // Views, materialized views, sequences no column owns and aggregates are in the model's Objects too, written as templates;
    // domains are in its Domains, written as attributes.
    private static bool IsWritten(SchemaModel model, CatalogObject item) => item.Kind switch
    {
        CatalogObjectKind.View or CatalogObjectKind.MaterializedView or CatalogObjectKind.Sequence or CatalogObjectKind.Domain => true,
        CatalogObjectKind.Aggregate => model.Objects.Any(o => o.Kind == TemplateObjectKind.Aggregate && o.Schema == item.Schema && o.Name + "(" + o.Signature + ")" == item.Name),
        _ => false,
    };

    private static string Describe(CatalogObject item) => item.Kind switch
    {
        CatalogObjectKind.TableInheritance => $"table {item.Schema}.{item.Table} inherits from {item.Name}",
        CatalogObjectKind.TablePartition => $"table {item.Schema}.{item.Table} is a partition of {item.Name}",
        CatalogObjectKind.TypedTable => $"table {item.Schema}.{item.Table} is a typed table of {item.Name}",
        _ => $"{Kind(item.Kind)} {item.Schema}.{(item.Table != null && item.Table != item.Name ? item.Table + "." : "")}{item.Name}",
    };

    private static string Kind(CatalogObjectKind kind) => kind switch
    {
        CatalogObjectKind.MaterializedView => "materialized view",
        CatalogObjectKind.ForeignTable => "foreign table",
        CatalogObjectKind.RowSecurity => "row security on",
        CatalogObjectKind.UnloggedTable => "unlogged table",
        CatalogObjectKind.DisabledTrigger => "disabled trigger",
        CatalogObjectKind.UnenforcedForeignKey => "foreign key with disabled triggers",
        CatalogObjectKind.PartitionedTable => "partitioned table",
        _ => kind.ToString().ToLowerInvariant(),
    };

    // A state of a scaffolded object is not left out: the model has the object, and a deployment sets the state back.
    private static string Outcome(SchemaModel model, CatalogObject item) => item.Kind switch
    {
        CatalogObjectKind.UnloggedTable => "the model's tables are logged: a deployment makes it logged (a rewrite)",
        CatalogObjectKind.DisabledTrigger or CatalogObjectKind.UnenforcedForeignKey => "a deployment enables it again",
        CatalogObjectKind.PartitionedTable or CatalogObjectKind.TablePartition when !IsScaffolded(model, (item.Schema, item.Table!)) => "left out: it goes with its partitioned table",
        CatalogObjectKind.PartitionedTable => "written as one plain table without its partitions; the model cannot partition, so deploying it here drops the table with its rows and creates it again (a data-loss hazard)",
        CatalogObjectKind.TablePartition => "written as a table of its own: a deployment detaches it",
        CatalogObjectKind.TableInheritance => "the model's tables inherit from none: a deployment removes the link (NO INHERIT)",
        CatalogObjectKind.TypedTable => "written as a table of its own: a deployment runs NOT OF",
        _ => "the model does not manage this kind of object yet; left out",
    };
}
