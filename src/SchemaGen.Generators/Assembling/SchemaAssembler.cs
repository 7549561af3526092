using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// Puts every table together into one <see cref="SchemaModel"/>: enums shared between tables once, tables
    /// in dependency order, schemas to create, and the names that must be unique across tables checked.
    /// The result depends only on the tables' content, never on the order the compiler found them in.
    /// </summary>
    internal static class SchemaAssembler
    {
        public static SchemaAssembly Assemble(IReadOnlyList<TableSpec> found, OptionsSpec options, GeneratedName name, IReadOnlyList<TemplateFileSpec> templates)
        {
            if (found.Count == 0)
                return new SchemaAssembly { Spec = null, Diagnostics = EquatableArray<DiagnosticInfo>.Empty };

            var diagnostics = new List<DiagnosticInfo>();
            var (ns, generated) = (name.Namespace, name.FullName);
            // The compiler would report the clash inside Schema.g.cs (a missing partial modifier, or members of both).
            var takenBy = found.FirstOrDefault(t => t.ClrFullName == generated)?.DeclarationId ?? name.TakenByDeclarationId;
            if (takenBy != null)
            {
                var clash = DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedClassNameTaken, new DiagnosticTarget.Declaration(takenBy), generated);
                return new SchemaAssembly { Spec = null, Diagnostics = new[] { clash }.ToEquatableArray() };
            }

            var tables = Distinct(found.OrderBy(t => t.ClrFullName, StringComparer.Ordinal), t => (t.Table.Schema, t.Table.Name), "table", t => t.ClrFullName,
                t => new DiagnosticTarget.Declaration(t.DeclarationId), diagnostics);
            var enumTarget = EnumTargets(tables);
            var enums = Distinct(
                tables.SelectMany(t => t.Enums).GroupBy(e => e.ClrFullName).Select(g => g.First()).OrderBy(e => e.ClrFullName, StringComparer.Ordinal),
                e => (e.Enum.Schema, e.Enum.Name), "enum type", e => e.ClrFullName, enumTarget, diagnostics);
            var names = ReportRelationClashes(tables, enums, enumTarget, diagnostics);
            TableRenameChecks.Report(tables, diagnostics);
            var mappings = enums.Select(e => new EnumMapping { TypeReference = e.TypeReference, Schema = e.Enum.Schema, Name = e.Enum.Name })
                .OrderBy(m => m.Schema, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
            var domains = DomainAssembler.Assemble(options.Domains, options.DefaultSchema, enums.Select(e => e.Enum).ToList(), tables.Select(t => t.Table).ToList(), options.Extensions, diagnostics);
            tables = DomainColumns.Resolve(tables, domains, mappings, diagnostics);
            ExplicitTypeFit.Report(tables, mappings, diagnostics);

            var (functions, triggers) = TemplateAssembler.Assemble(templates, options.DefaultSchema, diagnostics);
            foreach (var domain in domains.Where(d => !names.ContainsKey((d.Schema, d.Name))))
                names[(domain.Schema, domain.Name)] = "domain " + domain.Name;
            ReportExtensionClashes(options.Extensions, names, diagnostics);
            var templateObjects = ObjectAssembler.Assemble(templates, options.DefaultSchema,
                tables.Select(t => t.Table).ToList(), names, diagnostics);
            var model = new SchemaModel(
                tables.Select(t => t.Table.Schema).Concat(enums.Select(e => e.Enum.Schema)).Concat(functions.Select(f => f.Schema)).Concat(templateObjects.Select(o => o.Schema))
                    .Concat(domains.Select(d => d.Schema)).Concat(options.Extensions.Where(e => e.Schema != null).Select(e => e.Schema!))
                    .Where(s => s != "public") // always there; creating it needs CREATE on the database
                    .Distinct().OrderBy(s => s, StringComparer.Ordinal).ToEquatableArray(),
                enums.Select(e => e.Enum).OrderBy(e => e.Schema, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(),
                TableOrder.Sort(tables.Select(t => t.Table)).ToEquatableArray(),
                functions.ToEquatableArray(),
                triggers.ToEquatableArray(),
                Objects: templateObjects.ToEquatableArray()) { Extensions = options.Extensions, Domains = domains.ToEquatableArray() };
            ExtensionChecks.Report(model, tables, diagnostics);

            // The script is rendered only to be hashed, object by object: the generated class renders it again when it is used.
            var rendered = DdlRenderer.RenderObjects(model);
            var spec = new SchemaSpec
            {
                ClassName = options.ClassName,
                Namespace = ns,
                Model = model,
                ModelHash = StableHash.Sha256Hex(rendered.Select(o => o.Sql)),
                Objects = Constants(rendered, model, tables, enums).ToEquatableArray(),
                DefaultSchema = options.DefaultSchema,
                SnakeCase = options.SnakeCase,
                EnumMappings = mappings.ToEquatableArray(),
                UsesNetTopologySuite = tables.Any(t => t.UsesNetTopologySuite),
                JsonTypes = tables.SelectMany(t => t.JsonTypes).Distinct().OrderBy(j => j.TypeReference, StringComparer.Ordinal).ThenBy(j => j.IsJsonb).ToEquatableArray(),
            };
            return new SchemaAssembly { Spec = spec, Diagnostics = diagnostics.ToEquatableArray() };
        }

        // Where a diagnostic about an enum goes: its declaration, or, for an enum of another assembly (no declaration in the
        // project's source), the first table that uses it.
        private static Func<EnumSpec, DiagnosticTarget.Declaration> EnumTargets(List<TableSpec> tables)
        {
            var firstUser = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                foreach (var enumSpec in table.Enums)
                {
                    if (!firstUser.ContainsKey(enumSpec.ClrFullName))
                        firstUser[enumSpec.ClrFullName] = table.DeclarationId;
                }
            }

            return enumSpec => new DiagnosticTarget.Declaration(enumSpec.DeclarationId, Fallback: firstUser[enumSpec.ClrFullName]);
        }

        private static List<T> Distinct<T>(IEnumerable<T> items, Func<T, (string, string)> key, string what, Func<T, string> clrName,
            Func<T, DiagnosticTarget.Declaration> target, List<DiagnosticInfo> diagnostics)
        {
            var seen = new Dictionary<(string, string), T>();
            var result = new List<T>();
            foreach (var item in items)
            {
                if (seen.TryGetValue(key(item), out var first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, target(item), what,
                        key(item).Item1 + "." + key(item).Item2, clrName(first), clrName(item)));
                    continue;
                }

                seen[key(item)] = item;
                result.Add(item);
            }

            return result;
        }

        // Tables, indexes, primary keys and types share one namespace per schema in PostgreSQL (pg_class and
        // pg_type): an index named like another table's index, or an enum named like a table, cannot coexist.
        // Returns the owner of each name, which the templates' sequences, views and indexes must not take either.
        private static Dictionary<(string, string), string> ReportRelationClashes(List<TableSpec> tables, List<EnumSpec> enums,
            Func<EnumSpec, DiagnosticTarget.Declaration> enumTarget, List<DiagnosticInfo> diagnostics)
        {
            var owners = new Dictionary<(string, string), string>();
            void Claim(string schema, string name, string owner, DiagnosticTarget.Declaration at)
            {
                if (owners.TryGetValue((schema, name), out var first))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, at, "relation", schema + "." + name, first, owner));
                else
                    owners[(schema, name)] = owner;
            }

            foreach (var table in tables)
                Claim(table.Table.Schema, table.Table.Name, "table " + table.ClrFullName, new DiagnosticTarget.Declaration(table.DeclarationId));
            foreach (var enumSpec in enums)
                Claim(enumSpec.Enum.Schema, enumSpec.Enum.Name, "enum " + enumSpec.ClrFullName, enumTarget(enumSpec));
            foreach (var table in tables)
            {
                if (table.Table.PrimaryKey != null)
                    Claim(table.Table.Schema, table.Table.PrimaryKey.Name, "the primary key of " + table.ClrFullName, new DiagnosticTarget.Declaration(table.DeclarationId));
                foreach (var index in table.Table.Indexes)
                    Claim(table.Table.Schema, index.Name, "an index of " + table.ClrFullName, new DiagnosticTarget.Declaration(table.DeclarationId));
            }

            // An identity column's sequence takes the name PostgreSQL makes for it, or another one when that is taken at the
            // time: a model relation of that name fails the deploy or gets the sequence renamed, depending on the order.
            foreach (var table in tables)
            {
                for (var i = 0; i < table.Table.Columns.Count; i++)
                {
                    var column = table.Table.Columns[i];
                    if (column.Identity != IdentityKind.None)
                        Claim(table.Table.Schema, SqlNaming.ImplicitName(table.Table.Name, column.Name, "seq"),
                            "the sequence of identity column " + column.Name + " of " + table.ClrFullName, table.ColumnTarget(table.ColumnDeclarationIds[i]));
                }
            }

            return owners;
        }

        // A declared extension creates its types (and PostGIS its tables and views) in its schema, public without one; the
        // model's names there, and the templates' after them, must leave them free.
        private static void ReportExtensionClashes(EquatableArray<ExtensionModel> extensions, Dictionary<(string, string), string> names, List<DiagnosticInfo> diagnostics)
        {
            foreach (var extension in extensions)
            {
                var schema = extension.Schema ?? "public";
                foreach (var name in ExtensionTypes.NamesOf(extension.Name))
                {
                    var taker = "the " + name + " of extension " + extension.Name;
                    if (names.TryGetValue((schema, name), out var owner))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, new DiagnosticTarget.AssemblyAttribute("SchemaGen.ExtensionAttribute", extension.Name),
                            "relation", schema + "." + name, owner, taker));
                    else
                        names[(schema, name)] = taker;
                }
            }
        }

        private static List<ObjectConstant> Constants(IReadOnlyList<SqlObject> rendered, SchemaModel model, List<TableSpec> tables, List<EnumSpec> enums)
        {
            var used = new HashSet<string>(StringComparer.Ordinal) { "Ddl" };
            string Unique(string name)
            {
                var candidate = name;
                for (var i = 2; !used.Add(candidate); i++)
                    candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return candidate;
            }

            // By (schema, name), unique among the tables (Assemble keeps the first class of each name).
            var tablesByName = new Dictionary<(string, string), TableSpec>();
            foreach (var table in tables)
                tablesByName[(table.Table.Schema, table.Table.Name)] = table;

            var result = new List<ObjectConstant>();
            foreach (var obj in rendered)
            {
                var qualified = obj.Schema + "." + obj.Name;
                switch (obj.Kind)
                {
                    case SqlObjectKind.Schemas:
                        result.Add(new ObjectConstant { ConstantName = Unique("Schemas"), Summary = "CREATE SCHEMA for every schema the model uses." });
                        break;
                    case SqlObjectKind.Enum:
                        var clrEnum = enums.First(e => e.Enum.Schema == obj.Schema && e.Enum.Name == obj.Name);
                        result.Add(new ObjectConstant { ConstantName = Unique(clrEnum.ClrName), Summary = "CREATE TYPE " + qualified + " (from " + clrEnum.ClrFullName + ")." });
                        break;
                    case SqlObjectKind.Table:
                        var clrTable = tablesByName[(obj.Schema, obj.Name)];
                        result.Add(new ObjectConstant { ConstantName = Unique(clrTable.ClrName), Summary = "CREATE TABLE " + qualified + " (from " + clrTable.ClrFullName + ") with its indexes and comments." });
                        break;
                    case SqlObjectKind.Function:
                        result.Add(new ObjectConstant { ConstantName = Unique(ConstantName(obj.Name)), Summary = "CREATE OR REPLACE FUNCTION " + qualified + " (from a SQL template)." });
                        break;
                    case SqlObjectKind.Trigger:
                        var triggerName = obj.Name.Substring(obj.Name.IndexOf('.') + 1);
                        result.Add(new ObjectConstant { ConstantName = Unique(ConstantName(triggerName) + "Trigger"), Summary = "CREATE OR REPLACE TRIGGER " + triggerName + " ON " + obj.Schema + "." + obj.Name.Substring(0, obj.Name.IndexOf('.')) + " (from a SQL template)." });
                        break;
                    case SqlObjectKind.TemplateObject:
                        var item = model.Objects.First(o => o.Schema == obj.Schema && (o.Table == null ? o.Name : o.Table + "." + o.Name) == obj.Name);
                        result.Add(new ObjectConstant { ConstantName = Unique(ConstantName(item.Name) + item.Kind), Summary = "The " + DdlRenderer.KindName(item.Kind) + " " + qualified + " (from a SQL template)." });
                        break;
                    case SqlObjectKind.Domain:
                        result.Add(new ObjectConstant { ConstantName = Unique(ConstantName(obj.Name) + "Domain"), Summary = "CREATE DOMAIN " + qualified + " (from [assembly: Domain])." });
                        break;
                    case SqlObjectKind.Extension:
                        result.Add(new ObjectConstant { ConstantName = Unique(ConstantName(obj.Name) + "Extension"), Summary = "CREATE EXTENSION IF NOT EXISTS " + obj.Name + " (from [assembly: Extension])." });
                        break;
                    default:
                        result.Add(new ObjectConstant { ConstantName = Unique("DeferredForeignKeys"), Summary = "Foreign keys between tables that reference each other, added after both exist." });
                        break;
                }
            }

            return result;
        }

        // advance_job_stage -> AdvanceJobStage: a C# name for a constant.
        private static string ConstantName(string sqlName)
        {
            var name = string.Concat(sqlName.Split(new[] { '_', ' ', '-' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)))
                .Where(c => char.IsLetterOrDigit(c) || c == '_').ToArray();
            var text = new string(name);
            return text.Length == 0 || char.IsDigit(text[0]) ? "_" + text : text;
        }
    }
}
