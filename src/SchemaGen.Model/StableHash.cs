using System.Security.Cryptography;
using System.Text;

namespace SchemaGen.Model
{
    /// <summary>Hashes that are the same on every machine, process and build (unlike string.GetHashCode).</summary>
    static partial class StableHash
    {
        /// <summary>The lowercase hex SHA-256 of the UTF-8 text.</summary>
        public static string Sha256Hex(string text)
        {
            using var sha = SHA256.Create();
            var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
                builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return builder.ToString();
        }

        /// <summary>Eight hex digits (the first 32 bits of the SHA-256), for name suffixes.</summary>
        public static string Hex32(string text) => Sha256Hex(text).Substring(0, 8);
    }
}
