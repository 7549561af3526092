using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SchemaGen.CodeFixes;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.CodeFixes;

/// <summary>
/// SG0001 offers two fixes: keep the property out of the table with [NotMapped], or store it as jsonb with
/// [Column(TypeName = "jsonb")]. Each is applied to real source and the result compiled with the generator:
/// SG0001 is gone and nothing else is wrong.
/// </summary>
public class UnmappableTypeCodeFixTests
{
    private const string NotMapped = "SG0001.NotMapped";
    private const string Jsonb = "SG0001.Jsonb";

    [Fact]
    public async Task BothFixesAreOfferedNamingTheProperty()
    {
        var actions = await CodeFixHarness.ActionsAsync("""
            using System;
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;
            [Table("links")]
            public class Link { [Key] public int Id { get; set; } public Uri Target { get; set; } = null!; }
            """, "SG0001");
        Assert.Equal(
            ["Exclude 'Target' from the table with [NotMapped]", "Store 'Target' as jsonb with [Column(TypeName = \"jsonb\")]"],
            actions.Select(a => a.Title));
        Assert.Equal([NotMapped, Jsonb], actions.Select(a => a.EquivalenceKey));
        Assert.Equal(["SG0001", "SG0010"], new SchemaGenCodeFixProvider().FixableDiagnosticIds.ToArray());
    }

    [Fact]
    public async Task NotMappedGoesOnItsOwnLineAndTheUsingIsAdded()
    {
        await AssertFix(NotMapped, """
            using System;
            using System.ComponentModel.DataAnnotations;

            namespace TestModels;

            [System.ComponentModel.DataAnnotations.Schema.Table("links")]
            public class Link
            {
                [Key] public int Id { get; set; }

                /// <summary>Where it points.</summary>
                public Uri Target { get; set; } = null!;
            }
            """, """
            using System;
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace TestModels;

            [System.ComponentModel.DataAnnotations.Schema.Table("links")]
            public class Link
            {
                [Key] public int Id { get; set; }

                /// <summary>Where it points.</summary>
                [NotMapped]
                public Uri Target { get; set; } = null!;
            }
            """);
    }

    [Fact]
    public async Task NotMappedJoinsTheAttributesOnTheSameLineAndTheUsingIsNotRepeated()
    {
        await AssertFix(NotMapped, """
            using System;
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace TestModels;

            [Table("links")]
            public class Link
            {
                [Key] public int Id { get; set; }
                [Required] public Uri Target { get; set; } = null!;
            }
            """, """
            using System;
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace TestModels;

            [Table("links")]
            public class Link
            {
                [Key] public int Id { get; set; }
                [Required] [NotMapped] public Uri Target { get; set; } = null!;
            }
            """);
    }

    [Fact]
    public async Task ColumnTypeNameJsonbIsAddedBelowTheOtherAttributes()
    {
        await AssertFix(Jsonb, """
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace TestModels;

            public class Address { public string? City { get; set; } }

            [Table("people")]
            public class Person
            {
                [Key] public int Id { get; set; }

                [Required]
                public Address Home { get; set; } = null!;
            }
            """, """
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace TestModels;

            public class Address { public string? City { get; set; } }

            [Table("people")]
            public class Person
            {
                [Key] public int Id { get; set; }

                [Required]
                [Column(TypeName = "jsonb")]
                public Address Home { get; set; } = null!;
            }
            """);
    }

    [Fact]
    public async Task AnExistingColumnAttributeGainsTheTypeName()
    {
        await AssertFix(Jsonb, """
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace TestModels;

            public class Address { public string? City { get; set; } }

            [Table("people")]
            public class Person
            {
                [Key] public int Id { get; set; }
                [Column("home_address", Order = 2)] public Address? Home { get; set; }
            }
            """, """
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace TestModels;

            public class Address { public string? City { get; set; } }

            [Table("people")]
            public class Person
            {
                [Key] public int Id { get; set; }
                [Column("home_address", Order = 2, TypeName = "jsonb")] public Address? Home { get; set; }
            }
            """);
    }

    [Theory]
    [InlineData(NotMapped, "[property: NotMapped] Uri Link")]
    [InlineData(Jsonb, "[property: Column(TypeName = \"jsonb\")] Uri Link")]
    public async Task ARecordParameterGetsAPropertyTargetedAttribute(string fix, string expected)
    {
        await AssertFix(fix, """
            using System;
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace TestModels;

            [Table("notes")]
            public record Note([property: Key] int NoteId, Uri Link);
            """, $$"""
            using System;
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace TestModels;

            [Table("notes")]
            public record Note([property: Key] int NoteId, {{expected}});
            """);
    }

    // Applies the fix, compares the text, and compiles the result with the generator: no SG0001, no error.
    private static async Task AssertFix(string equivalenceKey, string before, string after)
    {
        Assert.Contains(GeneratorHarness.Run(before).GeneratorDiagnostics, d => d.Id == "SG0001");
        var fixedSource = await CodeFixHarness.ApplyAsync(before, "SG0001", equivalenceKey);
        Assert.Equal(after.ReplaceLineEndings("\n"), fixedSource.ReplaceLineEndings("\n"));

        var result = GeneratorHarness.Run(fixedSource);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SG0001");
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
