namespace SchemaGen.Model
{
    // The extensions (SchemaModel.Objects.cs), written after the template objects and before end: a line with their
    // count, then the records.
    static partial class ModelData
    {
        private static void WriteExtensions(LineWriter w, SchemaModel model)
        {
            w.Line("extensions").Count(model.Extensions.Count);
            foreach (var e in model.Extensions)
                w.Line("extension").Field(e.Name).Field(e.Schema).Field(e.Version);
        }

        private static SchemaModel ReadExtensions(Cursor r, int version, SchemaModel model)
        {
            if (version < 2)
                return model; // version 1 had none
            r.Record("extensions");
            var extensions = new ExtensionModel[r.Count()];
            for (var i = 0; i < extensions.Length; i++)
            {
                r.Record("extension");
                extensions[i] = new ExtensionModel(r.Required(), r.Field(), r.Field());
            }

            return model with { Extensions = new EquatableArray<ExtensionModel>(extensions) };
        }
    }
}
