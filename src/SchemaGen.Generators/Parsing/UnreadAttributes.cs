using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaGen.Generators.Diagnostics;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// SG0028: attributes that give a schema to a model in EF Core (or the BCL's row version) and that SchemaGen does not
    /// read. Models are shared with EF Core, and without this warning an index, a precision or a comment written the
    /// EF Core way would be missing from the database with nothing said.
    /// </summary>
    internal static class UnreadAttributes
    {
        /// <summary>Each attribute by metadata name, with what to write instead.</summary>
        public static readonly (string MetadataName, string Advice)[] Advice =
        {
            (KnownNames.DataAnnotations + ".TimestampAttribute",
                "PostgreSQL has no row version type, so this is an ordinary column nothing updates; for optimistic concurrency read the xmin system column (a uint in Npgsql), or remove the attribute"),
            ("Microsoft.EntityFrameworkCore.IndexAttribute", "write SchemaGen's [Index] (SchemaGen.IndexAttribute, the same arguments) or [Indexed] on the property"),
            ("Microsoft.EntityFrameworkCore.PrimaryKeyAttribute", "mark each key property with [Key]; a composite key takes the properties' order"),
            ("Microsoft.EntityFrameworkCore.PrecisionAttribute", "write [Numeric(precision, scale)] for a decimal, or [Column(TypeName = \"…\")] with the precision"),
            ("Microsoft.EntityFrameworkCore.CommentAttribute", "SchemaGen takes a table's and a column's comment from its /// <summary> doc comment"),
            ("Microsoft.EntityFrameworkCore.DeleteBehaviorAttribute", "write the foreign key with [References(typeof(…), OnDelete = …)]"),
        };

        /// <summary>
        /// Reports SG0028 at each such attribute of the class and of its columns' properties, and at SchemaGen's own
        /// [Index] and [Check] on a base class that is not a [Table]: they apply to the class they are written on (they are
        /// not inherited), so there nothing reads them.
        /// </summary>
        public static void Report(ParseContext context, INamedTypeSymbol type, IReadOnlyList<IPropertySymbol> properties)
        {
            for (var baseType = type.BaseType; baseType != null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
            {
                if (baseType.IsTableType(context.Known))
                    continue;
                foreach (var attribute in baseType.GetAttributes())
                {
                    if (context.Known.IndexAttribute.Matches(attribute.AttributeClass) || context.Known.CheckAttribute.Matches(attribute.AttributeClass))
                        context.Report(DiagnosticDescriptors.UnreadAttribute, attribute.GetLocation(baseType), attribute.ShortName(), baseType.Name,
                            $"[Index] and [Check] apply to the [Table] class they are written on and are not inherited, so {type.Name} does not get it; write it on {type.Name}");
                }
            }

            ReportMisplaced(context, type, properties);

            if (context.Known.Unread.IsEmpty)
                return;
            ReportOn(context, type, type.Name);
            foreach (var property in properties)
                ReportOn(context, property, type.Name + "." + property.Name);
        }

        // A validation attribute on a record's positional parameter, or on a property's backing field ([field: …]), is not
        // the property's: Validator does not see it, and neither does the column. One pass over each declaring class's
        // members finds the holders of every column (a pass per property made this a tenth of a cold parse).
        private static void ReportMisplaced(ParseContext context, INamedTypeSymbol type, IReadOnlyList<IPropertySymbol> properties)
        {
            var holders = new Dictionary<IPropertySymbol, List<(ISymbol Holder, string Advice)>>(SymbolEqualityComparer.Default);
            foreach (var declaring in properties.Select(p => p.ContainingType).Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default))
            {
                var byName = new Dictionary<string, IPropertySymbol>(System.StringComparer.Ordinal);
                foreach (var property in properties)
                {
                    if (SymbolEqualityComparer.Default.Equals(property.ContainingType, declaring))
                        byName[property.Name] = property;
                }

                foreach (var member in declaring.GetMembers())
                {
                    if (member is IFieldSymbol { AssociatedSymbol: IPropertySymbol owner } field && byName.TryGetValue(owner.Name, out var backed)
                        && SymbolEqualityComparer.Default.Equals(owner, backed) && MayTargetField(backed))
                        Add(holders, backed, field, "it is written on the property's backing field ([field: …]), which Validator does not read; write it on the property");
                    else if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor && declaring.IsRecord && IsPrimary(constructor))
                    {
                        foreach (var parameter in constructor.Parameters)
                        {
                            if (byName.TryGetValue(parameter.Name, out var positional) && IsPositional(positional))
                                Add(holders, positional, parameter,
                                    "it is written on the record's positional parameter, which is not the property (Validator does not read it); write [property: …]");
                        }
                    }
                }
            }

            foreach (var property in properties)
            {
                if (!holders.TryGetValue(property, out var found))
                    continue;
                var where = type.Name + "." + property.Name;
                foreach (var (holder, advice) in found)
                {
                    foreach (var attribute in holder.GetAttributes())
                    {
                        if (context.Known.IsDataAnnotation(attribute.AttributeClass) || context.Known.ValidationAttribute.IsBaseOf(attribute.AttributeClass))
                            context.Report(DiagnosticDescriptors.UnreadAttribute, attribute.GetLocation(holder), attribute.ShortName(), where, advice);
                    }
                }
            }
        }

        private static void Add(Dictionary<IPropertySymbol, List<(ISymbol, string)>> holders, IPropertySymbol property, ISymbol holder, string advice)
        {
            if (!holders.TryGetValue(property, out var list))
                holders[property] = list = new List<(ISymbol, string)>();
            list.Add((holder, advice));
        }

        // Only [field: …] on a declaration of the property puts an attribute on its backing field. Binding the field's
        // attributes to find none cost as much as the rest of this check, so a property in source without that target is
        // skipped; one without syntax (from a reference) is read.
        private static bool MayTargetField(IPropertySymbol property)
        {
            if (property.DeclaringSyntaxReferences.IsEmpty)
                return true;
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                var lists = reference.GetSyntax() switch
                {
                    BasePropertyDeclarationSyntax declaration => declaration.AttributeLists,
                    ParameterSyntax parameter => parameter.AttributeLists,
                    _ => default(SyntaxList<AttributeListSyntax>?),
                };
                if (lists == null || lists.Value.Any(list => list.Target?.Identifier.IsKind(SyntaxKind.FieldKeyword) == true))
                    return true;
            }

            return false;
        }

        private static bool IsPrimary(IMethodSymbol constructor) =>
            constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax);

        private static bool IsPositional(IPropertySymbol property) =>
            property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is ParameterSyntax);

        private static void ReportOn(ParseContext context, ISymbol symbol, string where)
        {
            foreach (var attribute in symbol.EffectiveAttributes())
            {
                foreach (var (known, advice) in context.Known.Unread)
                {
                    if (known.Matches(attribute.AttributeClass))
                        context.Report(DiagnosticDescriptors.UnreadAttribute, attribute.GetLocation(symbol), attribute.ShortName(), where, advice);
                }
            }
        }
    }
}
