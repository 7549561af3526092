using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaGen.Generators.Assembling;
using SchemaGen.Generators.Caching;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Emitting;
using SchemaGen.Generators.Parsing;
using SchemaGen.Generators.Specs;

namespace SchemaGen.Generators
{
    /// <summary>
    /// Reads every [Table] class of the project and emits <c>Schema.g.cs</c>: the PostgreSQL DDL of the model
    /// as constants and the model as records. Specs hold no symbol, location or diagnostic, so the source
    /// outputs depend only on equatable values and are reused while the model does not change. Diagnostics
    /// travel on their own branches as equatable data and meet the compilation only in the step that reports
    /// them (<see cref="DiagnosticLocator"/>), which puts each in the user's syntax tree.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class SchemaGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // Per driver: a class's parse is reused while its tree and the compilation's declarations are the same.
            var tableCache = new ParseCache<TableParseResult>(TableParser.Parse, static result => result.Diagnostics);
            var wrapperCache = new ParseCache<WrapperParseResult>(WrapperParser.Parse, static result => result.Diagnostics);

            var parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.TableAttributeMetadataName,
                    static (node, _) => node is ClassDeclarationSyntax || (node is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)),
                    tableCache.Parse)
                .WithTrackingName(TrackingNames.ParsedTables);

            Report(context, parsed.SelectMany(static (result, _) => result.Diagnostics));

            var tables = parsed
                .Where(static result => result.Spec != null)
                .Select(static (result, _) => result.Spec!)
                .WithTrackingName(TrackingNames.Tables);

            var parsedOptions = context.CompilationProvider
                .Select(static (compilation, _) => OptionsParser.Parse(compilation))
                .WithTrackingName(TrackingNames.ParsedOptions);

            Report(context, parsedOptions.SelectMany(static (result, _) => result.Diagnostics));

            var options = parsedOptions
                .Select(static (result, _) => result.Spec)
                .WithTrackingName(TrackingNames.Options);

            var rootNamespace = context.AnalyzerConfigOptionsProvider
                .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName ?? ""))
                .Select(static (pair, _) => RootNamespace(pair.Left.GlobalOptions.TryGetValue("build_property.RootNamespace", out var ns) ? ns : null, pair.Right));

            // SQL templates: every .sql among the AdditionalFiles (the package's props add the template folder's).
            var templates = context.AdditionalTextsProvider
                .Where(static text => text.Path.EndsWith(".sql", System.StringComparison.OrdinalIgnoreCase))
                .Select(static (text, cancellationToken) => TemplateParser.Parse(text.Path, text.GetText(cancellationToken), cancellationToken))
                .WithTrackingName(TrackingNames.Templates);

            Report(context, templates.SelectMany(static (file, _) => file.Diagnostics));

            // Runs on every compilation: a type anywhere in the project may take the generated class's name.
            var generatedName = options.Join(rootNamespace).Combine(context.CompilationProvider)
                .Select(static (input, _) => GeneratedClassName.Resolve(input.Left.Left, input.Left.Right, input.Right))
                .WithTrackingName(TrackingNames.GeneratedName);

            // Joined as records rather than nested tuples, and lists as records: ClassShapedSteps says why.
            var schema = tables.CollectList()
                .Join(options.Join(generatedName))
                .Join(templates.CollectList())
                .Select(static (input, _) => SchemaAssembler.Assemble(input.Left.Left.Items, input.Left.Right.Left, input.Left.Right.Right, input.Right.Items))
                .WithTrackingName(TrackingNames.Schema);

            Report(context, schema.SelectMany(static (assembly, _) => assembly.Diagnostics));

            // [SqlFunction] methods, bound to the functions of the templates.
            var parsedWrappers = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.SqlFunctionAttributeMetadataName,
                    static (node, _) => node is MethodDeclarationSyntax,
                    wrapperCache.Parse)
                .WithTrackingName(TrackingNames.ParsedWrappers);

            Report(context, parsedWrappers.SelectMany(static (result, _) => result.Diagnostics));

            var wrappers = parsedWrappers
                .Where(static result => result.Spec != null)
                .Select(static (result, _) => result.Spec!)
                .WithTrackingName(TrackingNames.Wrappers);

            var bound = wrappers.CollectList()
                .Join(schema.Select(static (assembly, _) => assembly.Spec))
                .Join(options)
                .Select(static (input, _) => WrapperBinder.Bind(input.Left.Left.Items, input.Left.Right?.Model,
                    input.Left.Right?.EnumMappings.ToList() ?? new System.Collections.Generic.List<EnumMapping>(), input.Right.FunctionParameterPrefix))
                .WithTrackingName(TrackingNames.BoundWrappers);

            Report(context, bound.SelectMany(static (output, _) => output.Diagnostics));
            context.RegisterSourceOutput(bound.Select(static (output, _) => new ValueList<BoundWrapper>(output.Wrappers)), static (output, wrappers) =>
            {
                if (!wrappers.Items.IsEmpty)
                    output.AddSource(WrapperEmitter.HintName, WrapperEmitter.Emit(wrappers.Items));
            });
            context.RegisterSourceOutput(schema.Select(static (assembly, _) => assembly.Spec).WithTrackingName(TrackingNames.SchemaSpec), static (output, spec) =>
            {
                if (spec != null)
                    output.AddSource(CodeEmitter.HintName, CodeEmitter.Emit(spec));
            });
        }

        // Each diagnostic is located against the compilation just before it is reported. That step runs on every edit, for
        // each diagnostic of the branch (none while there is none), and its output (compared by value) is Unchanged while
        // the diagnostic did not move, so the reporting output is skipped. One value per diagnostic rather than an array per
        // branch: the pipeline's values stay classes (ClassShapedSteps).
        private static void Report(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<DiagnosticInfo> diagnostics) =>
            context.RegisterSourceOutput(
                diagnostics.Combine(context.CompilationProvider).Select(static (input, cancellationToken) => DiagnosticLocator.Locate(input.Left, input.Right, cancellationToken)),
                static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        // The project's root namespace, else the assembly name made into a valid namespace.
        private static string RootNamespace(string? configured, string assemblyName)
        {
            var name = string.IsNullOrWhiteSpace(configured) ? assemblyName : configured!;
            var parts = name.Split('.').Select(part => new string(part.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray()))
                .Where(part => part.Length > 0)
                .Select(part => char.IsDigit(part[0]) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None ? "_" + part : part);
            return string.Join(".", parts);
        }
    }
}
