using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// A <c>&lt;summary&gt;</c> becomes COMMENT ON with the text an XML parser reads from it: entities decoded, markup
/// dropped, runs of white space made one space, and no comment at all when the doc comment is not well-formed XML.
/// Random doc comments, plain and not, are checked against <see cref="XElement"/> as the oracle.
/// </summary>
public class DocCommentOracleTests
{
    // Pieces of doc comment text: plain words, white space XML keeps or folds, entities good and bad, markup, and
    // characters XML refuses or reads as one (a surrogate pair). No <see>, whose text the generator takes from cref.
    private static readonly string[] Pieces =
    [
        "word", "Ünïcödé", " ", "  ", "\t", "\u00A0", "\u2003", ">", "a > b", "]]>", "]]", "&amp;", "&lt;tag&gt;", "&#65;", "&#x1F600;",
        "&bogus;", "&", "<", "<c>code</c>", "<b>", "</b>", "<para>p</para>", "<![CDATA[x < y]]>", "<!-- note -->", "\u0001", "\uFFFE",
        "😀", "\uD800", "'", "\"", "<summary>", "</summary>", "<remarks>r</remarks>",
    ];

    [Fact]
    public void EverySummaryBecomesTheTextAnXmlParserReadsFromIt()
    {
        var random = new Random(20261201);
        var docs = Enumerable.Range(0, 400).Select(_ => RandomDoc(random)).ToList();
        var source = new StringBuilder("using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; namespace TestModels;\n");
        for (var i = 0; i < docs.Count; i++)
        {
            source.Append(string.Concat(docs[i].Select(line => "///" + line + "\n")));
            source.Append($"[Table(\"t{i}\")] public class T{i} {{ [Key] public int Id {{ get; set; }} }}\n");
        }

        var model = GeneratorHarness.Run(source.ToString()).Load().Model;

        var wrong = new List<string>();
        for (var i = 0; i < docs.Count; i++)
        {
            var expected = OracleSummary(docs[i]);
            var actual = model.Tables.Single(t => t.Name == "t" + i).Comment;
            if (actual != expected)
                wrong.Add($"t{i}: expected {Show(expected)}, got {Show(actual)} from\n" + string.Concat(docs[i].Select(line => "///" + line + "\n")));
        }

        Assert.True(wrong.Count == 0, wrong.Count + " of " + docs.Count + " summaries differ:\n" + string.Join("\n", wrong.Take(5)));
        Assert.Contains(docs.Select(OracleSummary), summary => summary != null); // the sample holds summaries that read...
        Assert.Contains(docs, doc => OracleSummary(doc) == null && string.Concat(doc).Contains("<summary>")); // ...and ones that do not
    }

    // Lines after ///: some text, often one summary, some text after it.
    private static string[] RandomDoc(Random random)
    {
        string Text(int max) => string.Concat(Enumerable.Range(0, random.Next(max)).Select(_ => Pieces[random.Next(Pieces.Length)]));
        var doc = random.Next(5) == 0 ? Text(6) : Text(3) + "<summary>" + Text(8) + "</summary>" + Text(3);
        // Split into lines at random places, so text and tags run over several lines.
        var lines = new List<string>();
        var start = 0;
        for (var i = 1; i < doc.Length; i++)
        {
            if (random.Next(12) == 0 && !char.IsLowSurrogate(doc[i]))
            {
                lines.Add(doc[start..i]);
                start = i;
            }
        }

        lines.Add(doc[start..]);
        return lines.ToArray();
    }

    // What the doc comment says, read as XML: the generator takes each /// line less its trailing white space (a line is
    // trimmed before its slashes are removed), and the first <summary>'s text, whole (markup dropped), as the comment.
    private static string? OracleSummary(string[] lines)
    {
        XElement doc;
        try
        {
            doc = XElement.Parse("<doc>" + string.Concat(lines.Select(line => line.TrimEnd() + "\n")) + "</doc>", LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return null;
        }

        var summary = doc.Element("summary");
        if (summary == null)
            return null;
        var text = string.Join(" ", summary.Value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? null : text;
    }

    private static string Show(string? text) => text == null ? "no comment" : "\"" + text + "\"";
}
