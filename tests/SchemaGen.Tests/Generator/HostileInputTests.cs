using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Npgsql;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// Attribute arguments and identifiers that PostgreSQL cannot take as written are a diagnostic at the argument
/// that holds them, never a generator crash (CS8785) and never SQL that fails at deploy time.
/// </summary>
public class HostileInputTests
{
    private const string Usings = "using System; using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; using SchemaGen; using NpgsqlTypes; namespace TestModels;\n";

    /// <summary>(what, model, the diagnostic's ID, the source text it points at).</summary>
    public static IEnumerable<object[]> Cases() =>
    [
        ["allowed values null", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [AllowedValues(null)] public string? A { get; set; } }", "SG0005", "AllowedValues(null)"],
        ["denied values null", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [DeniedValues(null)] public string? A { get; set; } }", "SG0005", "DeniedValues(null)"],
        ["empty index name", "[Table(\"t\")] [Index(nameof(A), Name = \"\")] public class T { [Key] public int Id { get; set; } public int A { get; set; } }", "SG0014", "\"\""],
        ["empty indexed name", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Indexed(Name = \"\")] public int A { get; set; } }", "SG0014", "\"\""],
        ["empty check name", "[Table(\"t\")] [Check(\"a > 0\", Name = \"\")] public class T { [Key] public int Id { get; set; } public int A { get; set; } }", "SG0014", "\"\""],
        ["empty references name", "[Table(\"p\")] public class P { [Key] public int Id { get; set; } } [Table(\"t\")] public class T { [Key] public int Id { get; set; } [References(typeof(P), Name = \"\")] public int PId { get; set; } }", "SG0014", "\"\""],
        ["empty enum pg name", "[PgName(\"\")] public enum E { A } [Table(\"t\")] public class T { [Key] public int Id { get; set; } public E V { get; set; } }", "SG0014", "\"\""],
        ["empty label pg name", "public enum E { [PgName(\"\")] A } [Table(\"t\")] public class T { [Key] public int Id { get; set; } public E V { get; set; } }", "SG0014", "\"\""],
        ["empty column name", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Column(\"\")] public int A { get; set; } }", "SG0014", "\"\""],
        ["white space column name", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Column(\"  \")] public int A { get; set; } }", "SG0014", "\"  \""],
        ["empty table name", "[Table(\"\")] public class T { [Key] public int Id { get; set; } }", "SG0014", "\"\""],
        ["empty schema", "[Table(\"t\", Schema = \"\")] public class T { [Key] public int Id { get; set; } }", "SG0014", "\"\""],
        ["empty renamed from", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [RenamedFrom(\"\")] public int A { get; set; } }", "SG0014", "\"\""],
        ["nul in a table name", "[Table(\"a\\0b\")] public class T { [Key] public int Id { get; set; } }", "SG0014", "\"a\\0b\""],
        ["nul in a schema", "[Table(\"t\", Schema = \"s\\0\")] public class T { [Key] public int Id { get; set; } }", "SG0014", "\"s\\0\""],
        ["nul in a column name", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Column(\"a\\0\")] public int A { get; set; } }", "SG0014", "\"a\\0\""],
        ["nul in an index name", "[Table(\"t\")] [Index(nameof(A), Name = \"i\\0\")] public class T { [Key] public int Id { get; set; } public int A { get; set; } }", "SG0014", "\"i\\0\""],
        ["nul in an enum label", "public enum E { [PgName(\"a\\0\")] A } [Table(\"t\")] public class T { [Key] public int Id { get; set; } public E V { get; set; } }", "SG0014", "\"a\\0\""],
        ["nul in a renamed from", "[Table(\"t\")] [RenamedFrom(\"x\\0\")] public class T { [Key] public int Id { get; set; } }", "SG0014", "\"x\\0\""],
        ["empty default sql", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [DefaultSql(\"\")] public int A { get; set; } }", "SG0015", "\"\""],
        ["empty generated sql", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Generated(\"  \")] public int A { get; set; } }", "SG0015", "\"  \""],
        ["empty check", "[Table(\"t\")] [Check(\"\")] public class T { [Key] public int Id { get; set; } }", "SG0015", "\"\""],
        ["nul in a check", "[Table(\"t\")] [Check(\"id > 0\\0\")] public class T { [Key] public int Id { get; set; } }", "SG0015", "\"id > 0\\0\""],
        ["nul in a default sql", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [DefaultSql(\"1\\0\")] public int A { get; set; } }", "SG0015", "\"1\\0\""],
        ["nul in a where", "[Table(\"t\")] [Index(nameof(A), Where = \"a > 0\\0\")] public class T { [Key] public int Id { get; set; } public int A { get; set; } }", "SG0015", "\"a > 0\\0\""],
        ["nul in a regex", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [RegularExpression(\"a\\0\")] public string? A { get; set; } }", "SG0006", "\"a\\0\""],
        ["invalid regex", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [RegularExpression(\"(\")] public string? A { get; set; } }", "SG0006", "\"(\""],
        ["nul in allowed values", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [AllowedValues(\"a\\0\")] public string? A { get; set; } }", "SG0005", "AllowedValues(\"a\\0\")"],
        ["enum members with one value (Npgsql wrote one label for both, the default the other)", "public enum E { A = 1, B = 1, C = 2 } [Table(\"t\")] public class T { [Key] public int Id { get; set; } public E V { get; set; } = E.B; }", "SG0001", "B"],
        ["enum labels colliding", "public enum E { FooBar, Foo_Bar } [Table(\"t\")] public class T { [Key] public int Id { get; set; } public E V { get; set; } }", "SG0004", "Foo_Bar"],
        ["range with the maximum below the minimum", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Range(1.0, double.NegativeInfinity)] public decimal A { get; set; } }", "SG0005", "Range(1.0, double.NegativeInfinity)"],
        ["max length 0 (Validator throws on every value)", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [MaxLength(0)] public string? A { get; set; } }", "SG0005", "MaxLength(0)"],
        ["max length below -1", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [MaxLength(-2)] public string? A { get; set; } }", "SG0005", "MaxLength(-2)"],
        ["negative min length", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [MinLength(-1)] public int[]? A { get; set; } }", "SG0005", "MinLength(-1)"],
        ["negative string length", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [StringLength(-1)] public string? A { get; set; } }", "SG0005", "StringLength(-1)"],
        ["string length minimum above the maximum", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [StringLength(5, MinimumLength = 10)] public string? A { get; set; } }", "SG0005", "StringLength(5, MinimumLength = 10)"],
        ["length minimum above the maximum", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Length(5, 3)] public string? A { get; set; } }", "SG0005", "Length(5, 3)"],
        ["negative length minimum", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Length(-1, 3)] public byte[]? A { get; set; } }", "SG0005", "Length(-1, 3)"],
        ["generated column using a generated column", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public int A { get; set; } [Generated(\"a * 2\")] public int Twice { get; set; } [Generated(\"twice + 1\")] public int Chained { get; set; } }", "SG0015", "\"twice + 1\""],
        ["generated column using itself", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Generated(\"\\\"X\\\" + 1\")] [Column(\"X\")] public int X { get; set; } }", "SG0015", "\"\\\"X\\\" + 1\""],
        ["generated column naming no column of the table", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public int A { get; set; } [Generated(\"b * 2\")] public int Twice { get; set; } }", "SG0013", "\"b * 2\""],
        ["on delete set null on a not null column", "[Table(\"p\")] public class P { [Key] public int Id { get; set; } } [Table(\"t\")] public class T { [Key] public int Id { get; set; } [References(typeof(P), OnDelete = ReferentialAction.SetNull)] public int PId { get; set; } }", "SG0007", "References(typeof(P), OnDelete = ReferentialAction.SetNull)"],
        ["on update set default on a not null column without a default", "[Table(\"p\")] public class P { [Key] public int Id { get; set; } } [Table(\"t\")] public class T { [Key] public int Id { get; set; } [References<P>(OnUpdate = ReferentialAction.SetDefault)] public int PId { get; set; } }", "SG0007", "References<P>(OnUpdate = ReferentialAction.SetDefault)"],
        ["a referential action outside the enum", "[Table(\"p\")] public class P { [Key] public int Id { get; set; } } [Table(\"t\")] public class T { [Key] public int Id { get; set; } [References(typeof(P), OnDelete = (ReferentialAction)99)] public int PId { get; set; } }", "SG0005", "(ReferentialAction)99"],
        ["email address", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [EmailAddress] public string? A { get; set; } }", "SG0016", "EmailAddress"],
        ["url among others", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [MaxLength(9), Url] public string? A { get; set; } }", "SG0016", "Url"],
        ["credit card", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [CreditCard] public string? A { get; set; } }", "SG0016", "CreditCard"],
        ["base64", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Base64String] public string? A { get; set; } }", "SG0016", "Base64String"],
        ["own validation attribute", "public sealed class EvenAttribute : ValidationAttribute { public override bool IsValid(object? value) => value is int i && i % 2 == 0; } [Table(\"t\")] public class T { [Key] public int Id { get; set; } [Even] public int A { get; set; } }", "SG0016", "Even"],
        ["identity with a default (found by the fuzz test)", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [DatabaseGenerated(DatabaseGeneratedOption.Identity)] public long N { get; set; } = 5; }", "SG0005", "DatabaseGenerated(DatabaseGeneratedOption.Identity)"],
        ["identity with default sql", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [DatabaseGenerated(DatabaseGeneratedOption.Identity), DefaultSql(\"1\")] public long N { get; set; } }", "SG0005", "DatabaseGenerated(DatabaseGeneratedOption.Identity)"],
        ["identity and generated", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [DatabaseGenerated(DatabaseGeneratedOption.Identity), Generated(\"id + 1\")] public long N { get; set; } }", "SG0005", "DatabaseGenerated(DatabaseGeneratedOption.Identity)"],
        ["gin on an enum (found by the fuzz test)", "public enum E { A } [Table(\"t\")] public class T { [Key] public int Id { get; set; } [Indexed(Method = \"gin\")] public E V { get; set; } }", "SG0005", "\"gin\""],
        ["gist on an integer", "[Table(\"t\")] [Index(nameof(A), Method = \"gist\")] public class T { [Key] public int Id { get; set; } public int A { get; set; } }", "SG0005", "\"gist\""],
        ["gin on a dictionary given the column type bpchar (found by the fuzz test)", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Indexed(Method = \"gin\")][Column(TypeName = \"bpchar\")] public System.Collections.Generic.Dictionary<string, object> X { get; set; } = new(); }", "SG0005", "\"gin\""],
        ["spgist on a character column", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Indexed(Method = \"spgist\")][Column(TypeName = \"character(3)\")] public string X { get; set; } = \"\"; }", "SG0005", "\"spgist\""],
        ["gin on a jsonb column given the type int", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Indexed(Method = \"gin\")][Column(TypeName = \"int\")] public System.Text.Json.JsonDocument? X { get; set; } }", "SG0005", "\"gin\""],
        ["a text check on a string stored as real (found by the fuzz test)", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [MaxLength(5)][Column(TypeName = \"float(24)\")] public string X { get; set; } = \"\"; }", "SG0005", "MaxLength(5)"],
        ["hash on a money column", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Indexed(Method = \"hash\")][Column(TypeName = \"money\")] public decimal X { get; set; } }", "SG0005", "\"hash\""],
        ["enum value denied on a json column (found by the fuzz test)", "public enum E { A } [Table(\"t\")] public class T { [Key] public int Id { get; set; } [DeniedValues(E.A)] public System.Text.Json.JsonDocument? D { get; set; } }", "SG0005", "DeniedValues(E.A)"],
        ["initializer for another kind than the type name (found by the fuzz test)", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Column(TypeName = \"double precision[]\")] public DateTime At { get; set; } = DateTime.UtcNow; }", "SG0008", "At"],
        ["empty list default for an interval with fields (found by the fuzz test)", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Column(TypeName = \"interval day to second(3)\")] public System.Collections.Generic.List<string> L { get; set; } = new(); }", "SG0008", "L"],
        ["string default for a jsonb type name: the text is not JSON", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Column(TypeName = \"jsonb\")] public string J { get; set; } = \"abc\"; }", "SG0008", "J"],
        ["enum default for another enum's type name", "public enum A { X } public enum B { Y } [Table(\"t\")] public class T { [Key] public int Id { get; set; } public B Other { get; set; } [Column(TypeName = \"b\")] public A E { get; set; } = A.X; }", "SG0008", "E"],
        ["empty byte array default for an int type name (found by the fuzz test)", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Column(TypeName = \"int\")] public byte[] B { get; set; } = []; }", "SG0008", "B"],
        ["nan range", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Range(double.NaN, 1.0)] public double A { get; set; } }", "SG0005", "Range(double.NaN, 1.0)"],
        ["fractional range bound for an int", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Range(typeof(int), \"0\", \"1.5\")] public int A { get; set; } }", "SG0005", "Range(typeof(int), \"0\", \"1.5\")"],
        ["lone surrogate in a string default", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public string S { get; set; } = \"a\\uDC00b\"; }", "SG0008", "\"a\\uDC00b\""],
        ["lone surrogate in a column name", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Column(\"c\\uD800\")] public int C { get; set; } }", "SG0014", "\"c\\uD800\""],
        ["lone surrogate in a table name", "[Table(\"t\\uD800\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0014", "\"t\\uD800\""],
        ["lone surrogate in an enum label", "public enum E { [PgName(\"x\\uD800\")] A } [Table(\"t\")] public class T { [Key] public int Id { get; set; } public E V { get; set; } }", "SG0014", "\"x\\uD800\""],
        ["lone surrogate in [DefaultSql]", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [DefaultSql(\"'\\uD800'\")] public string C { get; set; } = null!; }", "SG0015", "\"'\\uD800'\""],
        ["lone surrogate in a table [Check]", "[Table(\"t\"), Check(\"id > length('\\uD800')\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0015", "\"id > length('\\uD800')\""],
        ["lone surrogate in an index predicate", "[Table(\"t\"), Index(nameof(C), Where = \"c <> length('\\uD800')\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0015", "\"c <> length('\\uD800')\""],
        ["lone surrogate in [AllowedValues]", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [AllowedValues(\"\\uD800\")] public string C { get; set; } = null!; }", "SG0005", "AllowedValues(\"\\uD800\")"],
        ["lone surrogate in a pattern", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [RegularExpression(\"[\\uD800-\\uDFFF]\")] public string? C { get; set; } }", "SG0006", "\"[\\uD800-\\uDFFF]\""],
        ["lone surrogate in a type name", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Column(TypeName = \"text\\uD800\")] public string C { get; set; } = null!; }", "SG0015", "\"text\\uD800\""],
        ["lone surrogate in parsed JSON", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public System.Text.Json.JsonDocument J { get; set; } = System.Text.Json.JsonDocument.Parse(\"\\\"\\uD800\\\"\"); }", "SG0008", "System.Text.Json.JsonDocument.Parse(\"\\\"\\uD800\\\"\")"],
        ["lone surrogate in a default schema", "[assembly: SchemaOptions(DefaultSchema = \"s\\uD800\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0014", "\"s\\uD800\""],
        ["NUL in a default schema (it made the generator throw)", "[assembly: SchemaOptions(DefaultSchema = \"a\\0\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0014", "\"a\\0\""],
        ["default schema over 63 bytes", "[assembly: SchemaOptions(DefaultSchema = \"ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0003", "\"ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss\""],
        ["NUL in an extension name (it made the generator throw)", "[assembly: Extension(\"a\\0\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0014", "\"a\\0\""],
        ["lone surrogate in an extension schema", "[assembly: Extension(\"citext\", Schema = \"x\\uD800\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0014", "\"x\\uD800\""],
        ["lone surrogate in an extension version", "[assembly: Extension(\"citext\", Version = \"1\\uD800\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0014", "\"1\\uD800\""],
        ["lone surrogate in a domain comment", "[assembly: Domain(\"d\", \"integer\", Comment = \"c\\uD800\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0022", "Domain(\"d\", \"integer\", Comment = \"c\\uD800\")"],
        ["class name that is not an identifier", "[assembly: SchemaOptions(ClassName = \"My Schema\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0026", "\"My Schema\""],
        ["namespace that is a keyword", "[assembly: SchemaOptions(Namespace = \"My.class\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0026", "\"My.class\""],
        ["doc comment that is not XML: a < b", "/// <summary>Rows where a < b.</summary>\n[Table(\"t\")] public class T { [Key] public int Id { get; set; } public int C { get; set; } }", "SG0025", "T"],
        ["doc comment that is not XML: AT&T", "[Table(\"t\")] public class T { [Key] public int Id { get; set; }\n /// <summary>Bought from AT&T.</summary>\n public int C { get; set; } }", "SG0025", "C"],
        ["doc comment with a lone surrogate entity", "public enum E { A }\n/// <summary>x &#xD800;</summary>\n[Table(\"t\")] public class T { [Key] public int Id { get; set; } public E V { get; set; } }", "SG0025", "T"],
        ["model class with the generated class's name", "[Table(\"schema\")] public class Schema { [Key] public int Id { get; set; } }", "SG0027", "Schema"],
        ["model class with the configured class name", "[assembly: SchemaOptions(ClassName = \"Order\")] [Table(\"orders\")] public class Order { [Key] public int Id { get; set; } }", "SG0027", "Order"],
        ["domain named like a table (its row type)", "[assembly: Domain(\"t\", \"integer\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } }", "SG0022", "Domain(\"t\", \"integer\")"],
        ["table named like an identity column's sequence", "[Table(\"t\")] public class T { [Key, DatabaseGenerated(DatabaseGeneratedOption.Identity)] public int Id { get; set; } } [Table(\"t_id_seq\")] public class U { [Key] public int Key { get; set; } }", "SG0004", "Id"],
        ["index named like the cut sequence name of a long table's identity column", "[Table(\"" + new string('a', 60) + "\")] [Index(nameof(Code), Name = \"" + new string('a', 56) + "_id_seq\")] public class T { [Key, DatabaseGenerated(DatabaseGeneratedOption.Identity)] public int Id { get; set; } public int Code { get; set; } }", "SG0004", "Id"],
        ["table named like a declared extension's type", "[assembly: Extension(\"citext\")] [Table(\"citext\")] public class T { [Key] public int Id { get; set; } }", "SG0004", "Extension(\"citext\")"],
        ["enum named like a declared extension's type", "[assembly: Extension(\"hstore\")] public enum Hstore { A } [Table(\"t\")] public class T { [Key] public int Id { get; set; } public Hstore H { get; set; } }", "SG0004", "Extension(\"hstore\")"],
        ["table named like PostGIS's table", "[assembly: Extension(\"postgis\")] [Table(\"spatial_ref_sys\")] public class T { [Key] public int Id { get; set; } }", "SG0004", "Extension(\"postgis\")"],
        ["property named like a system column", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public int Xmin { get; set; } }", "SG0014", "Xmin"],
        ["column named like a system column", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } [Column(\"ctid\")] public int C { get; set; } }", "SG0014", "\"ctid\""],
        ["schema reserved for the system", "[Table(\"t\", Schema = \"pg_app\")] public class T { [Key] public int Id { get; set; } }", "SG0014", "\"pg_app\""],
        ["default schema reserved for the system", "[assembly: SchemaOptions(DefaultSchema = \"pg_app\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } }", "SG0014", "\"pg_app\""],
        ["extension schema reserved for the system", "[assembly: Extension(\"citext\", Schema = \"pg_ext\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } }", "SG0014", "\"pg_ext\""],
        ["domain schema reserved for the system", "[assembly: Domain(\"d\", \"integer\", Schema = \"pg_x\")] [Table(\"t\")] public class T { [Key] public int Id { get; set; } }", "SG0022", "Domain(\"d\", \"integer\", Schema = \"pg_x\")"],
        ["invalid json default", "[Table(\"t\")] public class T { [Key] public int Id { get; set; } public System.Text.Json.JsonDocument D { get; set; } = System.Text.Json.JsonDocument.Parse(\"not json\"); }", "SG0008", "System.Text.Json.JsonDocument.Parse(\"not json\")"],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsADiagnosticAtTheArgument(string what, string model, string id, string at)
    {
        // An assembly attribute goes after the usings and before the namespace.
        var assembly = model.StartsWith("[assembly:", StringComparison.Ordinal) ? model.Substring(0, model.IndexOf(']') + 1) : "";
        var namespaceAt = Usings.IndexOf("namespace", StringComparison.Ordinal);
        var compilation = GeneratorHarness.Compile(Usings.Substring(0, namespaceAt) + assembly + "\n" + Usings.Substring(namespaceAt) + model.Substring(assembly.Length));
        var run = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();
        Assert.True(run.Results.Single().Exception == null, $"{what}: {run.Results.Single().Exception}");
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CS8785");
        var found = run.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, $"{what}: expected {id}, got {string.Join("; ", run.Diagnostics)}");
        Assert.Contains(at, found.Select(SourceText));
    }

    [Fact]
    public async Task ATableMayTakeTheNameOfAnExtensionsTypeInAnotherSchema()
    {
        var result = GeneratorHarness.Run(Usings.Replace("namespace", "[assembly: Extension(\"citext\", Schema = \"ext\")] namespace") + "[Table(\"citext\")] public class T { [Key] public int Id { get; set; } }");
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(result.Load().Target, connection);
        Assert.Equal("ext", await connection.ScalarAsync<string>("SELECT typnamespace::regnamespace::text FROM pg_type WHERE typname = 'citext' AND typtype = 'b'"));
    }

    [Fact]
    public void ModelTypesNamedLikeWhatTheGeneratedFileUsesLeaveItCompiling()
    {
        // The generated class lives in the model's namespace, where these names are found before any alias of its file.
        var result = GeneratorHarness.Run(Usings + "public class M { } public enum ModelData { A } [Table(\"m\")] public class SchemaModel { [Key] public int Id { get; set; } public ModelData D { get; set; } } [Table(\"ddl_renderer\")] public class DdlRenderer { [Key] public int Id { get; set; } }");
        Assert.DoesNotContain(result.Compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("CREATE TABLE public.ddl_renderer", result.Load().Sql);
    }

    [Theory]
    [InlineData("public enum Schema { A }")]
    [InlineData("public interface Schema { }")]
    [InlineData("public struct Schema { }")]
    [InlineData("public static class Schema { public const int Version = 1; }")]
    [InlineData("public partial record Schema;")]
    [InlineData("public delegate void Schema();")]
    public void AnyTypeWithTheGeneratedClassNameThatCannotBeItsPartIsOnlySG0027(string declaration)
    {
        var compilation = GeneratorHarness.Compile(Usings + declaration + " [Table(\"t\")] public class T { [Key] public int Id { get; set; } }");
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        var clash = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("SG0027", clash.Id);
        Assert.Contains("Schema", clash.Location.SourceTree!.GetText().ToString(clash.Location.SourceSpan));
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void AStaticPartialClassWithTheGeneratedClassNameIsItsOtherPart()
    {
        var result = GeneratorHarness.Run(Usings + "public static partial class Schema { public const int Version = 1; } [Table(\"t\")] public class T { [Key] public int Id { get; set; } }");
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotNull(result.Load().Assembly.GetType("TestModels.Schema")!.GetField("Version"));
    }

    [Fact]
    public void AModelClassWithTheGeneratedClassNameIsOnlySG0027NotCompilerErrorsInTheGeneratedFile()
    {
        var compilation = GeneratorHarness.Compile(Usings + "[Table(\"schema\")] public class Schema { [Key] public int Id { get; set; } public string? Name { get; set; } }");
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Equal(["SG0027"], diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task NamesSnakeCaseCannotTranslateAreKeptAsWrittenAndMapTypesReadsThem()
    {
        var result = GeneratorHarness.Run(Usings + """
            public enum 色 { 赤, 青, DarkBlue }
            [Table("t")]
            public class T { [Key] public int Id { get; set; } public string? 名前 { get; set; } public 色 Farbe { get; set; } }
            """);
        var schema = result.Load();
        Assert.Contains("CREATE TYPE public.\"色\" AS ENUM ('赤', '青', 'dark_blue');", schema.Sql);
        Assert.Contains("\"名前\" text", schema.Sql);

        var database = Postgres.Instance.CreateDatabase();
        await using (var deploy = new NpgsqlConnection(database))
        {
            await deploy.OpenAsync();
            await deploy.ExecuteAsync(schema.Sql);
        }

        // MapTypes maps the labels exactly as the generator named them, so the enum reads and writes.
        var builder = new NpgsqlDataSourceBuilder(database);
        schema.Assembly.GetTypes().Single(t => t.Name == "Schema").GetMethod("MapTypes")!.Invoke(null, [builder, null]);
        await using var dataSource = builder.Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        var enumType = schema.Assembly.GetTypes().Single(t => t.Name == "色");
        foreach (var (id, member) in new[] { (1, "青"), (2, "DarkBlue") })
        {
            await using var insert = new NpgsqlCommand("INSERT INTO t (id, farbe) VALUES ($1, $2)", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = Enum.Parse(enumType, member) });
            await insert.ExecuteNonQueryAsync();
            await using var read = new NpgsqlCommand("SELECT farbe FROM t WHERE id = " + id, connection);
            Assert.Equal(Enum.Parse(enumType, member), await read.ExecuteScalarAsync());
        }
    }

    [Fact]
    public void RenamedFromTakesTheCSharpNameOrTheDatabaseName()
    {
        var model = GeneratorHarness.Run(Usings + """
            public enum Mood { [RenamedFrom("VeryHappy")] Happy, [RenamedFrom("very_sad")] Sad }
            [Table("t")]
            [RenamedFrom("OldThings")]
            public class Thing
            {
                [Key] public int Id { get; set; }
                [RenamedFrom("DisplayName")] public string? Title { get; set; }
                [RenamedFrom("old_notes")] public string? Notes { get; set; }
                [RenamedFrom("Legacy Name")] public string? Other { get; set; }
                public Mood Mood { get; set; }
            }
            """).Load().Model;
        var table = Assert.Single(model.Tables);
        Assert.Equal("old_things", table.RenamedFrom);
        Assert.Equal(["display_name", "old_notes", "Legacy Name"], table.Columns.Where(c => c.RenamedFrom != null).Select(c => c.RenamedFrom));
        Assert.Equal(["very_happy", "very_sad"], model.Enums.Single().RenamedLabels.Select(r => r.From));
    }

    [Fact]
    public void AttributesThatDoNotValidateAreNotReported()
    {
        var result = GeneratorHarness.Run(Usings + """
            [Table("t")]
            public class T { [Key] public int Id { get; set; } [DataType(DataType.Date), Display(Name = "When"), Editable(false)] public DateTime When { get; set; } }
            """);
        Assert.Empty(result.AllDiagnostics);
    }

    [Fact]
    public void ClassesAndEnumsNamedLikeKeywordsGiveCompilingConstants()
    {
        // Found by the fuzz test: the Ddl constant of a class @int was written as `int`.
        var result = GeneratorHarness.Run(Usings + """
            public enum @enum { A }
            [Table("t")]
            public class @int { [Key] public int Id { get; set; } public @enum Value { get; set; } }
            """);
        Assert.Empty(result.AllDiagnostics);
        Assert.Contains("CREATE TABLE public.t (", result.Load().Sql);
    }

    [Fact]
    public async Task AnEmptyByteArrayInitializerIsAnEmptyByteaDefaultAsAnEmptyIntArrayIsAnEmptyArray()
    {
        var schema = GeneratorHarness.Run(Usings + """
            [Table("t")]
            public class T { [Key] public int Id { get; set; } public byte[] Data { get; set; } = []; public byte[] Old { get; set; } = new byte[0]; public int[] Numbers { get; set; } = []; }
            """).Load();
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync(schema.Sql);
        await connection.ExecuteAsync("INSERT INTO t (id) VALUES (1)");
        Assert.Equal("0 0 0", await connection.ScalarAsync<string>("SELECT octet_length(data) || ' ' || octet_length(old) || ' ' || cardinality(numbers) FROM t"));
    }

    private static string SourceText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
