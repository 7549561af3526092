using System.Linq;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;
using static SchemaGen.Generators.Emitting.CSharpLiterals;

namespace SchemaGen.Generators.Emitting
{
    /// <summary>
    /// Writes the part of <c>Schema.g.cs</c> that holds the model: the model as compact data (<see cref="ModelData"/>),
    /// packed (<see cref="ModelData.WritePacked"/>), in a UTF-8 literal, and the lazy members that decode it and render the create script from it.
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
            const string Objects = "global::System.Collections.Generic.IReadOnlyList<global::SchemaGen.Model.SqlObject>";
            w.Line($"private static readonly {Lazy}<global::SchemaGen.Model.SchemaModel> LazyModel = new {Lazy}<global::SchemaGen.Model.SchemaModel>(() => global::SchemaGen.Model.ModelData.ReadPacked(CompactModel.ToArray()));")
             .Line($"private static readonly {Lazy}<{Objects}> LazyObjects = new {Lazy}<{Objects}>(() => global::SchemaGen.Model.DdlRenderer.RenderObjects(Model));")
             .Line($"private static readonly {Lazy}<string> LazySql = new {Lazy}<string>(() => string.Concat(global::System.Linq.Enumerable.Select(LazyObjects.Value, o => o.Sql)));")
             .Line($"private static readonly {Lazy}<global::SchemaGen.DeployTarget> LazyTarget = new {Lazy}<global::SchemaGen.DeployTarget>(() => new global::SchemaGen.DeployTarget(() => Model, ModelHash, {String(spec.DefaultSchema)}));")
             .Line()
             .Line("private static string ObjectSql(int index) => LazyObjects.Value[index].Sql;")
             .Line()
             .Line("/// <summary>The model as SchemaGen's compact model data, version " + ModelData.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", packed (LZ77, base64; docs/architecture.md, \"The model as data\").</summary>");
            // Packed, because the compiler's cost of a u8 literal grows with its length (see ModelData.WritePacked).
            w.Line("private static global::System.ReadOnlySpan<byte> CompactModel => \"\"\"").Indent();
            foreach (var line in ModelData.WritePacked(spec.Model).Split('\n'))
                w.Line(line);
            w.Line("\"\"\"u8;").Outdent();
        }
    }
}
