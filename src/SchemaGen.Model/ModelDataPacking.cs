using System;
using System.IO;
using System.Text;

namespace SchemaGen.Model
{
    /// <summary>
    /// The packed form of the model data that <c>Schema.g.cs</c> embeds: the UTF-8 text LZ77-compressed, then base64 in
    /// lines of <see cref="PackedLineLength"/> characters (docs/architecture.md, "The model as data").
    /// </summary>
    /// <remarks>
    /// Why packed: the compiler's cost of a <c>"…"u8</c> literal grows with its length, and the text of a 1,000-table model
    /// is 2 MB of lines that differ from the table before only in names (a second of compile time for that literal alone
    /// in a warm compiler). The codec is this file's own rather than <c>System.IO.Compression</c>: its output depends only
    /// on the input, so <c>Schema.g.cs</c> is the same whichever runtime (and zlib) hosts the compiler.
    /// <para>Format: the unpacked length (4 bytes, little-endian), then sequences as in LZ4's block format. A sequence is a
    /// token byte (high nibble: literal count, low nibble: match length − 4; 15 in either means more bytes follow, each
    /// added, until one is not 255), the literals, and — in every sequence but the last — the match's distance back (2
    /// bytes, little-endian, 1–65535). The last sequence is literals only and ends exactly at the unpacked length.</para>
    /// </remarks>
    static partial class ModelData
    {
        /// <summary>The length of each line of base64 in the packed form.</summary>
        public const int PackedLineLength = 100;

        private const int MinMatch = 4;
        private const int MaxDistance = 65535;
        private const int HashBits = 16;

        /// <summary>The packed form of <paramref name="model"/>'s data: ASCII, lines of base64.</summary>
        public static string WritePacked(SchemaModel model)
        {
            var (header, body) = WriteParts(model);
            var text = new byte[Encoding.UTF8.GetByteCount(header) + Encoding.UTF8.GetByteCount(body)];
            var headerBytes = Encoding.UTF8.GetBytes(header, 0, header.Length, text, 0);
            Encoding.UTF8.GetBytes(body, 0, body.Length, text, headerBytes);
            var base64 = Convert.ToBase64String(Compress(text));
            var lines = new StringBuilder(base64.Length + base64.Length / PackedLineLength + 1);
            for (var i = 0; i < base64.Length; i += PackedLineLength)
                lines.Append(i == 0 ? "" : "\n").Append(base64, i, Math.Min(PackedLineLength, base64.Length - i));
            return lines.ToString();
        }

        /// <summary>Reads the packed form as <c>Schema.g.cs</c> embeds it (UTF-8 bytes of <see cref="WritePacked"/>).</summary>
        /// <exception cref="FormatException">The data is not a whole, undamaged packed model of the current version.</exception>
        public static SchemaModel ReadPacked(byte[] packed) => ReadPacked(Encoding.ASCII.GetString(packed));

        /// <summary>Reads the packed form as text (<see cref="WritePacked"/>).</summary>
        /// <exception cref="FormatException">The data is not a whole, undamaged packed model of the current version.</exception>
        public static SchemaModel ReadPacked(string packed)
        {
            byte[] compressed;
            try
            {
                compressed = Convert.FromBase64String(packed); // skips the line breaks
            }
            catch (FormatException e)
            {
                throw Damaged("its packed form is not base64 (" + e.Message + ")");
            }

            return Read(Decompress(compressed));
        }

        /// <summary>
        /// Reads model data in either form a history row holds: packed (<see cref="WritePacked"/>), or the text of
        /// <see cref="Write"/> that rows written before the packed form hold. Base64 has no tab, so packed data never starts
        /// with the text's header.
        /// </summary>
        /// <exception cref="FormatException">The data is neither form of a whole, undamaged model.</exception>
        public static SchemaModel ReadTextOrPacked(string data) =>
            data.StartsWith(Magic + "\t", StringComparison.Ordinal) ? Read(data) : ReadPacked(data);

        /// <summary>LZ77 with a 64 KiB window, greedy, one hash table of 4-byte sequences: deterministic by construction.</summary>
        public static byte[] Compress(byte[] input)
        {
            var output = new MemoryStream(input.Length / 8 + 16);
            for (var shift = 0; shift < 32; shift += 8)
                output.WriteByte((byte)(input.Length >> shift));
            var lastSeen = new int[1 << HashBits]; // position + 1 of the last 4-byte sequence with that hash; 0 = none
            int anchor = 0, position = 0, last = input.Length - MinMatch;
            while (position <= last)
            {
                var hash = Hash(input, position);
                var candidate = lastSeen[hash] - 1;
                lastSeen[hash] = position + 1;
                if (candidate < 0 || position - candidate > MaxDistance || !SameFour(input, candidate, position))
                {
                    position++;
                    continue;
                }

                var length = MinMatch;
                while (position + length < input.Length && input[candidate + length] == input[position + length])
                    length++;
                WriteSequence(output, input, anchor, position - anchor, position - candidate, length);
                for (var covered = position + 1; covered < position + length && covered <= last; covered++)
                    lastSeen[Hash(input, covered)] = covered + 1;
                position += length;
                anchor = position;
            }

            WriteSequence(output, input, anchor, input.Length - anchor, 0, 0);
            return output.ToArray();
        }

        /// <summary>The inverse of <see cref="Compress"/>; every length and distance is checked before it is used.</summary>
        /// <exception cref="FormatException">The bytes are not something <see cref="Compress"/> wrote.</exception>
        public static byte[] Decompress(byte[] packed)
        {
            if (packed.Length < 5)
                throw Damaged("its packed form is truncated");
            var length = packed[0] | packed[1] << 8 | packed[2] << 16 | packed[3] << 24;
            // A byte of matches stands for at most 255 bytes, so a larger length is damage (and never allocated).
            if (length < 0 || length > 255L * packed.Length)
                throw Damaged("its packed form gives an impossible length (" + length + " bytes from " + packed.Length + ")");
            var output = new byte[length];
            int input = 4, written = 0;
            while (true)
            {
                if (input >= packed.Length)
                    throw Damaged("its packed form is truncated");
                var token = packed[input++];
                var literals = ReadLength(packed, ref input, token >> 4);
                if (literals > length - written || literals > packed.Length - input)
                    throw Damaged("its packed form has more literals than fit");
                Buffer.BlockCopy(packed, input, output, written, literals);
                input += literals;
                written += literals;
                if (written == length)
                {
                    if (input != packed.Length || (token & 15) != 0)
                        throw Damaged("its packed form continues past the unpacked length");
                    return output;
                }

                if (packed.Length - input < 2)
                    throw Damaged("its packed form is truncated");
                var distance = packed[input] | packed[input + 1] << 8;
                input += 2;
                var match = ReadLength(packed, ref input, token & 15) + MinMatch;
                if (distance == 0 || distance > written || match > length - written)
                    throw Damaged("its packed form refers outside the data");
                for (var i = 0; i < match; i++, written++)
                    output[written] = output[written - distance]; // byte by byte: a match may overlap what it writes
            }
        }

        private static void WriteSequence(MemoryStream output, byte[] input, int start, int literals, int distance, int match)
        {
            var extra = match == 0 ? 0 : match - MinMatch;
            output.WriteByte((byte)(Math.Min(literals, 15) << 4 | Math.Min(extra, 15)));
            WriteLength(output, literals);
            output.Write(input, start, literals);
            if (match == 0)
                return;
            output.WriteByte((byte)distance);
            output.WriteByte((byte)(distance >> 8));
            WriteLength(output, extra);
        }

        // A nibble of 15 is followed by the rest of the value in bytes of 255 and a last byte below 255.
        private static void WriteLength(MemoryStream output, int value)
        {
            if (value < 15)
                return;
            for (value -= 15; value >= 255; value -= 255)
                output.WriteByte(255);
            output.WriteByte((byte)value);
        }

        private static int ReadLength(byte[] packed, ref int input, int nibble)
        {
            var value = nibble;
            if (nibble < 15)
                return value;
            while (true)
            {
                if (input >= packed.Length || value > int.MaxValue / 2)
                    throw Damaged("its packed form is truncated");
                var next = packed[input++];
                value += next;
                if (next != 255)
                    return value;
            }
        }

        private static int Hash(byte[] data, int at) =>
            (int)(unchecked((uint)(data[at] | data[at + 1] << 8 | data[at + 2] << 16 | data[at + 3] << 24) * 2654435761u) >> (32 - HashBits));

        private static bool SameFour(byte[] data, int a, int b) =>
            data[a] == data[b] && data[a + 1] == data[b + 1] && data[a + 2] == data[b + 2] && data[a + 3] == data[b + 3];
    }
}
