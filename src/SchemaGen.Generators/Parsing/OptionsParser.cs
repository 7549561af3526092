using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Specs;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>Reads <c>[assembly: SchemaOptions(…)]</c>, with the documented defaults for what it leaves out.</summary>
    internal static class OptionsParser
    {
        public const string DefaultClassName = "Schema";
        public const string DefaultSchema = "public";

        public static OptionsSpec Parse(Compilation compilation)
        {
            var attribute = compilation.Assembly.GetAttribute(KnownSymbols.For(compilation).SchemaOptionsAttribute);
            return new OptionsSpec
            {
                ClassName = NonEmpty(attribute?.Named("ClassName")) ?? DefaultClassName,
                Namespace = NonEmpty(attribute?.Named("Namespace")),
                DefaultSchema = NonEmpty(attribute?.Named("DefaultSchema")) ?? DefaultSchema,
                SnakeCase = !(attribute?.Named("Naming") is int naming) || naming == 0,
                IndexForeignKeys = !(attribute?.Named("IndexForeignKeys") is false),
                FunctionParameterPrefix = attribute?.Named("FunctionParameterPrefix") is string prefix ? prefix.Trim() : "p_",
                Extensions = ExtensionParser.Parse(compilation),
                Domains = DomainParser.Parse(compilation),
                DefaultSrid = attribute?.Named("DefaultSrid") is int srid ? srid : 0,
            };
        }

        private static string? NonEmpty(object? value) => value is string text && text.Trim().Length > 0 ? text.Trim() : null;
    }
}
