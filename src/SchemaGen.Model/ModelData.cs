using System;
using System.Globalization;
using System.Text;

namespace SchemaGen.Model
{
    /// <summary>
    /// The compact text form of a <see cref="SchemaModel"/> that the generator embeds in <c>Schema.g.cs</c> (as UTF-8
    /// data, never as C# code the compiler binds and the JIT compiles) and the runtime reads once, lazily.
    /// </summary>
    /// <remarks>
    /// <para>Version 3, documented in docs/architecture.md ("The model as data"). The text is lines joined by
    /// <c>\n</c> (no final newline), fields separated by a tab, in PostgreSQL's COPY text conventions: a field is
    /// <c>\N</c> for null; in any other field <c>\\</c>, <c>\t</c>, <c>\n</c> and <c>\r</c> stand for themselves and
    /// <c>\uXXXX</c> for a character that must not appear raw (other control characters, the C# line separators
    /// U+0085, U+2028 and U+2029, and lone surrogates), so every line is one record and the text is valid UTF-8.</para>
    /// <para>The first line is <c>schemagen-model 3 &lt;length&gt; &lt;checksum&gt;</c>: the length in characters and
    /// the FNV-1a 32-bit hash of everything after that line, so truncated or altered data is refused rather than read
    /// as another model. Each further line starts with its record's name (<c>model</c>, <c>enum</c>, <c>table</c>,
    /// <c>column</c>, …); a list is its count followed by its items, in the fields of the line for strings or as the
    /// following lines for records. The last line is <c>end</c>.</para>
    /// </remarks>
    static partial class ModelData
    {
        /// <summary>The first field of the data.</summary>
        public const string Magic = "schemagen-model";

        /// <summary>The format this code writes and reads; a reader refuses any other.</summary>
        public const int Version = 3;

        private const string Null = "\\N";

        /// <summary>FNV-1a over the UTF-16 code units: cheap, dependency-free, and enough to detect damage (not tampering).</summary>
        private static uint Checksum(string text, int start)
        {
            var hash = 2166136261u;
            for (var i = start; i < text.Length; i++)
                hash = unchecked((hash ^ text[i]) * 16777619u);
            return hash;
        }

        private static string Hex(uint value) => value.ToString("x8", CultureInfo.InvariantCulture);

        private static bool MustEscape(string value, int i)
        {
            var c = value[i];
            if (c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\\')
                return true;
            if (char.IsHighSurrogate(c))
                return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
            return char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
        }

        private static void AppendEscaped(StringBuilder text, string? value)
        {
            if (value == null)
            {
                text.Append(Null);
                return;
            }

            // Runs of characters that need no escape (almost all of them) are appended whole: char by char, writing a
            // deployment's model, target and live catalog (megabytes each for a large model) took tens of milliseconds.
            var run = 0;
            for (var i = 0; i < value.Length; i++)
            {
                if (!MustEscape(value, i))
                    continue;
                text.Append(value, run, i - run);
                run = i + 1;
                var c = value[i];
                if (c == '\\')
                    text.Append("\\\\");
                else if (c == '\t')
                    text.Append("\\t");
                else if (c == '\n')
                    text.Append("\\n");
                else if (c == '\r')
                    text.Append("\\r");
                else
                    text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }

            text.Append(value, run, value.Length - run);
        }
    }
}
