using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
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

        /// <summary>The enum type, or null when it cannot be a PostgreSQL enum ([Flags] or no members).</summary>
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
            if (enumType.HasAttribute("System", "FlagsAttribute"))
                return null;
            var members = Members(enumType).ToList();
            if (members.Count == 0)
                return null;

            var name = PgName(enumType) ?? _context.Name(enumType.Name);
            _context.CheckLength("enum type", name, enumType.Locations.FirstOrDefault());

            var labels = new List<string>();
            var renamed = new List<RenamedLabel>();
            foreach (var member in members)
            {
                var label = Label(member);
                _context.CheckLength("enum label", label, member.Locations.FirstOrDefault());
                labels.Add(label);
                if (member.GetAttribute(KnownNames.SchemaGen, "RenamedFromAttribute")?.Argument(0) is string oldLabel)
                    renamed.Add(new RenamedLabel(oldLabel, label));
            }

            var model = new EnumModel(_context.Options.DefaultSchema, name, labels.ToEquatableArray(), renamed.ToEquatableArray(), DocComments.Summary(enumType));
            return new EnumSpec(enumType.Name, enumType.ToDisplayString(), enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), model,
                LocationInfo.From(enumType.Locations.FirstOrDefault()));
        }

        private string Label(IFieldSymbol member) => PgName(member) ?? _context.Name(member.Name);

        private static string? PgName(ISymbol symbol) =>
            symbol.GetAttribute(KnownNames.NpgsqlTypes, "PgNameAttribute")?.Argument(0) as string;

        private static IEnumerable<IFieldSymbol> Members(ITypeSymbol enumType) =>
            enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue);
    }
}
