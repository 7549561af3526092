using System.Linq;
using CsCheck;
using SchemaGen.Model;
using Xunit;

namespace SchemaGen.Tests.Model;

/// <summary>
/// The generator hashes the script object by object instead of concatenating megabytes first: the hash of the parts must be
/// the hash of their concatenation for any text, non-ASCII and surrogate pairs included (each part whole, as a statement is).
/// </summary>
public class StableHashTests
{
    private static readonly Gen<string> Text = Gen.Int[0, 0x10FFFF].Where(c => c < 0xD800 || c > 0xDFFF)
        .Select(char.ConvertFromUtf32).Array[0, 40].Select(string.Concat);

    [Fact]
    public void TheHashOfThePartsIsTheHashOfTheirConcatenation() =>
        Text.Array[0, 12].Sample(parts => Assert.Equal(StableHash.Sha256Hex(string.Concat(parts)), StableHash.Sha256Hex(parts.AsEnumerable())), iter: 300);

    [Fact]
    public void TheHashIsSha256AsPrinted() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", StableHash.Sha256Hex(new[] { "a", "bc" }.AsEnumerable()));
}
