using System.ComponentModel.DataAnnotations;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// Attributes that give a model a schema in EF Core (and the BCL's [Timestamp]) are not read by SchemaGen; each is
/// SG0028 at the attribute, a warning, so that a model shared with EF Core does not lose an index or a precision
/// without a word. The EF Core attributes are declared here by their full names, as a project referencing EF Core sees them.
/// </summary>
public class UnreadAttributeTests
{
    private const string EfCore = """
        using System;
        namespace Microsoft.EntityFrameworkCore
        {
            [AttributeUsage(AttributeTargets.Class, AllowMultiple = true)] public sealed class IndexAttribute(params string[] propertyNames) : Attribute { public bool IsUnique { get; set; } }
            [AttributeUsage(AttributeTargets.Class)] public sealed class PrimaryKeyAttribute(string property, params string[] additional) : Attribute { }
            [AttributeUsage(AttributeTargets.Property)] public sealed class PrecisionAttribute(int precision, int scale) : Attribute { }
            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)] public sealed class CommentAttribute(string comment) : Attribute { }
            public enum DeleteBehavior { Cascade, Restrict }
            [AttributeUsage(AttributeTargets.Property)] public sealed class DeleteBehaviorAttribute(DeleteBehavior behavior) : Attribute { }
        }
        """;

    private const string Model = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using Ef = Microsoft.EntityFrameworkCore;
        namespace TestModels;

        [Table("owner")] public class Owner { [Key] public int Id { get; set; } }

        [Table("item")]
        [Ef.Index(nameof(Code), IsUnique = true)]
        [Ef.PrimaryKey(nameof(Id), nameof(Code))]
        [Ef.Comment("an item")]
        public class Item
        {
            [Key] public int Id { get; set; }
            public string Code { get; set; } = "";
            [Ef.Precision(10, 2)] public decimal Price { get; set; }
            [Ef.Comment("what it costs")] public decimal Cost { get; set; }
            [Ef.DeleteBehavior(Ef.DeleteBehavior.Cascade)] public int OwnerId { get; set; }
            [Timestamp] public byte[] Version { get; set; } = [];
        }
        """;

    [Fact]
    public void EachIsAWarningAtTheAttributeAndTheModelStillBuilds()
    {
        var result = GeneratorHarness.Run(EfCore, Model);

        var unread = result.GeneratorDiagnostics.Where(d => d.Id == "SG0028").ToList();
        Assert.All(unread, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(
            ["Ef.Comment(\"an item\")", "Ef.Comment(\"what it costs\")", "Ef.DeleteBehavior(Ef.DeleteBehavior.Cascade)", "Ef.Index(nameof(Code), IsUnique = true)",
             "Ef.Precision(10, 2)", "Ef.PrimaryKey(nameof(Id), nameof(Code))", "Timestamp"],
            unread.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)).OrderBy(t => t, System.StringComparer.Ordinal));
        Assert.Contains("[Precision] on 'Item.Price' is not read by SchemaGen", unread.Select(d => d.GetMessage()).Single(m => m.Contains("Precision")));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("CREATE TABLE public.item", result.Load().Sql);
    }

    [Fact]
    public void IndexAndCheckOnABaseClassThatIsNoTableAreReportedForEachTableDerivedFromIt()
    {
        var result = GeneratorHarness.Run("""
            using System;
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;
            using SchemaGen;
            namespace TestModels;
            [Index(nameof(CreatedAt))]
            [Check("created_at > '2000-01-01'")]
            public abstract class Audited { public DateTime CreatedAt { get; set; } }
            [Table("notes")] public class Note : Audited { [Key] public int Id { get; set; } }
            [Table("base")] [Index(nameof(Name))] public class Base { [Key] public int Id { get; set; } public string Name { get; set; } = ""; }
            [Table("derived")] public class Derived : Base { }
            """);

        var unread = result.GeneratorDiagnostics.Where(d => d.Id == "SG0028").ToList();
        Assert.Equal(["Check(\"created_at > '2000-01-01'\")", "Index(nameof(CreatedAt))"],
            unread.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)).OrderBy(t => t, System.StringComparer.Ordinal));
        Assert.All(unread, d => Assert.Contains("so Note does not get it", d.GetMessage()));
    }

    [Fact]
    public void AValidationAttributeOnARecordParameterOrABackingFieldIsReportedAndValidatorIndeedIgnoresIt()
    {
        var result = GeneratorHarness.Run("""
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;
            namespace TestModels;
            [Table("r")] public record R([property: Key] int Id, [MaxLength(3)] string Name, [property: MaxLength(3)] string Code, [field: MaxLength(3)] string Note);
            [Table("f")] public class F { [Key] public int Id { get; set; } [field: MaxLength(3)] public string Name { get; set; } = ""; }
            """);

        var unread = result.GeneratorDiagnostics.Where(d => d.Id == "SG0028").Select(d => d.GetMessage()).OrderBy(m => m, System.StringComparer.Ordinal).ToList();
        Assert.Equal(3, unread.Count);
        Assert.StartsWith("[MaxLength] on 'F.Name' is not read by SchemaGen", unread[0]);
        Assert.StartsWith("[MaxLength] on 'R.Name' is not read by SchemaGen", unread[1]);
        Assert.StartsWith("[MaxLength] on 'R.Note' is not read by SchemaGen", unread[2]);
        Assert.Contains("backing field", unread[2]);

        // The oracle: Validator accepts a long name in both, and refuses a long code (the attribute on the property).
        var assembly = result.Load().Assembly;
        bool Valid(object instance) => Validator.TryValidateObject(instance, new ValidationContext(instance), null, validateAllProperties: true);
        var record = assembly.GetType("TestModels.R")!;
        Assert.True(Valid(System.Activator.CreateInstance(record, 1, "too long", "abc", "too long")!));
        Assert.False(Valid(System.Activator.CreateInstance(record, 1, "abc", "too long", "abc")!));
        var withField = System.Activator.CreateInstance(assembly.GetType("TestModels.F")!)!;
        withField.GetType().GetProperty("Name")!.SetValue(withField, "too long");
        Assert.True(Valid(withField));
    }

    [Fact]
    public void WithoutEfCoreOnlyTimestampCanBeReported()
    {
        var result = GeneratorHarness.Run("""
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;
            namespace TestModels;
            [Table("t")] public class T { [Key] public int Id { get; set; } [ConcurrencyCheck] public int V { get; set; } }
            """);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SG0028");
    }
}
