using System;
using System.Globalization;
using System.Text;

namespace SchemaGen.Model
{
    /// <summary>
    /// How CLR names become PostgreSQL names: snake_case as Npgsql translates enum labels, and derived
    /// constraint and index names that always fit PostgreSQL's 63-byte identifier limit.
    /// </summary>
    static partial class SqlNaming
    {
        /// <summary>PostgreSQL silently truncates identifiers longer than this many bytes (NAMEDATALEN - 1).</summary>
        public const int MaxIdentifierBytes = 63;

        /// <summary>
        /// Converts a CLR name to snake_case with the same rules as Npgsql's NpgsqlSnakeCaseNameTranslator,
        /// so an enum created here is the one Npgsql maps without configuration:
        /// <c>JobRecord</c> → <c>job_record</c>, <c>HTTPServer</c> → <c>http_server</c>.
        /// </summary>
        public static string ToSnakeCase(string name)
        {
            if (string.IsNullOrEmpty(name))
                return name;

            var builder = new StringBuilder(name.Length + Math.Min(2, name.Length / 5));
            UnicodeCategory? previous = null;
            for (var i = 0; i < name.Length; i++)
            {
                var current = name[i];
                if (current == '_')
                {
                    builder.Append('_');
                    previous = null;
                    continue;
                }

                var category = char.GetUnicodeCategory(current);
                switch (category)
                {
                    case UnicodeCategory.UppercaseLetter:
                    case UnicodeCategory.TitlecaseLetter:
                        var startsWord = previous == UnicodeCategory.SpaceSeparator
                            || previous == UnicodeCategory.LowercaseLetter
                            || (previous != UnicodeCategory.DecimalDigitNumber
                                && previous != null
                                && i + 1 < name.Length
                                && char.IsLower(name[i + 1]));
                        if (startsWord)
                            builder.Append('_');
                        current = char.ToLower(current, CultureInfo.InvariantCulture);
                        break;

                    case UnicodeCategory.LowercaseLetter:
                    case UnicodeCategory.DecimalDigitNumber:
                        if (previous == UnicodeCategory.SpaceSeparator)
                            builder.Append('_');
                        break;

                    default:
                        if (previous != null)
                            previous = UnicodeCategory.SpaceSeparator;
                        continue;
                }

                builder.Append(current);
                previous = category;
            }

            return builder.ToString();
        }

        /// <summary>
        /// <see cref="ToSnakeCase"/>, unless the translation would drop some of the name's characters (snake_case
        /// knows upper, lower and title case letters, digits and '_'; <c>名前</c>, <c>赤</c>, combining marks are
        /// dropped): then the name as written, which SqlSyntax quotes. Never empty for a non-empty name, and two
        /// names that differ in such characters never collapse into one.
        /// </summary>
        public static string ToSnakeCaseOrAsIs(string name)
        {
            foreach (var c in name)
            {
                if (c == '_')
                    continue;
                switch (char.GetUnicodeCategory(c))
                {
                    case UnicodeCategory.UppercaseLetter:
                    case UnicodeCategory.TitlecaseLetter:
                    case UnicodeCategory.LowercaseLetter:
                    case UnicodeCategory.DecimalDigitNumber:
                        continue;
                    default:
                        return name;
                }
            }

            return ToSnakeCase(name);
        }

        /// <summary>The number of bytes PostgreSQL counts for an identifier (its UTF-8 length).</summary>
        public static int ByteLength(string identifier) => Encoding.UTF8.GetByteCount(identifier);

        /// <summary>
        /// A derived constraint or index name such as <c>ix_tasks_parent_job_id_stage</c>. A name over 63 bytes
        /// is shortened and given a hash of the full name, so two long names never collide and the result is
        /// the same on every build.
        /// </summary>
        public static string DeriveName(string prefix, string table, params string[] parts)
        {
            var full = prefix + "_" + table + (parts.Length == 0 ? "" : "_" + string.Join("_", parts));
            return FitIdentifier(full);
        }

        /// <summary>Returns <paramref name="name"/>, or a shortened name with a hash suffix if it is over 63 bytes.</summary>
        public static string FitIdentifier(string name)
        {
            if (ByteLength(name) <= MaxIdentifierBytes)
                return name;

            var suffix = "_" + StableHash.Hex32(name);
            var budget = MaxIdentifierBytes - suffix.Length;
            var builder = new StringBuilder();
            foreach (var element in TextElements(name))
            {
                if (ByteLength(builder + element) > budget)
                    break;
                builder.Append(element);
            }

            return builder.ToString().TrimEnd('_') + suffix;
        }

        private static System.Collections.Generic.IEnumerable<string> TextElements(string text)
        {
            // Never cut a surrogate pair in half: the result must stay valid UTF-8.
            var enumerator = StringInfo.GetTextElementEnumerator(text);
            while (enumerator.MoveNext())
                yield return enumerator.GetTextElement();
        }
    }
}
