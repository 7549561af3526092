using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaGen.Bench.BindingFloor
{
    /// <summary>
    /// The floor of the whole-build benchmark: finds every [Table] class as SchemaGen does and binds what any
    /// generator that maps it must read (its properties, their types, their attributes and the attributes'
    /// arguments), then emits one constant. What SchemaGen adds to a build beyond this is its own work.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class BindingFloorGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var counts = context.SyntaxProvider.ForAttributeWithMetadataName(
                "System.ComponentModel.DataAnnotations.Schema.TableAttribute",
                static (node, _) => node is ClassDeclarationSyntax,
                static (table, _) => Read((INamedTypeSymbol)table.TargetSymbol));
            context.RegisterSourceOutput(counts.Collect(), static (output, all) =>
                output.AddSource("BindingFloor.g.cs", "internal static class BindingFloor { public const int Read = " + all.Sum() + "; }"));
        }

        private static int Read(INamedTypeSymbol type)
        {
            var read = type.Name.Length;
#if FIND_ONLY
            // The "find" variant (run.sh builds it with -p:FindOnly=true): finding the classes and binding their own
            // attributes, which is what ForAttributeWithMetadataName does, and nothing of their properties.
            return read;
#else
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                read += property.Type.Name.Length;
                foreach (var attribute in property.GetAttributes())
                    read += attribute.ConstructorArguments.Length + attribute.NamedArguments.Length + (attribute.AttributeClass?.Name.Length ?? 0);
            }

            return read;
#endif
        }
    }
}
