using System;
using System.Globalization;
using System.Text;

namespace SchemaGen.Model
{
    static partial class ModelData
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Reads UTF-8 model data as the generator embeds it.</summary>
        /// <exception cref="FormatException">The data is not valid UTF-8 or not a whole, undamaged model of the current version.</exception>
        public static SchemaModel Read(byte[] utf8)
        {
            string text;
            try
            {
                text = StrictUtf8.GetString(utf8);
            }
            catch (ArgumentException e)
            {
                throw Damaged("it is not valid UTF-8 (" + e.Message + ")");
            }

            return Read(text);
        }

        /// <summary>Reads model data written by <see cref="Write"/>.</summary>
        /// <exception cref="FormatException">The data is not a whole, undamaged model of the current version.</exception>
        public static SchemaModel Read(string text)
        {
            var headerEnd = text.IndexOf('\n');
            var header = (headerEnd < 0 ? text : text.Substring(0, headerEnd)).Split('\t');
            if (header.Length != 4 || header[0] != Magic)
                throw Damaged("it does not start with a '" + Magic + "' header");
            // Versions 1 (before the assembly-level objects) and 2 (before domains) are still read, so history rows written
            // by them stay readable.
            var version = header[1] == "1" ? 1 : header[1] == "2" ? 2 : Version;
            if (header[1] != Version.ToString(CultureInfo.InvariantCulture) && version == Version)
                throw new FormatException($"The model data is version {header[1]}; this SchemaGen runtime reads version {Version}. "
                    + "Build the project with the same SchemaGen version as the runtime it runs with.");
            var bodyLength = text.Length - (headerEnd < 0 ? text.Length : headerEnd);
            if (header[2] != bodyLength.ToString(CultureInfo.InvariantCulture))
                throw Damaged($"its header says {header[2]} characters follow, but {bodyLength} do (truncated or extended)");
            if (header[3] != Hex(Checksum(text, headerEnd)))
                throw Damaged("its checksum does not match its content");

            var r = new Cursor(text, headerEnd);
            r.Record("model");
            var schemas = r.Strings();
            var enums = new EnumModel[r.Count()];
            var tables = new TableModel[r.Count()];
            var functions = new FunctionModel[r.Count()];
            var triggers = new TriggerModel[r.Count()];
            var unmanaged = new CatalogObject[r.Count()];
            var objects = new TemplateObjectModel[version >= 2 ? r.Count() : 0]; // version 1 had no template objects
            for (var i = 0; i < enums.Length; i++)
            {
                r.Record("enum");
                string schema = r.Required(), name = r.Required();
                var comment = r.Field();
                var labels = r.Strings();
                var renamed = new RenamedLabel[r.Count()];
                for (var k = 0; k < renamed.Length; k++)
                    renamed[k] = new RenamedLabel(r.Required(), r.Required());
                enums[i] = new EnumModel(schema, name, labels, new EquatableArray<RenamedLabel>(renamed), comment);
            }

            for (var i = 0; i < tables.Length; i++)
                tables[i] = ReadTable(r);
            for (var i = 0; i < functions.Length; i++)
            {
                r.Record("function");
                string schema = r.Required(), name = r.Required(), signature = r.Required(), returns = r.Required(), definition = r.Required();
                var comment = r.Field();
                var parameters = new FunctionParameter[r.Count()];
                var columns = new FunctionParameter[r.Count()];
                for (var k = 0; k < parameters.Length; k++)
                    parameters[k] = ReadParameter(r, "parameter");
                for (var k = 0; k < columns.Length; k++)
                    columns[k] = ReadParameter(r, "result-column");
                functions[i] = new FunctionModel(schema, name, signature, returns, definition,
                    new EquatableArray<FunctionParameter>(parameters), new EquatableArray<FunctionParameter>(columns), comment);
            }

            for (var i = 0; i < triggers.Length; i++)
            {
                r.Record("trigger");
                triggers[i] = new TriggerModel(r.Required(), r.Required(), r.Required(), r.Required(), r.Required(), r.Required(), r.Field());
            }

            for (var i = 0; i < unmanaged.Length; i++)
            {
                r.Record("unmanaged");
                unmanaged[i] = new CatalogObject(r.Enum<CatalogObjectKind>(), r.Required(), r.Required(), r.Field());
            }

            for (var i = 0; i < objects.Length; i++)
            {
                r.Record("object");
                var kind = r.Enum<TemplateObjectKind>();
                string schema = r.Required(), name = r.Required(), definition = r.Required();
                string? table = r.Field(), signature = r.Field();
                var dependencies = new ObjectDependency[r.Count()];
                for (var k = 0; k < dependencies.Length; k++)
                    dependencies[k] = new ObjectDependency(r.Required(), r.Required(), r.Field());
                objects[i] = new TemplateObjectModel(kind, schema, name, definition, table, signature, new EquatableArray<ObjectDependency>(dependencies));
            }

            var model = ReadDomains(r, version, ReadExtensions(r, version, new SchemaModel(schemas, new EquatableArray<EnumModel>(enums), new EquatableArray<TableModel>(tables),
                new EquatableArray<FunctionModel>(functions), new EquatableArray<TriggerModel>(triggers), new EquatableArray<CatalogObject>(unmanaged),
                new EquatableArray<TemplateObjectModel>(objects))));
            r.Record("end");
            r.End();
            return model;
        }

        private static TableModel ReadTable(Cursor r)
        {
            r.Record("table");
            string schema = r.Required(), name = r.Required();
            string? comment = r.Field(), renamedFrom = r.Field();
            var columns = new ColumnModel[r.Count()];
            var hasPrimaryKey = r.Bool();
            var checks = new CheckModel[r.Count()];
            var foreignKeys = new ForeignKeyModel[r.Count()];
            var indexes = new IndexModel[r.Count()];
            var others = new ConstraintModel[r.Count()];
            for (var i = 0; i < columns.Length; i++)
            {
                r.Record("column");
                columns[i] = new ColumnModel(r.Required(), r.Required(), r.Bool(), r.Field(), r.Enum<IdentityKind>(), r.Field(), r.Field(), r.Field(),
                    r.Field(), r.Field(), r.Field(), r.Field());
            }

            PrimaryKeyModel? primaryKey = null;
            if (hasPrimaryKey)
            {
                r.Record("primary-key");
                primaryKey = new PrimaryKeyModel(r.Required(), r.Strings(), r.Field(), r.Field());
            }

            for (var i = 0; i < checks.Length; i++)
            {
                r.Record("check");
                checks[i] = new CheckModel(r.Required(), r.Required(), r.Field());
            }

            for (var i = 0; i < foreignKeys.Length; i++)
            {
                r.Record("foreign-key");
                foreignKeys[i] = new ForeignKeyModel(r.Required(), r.Strings(), r.Required(), r.Required(), r.Strings(),
                    r.Enum<ReferentialAction>(), r.Enum<ReferentialAction>(), r.Bool(), r.Bool(), r.Bool(), r.Bool(), r.Field());
            }

            for (var i = 0; i < indexes.Length; i++)
            {
                r.Record("index");
                indexes[i] = new IndexModel(r.Required(), r.Strings(), r.Bool(), r.Required(), r.Field(), r.Strings(), r.Bool(), r.Field(), r.Field());
            }

            for (var i = 0; i < others.Length; i++)
            {
                r.Record("constraint");
                others[i] = new ConstraintModel(r.Required(), r.Required(), r.Field());
            }

            return new TableModel(schema, name, new EquatableArray<ColumnModel>(columns), primaryKey, new EquatableArray<CheckModel>(checks),
                new EquatableArray<ForeignKeyModel>(foreignKeys), new EquatableArray<IndexModel>(indexes), comment, renamedFrom,
                new EquatableArray<ConstraintModel>(others));
        }

        private static FunctionParameter ReadParameter(Cursor r, string tag)
        {
            r.Record(tag);
            return new FunctionParameter(r.Required(), r.Required(), r.Bool());
        }

        // The data is the generated Schema class's or a history row's (which a rollback or a deployment reads).
        private static FormatException Damaged(string why) => new FormatException(
            "The model data is damaged: " + why + ". In a generated Schema class, rebuild the project; if that does not help, report it as a SchemaGen bug.");
    }
}
