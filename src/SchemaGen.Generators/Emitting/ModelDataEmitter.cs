using System.Linq;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;
using static SchemaGen.Generators.Emitting.CSharpLiterals;

namespace SchemaGen.Generators.Emitting
{
    /// <summary>
    /// Writes the part of <c>Schema.g.cs</c> that holds the model: the model as compact data (<see cref="ModelData"/>)
    /// in a UTF-8 literal, and the lazy members that decode it and render the create script from it.
    /// </summary>
    /// <remarks>
    /// Why data and not code: a model written as object-construction expressions (and the SQL as string constants)
    /// made the compiler bind, and the JIT compile, millions of characters for a large model, and string constants
    /// share one 16 MB metadata heap (#US, UTF-16) that a 10,000-table model overflows. A <c>"…"u8</c> literal is
    /// one token for the compiler and compiles to static data in the assembly (an RVA field, UTF-8), outside #US. It
    /// needs C# 11, the default of every target framework the SchemaGen runtime supports (net8.0 and later).
    /// The SQL is not embedded at all: <c>Sql</c> and <c>Ddl</c> render the model with the same renderer the generator
    /// used, and <c>ModelHash</c>, computed at compile time, is the hash of what they give.
    /// </remarks>
    internal static class ModelDataEmitter
    {
        /// <summary><c>Ddl</c>: one member per object of the create script, each its slice of <c>Sql</c>.</summary>
        public static void EmitDdl(SourceWriter w, SchemaSpec spec, string self)
        {
            w.Line("/// <summary>The create script of each object, in execution order; <see cref=\"Sql\"/> is their concatenation.</summary>")
             .Open("public static class Ddl");
            for (var i = 0; i < spec.Objects.Count; i++)
            {
                var constant = spec.Objects[i];
                // Qualified: a table class could be called like any helper (Ddl.ObjectSql).
                w.Line("/// <summary>" + Xml(constant.Summary) + "</summary>")
                 .Line("public static string " + Identifier(constant.ConstantName) + " => " + self + ".ObjectSql(" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ");")
                 .Line();
            }

            w.Close();
        }

        /// <summary>The compact model data and the lazy members built from it.</summary>
        public static void EmitModel(SourceWriter w, SchemaSpec spec, string self)
        {
            const string Lazy = "global::System.Lazy";
            const string Objects = "global::System.Collections.Generic.IReadOnlyList<M.SqlObject>";
            w.Line($"private static readonly {Lazy}<M.SchemaModel> LazyModel = new {Lazy}<M.SchemaModel>(() => M.ModelData.Read(CompactModel.ToArray()));")
             .Line($"private static readonly {Lazy}<{Objects}> LazyObjects = new {Lazy}<{Objects}>(() => M.DdlRenderer.RenderObjects(Model));")
             .Line($"private static readonly {Lazy}<string> LazySql = new {Lazy}<string>(() => string.Concat(global::System.Linq.Enumerable.Select(LazyObjects.Value, o => o.Sql)));")
             .Line($"private static readonly {Lazy}<global::SchemaGen.DeployTarget> LazyTarget = new {Lazy}<global::SchemaGen.DeployTarget>(() => new global::SchemaGen.DeployTarget(Model, ModelHash, {String(spec.DefaultSchema)}));")
             .Line()
             .Line("private static string ObjectSql(int index) => LazyObjects.Value[index].Sql;")
             .Line()
             .Line("/// <summary>The model as SchemaGen's compact model data, version " + ModelData.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (docs/architecture.md): one record per line, tab-separated fields, \\N for null.</summary>");
            RawUtf8(w, "private static global::System.ReadOnlySpan<byte> CompactModel => ", ModelData.Write(spec.Model), ";");
        }

        // A raw string literal keeps one record per line in the generated file. ModelData escapes every character that
        // could end a line or is not valid UTF-8, so each line of the data is a line of the literal; the delimiter is
        // longer than any run of quotes in the data.
        private static void RawUtf8(SourceWriter w, string prefix, string text, string suffix)
        {
            var longestQuotes = 0;
            for (int i = 0, run = 0; i < text.Length; i++)
            {
                run = text[i] == '"' ? run + 1 : 0;
                longestQuotes = System.Math.Max(longestQuotes, run);
            }

            var quotes = new string('"', System.Math.Max(3, longestQuotes + 1));
            w.Line(prefix + quotes).Indent();
            foreach (var line in text.Split('\n'))
                w.Line(line);
            w.Line(quotes + "u8" + suffix).Outdent();
        }
    }
}
