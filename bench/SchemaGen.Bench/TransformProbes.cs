using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using System.Reflection;
using System.Threading;
using SchemaGen.Generators;

namespace SchemaGen.Bench;

/// <summary>
/// Generators that run only a part of SchemaGen's pipeline, so that the benchmark can tell where a rerun's time
/// goes: the [Table] transform alone (<see cref="ParseOnly"/>), and the same ForAttributeWithMetadataName with a
/// transform that reads nothing but the class's name (<see cref="NameOnly"/>, Roslyn's own cost of a rerun).
/// </summary>
public static class TransformProbes
{
    private const string TableAttribute = "System.ComponentModel.DataAnnotations.Schema.TableAttribute";

    // TableParser is internal to the generator (whose model types would clash with the runtime's if it were
    // visible here): called through reflection, a few microseconds per class.
    private static readonly MethodInfo TableParse = typeof(SchemaGenerator).Assembly.GetType("SchemaGen.Generators.Parsing.TableParser", throwOnError: true)!
        .GetMethod("Parse", BindingFlags.Public | BindingFlags.Static, [typeof(GeneratorAttributeSyntaxContext), typeof(CancellationToken)])!;

    private static object Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        TableParse.Invoke(null, [context, cancellationToken])!;

    /// <summary>TableParser.Parse for every [Table] class, its results collected (nothing assembled or emitted).</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ParseOnly : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var parsed = context.SyntaxProvider.ForAttributeWithMetadataName(TableAttribute, static (node, _) => node is ClassDeclarationSyntax, Parse);
            context.RegisterSourceOutput(parsed.Collect(), static (_, results) => Require(results.Length));
        }
    }

    /// <summary>The same ForAttributeWithMetadataName, with a transform that only reads the class's name.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NameOnly : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var names = context.SyntaxProvider.ForAttributeWithMetadataName(TableAttribute, static (node, _) => node is ClassDeclarationSyntax, static (c, _) => c.TargetSymbol.Name);
            context.RegisterSourceOutput(names.Collect(), static (_, results) => Require(results.Length));
        }
    }

    private static void Require(int classes)
    {
        if (classes != ModelSource.TableCount)
            throw new System.InvalidOperationException($"The probe saw {classes} [Table] classes, not {ModelSource.TableCount}.");
    }
}
