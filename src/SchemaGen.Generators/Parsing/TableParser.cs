using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Turns one [Table] class into a <see cref="TableSpec"/>: columns, primary key, checks, foreign keys,
    /// indexes and comments, plus the diagnostics for whatever cannot be mapped faithfully. Never throws on a
    /// broken model: the parts that cannot be mapped are left out and reported.
    /// </summary>
    internal static class TableParser
    {
        public static TableParseResult Parse(GeneratorAttributeSyntaxContext syntaxContext, CancellationToken cancellationToken)
        {
            if (!(syntaxContext.TargetSymbol is INamedTypeSymbol type) || type.TypeKind != TypeKind.Class)
                return new TableParseResult { Spec = null, Diagnostics = EquatableArray<DiagnosticInfo>.Empty };

            var compilation = syntaxContext.SemanticModel.Compilation;
            var context = new ParseContext(compilation, OptionsParser.Parse(compilation).Spec, cancellationToken);
            var spec = Parse(type, context);
            // A diagnostic about a member declared outside the project's source (a property inherited from a class of another
            // assembly) has no span of its own: it goes to the class, where #pragma and .editorconfig reach it, not nowhere.
            var classTarget = DiagnosticTarget.From(type.Locations.FirstOrDefault(l => l.IsInSource));
            var diagnostics = context.Diagnostics.Select(d => d.Target == null && classTarget != null ? d with { Target = classTarget } : d);
            return new TableParseResult { Spec = spec, Diagnostics = diagnostics.ToEquatableArray() };
        }

        private static TableSpec Parse(INamedTypeSymbol type, ParseContext context)
        {
            var conventions = new ModelConventions(context);
            var enums = new EnumParser(context);
            var columnParser = new ColumnParser(context, conventions, enums);

            var (schema, tableName) = conventions.TableName(type);
            var tableAttribute = type.GetAttribute(context.Known.TableAttribute)!;
            if (tableAttribute.Argument(0) is string givenName)
                context.CheckName("table", givenName, tableAttribute.GetArgumentLocation(0, type));
            else
                context.CheckDerivedName("table", tableName, tableAttribute.GetLocation(type));
            if (tableAttribute.Named("Schema") is string givenSchema)
                context.CheckName("schema", givenSchema, tableAttribute.GetNamedArgumentLocation("Schema", type));
            else
                context.CheckName("schema", schema, tableAttribute.GetLocation(type));

            var properties = PropertyCollector.Collect(type, context.Known);
            UnreadAttributes.Report(context, type, properties);
            var keyProperties = ModelConventions.KeyProperties(type, properties, context.Known);
            var columns = new List<ParsedColumn>();
            foreach (var property in OrderColumns(properties, context.Known))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var column = columnParser.Parse(property, tableName, type.Name, keyProperties.Contains(property, SymbolEqualityComparer.Default));
                if (column != null)
                    columns.Add(column);
            }

            ReportDuplicateColumns(context, type, columns);
            ReportIneffectiveRenames(context, type, columns);

            var primaryKey = PrimaryKey(context, type, tableName, columns, keyProperties);
            // Properties that could not be mapped are already diagnosed; a [Check] naming them is not reported again.
            var names = new ColumnNames(columns, properties, conventions);
            var checks = columns.SelectMany(c => c.Checks).Concat(TableChecks(context, type, tableName, names)).ToList();
            CheckGeneratedColumns(context, type, tableName, columns, names);
            var foreignKeys = new ForeignKeyParser(context, conventions).Parse(type, tableName, columns);
            var indexes = new IndexParser(context).Parse(type, tableName, columns, primaryKey, foreignKeys);
            ReportDuplicateConstraints(context, type, primaryKey, checks, foreignKeys, indexes);

            var table = new TableModel(
                schema,
                tableName,
                columns.Select(c => c.Column).ToEquatableArray(),
                primaryKey,
                checks.OrderBy(c => c.Name, StringComparer.Ordinal).ToEquatableArray(),
                foreignKeys.OrderBy(f => f.Name, StringComparer.Ordinal).ToEquatableArray(),
                indexes.OrderBy(i => i.Name, StringComparer.Ordinal).ToEquatableArray(),
                DocComments.Summary(type, context),
                RenamedFrom.Read(context, type, "table"));

            var usedEnums = columns.Select(c => c.Type.Enum).Where(e => e != null).Select(e => e!)
                .GroupBy(e => e.ClrFullName).Select(g => g.First())
                .OrderBy(e => e.ClrFullName, StringComparer.Ordinal);
            var jsonTypes = columns.SelectMany(c => DynamicJson.Mappings(c.Type, c.Column.SqlType)).Distinct();
            var declarationId = type.DeclarationId();
            return new TableSpec
            {
                ClrName = type.Name,
                ClrFullName = type.ToDisplayString(),
                DeclarationId = declarationId,
                Table = table,
                ColumnDeclarationIds = columns.Select(c => c.Property.DeclarationId(type, declarationId)).ToEquatableArray(),
                Enums = usedEnums.ToEquatableArray(),
                JsonTypes = jsonTypes.ToEquatableArray(),
                UsesNetTopologySuite = !context.Known.NetTopologySuitePlugin.Symbols.IsEmpty && columns.Any(c => GeometryMapper.IsGeometry(c.Property.Type)),
                ExplicitTypes = ColumnFactsReader.Read(context, columns),
            };
        }

        // SG0029: the deployer renames a column only when the model no longer has the old name (RenameDiffer).
        private static void ReportIneffectiveRenames(ParseContext context, INamedTypeSymbol type, List<ParsedColumn> columns)
        {
            foreach (var column in columns)
            {
                var from = column.Column.RenamedFrom;
                var holder = from == null ? null : columns.FirstOrDefault(c => c.Column.Name == from);
                if (holder == null)
                    continue;
                var location = column.Property.GetAttribute(context.Known.RenamedFromAttribute)!.GetArgumentLocation(0, column.Property);
                context.Report(DiagnosticDescriptors.IneffectiveRename, location, type.Name + "." + column.Property.Name, "column", from!,
                    type.Name + "." + holder.Property.Name + (ReferenceEquals(holder, column) ? " itself" : ""));
            }
        }

        // [Column(Order = n)] columns first by n, the rest in declaration order (a stable sort).
        private static IEnumerable<IPropertySymbol> OrderColumns(IReadOnlyList<IPropertySymbol> properties, KnownSymbols known) =>
            properties.Select((p, i) => (p, i)).OrderBy(x => ModelConventions.ColumnOrder(x.p, known) ?? int.MaxValue).ThenBy(x => x.i).Select(x => x.p);

        private static PrimaryKeyModel? PrimaryKey(ParseContext context, INamedTypeSymbol type, string tableName, List<ParsedColumn> columns, List<IPropertySymbol> keyProperties)
        {
            var keyColumns = keyProperties
                .Select(p => columns.FirstOrDefault(c => SymbolEqualityComparer.Default.Equals(c.Property, p)))
                .Where(c => c != null)
                .Select(c => c!.Column.Name)
                .ToArray();
            if (keyColumns.Length == 0)
            {
                context.Report(DiagnosticDescriptors.MissingPrimaryKey, type.Locations.FirstOrDefault(), tableName, type.ToDisplayString());
                return null;
            }

            return new PrimaryKeyModel(SqlNaming.DeriveName("pk", tableName), keyColumns.ToEquatableArray());
        }

        // [Check("stage <= total_stages", Name = …)]: named by the columns it mentions unless a name is given.
        private static IEnumerable<CheckModel> TableChecks(ParseContext context, INamedTypeSymbol type, string tableName, ColumnNames names)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var attribute in type.GetAttributes(context.Known.CheckAttribute))
            {
                if (!(attribute.Argument(0) is string sql) || !context.CheckSql("Check", type.Name, sql, attribute.GetArgumentLocation(0, type)))
                    continue;

                ReportUnknownColumns(context, "Check", type.Name, attribute.GetArgumentLocation(0, type), tableName, sql, names);

                var name = attribute.Named("Name") as string;
                if (name == null || !context.CheckName("check constraint", name, attribute.GetNamedArgumentLocation("Name", type)))
                {
                    // Names as written (a bare Price is not the column price here), so derived names stay what they were.
                    var mentioned = SqlLexer.Tokens(sql).Where(t => t.IsIdentifier).Select(t => t.Kind == SqlTokenKind.Identifier ? t.Text : t.Value)
                        .Where(names.Mapped.Contains).Distinct().ToArray();
                    name = mentioned.Length == 0 ? null : SqlNaming.DeriveName("ck", tableName, mentioned);
                    if (name == null || used.Contains(name))
                        name = SqlNaming.DeriveName("ck", tableName, StableHash.Hex32(sql));
                }

                used.Add(name);
                yield return new CheckModel(name, sql.Trim());
            }
        }

        // SG0013 for each name the expression uses that is no column. The CHECK is still generated as written:
        // the scan is conservative, and a suppressed false positive must not lose the constraint.
        // A generated column's expression may name the table's other columns, but not a generated one (itself included):
        // PostgreSQL refuses both an unknown column and a generated one when it creates the table.
        private static void CheckGeneratedColumns(ParseContext context, INamedTypeSymbol type, string tableName, List<ParsedColumn> columns, ColumnNames names)
        {
            if (columns.All(c => c.Column.GeneratedSql == null))
                return;
            var generated = new HashSet<string>(columns.Where(c => c.Column.GeneratedSql != null).Select(c => c.Column.Name), StringComparer.Ordinal);
            foreach (var column in columns)
            {
                if (column.Column.GeneratedSql is not string sql || column.Property.GetAttribute(context.Known.GeneratedAttribute) is not { } attribute)
                    continue;
                var where = type.Name + "." + column.Property.Name;
                var location = attribute.GetArgumentLocation(0, column.Property);
                ReportUnknownColumns(context, "Generated", where, location, tableName, sql, names);
                foreach (var name in CheckColumns.Find(sql).Select(r => r.Name).Where(generated.Contains).Distinct())
                    context.Report(DiagnosticDescriptors.InvalidSql, location, "Generated", where,
                        "it uses the generated column '" + Quoted(name) + "', and PostgreSQL does not let a generated column use a generated one (itself included); write that column's expression instead");
            }
        }

        private static void ReportUnknownColumns(ParseContext context, string attributeName, string where, Location? location, string tableName, string sql, ColumnNames names)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            var columnNames = names.Mapped;
            foreach (var reference in CheckColumns.Find(sql))
            {
                if (names.Known.Contains(reference.Name) || !reported.Add(reference.Name))
                    continue;
                var nearest = NameSuggestions.Closest(reference.Name, columnNames, 1).FirstOrDefault();
                var hint = nearest != null ? "; did you mean '" + Quoted(nearest) + "'?"
                    : columnNames.Count == 0 ? ""
                    : "; its columns are " + string.Join(", ", columnNames.Take(12).Select(Quoted)) + (columnNames.Count > 12 ? ", …" : "");
                context.Report(DiagnosticDescriptors.UnknownColumn, location, attributeName, where, reference.Text, tableName, hint);
            }
        }

        // As the SQL would spell it; never throws, whatever the name (an empty one is diagnosed elsewhere).
        private static string Quoted(string name) =>
            name.Length > 0 && SqlSyntax.UnstorableText(name) == null ? SqlSyntax.Identifier(name) : "\"" + name.Replace("\"", "\"\"") + "\"";

        private static void ReportDuplicateColumns(ParseContext context, INamedTypeSymbol type, List<ParsedColumn> columns)
        {
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            if (columns.All(c => distinct.Add(c.Column.Name)))
                return; // the usual case, without grouping
            foreach (var group in columns.GroupBy(c => c.Column.Name).Where(g => g.Count() > 1))
            {
                var all = group.ToList();
                context.Report(DiagnosticDescriptors.DuplicateName, all[1].Property.Locations.FirstOrDefault(), "column", group.Key,
                    type.Name + "." + all[0].Property.Name, type.Name + "." + all[1].Property.Name);
            }
        }

        private static void ReportDuplicateConstraints(ParseContext context, INamedTypeSymbol type, PrimaryKeyModel? primaryKey,
            List<CheckModel> checks, List<ForeignKeyModel> foreignKeys, List<IndexModel> indexes)
        {
            var names = new List<(string Name, string What)>();
            if (primaryKey != null)
                names.Add((primaryKey.Name, "the primary key"));
            names.AddRange(checks.Select(c => (c.Name, "a check constraint")));
            names.AddRange(foreignKeys.Select(f => (f.Name, "a foreign key")));
            names.AddRange(indexes.Select(i => (i.Name, "an index")));
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            if (names.All(n => distinct.Add(n.Name)))
                return; // the usual case, without grouping
            foreach (var group in names.GroupBy(n => n.Name).Where(g => g.Count() > 1))
            {
                var all = group.ToList();
                context.Report(DiagnosticDescriptors.DuplicateName, type.Locations.FirstOrDefault(), "constraint or index", group.Key,
                    all[0].What + " of " + type.Name, all[1].What + " of " + type.Name);
            }
        }
    }
}
