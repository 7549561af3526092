using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Maps a C# enum to <c>CREATE TYPE … AS ENUM</c>: labels in declaration order (PostgreSQL sorts enums by
    /// label position), named by [PgName] or the naming convention, exactly as Npgsql's MapEnum expects.
    /// </summary>
    internal sealed class EnumParser
    {
        private readonly ParseContext _context;
        private readonly Dictionary<ISymbol, EnumSpec?> _parsed = new Dictionary<ISymbol, EnumSpec?>(SymbolEqualityComparer.Default);

        public EnumParser(ParseContext context) => _context = context;

        /// <summary>The enum type, or null when it cannot be a PostgreSQL enum ([Flags], no members, or two members of one value).</summary>
        public EnumSpec? Parse(INamedTypeSymbol enumType)
        {
            if (!_parsed.TryGetValue(enumType, out var spec))
                _parsed[enumType] = spec = ParseUncached(enumType);
            return spec;
        }

        /// <summary>The label of the enum member with the given constant value, if one exists.</summary>
        public string? LabelOf(ITypeSymbol enumType, object? value)
        {
            var field = Members(enumType).FirstOrDefault(f => Equals(f.ConstantValue, value));
            return field == null ? null : Label(field);
        }

        private EnumSpec? ParseUncached(INamedTypeSymbol enumType)
        {
            // A [Flags] value combines members; a PostgreSQL enum holds exactly one label.
            if (enumType.HasAttribute(_context.Known.FlagsAttribute))
                return null;
            var members = Members(enumType).ToList();
            if (members.Count == 0 || HasAliases(enumType, members))
                return null;

            var name = CheckedName(enumType, "enum type");

            var labels = new List<string>();
            var owners = new Dictionary<string, IFieldSymbol>(System.StringComparer.Ordinal);
            var renamed = new List<RenamedLabel>();
            foreach (var member in members)
            {
                var label = CheckedName(member, "enum label");
                // Two members with one label (FooBar and Foo_Bar are both foo_bar) would make CREATE TYPE fail.
                if (owners.TryGetValue(label, out var first))
                {
                    _context.Report(DiagnosticDescriptors.DuplicateName, member.Locations.FirstOrDefault(), "enum label", label,
                        enumType.Name + "." + first.Name, enumType.Name + "." + member.Name);
                    continue;
                }

                owners.Add(label, member);
                labels.Add(label);
                if (RenamedFrom.Read(_context, member, "enum label") is string oldLabel)
                    renamed.Add(new RenamedLabel(oldLabel, label));
            }

            var model = new EnumModel(_context.Options.DefaultSchema, name, labels.ToEquatableArray(), renamed.ToEquatableArray(), DocComments.Summary(enumType, _context));
            return new EnumSpec
            {
                ClrName = enumType.Name,
                ClrFullName = enumType.ToDisplayString(),
                DeclarationId = enumType.DeclarationId(),
                TypeReference = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                Enum = model,
            };
        }

        // Members with one value (Default = Normal): a label stands for one value, and Npgsql writes one label for
        // both while a default names the other, so one .NET value would be stored as two labels. Reported once per enum.
        private bool HasAliases(INamedTypeSymbol enumType, List<IFieldSymbol> members)
        {
            var byValue = new Dictionary<object, IFieldSymbol>();
            foreach (var member in members)
            {
                if (!byValue.TryGetValue(member.ConstantValue!, out var first))
                {
                    byValue.Add(member.ConstantValue!, member);
                    continue;
                }

                _context.Report(DiagnosticDescriptors.EnumValueAlias, member.Locations.FirstOrDefault(), enumType.Name, first.Name, member.Name,
                    System.Convert.ToString(member.ConstantValue, System.Globalization.CultureInfo.InvariantCulture));
                return true;
            }

            return false;
        }

        private string Label(IFieldSymbol member) => PgName(member) is string name && ModelConventions.IsUsable(name) ? name : _context.Name(member.Name);

        private string? PgName(ISymbol symbol) =>
            symbol.GetAttribute(_context.Known.PgNameAttribute)?.Argument(0) as string;

        // The name as Label reads it, reported where it is wrong: [PgName("…")] at its argument (SG0014, SG0003),
        // a name by the convention at the symbol (SG0003). An unusable [PgName] gives way to the convention's name.
        private string CheckedName(ISymbol symbol, string what)
        {
            var attribute = symbol.GetAttribute(_context.Known.PgNameAttribute);
            if (attribute?.Argument(0) is string name)
            {
                _context.CheckName(what, name, attribute.GetArgumentLocation(0, symbol));
                if (ModelConventions.IsUsable(name))
                    return name;
            }

            var derived = _context.Name(symbol.Name);
            _context.CheckDerivedName(what, derived, symbol.Locations.FirstOrDefault());
            return derived;
        }

        private static IEnumerable<IFieldSymbol> Members(ITypeSymbol enumType) =>
            enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue);
    }
}
