using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// The attribute types the generator reads, resolved once per compilation by metadata name (as System.Text.Json's
    /// KnownTypeSymbols) and compared as symbols, never by namespace and name strings. Cached per compilation, so
    /// the parse of each [Table] class and the reporting step share one instance.
    /// </summary>
    internal sealed class KnownSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new ConditionalWeakTable<Compilation, KnownSymbols>();

        private KnownSymbols(Compilation compilation)
        {
            KnownType Resolve(params string[] metadataNames) =>
                new KnownType(metadataNames.SelectMany(name => compilation.GetTypesByMetadataName(name)).ToImmutableArray());

            TableAttribute = Resolve(KnownNames.TableAttributeMetadataName);
            ColumnAttribute = Resolve(KnownNames.DataAnnotationsSchema + ".ColumnAttribute");
            NotMappedAttribute = Resolve(KnownNames.DataAnnotationsSchema + ".NotMappedAttribute");
            ForeignKeyAttribute = Resolve(KnownNames.DataAnnotationsSchema + ".ForeignKeyAttribute");
            DatabaseGeneratedAttribute = Resolve(KnownNames.DataAnnotationsSchema + ".DatabaseGeneratedAttribute");
            KeyAttribute = Resolve(KnownNames.DataAnnotations + ".KeyAttribute");
            RequiredAttribute = Resolve(KnownNames.DataAnnotations + ".RequiredAttribute");
            ValidationAttribute = Resolve(KnownNames.DataAnnotations + ".ValidationAttribute");
            FlagsAttribute = Resolve("System.FlagsAttribute");
            PgNameAttribute = Resolve(KnownNames.NpgsqlTypes + ".PgNameAttribute");
            CheckAttribute = Resolve(KnownNames.SchemaGen + ".CheckAttribute");
            IndexAttribute = Resolve(KnownNames.SchemaGen + ".IndexAttribute");
            IndexedAttribute = Resolve(KnownNames.SchemaGen + ".IndexedAttribute");
            ReferencesAttribute = Resolve(KnownNames.SchemaGen + ".ReferencesAttribute", KnownNames.SchemaGen + ".ReferencesAttribute`1");
            NumericAttribute = Resolve(KnownNames.SchemaGen + ".NumericAttribute");
            GeneratedAttribute = Resolve(KnownNames.SchemaGen + ".GeneratedAttribute");
            DefaultSqlAttribute = Resolve(KnownNames.SchemaGen + ".DefaultSqlAttribute");
            RenamedFromAttribute = Resolve(KnownNames.SchemaGen + ".RenamedFromAttribute");
            SchemaOptionsAttribute = Resolve(KnownNames.SchemaGen + ".SchemaOptionsAttribute");
            ExtensionAttribute = Resolve(KnownNames.SchemaGen + ".ExtensionAttribute");
            DomainAttribute = Resolve(KnownNames.SchemaGen + ".DomainAttribute");
            SridAttribute = Resolve(KnownNames.SchemaGen + ".SridAttribute");
            NetTopologySuitePlugin = Resolve("Npgsql.NpgsqlNetTopologySuiteExtensions");
            SqlFunctionAttribute = Resolve(KnownNames.SqlFunctionAttributeMetadataName);
            EnumeratorCancellationAttribute = Resolve("System.Runtime.CompilerServices.EnumeratorCancellationAttribute");
            Unread = UnreadAttributes.Advice.Select(a => (Resolve(a.MetadataName), a.Advice)).Where(a => !a.Item1.Symbols.IsEmpty).ToImmutableArray();
        }

        /// <summary>The known types of <paramref name="compilation"/>, resolved on first use.</summary>
        public static KnownSymbols For(Compilation compilation) => Cache.GetValue(compilation, c => new KnownSymbols(c));

        public KnownType TableAttribute { get; }
        public KnownType ColumnAttribute { get; }
        public KnownType NotMappedAttribute { get; }
        public KnownType ForeignKeyAttribute { get; }
        public KnownType DatabaseGeneratedAttribute { get; }
        public KnownType KeyAttribute { get; }
        public KnownType RequiredAttribute { get; }

        /// <summary>System.ComponentModel.DataAnnotations.ValidationAttribute, the base of every validation attribute.</summary>
        public KnownType ValidationAttribute { get; }
        public KnownType FlagsAttribute { get; }
        public KnownType PgNameAttribute { get; }
        public KnownType CheckAttribute { get; }
        public KnownType IndexAttribute { get; }
        public KnownType IndexedAttribute { get; }

        /// <summary>[References(typeof(T))] and [References&lt;T&gt;].</summary>
        public KnownType ReferencesAttribute { get; }
        public KnownType NumericAttribute { get; }
        public KnownType GeneratedAttribute { get; }
        public KnownType DefaultSqlAttribute { get; }
        public KnownType RenamedFromAttribute { get; }
        public KnownType SchemaOptionsAttribute { get; }
        public KnownType ExtensionAttribute { get; }
        public KnownType DomainAttribute { get; }
        public KnownType SridAttribute { get; }

        /// <summary>Npgsql.NetTopologySuite's UseNetTopologySuite (none when the project does not reference the plugin).</summary>
        public KnownType NetTopologySuitePlugin { get; }
        public KnownType SqlFunctionAttribute { get; }
        public KnownType EnumeratorCancellationAttribute { get; }

        /// <summary>The attributes with a schema meaning that SchemaGen does not read, those the compilation sees, with what to use instead (SG0028).</summary>
        public ImmutableArray<(KnownType Type, string Advice)> Unread { get; }

        /// <summary>
        /// True for an attribute of System.ComponentModel.DataAnnotations itself (the ones SchemaGen turns into
        /// columns' NOT NULL and CHECKs), told apart from a user's own ValidationAttribute by its assembly.
        /// </summary>
        public bool IsDataAnnotation(INamedTypeSymbol? attributeClass)
        {
            if (attributeClass == null)
                return false;
            foreach (var validation in ValidationAttribute.Symbols)
            {
                if (SymbolEqualityComparer.Default.Equals(attributeClass.ContainingAssembly, validation.ContainingAssembly)
                    && attributeClass.ContainingNamespace != null && SymbolEqualityComparer.Default.Equals(attributeClass.ContainingNamespace, validation.ContainingNamespace))
                    return true;
            }

            return false;
        }
    }

    /// <summary>
    /// A type the generator knows by metadata name: every definition the compilation sees (usually one; more when
    /// two references define it), compared with <see cref="SymbolEqualityComparer.Default"/>.
    /// </summary>
    internal sealed class KnownType
    {
        public KnownType(ImmutableArray<INamedTypeSymbol> symbols) => Symbols = symbols;

        public ImmutableArray<INamedTypeSymbol> Symbols { get; }

        /// <summary>True when <paramref name="type"/> (any construction of a generic) is this type.</summary>
        public bool Matches(ITypeSymbol? type)
        {
            if (type == null)
                return false;
            var definition = type.OriginalDefinition;
            foreach (var symbol in Symbols)
            {
                if (SymbolEqualityComparer.Default.Equals(definition, symbol))
                    return true;
            }

            return false;
        }

        /// <summary>True when <paramref name="type"/> is this type or derives from it.</summary>
        public bool IsBaseOf(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (Matches(current))
                    return true;
            }

            return false;
        }
    }
}
