using System;
using JobPipeline;
using SchemaGen.Testing;

// The job pipeline demo, on the server in SCHEMAGEN_DEMO_PG when set, otherwise on a throwaway local PostgreSQL.
var existing = Environment.GetEnvironmentVariable("SCHEMAGEN_DEMO_PG");
using var server = existing == null ? ThrowawayPostgres.Start() : null;
await Demo.RunAsync(existing ?? server!.CreateDatabase("jobpipeline"), Console.Out);
