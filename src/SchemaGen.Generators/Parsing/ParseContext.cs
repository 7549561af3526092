using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>What one table's parse shares between its steps: options, naming, and the diagnostics found.</summary>
    internal sealed class ParseContext
    {
        public ParseContext(Compilation compilation, OptionsSpec options, CancellationToken cancellationToken)
        {
            Compilation = compilation;
            Known = KnownSymbols.For(compilation);
            Options = options;
            CancellationToken = cancellationToken;
        }

        public Compilation Compilation { get; }

        /// <summary>The attribute types of the compilation, resolved once for it.</summary>
        public KnownSymbols Known { get; }

        public OptionsSpec Options { get; }

        public CancellationToken CancellationToken { get; }

        public List<DiagnosticInfo> Diagnostics { get; } = new List<DiagnosticInfo>();

        /// <summary>
        /// A column or label name from a CLR member name, by the assembly's naming convention; a name snake_case
        /// cannot translate without dropping letters (<c>名前</c>) is kept as written.
        /// </summary>
        public string Name(string clrName) => Options.SnakeCase ? SqlNaming.ToSnakeCaseOrAsIs(clrName) : clrName;

        /// <summary>
        /// Reports SG0014 (empty, white space only, a NUL or a lone surrogate) or SG0003 (over 63 bytes) and returns false when a
        /// user-given name cannot be a PostgreSQL identifier as written; the caller then falls back to the name
        /// it would derive, so the rest of the model is still generated.
        /// </summary>
        public bool CheckName(string what, string name, Location? location) => Add(NameRules.Check(what, name, location));

        /// <summary>
        /// Reports SG0015 and returns false when SQL text given in an attribute is empty or holds a NUL or a lone
        /// surrogate, which no statement can carry.
        /// </summary>
        public bool CheckSql(string attribute, string owner, string sql, Location? location)
        {
            var problem = sql.Trim().Length == 0 ? "the SQL is empty; remove the attribute or write the expression"
                : SqlSyntax.UnstorableText(sql) is string unstorable ? "the SQL " + unstorable
                : null;
            if (problem == null)
                return true;
            Report(DiagnosticDescriptors.InvalidSql, location, attribute, owner, problem);
            return false;
        }

        /// <summary>A diagnostic at a location the parser has at hand, kept as its file path and span (plain values).</summary>
        public void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            Diagnostics.Add(DiagnosticInfo.Create(descriptor, DiagnosticTarget.From(location), arguments));

        /// <summary>Reports SG0014 or SG0003 and returns false when a name derived from a C# name is reserved or would be truncated by PostgreSQL.</summary>
        public bool CheckDerivedName(string what, string name, Location? location) => Add(NameRules.Derived(what, name, location));

        // True when there is no diagnostic; else keeps it and returns false.
        private bool Add(DiagnosticInfo? diagnostic)
        {
            if (diagnostic != null)
                Diagnostics.Add(diagnostic);
            return diagnostic == null;
        }
    }
}
