using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// Turns the parsed template files into the model's functions and triggers: files in path order, statements
    /// in file order, names without a schema put in the default schema, and every table and function name of a
    /// trigger written schema-qualified so the script does not depend on search_path.
    /// </summary>
    internal static class TemplateAssembler
    {
        public static (List<FunctionModel> Functions, List<TriggerModel> Triggers) Assemble(
            IEnumerable<TemplateFileSpec> files, string defaultSchema, List<DiagnosticInfo> diagnostics)
        {
            var functions = new List<FunctionModel>();
            var triggers = new List<TriggerModel>();
            var seenFunctions = new HashSet<(string, string, string)>();
            var seenTriggers = new HashSet<(string, string, string)>();
            var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            // A trigger's function written without a schema is qualified only when a template defines it; any other
            // (tsvector_update_trigger, an extension's) stays as written and resolves through search_path.
            var defined = new HashSet<string>(ordered.SelectMany(f => f.Functions).Where(f => (f.Schema ?? defaultSchema) == defaultSchema).Select(f => f.Name), StringComparer.Ordinal);
            foreach (var file in ordered)
            {
                foreach (var template in file.Functions)
                {
                    var function = new FunctionModel(template.Schema ?? defaultSchema, template.Name,
                        string.Join(", ", template.Parameters.Select(p => p.Type)), template.Returns, template.Definition, template.Parameters, template.Columns);
                    if (seenFunctions.Add((function.Schema, function.Name, function.Signature.ToLowerInvariant())))
                        functions.Add(function);
                    else
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, new DiagnosticTarget.ExternalSpan(template.Location), "function",
                            $"{function.Schema}.{function.Name}({function.Signature})", "an earlier template", System.IO.Path.GetFileName(file.Path)));
                }

                foreach (var template in file.Triggers)
                {
                    var schema = template.TableSchema ?? defaultSchema;
                    var functionSchema = template.FunctionSchema ?? defaultSchema;
                    var definition = template.Timing + SqlSyntax.QualifiedName(schema, template.Table) + template.Middle
                        + (template.FunctionSchema != null || defined.Contains(template.Function)
                            ? SqlSyntax.QualifiedName(functionSchema, template.Function)
                            : SqlSyntax.Identifier(template.Function))
                        + template.Arguments;
                    if (seenTriggers.Add((schema, template.Table, template.Name)))
                        triggers.Add(new TriggerModel(schema, template.Table, template.Name, functionSchema, template.Function, definition));
                    else
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, new DiagnosticTarget.ExternalSpan(template.Location), "trigger",
                            $"{template.Name} on {schema}.{template.Table}", "an earlier template", System.IO.Path.GetFileName(file.Path)));
                }
            }

            return (functions, triggers);
        }
    }
}
