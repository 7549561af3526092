using SchemaGen.Deploying;

namespace SchemaGen.Catalog
{
    /// <summary>
    /// The no-op check's verdict. When the full fingerprint found the catalog unchanged although its stamp moved (DDL
    /// elsewhere in the database), <see cref="RestampedMarker"/> is the marker with the catalog's new stamp, to be
    /// recorded in place of <see cref="ReadMarker"/> so that the next check is the stamp's one small row again.
    /// </summary>
    internal sealed record NoOpCheck(bool Unchanged, string? ReadMarker = null, string? RestampedMarker = null)
    {
        /// <summary>The verdict on a catalog with this marker, fingerprint and stamp.</summary>
        public static NoOpCheck Of(bool unchanged, string? marker, string modelHash, string fingerprint, string stamp) =>
            unchanged && stamp.Length > 0 && !HistoryTable.RecordsStamp(marker, modelHash, stamp)
                ? new NoOpCheck(true, marker, HistoryTable.Marker(modelHash, fingerprint, stamp))
                : new NoOpCheck(unchanged);
    }
}
