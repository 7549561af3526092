using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// A first deployment: the managed schemas hold nothing (no object of the model, nothing unmanaged). Then the shadow
    /// would only run the model's script in scratch schemas to learn how PostgreSQL prints it; the deployment runs that
    /// script where it belongs instead, and the catalog read after it (the re-verification's read) is the target, recorded
    /// in the history row as a shadow's would be. A first deploy costs the script and two catalog reads, and needs no
    /// scratch place (no CREATE or TEMPORARY on the database).
    /// </summary>
    internal static class FirstDeploy
    {
        /// <summary>
        /// Whether the catalog of the managed schemas holds nothing: its create script is empty (so a kind of object added
        /// to the model, which the renderer must render, is covered without a change here) and nothing is unmanaged.
        /// Extensions belong to the database, not to the managed schemas (plpgsql is in every one): they do not count.
        /// </summary>
        public static bool IsEmpty(SchemaModel live) =>
            live.Unmanaged.IsEmpty
            && DdlRenderer.RenderObjects(live with { Schemas = EquatableArray<string>.Empty, Extensions = EquatableArray<ExtensionModel>.Empty }).Count == 0;
    }
}
