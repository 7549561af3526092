using System;
using JobPipeline.Web;
using SchemaGen.Testing;

// The job pipeline as a web API, on the server in SCHEMAGEN_DEMO_PG when set, otherwise on a throwaway local
// PostgreSQL. The schema is deployed by the hosted service before the first request; /health reports drift.
var existing = Environment.GetEnvironmentVariable("SCHEMAGEN_DEMO_PG");
using var server = existing == null ? ThrowawayPostgres.Start() : null;
var app = JobApi.Create(existing ?? server!.CreateDatabase("jobpipeline_web"), args);
await app.RunAsync();
