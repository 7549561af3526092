using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Parsing;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// Turns the <c>[assembly: Domain]</c> declarations into the model's domains: each checked (name, base type, CHECK and
    /// DEFAULT; SG0022 at the attribute), its base type resolved (a built-in type, one of the model's enums or domains,
    /// a type of a declared extension), and put in creation order (a domain after the domain it is based on).
    /// </summary>
    internal static class DomainAssembler
    {
        private const string AttributeName = "SchemaGen.DomainAttribute";

        public static List<DomainModel> Assemble(EquatableArray<DomainDeclaration> declarations, string defaultSchema, IReadOnlyList<EnumModel> enums,
            IReadOnlyList<TableModel> tables, EquatableArray<ExtensionModel> extensions, List<DiagnosticInfo> diagnostics)
        {
            var valid = new List<(DomainDeclaration Declaration, DomainModel Domain)>();
            foreach (var declaration in declarations)
            {
                void Report(string problem) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDomain,
                    new DiagnosticTarget.AssemblyAttribute(AttributeName, declaration.Name), Printable(declaration.Name), problem));

                var schema = declaration.Schema ?? defaultSchema;
                var typeProblem = TypeProblem(declaration.BaseType, out var baseType);
                var problem = NameProblem("name", declaration.Name) ?? NameProblem("schema", schema) ?? typeProblem
                    ?? ExpressionProblem("Check", declaration.Check, checkValueOnly: true) ?? ExpressionProblem("Default", declaration.Default, checkValueOnly: false)
                    ?? (declaration.Comment != null && SqlSyntax.UnstorableText(declaration.Comment) is string unstorable ? "its Comment " + unstorable : null);
                if (problem == null && valid.Any(v => v.Domain.Schema == schema && v.Domain.Name == declaration.Name))
                    problem = "it is declared twice; keep one [assembly: Domain(\"" + declaration.Name + "\", …)]";
                if (problem == null && enums.Any(e => e.Schema == schema && e.Name == declaration.Name))
                    problem = "an enum type of the model has the same name in schema " + schema + " (types share one namespace); rename one of them";
                // A table's row type has the table's name.
                if (problem == null && tables.Any(t => t.Schema == schema && t.Name == declaration.Name))
                    problem = "a table of the model has the same name in schema " + schema + " (its row type takes the name, and types share one namespace); rename one of them";
                if (problem != null)
                {
                    Report(problem);
                    continue;
                }

                var checks = declaration.Check == null ? EquatableArray<DomainCheck>.Empty
                    : new[] { new DomainCheck(DomainNaming.CheckName(declaration.Name), declaration.Check.Trim()) }.ToEquatableArray();
                valid.Add((declaration, new DomainModel(schema, declaration.Name, baseType, declaration.NotNull, declaration.Default?.Trim(), checks, declaration.Comment)));
            }

            // Base types: built-in, an enum or a domain of the model (written qualified, so the schema override and the shadow move it), or an extension's.
            var domains = valid.Select(v => v.Domain).ToList();
            var resolved = new List<(DomainModel Domain, DomainModel? BasedOn)>();
            // Sorted by schema and name, then each after its base: the same order whatever order the files were compiled in.
            foreach (var (declaration, domain) in valid.OrderBy(v => v.Domain.Schema, StringComparer.Ordinal).ThenBy(v => v.Domain.Name, StringComparer.Ordinal))
            {
                var (element, array) = SplitArray(domain.BaseType);
                var problem = (string?)null;
                DomainModel? basedOn = null;
                var qualified = element;
                if (SqlBuiltinTypes.Find(SqlTypeFit.Normalize(element)) == null)
                {
                    var enumType = Find(enums, element, domain.Schema, e => e.Schema, e => e.Name);
                    basedOn = enumType == null ? Find(domains, element, domain.Schema, d => d.Schema, d => d.Name) : null;
                    var extension = ExtensionTypes.ExtensionOf(element);
                    if (enumType != null)
                        qualified = SqlSyntax.QualifiedName(enumType.Schema, enumType.Name);
                    else if (basedOn != null)
                        qualified = basedOn == domain ? element : SqlSyntax.QualifiedName(basedOn.Schema, basedOn.Name);
                    else if (extension != null && !extensions.Any(e => e.Name == extension))
                        problem = "its base type " + domain.BaseType + " is a type of extension " + extension + ", which the model does not declare; add [assembly: Extension(\"" + extension + "\")]";
                    else if (extension == null)
                        problem = "its base type " + domain.BaseType + " is not a PostgreSQL type, nor an enum or domain of the model, nor a type of a known extension";
                    if (basedOn == domain)
                        problem = "it is based on itself";
                }

                if (problem != null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDomain, new DiagnosticTarget.AssemblyAttribute(AttributeName, declaration.Name),
                        Printable(declaration.Name), problem));
                    continue;
                }

                resolved.Add((domain with { BaseType = qualified + array }, basedOn));
            }

            return CreationOrder(resolved, diagnostics);
        }

        /// <summary>The domain a column type names (<c>year</c>, <c>public.year</c>, <c>year[]</c>), or null: bare names in the table's schema first.</summary>
        public static DomainModel? DomainOf(string sqlType, string tableSchema, IReadOnlyList<DomainModel> domains) =>
            domains.Count == 0 ? null : Find(domains, SplitArray(sqlType).Element, tableSchema, d => d.Schema, d => d.Name);

        /// <summary>The first type under a chain of the model's domains: <c>integer</c> for a domain over a domain over integer.</summary>
        public static string UnderlyingType(DomainModel domain, IReadOnlyList<DomainModel> domains)
        {
            var type = domain.BaseType;
            for (var depth = 0; depth < domains.Count; depth++)
            {
                var (element, array) = SplitArray(type);
                var next = Find(domains, element, domain.Schema, d => d.Schema, d => d.Name);
                if (next == null)
                    return type;
                type = next.BaseType + array;
            }

            return type;
        }

        // A domain comes after the domain it is based on; a cycle is reported at each of its domains, which are left out.
        private static List<DomainModel> CreationOrder(List<(DomainModel Domain, DomainModel? BasedOn)> resolved, List<DiagnosticInfo> diagnostics)
        {
            var ordered = new List<DomainModel>();
            var pending = resolved.ToList();
            while (pending.Count > 0)
            {
                var ready = pending.FirstOrDefault(p => p.BasedOn == null || ordered.Any(o => o.Schema == p.BasedOn.Schema && o.Name == p.BasedOn.Name)
                    || !pending.Any(q => q.Domain.Schema == p.BasedOn.Schema && q.Domain.Name == p.BasedOn.Name));
                if (ready.Domain == null)
                {
                    foreach (var (domain, _) in pending)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDomain, new DiagnosticTarget.AssemblyAttribute(AttributeName, domain.Name),
                            domain.Name, "its base type is a domain based, directly or not, on it (" + string.Join(" -> ", pending.Select(p => p.Domain.Name)) + ")"));
                    break;
                }

                pending.Remove(ready);
                if (ready.BasedOn == null || ordered.Any(o => o.Schema == ready.BasedOn.Schema && o.Name == ready.BasedOn.Name))
                    ordered.Add(ready.Domain);
            }

            return ordered;
        }

        /// <summary>
        /// Whether a column's type names a declared domain, read before the domains are assembled (the column parser's view):
        /// its initializer is then written for the property's type, which SG0005 makes sure the domain's underlying type holds.
        /// </summary>
        public static bool NamesDomain(string sqlType, IEnumerable<DomainDeclaration> declarations, string defaultSchema) =>
            Find(declarations, SplitArray(sqlType).Element, defaultSchema, d => d.Schema ?? defaultSchema, d => d.Name) != null;

        private static T? Find<T>(IEnumerable<T> items, string typeName, string schema, Func<T, string> schemaOf, Func<T, string> nameOf) where T : class
        {
            var parts = typeName.Split('.').Select(Unquoted).ToArray();
            if (parts.Length == 2)
                return items.FirstOrDefault(i => schemaOf(i) == parts[0] && nameOf(i) == parts[1]);
            if (parts.Length != 1)
                return null;
            return items.Where(i => nameOf(i) == parts[0]).OrderBy(i => schemaOf(i) == schema ? 0 : 1).ThenBy(schemaOf, StringComparer.Ordinal).FirstOrDefault();
        }

        // "Year" is the name Year; year and YEAR are year, as PostgreSQL folds unquoted names.
        private static string Unquoted(string part)
        {
            var text = part.Trim();
            return text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"' ? text.Substring(1, text.Length - 2).Replace("\"\"", "\"") : text.ToLowerInvariant();
        }

        private static (string Element, string Array) SplitArray(string type) =>
            type.EndsWith("[]", StringComparison.Ordinal) ? (type.Substring(0, type.Length - 2), "[]") : (type, "");

        private static string? NameProblem(string what, string name) =>
            name.Trim().Length == 0 ? "its " + what + " is empty"
            : SqlSyntax.UnstorableText(name) is string unstorable ? "its " + what + " " + unstorable
            : SqlNaming.ByteLength(name) > SqlNaming.MaxIdentifierBytes ? "its " + what + " is " + SqlNaming.ByteLength(name) + " bytes long, and PostgreSQL cuts names at 63"
            : Parsing.NameRules.Reserved(what, name) is string reserved ? "its " + what + " " + reserved
            : null;

        private static string? TypeProblem(string baseType, out string canonical) =>
            SqlTypeNames.TryCanonical(baseType, out canonical, out var error) ? null
            : "its base type \"" + Printable(baseType) + "\" is not a type name PostgreSQL takes as written: " + error;

        // The one SQL lexer reads it: an unterminated literal or identifier, a ';' (another statement) or unbalanced
        // parentheses is refused; a CHECK may name no column, only VALUE (the names CheckColumns finds are columns).
        private static string? ExpressionProblem(string what, string? sql, bool checkValueOnly)
        {
            if (sql == null)
                return null;
            if (SqlSyntax.UnstorableText(sql) is string unstorable)
                return "its " + what + " " + unstorable;
            var tokens = SqlLexer.Tokens(sql);
            if (SqlLexer.FirstError(tokens) is { } bad)
                return "its " + what + " is not valid SQL: " + bad.Error;
            var depth = 0;
            foreach (var token in tokens)
            {
                if (token.IsSymbol(";"))
                    return "its " + what + " contains ';': write one expression, not statements";
                depth += token.IsSymbol("(") ? 1 : token.IsSymbol(")") ? -1 : 0;
                if (depth < 0)
                    break;
            }

            if (depth != 0)
                return "its " + what + " has unbalanced parentheses";
            if (checkValueOnly && CheckColumns.Find(sql).FirstOrDefault() is { } column)
                return "its Check names " + column.Text + ", but a domain's CHECK can refer only to VALUE";
            return null;
        }

        private static string Printable(string text) => SqlSyntax.Printable(text);
    }
}
