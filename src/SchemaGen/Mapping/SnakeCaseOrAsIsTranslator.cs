using Npgsql;
using SchemaGen.Model;

namespace SchemaGen
{
    /// <summary>
    /// The names the generator gives enum types and labels under the snake_case convention, for Npgsql's
    /// MapEnum: Npgsql's own snake_case translator, except for names it would empty or shorten by dropping
    /// letters it does not know (<c>名前</c>, <c>赤</c>), which the generator keeps as written. Schema.MapTypes uses it.
    /// </summary>
    public sealed class SnakeCaseOrAsIsTranslator : INpgsqlNameTranslator
    {
        /// <summary>The one instance; the translator has no state.</summary>
        public static SnakeCaseOrAsIsTranslator Instance { get; } = new SnakeCaseOrAsIsTranslator();

        /// <inheritdoc />
        public string TranslateTypeName(string clrName) => SqlNaming.ToSnakeCaseOrAsIs(clrName);

        /// <inheritdoc />
        public string TranslateMemberName(string clrName) => SqlNaming.ToSnakeCaseOrAsIs(clrName);
    }
}
