using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>One thing the scaffolded model does not say as the database has it.</summary>
/// <param name="Object">The object, as <c>kind schema.name</c> (e.g. <c>column app.jobs.id</c>).</param>
/// <param name="Reason">Why, and what the model says instead (or that it leaves the object out).</param>
internal sealed record ReportItem(string Object, string Reason);

/// <summary>
/// Everything the scaffolder could not express: a deployment of the scaffolded model gives the database's catalog
/// except for exactly these objects. Empty means the round trip is exact.
/// </summary>
internal sealed class ScaffoldReport
{
    private readonly List<ReportItem> _items = [];

    public IReadOnlyList<ReportItem> Items => _items;

    public void Add(string obj, string reason) => _items.Add(new ReportItem(obj, reason));

    /// <summary>The report as the Markdown file written next to the models.</summary>
    public string ToMarkdown(string databaseName)
    {
        var lines = new List<string> { $"# Scaffold report: {databaseName}", "" };
        if (_items.Count == 0)
            lines.Add("Everything in the database is expressed by the scaffolded model: deploying it into an empty database gives the same catalog.");
        else
        {
            lines.Add("These objects are not expressed as the database has them; deploying the scaffolded model gives the same catalog except for them.");
            lines.Add("");
            lines.AddRange(_items.Select(i => $"- `{i.Object}`: {i.Reason}"));
        }

        return string.Join("\n", lines) + "\n";
    }
}
