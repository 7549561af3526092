using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Microsoft.CodeAnalysis;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// Random models with hostile identifiers (unicode, keywords, names snake_case empties or merges, long ones) and
/// random arguments for every attribute: the generator never fails (CS8785), and either the build reports an
/// error or the emitted Schema.Sql runs on PostgreSQL. Raw SQL arguments ([Check], [DefaultSql], [Generated],
/// Where) are drawn from SQL that is valid or that SchemaGen must catch, since raw SQL is the user's to get right.
/// </summary>
public class GeneratorFuzzTests(Xunit.Abstractions.ITestOutputHelper log)
{
    // SCHEMAGEN_FUZZ_ITERATIONS raises the count for a longer hunt; CsCheck_Seed replays a failure.
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("SCHEMAGEN_FUZZ_ITERATIONS"), out var n) ? n : 100;

    [Fact]
    public void RandomModelsNeverCrashTheGeneratorAndTheirSqlRunsUnlessAnErrorIsReported()
    {
        using var connection = new NpgsqlConnection(Postgres.Instance.CreateDatabase("fuzz"));
        connection.Open();
        int models = 0, ran = 0;
        var reasons = new System.Collections.Generic.Dictionary<string, int>();
        FuzzModels.Model.Sample(source =>
        {
            System.Threading.Interlocked.Increment(ref models);
            var compilation = GeneratorHarness.Compile(source);
            var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            var run = driver.GetRunResult().Results.Single();
            if (run.Exception != null)
                throw new Exception("The generator threw: " + run.Exception);
            if (diagnostics.Any(d => d.Id == "CS8785"))
                throw new Exception("CS8785: " + string.Join("\n", diagnostics));

            var errors = diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                if (Environment.GetEnvironmentVariable("SCHEMAGEN_FUZZ_SHOW") is string show && errors.Any(e => e.Id == show))
                    log.WriteLine(source + string.Join("\n", errors.Where(e => e.Id == show)));
                foreach (var id in errors.Select(e => e.Id).Distinct())
                    reasons[id] = reasons.GetValueOrDefault(id) + 1;
                return; // a diagnostic says what is wrong: the property holds
            }

            var sql = GeneratorHarness.Run(source).Load().Sql;
            using var transaction = connection.BeginTransaction();
            using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                try
                {
                    command.ExecuteNonQuery();
                }
                catch (PostgresException e) when (!FuzzModels.NamesATypeNotInTheModel(e))
                {
                    throw new Exception($"No diagnostic, but PostgreSQL refuses the SQL: {e.MessageText} ({e.SqlState})\n{sql}");
                }
                catch (PostgresException)
                {
                    // A type the model does not declare is taken as written (docs/type-mapping.md): whether it exists is
                    // the database's to say, at deploy time, not the generator's.
                }
            }

            transaction.Rollback();
            ran++;
        }, iter: Iterations, threads: 1, print: source => "\n" + source);
        // How much of the run reached PostgreSQL; the rest ended in a diagnostic.
        log.WriteLine($"{ran} of {models} models had no error and their SQL ran; errors: "
            + string.Join(", ", reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} ×{r.Value}")));
    }
}

/// <summary>The random pieces of <see cref="GeneratorFuzzTests"/>.</summary>
internal static class FuzzModels
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using System.Text.Json;
        using NpgsqlTypes;
        using SchemaGen;
        namespace TestModels;

        """;

    /// <summary>C# identifiers: plain, snake_case colliding, unicode snake_case drops, keywords, long.</summary>
    private static readonly Gen<string> Identifier = Gen.OneOf<string>(
        "Foo", "FooBar", "Foo_Bar", "foo_bar", "_", "__x", "A", "HTTPServer", "名前", "Größe", "色", "赤", "Ωmega", "ǅungla", "Select",
        "User", "Order", "@class", "@int", "X1", "x1Y", "Id2", "Ǆ", "Value", "Name", "Data", new string('L', 70), "Über" + new string('ß', 30));

    /// <summary>Names given in attributes: empty, white space, NUL, quotes, keywords, 63/64 bytes.</summary>
    private static readonly Gen<string> Name = Gen.Frequency(
        (1, Gen.OneOf<string>("", " ", "\\0", "a\\0b", "\\uD800", "a\\uDC00", new string('n', 64), string.Concat(Enumerable.Repeat("é", 32)))),
        (4, Gen.OneOf<string>("x", "Upper", "with space", "quo\\\"te", "apo'strophe", "back\\\\slash", "select", "user", "名前",
        new string('n', 63), string.Concat(Enumerable.Repeat("é", 31)), "a.b", "public")));

    // Types no model declares (TypeName below: quoted, and schema-qualified), as PostgreSQL names them when they are missing.
    // "dom" is one when no domain of that name is drawn.
    private static readonly string[] TypesNotInTheModel = ["My Type", "public.missing_type", "dom", "dom[]"];

    internal static bool NamesATypeNotInTheModel(PostgresException e) =>
        (e.SqlState == PostgresErrorCodes.UndefinedObject && TypesNotInTheModel.Any(t => e.MessageText == $"type \"{t}\" does not exist"))
        || IsAnExtensionTheServerLacks(e);

    // An [assembly: Extension] of a random name: whether the server has it is the database's to say, at deploy time.
    private static bool IsAnExtensionTheServerLacks(PostgresException e) =>
        (e.SqlState == "58P01" && e.MessageText.StartsWith("could not open extension control file", StringComparison.Ordinal))
        || (e.SqlState == PostgresErrorCodes.FeatureNotSupported && e.MessageText.Contains("is not available", StringComparison.Ordinal))
        || (e.SqlState == PostgresErrorCodes.InvalidParameterValue && e.MessageText.Contains("has no installation script nor update path for version", StringComparison.Ordinal));

    private static readonly Gen<string> TypeName = Gen.OneOf(
        "int", "text", "varchar(10)", "float(24)", "float(54)", "bpchar", "numeric(5,2)", "numeric(0)", "timestamp(7)", "int[3]", "jsonb",
        "integer NOT NULL", "integer); CREATE TABLE pwned (id integer", "", " ", "\\0", "\\\"My Type\\\"", "double precision[]", "time with time zone",
        "interval day to second(3)", "bit varying", "int(5)", "public.missing_type", "char", "dom", "dom[]");

    private static readonly Gen<string> Pattern = Gen.OneOf(
        "a", "[a-z]", "\\\\d", "\\\\w", "\\\\s", "(", ")", "*", "+", "?", "{2}", "{2,}", "|", ".", "^", "$", "(?i)", "[", "]", "\\\\b",
        "(?<n>", "\\\\p{L}", "\\0", "\\uD800", "x*?", "(?:", "[^a]", "\\\\.", "{300}").Array[0, 6].Select(parts => string.Concat(parts));

    private static readonly Gen<string> Number = Gen.OneOf("0", "1", "-1", "10", "1000", "int.MaxValue", "-5");

    private static readonly Gen<string> Double = Gen.OneOf("0.0", "1.5", "-1.0", "double.PositiveInfinity", "double.NegativeInfinity", "double.NaN", "1e300", "double.MaxValue");

    private sealed record PropertyType(string Clr, string[] Initializers);

    private static readonly PropertyType[] Types =
    [
        new("int", ["", " = 1", " = -1"]), new("long", ["", " = 5"]), new("short", ["", " = 2"]), new("string", ["", " = \"x\"", " = \"\"", " = \"a\\0b\"", " = \"a\\uDC00\"", " = \"it's\""]),
        new("string?", ["", " = null"]), new("bool", ["", " = true"]), new("decimal", ["", " = 1.5m"]), new("double", ["", " = double.NaN", " = 0.25"]),
        new("float", ["", " = 1f"]), new("DateTime", ["", " = DateTime.UtcNow"]), new("Guid", ["", " = Guid.NewGuid()"]), new("byte[]", ["", " = []", " = new byte[0]"]),
        new("int[]", ["", " = []"]), new("List<string>", ["", " = new()"]), new("E", ["", " = default"]), new("E?", [""]),
        new("Dictionary<string, object>", ["", " = new()"]), new("JsonDocument", ["", " = JsonDocument.Parse(\"{}\")", " = JsonDocument.Parse(\"not json\")", " = JsonDocument.Parse(\"\\\"\\\\u0000\\\"\")"]),
    ];

    private static Gen<string> Attribute(string clr) => Gen.Int[0, 22].SelectMany(kind => kind switch
    {
        0 => Name.Select(v => $"[Column(\"{v}\")]"),
        1 => TypeName.Select(v => $"[Column(TypeName = \"{v}\")]"),
        2 => Number.Select(v => $"[MaxLength({v})]"),
        3 => Number.Select(v => $"[MinLength({v})]"),
        4 => Gen.Select(Number, Number, (a, b) => $"[StringLength({a}, MinimumLength = {b})]"),
        5 => Gen.Select(Number, Number, (a, b) => $"[Length({a}, {b})]"),
        6 => Gen.Select(Number, Number, (a, b) => $"[Range({a}, {b})]"),
        7 => Gen.Select(Double, Double, Gen.Bool, (a, b, x) => $"[Range({a}, {b}, MinimumIsExclusive = {(x ? "true" : "false")})]"),
        8 => Gen.Select(Gen.OneOf("int", "double", "decimal", "string"), Gen.OneOf("0", "1.5", "x", "1e30", "-1"), Gen.OneOf("10", "2.5", "Infinity"),
            (t, a, b) => $"[Range(typeof({t}), \"{a}\", \"{b}\")]"),
        9 => Pattern.Select(v => $"[RegularExpression(\"{v}\")]"),
        10 => Gen.OneOf("null", "\"a\", \"b\"", "1, 2", "null, 1", "\"\"", "\"a\\0\"", "E.A", "true", "1L").Select(v => $"[AllowedValues({v})]"),
        11 => Gen.OneOf("null", "\"a\"", "1", "null, 2", "E.A").Select(v => $"[DeniedValues({v})]"),
        12 => Gen.OneOf("[Required]", "[Required(AllowEmptyStrings = true)]", "[Key]", "[NotMapped]", "[DatabaseGenerated(DatabaseGeneratedOption.Identity)]",
            "[DatabaseGenerated(DatabaseGeneratedOption.Computed)]", "[EmailAddress]", "[Url]"),
        13 => Gen.Select(Name, Gen.Bool, (v, u) => $"[Indexed(Name = \"{v}\", IsUnique = {(u ? "true" : "false")})]"),
        14 => Gen.OneOf("", " ", "\\0", "id > 0").Select(v => $"[Indexed(Where = \"{v}\")]"),
        15 => Gen.OneOf("", "  ", "a\\0", "NULL").Select(v => $"[DefaultSql(\"{v}\")]"),
        16 => Gen.OneOf("", "  ", "a\\0", clr == "int" ? "id + 1" : "NULL").Select(v => $"[Generated(\"{v}\")]"),
        17 => Name.Select(v => $"[RenamedFrom(\"{v}\")]"),
        18 => Gen.Select(Number, Number, (p, s) => $"[Numeric({p}, {s})]"),
        19 => Gen.OneOf("[References(typeof(Other))]", "[References<Other>(Name = \"\")]", "[References(typeof(Other), OnDelete = ReferentialAction.Cascade)]", "[References(null!)]"),
        20 => Name.Select(v => $"[References<Other>(Name = \"{v}\")]"),
        21 => Gen.OneOf("[Indexed(Method = \"gin\")]", "[Indexed(Method = \"nope\")]", "[Indexed(Method = \"\")]"),
        _ => Gen.OneOf("[Base64String]", "[Phone]", "[CreditCard]"),
    });

    private static readonly Gen<string> Property =
        from type in Gen.Int[0, Types.Length - 1]
        from name in Identifier
        from suffix in Gen.Int[0, 99]
        from count in Gen.Frequency((3, Gen.Const(0)), (2, Gen.Const(1)), (1, Gen.Const(2)))
        from attributes in Attribute(Types[type].Clr).Array[count]
        from initializer in Gen.Int[0, 10]
        let t = Types[type]
        // Half the names get a number, so that a class of five properties seldom repeats a name.
        select $"    {string.Concat(attributes)} public {t.Clr} {name}{(suffix < 50 ? suffix.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")} {{ get; set; }}{(t.Initializers[initializer % t.Initializers.Length] is { Length: > 0 } init ? init + ";" : "")}";

    private static readonly Gen<string> ClassAttribute = Gen.Int[0, 5].SelectMany(kind => kind switch
    {
        0 => Gen.Select(Name, Gen.Bool, (v, s) => s ? $"[Table(\"{v}\", Schema = \"{v}\")]" : $"[Table(\"{v}\")]"),
        1 => Gen.Select(Identifier, Name, (p, v) => $"[Index(\"{p.TrimStart('@')}\", Name = \"{v}\")]"),
        2 => Gen.OneOf("", " ", "\\0", "true", "id > 0", "missing > 0").Select(v => $"[Check(\"{v}\")]"),
        3 => Name.Select(v => $"[Check(\"id >= 0\", Name = \"{v}\")]"),
        4 => Gen.OneOf("", "\\0", "id > 0").Select(v => $"[Index(\"Id\", Where = \"{v}\", Method = \"btree\")]"),
        _ => Name.Select(v => $"[RenamedFrom(\"{v}\")]"),
    });

    private static readonly Gen<string> Enum =
        from pgName in Gen.Frequency((3, (IGen<string>)Gen.Const("")), (1, Name.Select(v => $"[PgName(\"{v}\")] ")))
        from members in Gen.Select(Identifier, Gen.Frequency((4, (IGen<string>)Gen.Const("")), (1, Name.Select(v => $"[PgName(\"{v}\")] ")))).Array[1, 4]
        select $"{pgName}public enum E {{ A, {string.Join(", ", members.Select((m, i) => m.Item2 + m.Item1 + (i % 2 == 0 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture))))} }}\n";

    // Assembly-level options with hostile names: the default schema, the generated class's name and namespace, an
    // extension (a random name is the server's to refuse) and a domain.
    private static readonly Gen<string> AssemblyAttribute = Gen.Int[0, 4].SelectMany(kind => kind switch
    {
        0 => Name.Select(v => $"[assembly: SchemaOptions(DefaultSchema = \"{v}\")]"),
        1 => Gen.OneOf("Db", "My Schema", "1x", "class", "", "T").Select(v => $"[assembly: SchemaOptions(ClassName = \"{v}\")]"),
        2 => Gen.OneOf("My.Data", "a..b", "class", "", "Über.名前").Select(v => $"[assembly: SchemaOptions(Namespace = \"{v}\")]"),
        3 => Gen.Select(Name, Gen.Bool, (v, version) => version ? $"[assembly: Extension(\"citext\", Version = \"{v}\")]" : $"[assembly: Extension(\"{v}\")]"),
        // "dom" is a TypeName above too: a domain column, with the initializers of the property's type.
        _ => Gen.Select(Gen.Frequency((1, Name), (1, Gen.Const("dom"))), Gen.OneOf("VALUE > 0", "", "\\0", "VALUE > length('\\uD800')", "char_length(VALUE::text) <= 1"),
            (v, check) => $"[assembly: Domain(\"{v}\", \"integer\", Check = \"{check}\")]"),
    });

    /// <summary>A model: assembly options, one enum, a referenced table, and a table with random attributes and properties.</summary>
    public static readonly Gen<string> Model =
        from assembly in Gen.Frequency((3, Gen.Const(Array.Empty<string>())), (1, AssemblyAttribute.Array[1, 2]))
        from enumeration in Enum
        from className in Identifier
        from classAttributes in ClassAttribute.Array[0, 2]
        from properties in Property.Array[1, 5]
        select Usings.Replace("namespace TestModels;", string.Concat(assembly) + "\nnamespace TestModels;", StringComparison.Ordinal) + enumeration
            + "[Table(\"other\")] public class Other { [Key] public int Id { get; set; } }\n"
            + (classAttributes.Any(a => a.StartsWith("[Table(", StringComparison.Ordinal)) ? "" : "[Table(\"t\")]")
            + string.Concat(classAttributes) + $"\npublic class {className}\n{{\n    [Key] public int Id {{ get; set; }}\n{string.Join("\n", properties)}\n}}\n";
}
