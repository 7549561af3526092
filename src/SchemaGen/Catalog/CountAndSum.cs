using System.Globalization;
using System.Numerics;

namespace SchemaGen.Catalog
{
    /// <summary>
    /// A count of catalog rows and the sum of their 64-bit hashes, as PostgreSQL prints <c>count(*) || ':' || sum(…)</c>
    /// (the sum is numeric: it does not overflow): the form of a table's digest and of a table's stamp. Sums of disjoint
    /// sets of rows add up, so a whole is its parts' sum, and a part is the whole less the others.
    /// </summary>
    internal readonly record struct CountAndSum(BigInteger Count, BigInteger Sum)
    {
        public static CountAndSum Zero => default;

        public static CountAndSum operator +(CountAndSum a, CountAndSum b) => new(a.Count + b.Count, a.Sum + b.Sum);

        public static CountAndSum operator -(CountAndSum a, CountAndSum b) => new(a.Count - b.Count, a.Sum - b.Sum);

        /// <summary>The value PostgreSQL printed, or null for any other text.</summary>
        public static CountAndSum? Parse(string text)
        {
            var colon = text.IndexOf(':');
            return colon > 0
                   && BigInteger.TryParse(text.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                   && BigInteger.TryParse(text.Substring(colon + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sum)
                ? new CountAndSum(count, sum)
                : null;
        }

        public override string ToString() => Count.ToString(CultureInfo.InvariantCulture) + ":" + Sum.ToString(CultureInfo.InvariantCulture);
    }
}
