[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("SchemaGen.Bench")]
