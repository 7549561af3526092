using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The model's extensions against the database's. Extensions are per database: one the model does not declare is
    /// never dropped and not reported as unmanaged (another application of the database may need it). A declared one
    /// that is missing is created; one in another schema than the model names is moved; one of another version than the
    /// model pins is updated. A model that names no schema or version accepts the installed one as it is.
    /// </summary>
    internal static class ExtensionDiffer
    {
        public static void Diff(SchemaModel desired, SchemaModel live, SchemaDiff diff)
        {
            foreach (var extension in desired.Extensions)
            {
                var name = extension.Name;
                var installed = live.Extensions.FirstOrDefault(e => e.Name == name);
                if (installed == null)
                {
                    diff.Extensions.Add(new MigrationStep(StepKind.CreateExtension, name, DdlRenderer.CreateExtension(extension))
                        .Because(new Drift(DriftKind.Missing, "extension " + name, DdlRenderer.CreateExtension(extension), null)));
                    continue;
                }

                if (extension.Schema != null && installed.Schema != extension.Schema)
                {
                    diff.Extensions.Add(new MigrationStep(StepKind.SetExtensionSchema, name, AlterRenderer.SetExtensionSchema(name, extension.Schema))
                        .Because(new Drift(DriftKind.Different, "schema of extension " + name, extension.Schema, installed.Schema)));
                }

                if (extension.Version != null && installed.Version != extension.Version)
                {
                    diff.Extensions.Add(new MigrationStep(StepKind.UpdateExtension, name, AlterRenderer.UpdateExtension(name, extension.Version))
                        .Because(new Drift(DriftKind.Different, "version of extension " + name, extension.Version, installed.Version)));
                }
            }
        }
    }
}
