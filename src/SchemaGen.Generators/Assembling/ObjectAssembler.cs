using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// Turns the parsed sequence, view, materialized view, index and aggregate templates into the model's objects:
    /// names without a schema put in the default schema and written qualified, files in path order, and then each
    /// object after the objects it names (a view over a view, an index after its materialized view, a view after the
    /// aggregate it calls), so the script runs top to bottom.
    /// </summary>
    internal static class ObjectAssembler
    {
        public static List<TemplateObjectModel> Assemble(IEnumerable<TemplateFileSpec> files, string defaultSchema, IReadOnlyList<TableModel> tables,
            IReadOnlyDictionary<(string, string), string> modelNames, List<DiagnosticInfo> diagnostics)
        {
            var templates = files.OrderBy(f => f.Path, StringComparer.Ordinal).SelectMany(f => f.Objects.Select(o => (File: f.Path, Template: o))).ToList();
            var materialized = new HashSet<(string, string)>(templates.Where(t => t.Template.Kind == TemplateObjectKind.MaterializedView)
                .Select(t => (t.Template.Schema ?? defaultSchema, t.Template.Name)));
            var seen = new HashSet<(bool, string, string)>();
            var objects = new List<TemplateObjectModel>();
            foreach (var (file, template) in templates)
            {
                var isIndex = template.Kind == TemplateObjectKind.Index;
                var schema = isIndex ? template.TableSchema ?? defaultSchema : template.Schema ?? defaultSchema;
                if (isIndex && !materialized.Contains((schema, template.Table!)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TemplateError, new DiagnosticTarget.ExternalSpan(template.Location),
                        System.IO.Path.GetFileName(file), $"index {template.Name} is on {schema}.{template.Table}, which is not a materialized view of the templates; "
                            + "an index on a table is an [Index] attribute of its class"));
                    continue;
                }

                // Sequences, views, materialized views and indexes share one namespace per schema (pg_class); aggregates are functions.
                if (!seen.Add((template.Kind == TemplateObjectKind.Aggregate, schema, template.Name)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, new DiagnosticTarget.ExternalSpan(template.Location),
                        DdlRenderer.KindName(template.Kind), schema + "." + template.Name, "an earlier template", System.IO.Path.GetFileName(file)));
                    continue;
                }

                // The tables, keys, indexes, identity sequences, enums and domains of the C# model take their names first.
                if (template.Kind != TemplateObjectKind.Aggregate && modelNames.TryGetValue((schema, template.Name), out var owner))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, new DiagnosticTarget.ExternalSpan(template.Location),
                        "relation", schema + "." + template.Name, owner, "the " + DdlRenderer.KindName(template.Kind) + " of " + System.IO.Path.GetFileName(file)));
                    continue;
                }

                var definition = isIndex
                    ? template.Head + " " + SqlSyntax.Identifier(template.Name) + " ON " + SqlSyntax.QualifiedName(schema, template.Table!) + template.Rest
                    : template.Head + " " + SqlSyntax.QualifiedName(schema, template.Name) + template.Rest;
                var item = new TemplateObjectModel(template.Kind, schema, template.Name, definition, template.Table, template.Signature);
                ViewColumnCheck.Check(file, template, item, tables, diagnostics);
                objects.Add(item);
            }

            return DependencyOrder(objects);
        }

        // Stable: file order, except that an object comes after the template objects its statement names.
        private static List<TemplateObjectModel> DependencyOrder(List<TemplateObjectModel> objects)
        {
            var ordered = new List<TemplateObjectModel>();
            var placed = new HashSet<TemplateObjectModel>();
            var visiting = new HashSet<TemplateObjectModel>();
            void Place(TemplateObjectModel item)
            {
                if (placed.Contains(item) || !visiting.Add(item))
                    return; // placed, or a cycle: PostgreSQL names it when the script runs
                foreach (var used in Uses(item, objects))
                    Place(used);
                placed.Add(item);
                ordered.Add(item);
            }

            foreach (var item in objects)
                Place(item);
            return ordered;
        }

        /// <summary>The template objects a template's statement names (its own name aside), qualified or not.</summary>
        public static IEnumerable<TemplateObjectModel> Uses(TemplateObjectModel item, IReadOnlyList<TemplateObjectModel> objects)
        {
            var names = SqlSyntax.NameReferences(item.Definition, dollarQuotedIsCode: false);
            return objects.Where(o => !ReferenceEquals(o, item) && o.Kind != TemplateObjectKind.Index
                && names.Any(n => n.Name == o.Name && (n.Qualifier == null || n.Qualifier == o.Schema))
                && !(o.Schema == item.Schema && o.Name == item.Name));
        }
    }
}
