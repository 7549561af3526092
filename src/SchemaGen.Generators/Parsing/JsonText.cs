namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Whether a string literal is a JSON document both <c>JsonDocument.Parse</c> (default options: no comments,
    /// no trailing commas, depth ≤ 64) and PostgreSQL's jsonb input accept, so that <c>= JsonDocument.Parse("…")</c>
    /// becomes a DEFAULT only when it is one. jsonb refuses <c>\u0000</c> and unpaired surrogate escapes.
    /// The generator cannot load System.Text.Json in every host, hence this small recursive-descent reader.
    /// </summary>
    internal static class JsonText
    {
        private const int MaxDepth = 64;

        public static bool IsValid(string text)
        {
            if (Model.SqlSyntax.UnstorableText(text) != null)
                return false; // a raw lone surrogate: not even the literal can be sent
            var i = 0;
            return Value(text, ref i, 0) && SkipSpace(text, ref i) == text.Length;
        }

        private static bool Value(string s, ref int i, int depth)
        {
            SkipSpace(s, ref i);
            if (i >= s.Length)
                return false;
            switch (s[i])
            {
                case '{': return depth < MaxDepth && Container(s, ref i, depth, '}', member: true);
                case '[': return depth < MaxDepth && Container(s, ref i, depth, ']', member: false);
                case '"': return String(s, ref i);
                case 't': return Word(s, ref i, "true");
                case 'f': return Word(s, ref i, "false");
                case 'n': return Word(s, ref i, "null");
                default: return Number(s, ref i);
            }
        }

        private static bool Container(string s, ref int i, int depth, char close, bool member)
        {
            i++;
            if (SkipSpace(s, ref i) < s.Length && s[i] == close)
            {
                i++;
                return true;
            }

            while (true)
            {
                if (member)
                {
                    if (SkipSpace(s, ref i) >= s.Length || s[i] != '"' || !String(s, ref i))
                        return false;
                    if (SkipSpace(s, ref i) >= s.Length || s[i++] != ':')
                        return false;
                }

                if (!Value(s, ref i, depth + 1) || SkipSpace(s, ref i) >= s.Length)
                    return false;
                var c = s[i++];
                if (c == close)
                    return true;
                if (c != ',')
                    return false;
            }
        }

        private static bool String(string s, ref int i)
        {
            i++;
            var pendingHigh = false;
            while (i < s.Length)
            {
                var c = s[i++];
                if (c == '"')
                    return !pendingHigh;
                if (c < 0x20)
                    return false;
                if (c != '\\')
                {
                    if (pendingHigh)
                        return false;
                    continue;
                }

                if (i >= s.Length)
                    return false;
                var e = s[i++];
                if (e == 'u')
                {
                    if (i + 4 > s.Length || !int.TryParse(s.Substring(i, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code))
                        return false;
                    i += 4;
                    if (code == 0)
                        return false; // jsonb: unsupported Unicode escape sequence
                    var isHigh = code >= 0xD800 && code <= 0xDBFF;
                    var isLow = code >= 0xDC00 && code <= 0xDFFF;
                    if (isLow != pendingHigh)
                        return false;
                    pendingHigh = isHigh;
                    continue;
                }

                if (pendingHigh || "\"\\/bfnrt".IndexOf(e) < 0)
                    return false;
            }

            return false;
        }

        private static bool Number(string s, ref int i)
        {
            var start = i;
            if (i < s.Length && s[i] == '-')
                i++;
            if (i < s.Length && s[i] == '0')
                i++;
            else if (!Digits(s, ref i))
                return false;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                if (!Digits(s, ref i))
                    return false;
            }

            if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
            {
                i++;
                if (i < s.Length && (s[i] == '+' || s[i] == '-'))
                    i++;
                if (!Digits(s, ref i))
                    return false;
            }

            return i > start;
        }

        private static bool Digits(string s, ref int i)
        {
            var start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
                i++;
            return i > start;
        }

        private static bool Word(string s, ref int i, string word)
        {
            if (string.CompareOrdinal(s, i, word, 0, word.Length) != 0)
                return false;
            i += word.Length;
            return true;
        }

        private static int SkipSpace(string s, ref int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
                i++;
            return i;
        }
    }
}
