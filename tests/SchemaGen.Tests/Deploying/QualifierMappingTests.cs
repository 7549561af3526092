using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// Schema qualifiers in raw SQL are renamed token by token: never inside string literals, comments or quoted
/// identifiers that only contain the name, and (with an ownership test) only where they qualify one of the model's objects.
/// </summary>
public class QualifierMappingTests
{
    private static readonly Dictionary<string, string> AppToShadow = new() { ["app"] = "s_app", ["Mixed Case"] = "s_mixed" };

    [Theory]
    [InlineData("app.next_code()", "s_app.next_code()")]
    [InlineData("APP.next_code()", "s_app.next_code()")]
    [InlineData("\"app\".next_code()", "s_app.next_code()")]
    [InlineData("app . next_code()", "s_app . next_code()")]
    [InlineData("'closed'::app.status", "'closed'::s_app.status")]
    [InlineData("\"Mixed Case\".\"Status\"", "s_mixed.\"Status\"")]
    [InlineData("'app.next_code()'", "'app.next_code()'")]
    [InlineData("E'it\\'s app.x'", "E'it\\'s app.x'")]
    [InlineData("'it''s app.x' || app.x()", "'it''s app.x' || s_app.x()")]
    [InlineData("\"app.next_code\"()", "\"app.next_code\"()")]
    [InlineData("myapp.x() + app_x.y()", "myapp.x() + app_x.y()")]
    [InlineData("db.app.x()", "db.app.x()")]
    [InlineData("-- app.x\napp.x()", "-- app.x\ns_app.x()")]
    [InlineData("/* app.x /* nested */ app.x */ app.x()", "/* app.x /* nested */ app.x */ s_app.x()")]
    [InlineData("$$app.x$$", "$$app.x$$")]
    [InlineData("app", "app")]
    [InlineData("1.5 + app.x()", "1.5 + s_app.x()")]
    public void Expressions_are_mapped_token_by_token(string sql, string expected) =>
        Assert.Equal(expected, SqlSyntax.RenameQualifiers(sql, AppToShadow, dollarQuotedIsCode: false));

    [Fact]
    public void Function_bodies_are_code_inside_dollar_quotes()
    {
        const string body = "() RETURNS bigint LANGUAGE sql AS $fn$ SELECT count(*) FROM app.jobs WHERE note <> 'app.jobs' $fn$";
        Assert.Equal("() RETURNS bigint LANGUAGE sql AS $fn$ SELECT count(*) FROM s_app.jobs WHERE note <> 'app.jobs' $fn$",
            SqlSyntax.RenameQualifiers(body, AppToShadow, dollarQuotedIsCode: true));
    }

    [Fact]
    public void Only_the_models_own_objects_move()
    {
        var owned = new HashSet<(string, string)> { ("app", "next_code"), ("app", "status") };
        Assert.Equal("s_app.next_code() || app.uuid_generate_v4()::text || 'x'::s_app.status",
            SqlSyntax.RenameQualifiers("app.next_code() || app.uuid_generate_v4()::text || 'x'::app.status", AppToShadow,
                (schema, name) => owned.Contains((schema, name)), dollarQuotedIsCode: false));
    }

    [Fact]
    public void Name_references_say_what_is_called()
    {
        var names = SqlSyntax.NameReferences("coalesce(app.next_code(), 'x(') || \"Make\" (1) || col", dollarQuotedIsCode: false);
        Assert.Equal(
            [((string?)null, "coalesce", true), ("app", "next_code", true), (null, "Make", true), (null, "col", false)],
            names.Select(n => (n.Qualifier, n.Name, n.IsCall)).ToArray());
    }
}
