using System.Text;

namespace SchemaGen.Model
{
    static partial class SqlNaming
    {
        /// <summary>
        /// The name PostgreSQL gives an object the DDL does not name, such as an identity column's sequence
        /// (<c>table_column_seq</c>): its <c>makeObjectName</c>, which shortens the longer of the two names a byte at a
        /// time until the whole fits in 63 bytes, then cuts each at a character boundary. PostgreSQL appends a number
        /// only when the name is taken when the object is created, so a model whose own relation has this name depends
        /// on the order of creation.
        /// </summary>
        public static string ImplicitName(string name1, string name2, string label)
        {
            var bytes1 = ByteLength(name1);
            var bytes2 = ByteLength(name2);
            var available = MaxIdentifierBytes - 1 - (label.Length + 1);
            while (bytes1 + bytes2 > available)
            {
                if (bytes1 > bytes2)
                    bytes1--;
                else
                    bytes2--;
            }

            return ClipBytes(name1, bytes1) + "_" + ClipBytes(name2, bytes2) + "_" + label;
        }

        // The longest prefix of whole characters within the byte budget (PostgreSQL's pg_mbcliplen).
        private static string ClipBytes(string name, int budget)
        {
            var length = 0;
            var bytes = 0;
            while (length < name.Length)
            {
                var width = char.IsSurrogatePair(name, length) ? 2 : 1;
                var size = Encoding.UTF8.GetByteCount(name.Substring(length, width));
                if (bytes + size > budget)
                    break;
                bytes += size;
                length += width;
            }

            return name.Substring(0, length);
        }
    }
}
