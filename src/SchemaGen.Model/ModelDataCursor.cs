using System;
using System.Globalization;
using System.Text;

namespace SchemaGen.Model
{
    static partial class ModelData
    {
        /// <summary>
        /// Reads the body one field at a time, strictly: every record must have exactly the fields its kind has, so
        /// data that passed the checksum but does not fit the format (a writer bug) fails with its line named.
        /// </summary>
        private sealed class Cursor
        {
            private readonly string _text;
            private int _position;
            private int _line = 1;
            private string _tag = "header";

            public Cursor(string text, int position)
            {
                _text = text;
                _position = position;
            }

            public void Record(string tag)
            {
                if (_position < _text.Length && _text[_position] == '\t')
                    throw Error($"it has more fields than a {_tag} record");
                if (_position >= _text.Length)
                    throw Error($"it ends where a {tag} record should follow");
                _position++;
                _line++;
                var found = Token();
                if (found != tag)
                    throw Error($"it has a '{found}' record where a {tag} record should be");
                _tag = tag;
            }

            public void End()
            {
                if (_position < _text.Length)
                    throw Error("it continues after the end record");
            }

            /// <summary>The next field, unescaped; null for <c>\N</c>.</summary>
            public string? Field()
            {
                if (_position >= _text.Length || _text[_position] != '\t')
                    throw Error($"the {_tag} record has too few fields");
                _position++;
                var raw = Token();
                return raw == Null ? null : Unescape(raw);
            }

            public string Required() => Field() ?? throw Error($"a field of the {_tag} record that cannot be null is \\N");

            public bool Bool()
            {
                var value = Field();
                return value == "t" ? true : value == "f" ? false : throw Error($"'{value}' in the {_tag} record is not t or f");
            }

            public int Count()
            {
                var value = Field();
                // Digits only (no sign, no spaces); a count larger than what is left cannot be right either.
                if (value == null || value.Length == 0 || value.Length > 9 || !IsDigits(value))
                    throw Error($"'{value}' in the {_tag} record is not a count");
                var count = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                return count <= _text.Length - _position ? count : throw Error($"the count {count} in the {_tag} record is more than the data holds");
            }

            public EquatableArray<string> Strings()
            {
                var items = new string[Count()];
                for (var i = 0; i < items.Length; i++)
                    items[i] = Required();
                return new EquatableArray<string>(items);
            }

            public T Enum<T>() where T : struct, Enum
            {
                var value = Field();
                if (value != null && value.Length > 0 && char.IsLetter(value[0]) && System.Enum.TryParse<T>(value, ignoreCase: false, out var result)
                    && System.Enum.IsDefined(typeof(T), result))
                    return result;
                throw Error($"'{value}' in the {_tag} record is not a {typeof(T).Name}");
            }

            private static bool IsDigits(string value)
            {
                foreach (var c in value)
                {
                    if (c < '0' || c > '9')
                        return false;
                }

                return true;
            }

            private static readonly char[] Separators = { '\t', '\n' };

            private string Token()
            {
                var start = _position;
                var end = _text.IndexOfAny(Separators, start);
                _position = end < 0 ? _text.Length : end;
                return _text.Substring(start, _position - start);
            }

            private string Unescape(string raw)
            {
                if (raw.IndexOf('\\') < 0)
                    return raw;
                var value = new StringBuilder(raw.Length);
                for (var i = 0; i < raw.Length; i++)
                {
                    if (raw[i] != '\\')
                    {
                        value.Append(raw[i]);
                        continue;
                    }

                    var next = i + 1 < raw.Length ? raw[i + 1] : '\0';
                    i++;
                    switch (next)
                    {
                        case '\\': value.Append('\\'); break;
                        case 't': value.Append('\t'); break;
                        case 'n': value.Append('\n'); break;
                        case 'r': value.Append('\r'); break;
                        case 'u' when i + 4 < raw.Length && int.TryParse(raw.Substring(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                            value.Append((char)code);
                            i += 4;
                            break;
                        default: throw Error($"a field of the {_tag} record has an unknown escape '\\{next}'");
                    }
                }

                return value.ToString();
            }

            private FormatException Error(string why) => Damaged($"line {_line}: {why}");
        }
    }
}
