using SchemaGen;

[assembly: SchemaOptions(DefaultSchema = "app")]
