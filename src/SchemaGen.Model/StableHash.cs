using System.Collections.Generic;
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
            return Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }

        /// <summary>
        /// The lowercase hex SHA-256 of the UTF-8 of the parts' concatenation, without building it (a script is megabytes).
        /// Each part must end where a character ends, as every rendered statement does.
        /// </summary>
        public static string Sha256Hex(IEnumerable<string> parts)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var part in parts)
                sha.AppendData(Encoding.UTF8.GetBytes(part));
            return Hex(sha.GetHashAndReset());
        }

        private static string Hex(byte[] bytes)
        {
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
                builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return builder.ToString();
        }

        /// <summary>Eight hex digits (the first 32 bits of the SHA-256), for name suffixes.</summary>
        public static string Hex32(string text) => Sha256Hex(text).Substring(0, 8);
    }
}
