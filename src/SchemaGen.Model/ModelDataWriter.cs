using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SchemaGen.Model
{
    static partial class ModelData
    {
        /// <summary>
        /// The model as text of the current version (see <see cref="ModelData"/>): deterministic, and <see cref="Read(string)"/> gives
        /// back a model equal to <paramref name="model"/>, catalog-only members included.
        /// </summary>
        public static string Write(SchemaModel model)
        {
            var (header, body) = WriteParts(model);
            return header + body;
        }

        // The first line and the rest, apart: the packed form encodes them without joining megabytes of text first.
        private static (string Header, string Body) WriteParts(SchemaModel model)
        {
            var w = new LineWriter();
            w.Line("model").Strings(model.Schemas).Count(model.Enums.Count).Count(model.Tables.Count)
                .Count(model.Functions.Count).Count(model.Triggers.Count).Count(model.Unmanaged.Count).Count(model.Objects.Count);
            foreach (var e in model.Enums)
            {
                w.Line("enum").Field(e.Schema).Field(e.Name).Field(e.Comment).Strings(e.Labels).Count(e.RenamedLabels.Count);
                foreach (var r in e.RenamedLabels)
                    w.Field(r.From).Field(r.To);
            }

            foreach (var t in model.Tables)
                WriteTable(w, t);
            foreach (var f in model.Functions)
            {
                w.Line("function").Field(f.Schema).Field(f.Name).Field(f.Signature).Field(f.Returns).Field(f.Definition).Field(f.Comment)
                    .Count(f.Parameters.Count).Count(f.Columns.Count);
                foreach (var p in f.Parameters)
                    w.Line("parameter").Field(p.Name).Field(p.Type).Bool(p.HasDefault);
                foreach (var p in f.Columns)
                    w.Line("result-column").Field(p.Name).Field(p.Type).Bool(p.HasDefault);
            }

            foreach (var t in model.Triggers)
                w.Line("trigger").Field(t.Schema).Field(t.Table).Field(t.Name).Field(t.FunctionSchema).Field(t.FunctionName).Field(t.Definition).Field(t.Comment);
            foreach (var o in model.Unmanaged)
                w.Line("unmanaged").Field(o.Kind.ToString()).Field(o.Schema).Field(o.Name).Field(o.Table);
            foreach (var o in model.Objects)
            {
                w.Line("object").Field(o.Kind.ToString()).Field(o.Schema).Field(o.Name).Field(o.Definition).Field(o.Table).Field(o.Signature).Count(o.DependsOn.Count);
                foreach (var d in o.DependsOn)
                    w.Field(d.Schema).Field(d.Name).Field(d.Column);
            }

            WriteExtensions(w, model);
            WriteDomains(w, model);
            w.Line("end");

            var body = w.ToString();
            return (Magic + "\t" + Version.ToString(CultureInfo.InvariantCulture) + "\t" + body.Length.ToString(CultureInfo.InvariantCulture)
                + "\t" + Hex(Checksum(body, 0)), body);
        }

        private static void WriteTable(LineWriter w, TableModel t)
        {
            w.Line("table").Field(t.Schema).Field(t.Name).Field(t.Comment).Field(t.RenamedFrom).Count(t.Columns.Count).Bool(t.PrimaryKey != null)
                .Count(t.Checks.Count).Count(t.ForeignKeys.Count).Count(t.Indexes.Count).Count(t.OtherConstraints.Count);
            foreach (var c in t.Columns)
            {
                w.Line("column").Field(c.Name).Field(c.SqlType).Bool(c.IsNullable).Field(c.DefaultSql).Field(c.Identity.ToString()).Field(c.GeneratedSql)
                    .Field(c.Comment).Field(c.RenamedFrom).Field(c.TypeSchema).Field(c.Collation).Field(c.IdentityOptions).Field(c.IdentitySequence);
            }

            if (t.PrimaryKey is { } pk)
                w.Line("primary-key").Field(pk.Name).Strings(pk.Columns).Field(pk.Comment).Field(pk.Definition);
            foreach (var k in t.Checks)
                w.Line("check").Field(k.Name).Field(k.Expression).Field(k.Comment);
            foreach (var f in t.ForeignKeys)
            {
                w.Line("foreign-key").Field(f.Name).Strings(f.Columns).Field(f.RefSchema).Field(f.RefTable).Strings(f.RefColumns)
                    .Field(f.OnDelete.ToString()).Field(f.OnUpdate.ToString()).Bool(f.IsDeferrable).Bool(f.IsInitiallyDeferred).Bool(f.IsMatchFull)
                    .Bool(f.IsValid).Field(f.Comment);
            }

            foreach (var i in t.Indexes)
            {
                w.Line("index").Field(i.Name).Strings(i.KeyColumns).Bool(i.IsUnique).Field(i.Method).Field(i.Where).Strings(i.Include)
                    .Bool(i.IsValid).Field(i.Definition).Field(i.Comment);
            }

            foreach (var o in t.OtherConstraints)
                w.Line("constraint").Field(o.Name).Field(o.Definition).Field(o.Comment);
        }

        /// <summary>Builds the lines: each record on its own line, fields escaped and tab-separated.</summary>
        private sealed class LineWriter
        {
            private readonly StringBuilder _text = new StringBuilder();

            public LineWriter Line(string tag)
            {
                _text.Append('\n').Append(tag);
                return this;
            }

            public LineWriter Field(string? value)
            {
                _text.Append('\t');
                AppendEscaped(_text, value);
                return this;
            }

            public LineWriter Bool(bool value) => Field(value ? "t" : "f");

            public LineWriter Count(int count) => Field(count.ToString(CultureInfo.InvariantCulture));

            public LineWriter Strings(IReadOnlyCollection<string> items)
            {
                Count(items.Count);
                foreach (var item in items)
                    Field(item);
                return this;
            }

            public override string ToString() => _text.ToString();
        }
    }
}
