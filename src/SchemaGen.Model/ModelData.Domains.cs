namespace SchemaGen.Model
{
    // The domains (SchemaModel.Domains.cs), written after the extensions and before end (version 3): a line with their
    // count, then a domain line each with its checks inline.
    static partial class ModelData
    {
        private static void WriteDomains(LineWriter w, SchemaModel model)
        {
            w.Line("domains").Count(model.Domains.Count);
            foreach (var d in model.Domains)
            {
                w.Line("domain").Field(d.Schema).Field(d.Name).Field(d.BaseType).Bool(d.NotNull).Field(d.DefaultSql).Field(d.Comment).Count(d.Checks.Count);
                foreach (var c in d.Checks)
                    w.Field(c.Name).Field(c.Expression).Bool(c.IsValidated);
            }
        }

        private static SchemaModel ReadDomains(Cursor r, int version, SchemaModel model)
        {
            if (version < 3)
                return model; // versions 1 and 2 had none
            r.Record("domains");
            var domains = new DomainModel[r.Count()];
            for (var i = 0; i < domains.Length; i++)
            {
                r.Record("domain");
                string schema = r.Required(), name = r.Required(), baseType = r.Required();
                var notNull = r.Bool();
                string? defaultSql = r.Field(), comment = r.Field();
                var checks = new DomainCheck[r.Count()];
                for (var k = 0; k < checks.Length; k++)
                    checks[k] = new DomainCheck(r.Required(), r.Required(), r.Bool());
                domains[i] = new DomainModel(schema, name, baseType, notNull, defaultSql, new EquatableArray<DomainCheck>(checks), comment);
            }

            return model with { Domains = new EquatableArray<DomainModel>(domains) };
        }
    }
}
