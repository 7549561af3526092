using SchemaGen;

[assembly: SchemaOptions(DefaultSchema = "app", DefaultSrid = 4326)]
// WorkerSite.Location is a PostGIS geometry: the deployer creates the extension before the tables.
[assembly: Extension("postgis")]
