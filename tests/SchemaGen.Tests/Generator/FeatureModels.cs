using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// One small model per feature of the public surface. Each is compiled with the generator, snapshotted
/// (SQL, C#, and PostgreSQL's catalog after running the SQL) and checked against a real server.
/// </summary>
public static class FeatureModels
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using System.Net;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using NpgsqlTypes;
        using SchemaGen;

        """;

    public static readonly IReadOnlyDictionary<string, string[]> All = new Dictionary<string, string[]>
    {
        ["TypeMapping"] = [Usings + """
            namespace TestModels;

            public enum Mood { Happy, Sad }

            public class Address { public string? City { get; set; } }

            [Table("every_type")]
            public class EveryType
            {
                [Key] public Guid Id { get; set; }
                public string Text { get; set; } = null!;
                public bool Flag { get; set; }
                public short Small { get; set; }
                public int Number { get; set; }
                public long Big { get; set; }
                public float Single { get; set; }
                public double Double { get; set; }
                public decimal Money { get; set; }
                public DateTime Instant { get; set; }
                public DateTimeOffset OffsetInstant { get; set; }
                public DateOnly Day { get; set; }
                public TimeOnly TimeOfDay { get; set; }
                public TimeSpan Duration { get; set; }
                public byte[] Blob { get; set; } = null!;
                public IPAddress Address { get; set; } = null!;
                public int[] Numbers { get; set; } = null!;
                public List<string> Tags { get; set; } = null!;
                public IReadOnlyList<DateTime?> Moments { get; set; } = null!;
                public Dictionary<string, object> Bag { get; set; } = null!;
                public JsonDocument Document { get; set; } = null!;
                public JsonElement Element { get; set; }
                public JsonNode Node { get; set; } = null!;
                public JsonObject Object { get; set; } = null!;
                public Mood Mood { get; set; }
                public Mood[] Moods { get; set; } = null!;
                public int? MaybeNumber { get; set; }
                public Mood? MaybeMood { get; set; }
                [Column(TypeName = "VARCHAR(30)")] public string? Overridden { get; set; }
                [Column(TypeName = "timestamp")] public DateTime? LocalTime { get; set; }
                [Column(TypeName = "jsonb")] public Address? Home { get; set; }
                [Numeric(12, 2)] public decimal Price { get; set; }
            }
            """],

        ["Nullability"] = [Usings + """
            namespace TestModels;

            [Table("nullability")]
            public class Nullability
            {
                [Key] public int Id { get; set; }
                public string NonNullable { get; set; } = null!;
                public string? Nullable { get; set; }
                public required string RequiredKeyword { get; set; }
                [Required] public string RequiredAttribute { get; set; } = null!;
                [Required(AllowEmptyStrings = true)] public string MayBeEmpty { get; set; } = null!;
                public int Value { get; set; }
                public int? MaybeValue { get; set; }
            #nullable disable
                public string Oblivious { get; set; }
                [Required] public string ObliviousRequired { get; set; }
            #nullable restore
            }
            """],

        ["Defaults"] = [Usings + """
            namespace TestModels;

            public enum Level { Low, Medium, High }

            public class Money { public decimal Amount { get; set; } }

            [Table("defaults")]
            public class Defaults
            {
                private const int Answer = 42;

                [Key] public Guid Id { get; set; } = Guid.NewGuid();
                public int One { get; set; } = 1;
                public int Negative { get; set; } = -5;
                public int FromConstant { get; set; } = Answer;
                public long Long { get; set; } = 10_000_000_000;
                public double Ratio { get; set; } = 0.25;
                public decimal Price { get; set; } = 9.99m;
                public bool Enabled { get; set; } = true;
                public string Greeting { get; set; } = "it's \\ here";
                public Level Level { get; set; } = Level.Medium;
                public Level? MaybeLevel { get; set; } = (Level)2;
                public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
                public DateTimeOffset SeenAt { get; set; } = DateTimeOffset.UtcNow;
                public Dictionary<string, int> Counts { get; set; } = new();
                public JsonObject Settings { get; set; } = new JsonObject();
                public JsonDocument Document { get; set; } = JsonDocument.Parse("{\"a\": 1}");
                public int[] Numbers { get; set; } = [];
                public List<string> Names { get; set; } = new List<string>();
                public JsonArray History { get; set; } = new();
                [Column(TypeName = "jsonb")] public List<Money> Payments { get; set; } = [];
                [Column(TypeName = "jsonb")] public Money Balance { get; set; } = new();
                [DefaultSql("now() + interval '1 day'")] public DateTime ExpiresAt { get; set; }
                public string QuietEmpty { get; set; } = "";
                public string QuietStringEmpty { get; set; } = string.Empty;
                public string QuietNull { get; set; } = null!;
                public string? QuietDefault { get; set; } = default!;
            }

            // A TypeName of another type whose values the initializer's default means the same in.
            [Table("explicit_type_defaults")]
            public class ExplicitTypeDefaults
            {
                [Key] public int Id { get; set; }
                [Column(TypeName = "json")] public Dictionary<string, object> Bag { get; set; } = new();
                [Column(TypeName = "json")] public List<int> Items { get; set; } = [];
                [Column(TypeName = "json")] public JsonDocument Document { get; set; } = JsonDocument.Parse("{\"a\": [1, 2]}");
                [Column(TypeName = "text")] public Level Level { get; set; } = Level.High;
                [Column(TypeName = "character varying(10)")] public Level? MaybeLevel { get; set; } = Level.Low;
                [Column(TypeName = "text[]")] public Level[] Levels { get; set; } = [];
                [Column(TypeName = "bigint[]")] public List<long> Longs { get; set; } = new();
            }
            """],

        ["ValidationChecks"] = [Usings + """
            namespace TestModels;

            public enum Color { Red, Green, Blue }

            [Table("validated")]
            [Check("low <= high")]
            [Check("low > -1000", Name = "ck_validated_low_floor")]
            public class Validated
            {
                [Key] public int Id { get; set; }
                [Range(1, 10)] public int Score { get; set; }
                [Range(0.5, 1.5, MinimumIsExclusive = true, MaximumIsExclusive = true)] public double Fraction { get; set; }
                [Range(typeof(decimal), "0.01", "999.99")] public decimal Amount { get; set; }
                public int Low { get; set; }
                public int High { get; set; }
                [MaxLength(20)] public string? Short { get; set; }
                [MinLength(3)] public string? AtLeastThree { get; set; }
                [StringLength(8, MinimumLength = 2)] public string? Code { get; set; }
                [Length(2, 5)] public string? Bounded { get; set; }
                [Length(1, 3)] public int[]? FewNumbers { get; set; }
                [MaxLength(16)] public byte[]? SmallBlob { get; set; }
                [RegularExpression("[a-z]+")] public string? Lowercase { get; set; }
                [RegularExpression("(?i)abc")] public string? AnyCaseAbc { get; set; }
                [AllowedValues("draft", "final")] public string? Stage { get; set; }
                [AllowedValues(Color.Red, Color.Blue, null)] public Color? Paint { get; set; }
                [DeniedValues(13, 666)] public int Unlucky { get; set; }
                [Required] public string Name { get; set; } = null!;
                [MaxLength(10)][Column(TypeName = "text")] public string? CappedText { get; set; }
            }
            """],

        ["Keys"] = [Usings + """
            namespace TestModels;

            [Table("conventional")]
            public class Conventional
            {
                public int Id { get; set; }
                public string? Name { get; set; }
            }

            [Table("identity_keyed")]
            public class IdentityKeyed
            {
                [Key, DatabaseGenerated(DatabaseGeneratedOption.Identity)] public long Number { get; set; }
            }

            [Table("composite")]
            public class Composite
            {
                [Key, Column(Order = 1)] public int Second { get; set; }
                [Key, Column(Order = 0)] public string First { get; set; } = null!;
                public string? Payload { get; set; }
            }
            """],

        ["ForeignKeys"] = [Usings + """
            namespace TestModels;

            [Table("customers")]
            public class Customer
            {
                [Key] public int CustomerId { get; set; }
                public List<Order> Orders { get; set; } = new();
            }

            [Table("orders")]
            [Index(nameof(CustomerId), nameof(PlacedAt))]
            public class Order
            {
                [Key] public int OrderId { get; set; }
                [References(typeof(Customer), OnDelete = ReferentialAction.Cascade, OnUpdate = ReferentialAction.Restrict)]
                public int CustomerId { get; set; }
                public DateTime PlacedAt { get; set; }
                [References<Customer>(OnDelete = ReferentialAction.SetNull)] public int? GiftFor { get; set; }
            }

            [Table("order_lines")]
            public class OrderLine
            {
                [Key, Column(Order = 0)] public int OrderId { get; set; }
                [Key, Column(Order = 1)] public int Line { get; set; }
                [ForeignKey(nameof(Order))] public int OrderRef { get; set; }
                public Order? Order { get; set; }
            }

            [Table("shipments")]
            public class Shipment
            {
                [Key] public int ShipmentId { get; set; }
                public int OrderId { get; set; }
                public int Line { get; set; }
                [ForeignKey("OrderId, Line")] public OrderLine? OrderLine { get; set; }
            }

            [Table("employees")]
            public class Employee
            {
                [Key] public int EmployeeId { get; set; }
                [References(typeof(Employee))] public int? ManagerId { get; set; }
                [References(typeof(Department))] public int DepartmentId { get; set; }
            }

            [Table("departments")]
            public class Department
            {
                [Key] public int DepartmentId { get; set; }
                [References(typeof(Employee))] public int? HeadId { get; set; }
            }
            """],

        ["Indexes"] = [Usings + """
            namespace TestModels;

            [Table("documents")]
            [Index(nameof(Title))]
            [Index(nameof(Slug), IsUnique = true)]
            [Index(nameof(OwnerId), nameof(UpdatedAt), Include = new[] { nameof(Title) })]
            [Index(nameof(Body), Method = "gin", Name = "documents_body_search")]
            [Index(nameof(DeletedAt), Where = "deleted_at IS NULL", Name = "ix_documents_live")]
            [Index(nameof(Hash), Method = "hash")]
            [Index(nameof(UpdatedAt), Method = "brin")]
            public class Document
            {
                [Key] public int Id { get; set; }
                public string Title { get; set; } = null!;
                public string Slug { get; set; } = null!;
                public int OwnerId { get; set; }
                public DateTime UpdatedAt { get; set; }
                public JsonDocument Body { get; set; } = null!;
                public DateTime? DeletedAt { get; set; }
                public string Hash { get; set; } = null!;
                [Indexed(IsUnique = true)] public string ExternalId { get; set; } = null!;
                [Indexed] public int Rank { get; set; }
            }
            """],

        ["Naming"] = [Usings + """
            namespace TestModels;

            [PgName("traffic light")]
            public enum TrafficLight { [PgName("RED")] Red, Amber, GreenArrow }

            public enum HTTPMethod { GET, POST }

            [Table("Naming Table", Schema = "Mixed Case")]
            [Index(nameof(ALongPropertyNameThatKeepsGoingOnAndOnAndOn), nameof(AnotherQuiteLongPropertyName))]
            public class NamingModel
            {
                [Key] public int ID { get; set; }
                public string? HTTPServerURL { get; set; }
                public int Order { get; set; }
                public int User { get; set; }
                [Column("Explicit Name")] public int Renamed { get; set; }
                public TrafficLight Light { get; set; } = TrafficLight.Amber;
                public HTTPMethod Method { get; set; }
                public int ALongPropertyNameThatKeepsGoingOnAndOnAndOn { get; set; }
                public int AnotherQuiteLongPropertyName { get; set; }
                public int Größe { get; set; }
            }
            """],

        ["AsIsNaming"] = [Usings + """
            [assembly: SchemaOptions(Naming = NamingConvention.AsIs, ClassName = "Database", Namespace = "My.Generated", DefaultSchema = "inventory")]

            namespace TestModels;

            public enum ItemKind { Tool, Part }

            [Table("items")]
            public class Item
            {
                [Key] public int ItemId { get; set; }
                public ItemKind Kind { get; set; }
                public string? lowercase { get; set; }
            }
            """],

        ["Comments"] = [Usings + """
            namespace TestModels;

            /// <summary>
            /// How a <see cref="Ticket"/> is doing: it's <c>open</c> until closed.
            /// </summary>
            public enum TicketState { Open, Closed }

            /// <summary>A support ticket, raised by a customer.</summary>
            /// <remarks>Not part of the comment.</remarks>
            [Table("tickets")]
            public class Ticket
            {
                /// <summary>The ticket's number.</summary>
                [Key] public int Id { get; set; }

                /// <summary>
                ///   What the customer wrote,
                ///   over several lines.
                /// </summary>
                public string Body { get; set; } = null!;

                /// <summary>See <see cref="TicketState.Open"/>.</summary>
                public TicketState State { get; set; }

                // A plain comment is not a database comment.
                public int Priority { get; set; }
            }

            /// <summary>A note on a ticket.</summary>
            /// <param name="NoteId">The note's number.</param>
            /// <param name="Text">What it says.</param>
            [Table("notes")]
            public record Note([property: Key] int NoteId, string Text, int Votes = 0);
            """],

        ["ColumnFeatures"] = [Usings + """
            namespace TestModels;

            public abstract class Audited
            {
                public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
            }

            [Table("line_items")]
            [RenamedFrom("order_items")]
            public class LineItem : Audited
            {
                [Key] public int Id { get; set; }
                [Numeric(10, 2)] public decimal Price { get; set; }
                public int Quantity { get; set; }
                [Generated("price * quantity"), DatabaseGenerated(DatabaseGeneratedOption.Computed)] public decimal Total { get; set; }
                [RenamedFrom("qty_note")] public string? QuantityNote { get; set; }
                [NotMapped] public string Display => $"{Quantity} x {Price}";
                public bool IsLarge => Quantity > 100;
                public int ReadOnlyAuto { get; }
                public static int Counter { get; set; }
                internal int Hidden { get; set; }
            }
            """],

        ["Extensions"] = [Usings + """
            [assembly: Extension("citext")]
            [assembly: Extension("ltree", Schema = "public")]
            [assembly: Extension("uuid-ossp")]

            namespace TestModels;

            [Table("members")]
            [Index(nameof(Email), IsUnique = true)]
            [Index(nameof(Path), Method = "gist")]
            [Check("nlevel(path) <= 8", Name = "ck_members_depth")]
            public class Member
            {
                [Key, DefaultSql("uuid_generate_v4()")] public Guid Id { get; set; }
                [Column(TypeName = "citext")] public required string Email { get; set; }
                [Column(TypeName = "ltree")] public string? Path { get; set; }
                [Column(TypeName = "citext[]")] public string[]? Aliases { get; set; }
            }
            """],

        ["Domains"] = [Usings + """
            [assembly: Domain("year", "integer", Check = "VALUE >= 1901 AND VALUE <= 2155", Comment = "A year MySQL's YEAR type can hold")]
            [assembly: Domain("us_postal_code", "text", Schema = "public", NotNull = false, Default = null,
                              Check = "VALUE ~ '^\\d{5}$' OR VALUE ~ '^\\d{5}-\\d{4}$'")]
            [assembly: Domain("rating_code", "film_rating", Default = "'g'", NotNull = true)]
            [assembly: Domain("release_year", "year", Check = "VALUE >= 1950")]

            namespace TestModels;

            public enum FilmRating { G, Pg, R }

            [Table("films")]
            public class Film
            {
                [Key] public int Id { get; set; }
                [Column(TypeName = "year")] public int ReleaseYear { get; set; }
                [Column(TypeName = "public.release_year")] public int? Remastered { get; set; }
                [Column(TypeName = "us_postal_code")] public string? Zip { get; set; }
                [Column(TypeName = "rating_code")] public FilmRating Rating { get; set; }
                public FilmRating? RatedAtRelease { get; set; }
                [Column(TypeName = "year[]")] public int[]? Reissues { get; set; }
            }
            """],

        ["Geometry"] = [Usings + """
            using NetTopologySuite.Geometries;

            [assembly: Extension("postgis")]
            [assembly: SchemaOptions(DefaultSrid = 4326)]

            namespace TestModels;

            [Table("sites")]
            [Index(nameof(Location), Method = "gist")]
            [Index(nameof(Area), Method = "gist")]
            public class Site
            {
                [Key] public int Id { get; set; }
                public required Point Location { get; set; }
                public Polygon? Area { get; set; }
                public MultiPolygon? Parcels { get; set; }
                [Srid(3857)] public LineString? Route { get; set; }
                [Srid(0)] public Geometry? Anything { get; set; }
                [Srid(4326, Geography = true)] public Point? Seen { get; set; }
            }
            """],
    };

    /// <summary>The JobPipeline sample's model sources, as a user's project has them.</summary>
    public static string[] Sample() =>
        Directory.GetFiles(Path.Combine(System.AppContext.BaseDirectory, "SampleModels"), "*.cs")
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();

    /// <summary>The JobPipeline sample's SQL templates (path, text), in file order.</summary>
    public static (string Path, string Text)[] SampleTemplates() =>
        Directory.GetFiles(Path.Combine(System.AppContext.BaseDirectory, "SampleSql"), "*.sql")
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => ("/JobPipeline/Sql/" + Path.GetFileName(f), File.ReadAllText(f)))
            .ToArray();

    public static IEnumerable<object[]> Names() => All.Keys.Select(k => new object[] { k });
}
