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
            Options = options;
            CancellationToken = cancellationToken;
        }

        public Compilation Compilation { get; }

        public OptionsSpec Options { get; }

        public CancellationToken CancellationToken { get; }

        public List<DiagnosticInfo> Diagnostics { get; } = new List<DiagnosticInfo>();

        /// <summary>A column or label name from a CLR member name, by the assembly's naming convention.</summary>
        public string Name(string clrName) => Options.SnakeCase ? SqlNaming.ToSnakeCase(clrName) : clrName;

        public void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

        /// <summary>Reports SG0003 and returns false when a user-given name would be truncated by PostgreSQL.</summary>
        public bool CheckLength(string what, string name, Location? location)
        {
            var bytes = SqlNaming.ByteLength(name);
            if (bytes <= SqlNaming.MaxIdentifierBytes)
                return true;
            Report(DiagnosticDescriptors.IdentifierTooLong, location, what, name, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return false;
        }
    }
}
