using System.Text;

namespace SchemaGen.Catalog
{
    /// <summary>
    /// Fields of the small records a history row keeps beside the live catalog (<see cref="TableDigests"/>,
    /// <see cref="TableStamps"/>): one record per line, fields separated by tabs, and in a field a backslash, tab, newline or
    /// carriage return escaped as in ModelData (identifiers may hold any of them).
    /// </summary>
    internal static class TabSeparated
    {
        public static string Escape(string field) => field.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");

        /// <summary>The field <see cref="Escape"/> wrote, or null for a damaged one.</summary>
        public static string? Unescape(string field)
        {
            if (field.IndexOf('\\') < 0)
                return field;
            var text = new StringBuilder(field.Length);
            for (var i = 0; i < field.Length; i++)
            {
                if (field[i] != '\\')
                {
                    text.Append(field[i]);
                    continue;
                }

                if (++i == field.Length)
                    return null;
                switch (field[i])
                {
                    case '\\': text.Append('\\'); break;
                    case 't': text.Append('\t'); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    default: return null;
                }
            }

            return text.ToString();
        }
    }
}
