using System.Collections.Generic;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>A model's tables by schema and name: the differs look up the other side's table of each of thousands.</summary>
    internal static class TableIndex
    {
        public static Dictionary<(string Schema, string Name), TableModel> ByName(SchemaModel model)
        {
            var tables = new Dictionary<(string, string), TableModel>(model.Tables.Count);
            foreach (var table in model.Tables)
                tables.TryAdd((table.Schema, table.Name), table); // the first, as a search in catalog order finds
            return tables;
        }
    }
}
