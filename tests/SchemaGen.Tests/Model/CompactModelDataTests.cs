using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using CsCheck;
using SchemaGen.Model;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Generator;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Model;

/// <summary>
/// The model travels from the generator to the runtime as compact data (ModelData): what the runtime decodes is
/// the model the generator built, for every golden model and random ones; damaged data is refused, never read as
/// another model; and a large model's data stays out of the 16 MB user-string heap.
/// </summary>
public class CompactModelDataTests
{
    [Theory]
    [MemberData(nameof(FeatureModels.Names), MemberType = typeof(FeatureModels))]
    public void GoldenModelDecodesToTheGeneratorsModel(string name) => AssertDecodesToGeneratorsModel(FeatureModels.All[name], []);

    [Fact]
    public void SampleModelDecodesToTheGeneratorsModel() => AssertDecodesToGeneratorsModel(FeatureModels.Sample(), FeatureModels.SampleTemplates());

    [Fact]
    public void TemplateObjectsModelDecodesToTheGeneratorsModel() =>
        AssertDecodesToGeneratorsModel(Templates.ObjectTemplateModels.Sources, Templates.ObjectTemplateModels.Templates());

    [Fact]
    public void RandomModelsDecodeToTheGeneratorsModel() =>
        RandomModels.Model.Sample(model => AssertDecodesToGeneratorsModel([Evolution.Usings + model.Source()], []), iter: 25, threads: 1);

    [Fact]
    public void FuzzModelsWithHostileNamesDecodeToTheGeneratorsModel() =>
        FuzzModels.Model.Sample(source =>
        {
            var result = GeneratorHarness.Run(source);
            if (result.GeneratedSource == null || result.AllDiagnostics.Any(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
                return; // the build reports the model's error; there is no data to decode
            AssertDecodesToGeneratorsModel([source], []);
        }, iter: 40, threads: 1);

    /// <summary>Every member of every record, catalog-only ones included, with strings full of what the format escapes.</summary>
    [Fact]
    public void AnyModelSurvivesWriteAndRead() =>
        AnyModel.Sample(model => Assert.Equal(model, ModelData.Read(Encoding.UTF8.GetBytes(ModelData.Write(model)))), iter: 300);

    [Fact]
    public void AnyModelSurvivesPackingAndUnpacking() =>
        AnyModel.Sample(model => Assert.Equal(model, ModelData.ReadPacked(Encoding.UTF8.GetBytes(ModelData.WritePacked(model)))), iter: 300);

    /// <summary>History rows hold the packed form, and rows written before it the text: both are read as the model they hold.</summary>
    [Fact]
    public void AnyModelIsReadFromEitherFormAHistoryRowHolds() =>
        AnyModel.Sample(model =>
        {
            Assert.Equal(model, ModelData.ReadTextOrPacked(ModelData.WritePacked(model)));
            Assert.Equal(model, ModelData.ReadTextOrPacked(ModelData.Write(model)));
        }, iter: 300);

    /// <summary>
    /// The codec over bytes it was not tuned for: empty, shorter than a match, runs past every length byte (15, 15 + 255),
    /// repeats farther back than its window, and random bytes with repeats spliced in.
    /// </summary>
    [Fact]
    public void AnyBytesSurviveCompressionAndDecompression()
    {
        var repeated = (from chunk in Gen.Byte.Array[1, 300] from copies in Gen.Int[1, 400] select Enumerable.Repeat(chunk, copies).SelectMany(c => c).ToArray());
        var bytes = Gen.OneOf(Gen.Byte.Array[0, 2000], Gen.Byte[0, 3].Array[0, 5000], repeated, Gen.Select(Gen.Byte.Array[0, 300], repeated, (a, b) => a.Concat(b).Concat(a).ToArray()));
        bytes.Sample(data => Assert.Equal(data, ModelData.Decompress(ModelData.Compress(data))), iter: 300);

        var far = new byte[200_000];
        new Random(7).NextBytes(far);
        Array.Copy(far, 0, far, 100_000, 1_000); // a repeat beyond the 64 KiB window must come back as literals
        Assert.Equal(far, ModelData.Decompress(ModelData.Compress(far)));

        // A damaged length is refused before anything is allocated for it.
        Assert.Contains("impossible length", Assert.Throws<FormatException>(() => ModelData.Decompress([0xFF, 0xFF, 0xFF, 0x7F, 0x00])).Message);
    }

    /// <summary>Why the data is packed: a large model's text is mostly repeats, and the compiler pays for every byte of the literal.</summary>
    [Fact]
    public void LargeModelDataPacksToAFractionOfItsText()
    {
        var model = GeneratorHarness.Run(Evolution.Usings + "namespace TestModels;\n" + string.Concat(Enumerable.Range(0, 100).Select(i =>
            $"[Table(\"t{i}\")] public class T{i} {{ [Key] public int Id {{ get; set; }} [Range(0, 10)] public int Level {{ get; set; }} "
            + string.Concat(Enumerable.Range(0, 10).Select(c => $"[MaxLength(40)] public string? Column{c} {{ get; set; }} ")) + "}\n"))).Load().Model;
        var text = ModelData.Write(model);
        var packed = ModelData.WritePacked(model);
        Assert.True(packed.Length * 5 < text.Length, $"{packed.Length} characters packed for {text.Length} of text");
        Assert.All(packed.Split('\n'), line => Assert.InRange(line.Length, 1, ModelData.PackedLineLength));
    }

    [Fact]
    public void TruncatedOrAlteredPackedDataIsRefused()
    {
        var packed = ModelData.WritePacked(GeneratorHarness.Run(FeatureModels.All["Keys"]).Load().Model).Replace("\n", "");
        for (var length = 0; length < packed.Length; length++)
            AssertRefused(packed.Substring(0, length));
        var alphabet = "AQgw/+9z";
        for (var i = 0; i < packed.Length; i++)
        {
            foreach (var replacement in alphabet.Where(c => c != packed[i]))
                AssertRefused(packed.Substring(0, i) + replacement + packed.Substring(i + 1));
        }

        static void AssertRefused(string data)
        {
            // Base64's last characters may carry padding bits that decode to the same bytes: those alterations are harmless.
            try
            {
                var model = ModelData.ReadPacked(Encoding.ASCII.GetBytes(data));
                Assert.Equal(GeneratorHarness.Run(FeatureModels.All["Keys"]).Load().Model, model);
            }
            catch (FormatException error)
            {
                Assert.True(error.Message.Contains("damaged") || error.Message.Contains("version"), error.Message);
            }
        }
    }

    [Fact]
    public void TruncatedDataIsRefused()
    {
        var data = SmallModelData();
        for (var length = 0; length < data.Length; length++)
        {
            var error = Assert.Throws<FormatException>(() => ModelData.Read(data.Substring(0, length)));
            Assert.Contains("damaged", error.Message);
        }
    }

    [Fact]
    public void AnyAlteredCharacterIsRefused()
    {
        var data = SmallModelData();
        for (var i = 0; i < data.Length; i++)
        {
            foreach (var replacement in new[] { 'x', '\t', '\n', '0' })
            {
                if (data[i] == replacement)
                    continue;
                var altered = data.Substring(0, i) + replacement + data.Substring(i + 1);
                var error = Assert.Throws<FormatException>(() => ModelData.Read(altered));
                Assert.True(error.Message.Contains("damaged") || error.Message.Contains("version"), error.Message);
            }
        }
    }

    [Fact]
    public void DataThatPassesTheChecksumButBreaksTheFormatNamesTheLine()
    {
        var lines = SmallModelData().Split('\n').Skip(1).ToList();
        var column = lines.FindIndex(l => l.StartsWith("column\t", StringComparison.Ordinal));
        var broken = new (string Edit, string Message)[]
        {
            (lines[column] + "\textra", $"line {column + 2}: it has more fields than a column record"),
            (lines[column].Substring(0, lines[column].LastIndexOf('\t')), $"line {column + 2}: the column record has too few fields"),
            (lines[column].Replace("\tf\t", "\tno\t").Replace("\tt\t", "\tyes\t"), $"line {column + 2}: '"),
            (lines[column].Replace("column\t", "check\t"), $"line {column + 2}: it has a 'check' record where a column record should be"),
            (lines[column] + "\\q", "unknown escape"),
        };
        foreach (var (edit, message) in broken)
        {
            var body = "\n" + string.Join("\n", lines.Select((l, i) => i == column ? edit : l));
            var error = Assert.Throws<FormatException>(() => ModelData.Read(WithHeader(body)));
            Assert.Contains(message, error.Message);
        }
    }

    [Fact]
    public void DataOfVersionOneIsStillReadSoOlderHistoryRowsAreToo()
    {
        var model = GeneratorHarness.Run(FeatureModels.All["Keys"]).Load().Model;
        var current = ModelData.Write(model);
        var body = current.Substring(current.IndexOf('\n'));
        // Version 2 added the template objects' count at the end of the model line and the extensions line before end.
        var lines = body.Split('\n').ToList();
        var modelLine = lines.FindIndex(l => l.StartsWith("model\t", StringComparison.Ordinal));
        Assert.EndsWith("\t0", lines[modelLine]);
        lines[modelLine] = lines[modelLine].Substring(0, lines[modelLine].LastIndexOf('\t'));
        Assert.True(lines.Remove("extensions\t0"), "no extensions line");
        Assert.True(lines.Remove("domains\t0"), "no domains line"); // version 3
        var versionOne = WithHeader(string.Join("\n", lines), version: 1);

        Assert.Equal(model, ModelData.Read(versionOne));
        Assert.Throws<FormatException>(() => ModelData.Read(WithHeader(body, version: 1))); // version 1 has neither
    }

    [Fact]
    public void DataOfVersionTwoIsStillReadSoHistoryRowsBeforeDomainsAreToo()
    {
        var model = GeneratorHarness.Run(FeatureModels.All["Extensions"]).Load().Model;
        var current = ModelData.Write(model);
        var body = current.Substring(current.IndexOf('\n'));
        // Version 3 added the domains line before end.
        var lines = body.Split('\n').ToList();
        Assert.True(lines.Remove("domains\t0"), "no domains line");
        Assert.Equal(model, ModelData.Read(WithHeader(string.Join("\n", lines), version: 2)));
        Assert.Throws<FormatException>(() => ModelData.Read(WithHeader(body, version: 2))); // version 2 has none

        // A model with domains round-trips through the current version.
        var domains = GeneratorHarness.Run(FeatureModels.All["Domains"]).Load().Model;
        Assert.Equal(4, domains.Domains.Count);
        Assert.Equal(domains, ModelData.Read(ModelData.Write(domains)));
    }

    [Fact]
    public void OtherVersionsAndInvalidUtf8AreRefused()
    {
        var data = SmallModelData();
        var other = ModelData.Version + 1;
        var error = Assert.Throws<FormatException>(() => ModelData.Read("schemagen-model\t" + other + data.Substring(data.IndexOf('\t', 16))));
        Assert.Contains("version " + other, error.Message);

        var bytes = Encoding.UTF8.GetBytes(data);
        bytes[bytes.Length / 2] = 0xC3; // a lead byte followed by ASCII: not UTF-8
        bytes[bytes.Length / 2 + 1] = (byte)'a';
        Assert.Contains("not valid UTF-8", Assert.Throws<FormatException>(() => ModelData.Read(bytes)).Message);
    }

    /// <summary>The model data is UTF-8 static data, not a string constant: the #US heap holds none of the SQL or the model.</summary>
    [Fact]
    public void LargeModelStaysOutOfTheUserStringHeap()
    {
        var source = Evolution.Usings + "namespace TestModels;\n" + string.Concat(Enumerable.Range(0, 200).Select(i =>
            $"[Table(\"t{i}\")] public class T{i} {{ [Key] public int Id {{ get; set; }} "
            + string.Concat(Enumerable.Range(0, 10).Select(c => $"[MaxLength(40)] public string? Column{c} {{ get; set; }} ")) + "}\n"));
        var result = GeneratorHarness.Run(source);
        var schema = result.Load();
        using var image = new MemoryStream();
        Assert.True(result.Compilation.Emit(image).Success);
        image.Position = 0;
        using var pe = new PEReader(image);
        var userStrings = pe.GetMetadataReader().GetHeapSize(HeapIndex.UserString);
        // Before, Sql, every Ddl constant and the model's strings were UTF-16 in #US: more than 4 bytes per SQL character.
        Assert.True(userStrings < schema.Sql.Length / 10, $"#US holds {userStrings} bytes for {schema.Sql.Length} characters of SQL");
        Assert.Equal(200, schema.Model.Tables.Count);
    }

    private static void AssertDecodesToGeneratorsModel(string[] sources, (string, string)[] templates)
    {
        var expected = GeneratorModels.Of(sources, templates);
        Assert.NotNull(expected);
        var decoded = GeneratorHarness.Run(sources, templates).Load().Model;
        var difference = GeneratorModels.FirstDifference(expected, decoded);
        Assert.True(difference == null, difference + "\n" + string.Join("\n", sources));
    }

    private static string SmallModelData() => ModelData.Write(GeneratorHarness.Run(FeatureModels.All["Keys"]).Load().Model);

    // The header as the format documents it: the body's length and its FNV-1a hash.
    private static string WithHeader(string body, int version = ModelData.Version)
    {
        var hash = 2166136261u;
        foreach (var c in body)
            hash = unchecked((hash ^ c) * 16777619u);
        return $"schemagen-model\t{version}\t{body.Length.ToString(CultureInfo.InvariantCulture)}\t{hash:x8}{body}";
    }

    private static readonly Gen<string> Text = Gen.Char["ab\\\t\n\r\"N\u0085\u2028\ud800\udc00\u00e9 \u0000"].Array[0, 6].Select(c => new string(c));
    private static readonly Gen<string?> MaybeText = Gen.Frequency((3, (IGen<string?>)Text.Select(s => (string?)s)), (1, Gen.Const((string?)null)));
    private static readonly Gen<EquatableArray<string>> Texts = Text.Array[0, 3].Select(a => new EquatableArray<string>(a));

    private static readonly Gen<ColumnModel> AnyColumn =
        from strings in MaybeText.Array[9]
        from nullable in Gen.Bool
        from identity in Gen.Enum<IdentityKind>()
        select new ColumnModel(strings[0] ?? "c", strings[1] ?? "integer", nullable, strings[2], identity, strings[3], strings[4], strings[5], strings[6], strings[7], strings[8]);

    private static readonly Gen<TableModel> AnyTable =
        from name in Text
        from columns in AnyColumn.Array[0, 3]
        from key in Gen.Frequency((1, (IGen<PrimaryKeyModel?>)Gen.Const((PrimaryKeyModel?)null)), (2, (from n in Text from c in Texts from d in MaybeText select (PrimaryKeyModel?)new PrimaryKeyModel(n, c, d, d))))
        from checks in (from n in Text from e in Text from c in MaybeText select new CheckModel(n, e, c)).Array[0, 2]
        from fks in (from n in Text from c in Texts from r in Texts from a in Gen.Enum<ReferentialAction>() from b in Gen.Enum<ReferentialAction>() from flags in Gen.Bool.Array[4] from c2 in MaybeText
                     select new ForeignKeyModel(n, c, "s", n, r, a, b, flags[0], flags[1], flags[2], flags[3], c2)).Array[0, 2]
        from indexes in (from n in Text from k in Texts from u in Gen.Bool from w in MaybeText from inc in Texts from v in Gen.Bool select new IndexModel(n, k, u, "btree", w, inc, v, w, w)).Array[0, 2]
        from others in (from n in Text from d in Text from c in MaybeText select new ConstraintModel(n, d, c)).Array[0, 2]
        from comment in MaybeText
        select new TableModel("s", name, new(columns), key, new(checks), new(fks), new(indexes), comment, comment, new(others));

    private static readonly Gen<SchemaModel> AnyModel =
        from schemas in Texts
        from enums in (from n in Text from l in Texts from r in (from f in Text from t in Text select new RenamedLabel(f, t)).Array[0, 2] from c in MaybeText
                       select new EnumModel("s", n, l, new(r), c)).Array[0, 2]
        from tables in AnyTable.Array[0, 3]
        from functions in (from n in Text from d in Text from p in (from pn in Text from pt in Text from h in Gen.Bool select new FunctionParameter(pn, pt, h)).Array[0, 2] from c in MaybeText
                           select new FunctionModel("s", n, d, d, d, new(p), new(p.Reverse().ToArray()), c)).Array[0, 2]
        from triggers in (from n in Text from d in Text from c in MaybeText select new TriggerModel("s", n, n, "s", n, d, c)).Array[0, 2]
        from unmanaged in (from k in Gen.Enum<CatalogObjectKind>() from n in Text from t in MaybeText select new CatalogObject(k, "s", n, t)).Array[0, 2]
        from objects in (from k in Gen.Enum<TemplateObjectKind>() from n in Text from d in Text from t in MaybeText from g in MaybeText
                         from u in (from us in Text from un in Text from uc in MaybeText select new ObjectDependency(us, un, uc)).Array[0, 2]
                         select new TemplateObjectModel(k, "s", n, d, t, g, new(u))).Array[0, 2]
        from extensions in (from n in Text from sc in MaybeText from v in MaybeText select new ExtensionModel(n, sc, v)).Array[0, 2]
        select new SchemaModel(schemas, new(enums), new(tables), new(functions), new(triggers), new(unmanaged), new(objects)) { Extensions = new(extensions) };
}
