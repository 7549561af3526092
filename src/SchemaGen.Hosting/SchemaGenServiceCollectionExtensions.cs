using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SchemaGen;
using SchemaGen.Hosting;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers SchemaGen's start-up deployment and drift health check.</summary>
    public static class SchemaGenServiceCollectionExtensions
    {
        /// <summary>
        /// Deploys <paramref name="target"/> (the generated <c>Schema.Target</c>) when the host starts, before the
        /// application serves. Options are bound from the <c>"SchemaGen"</c> configuration section, then
        /// <paramref name="configure"/> runs.
        /// </summary>
        public static IServiceCollection AddSchemaDeployment(this IServiceCollection services, DeployTarget target, Action<SchemaDeploymentOptions>? configure = null)
        {
            if (target == null)
                throw new ArgumentNullException(nameof(target));
            var existing = services.FirstOrDefaultRegistration();
            if (existing != null && existing.Target != target)
                throw new InvalidOperationException("SchemaGen: AddSchemaDeployment was called with two different models; an application deploys one schema.");

            var options = services.AddOptions<SchemaDeploymentOptions>().BindConfiguration(SchemaDeploymentOptions.SectionName);
            if (configure != null)
                options.Configure(configure);
            services.TryAddSingleton(new SchemaRegistration(target));
            services.TryAddSingleton<SchemaConnections>();
            services.AddHostedService<SchemaDeploymentService>();
            return services;
        }

        /// <summary>
        /// Adds a health check that compares the database with the model registered by <see cref="AddSchemaDeployment"/>:
        /// <paramref name="driftStatus"/> (Degraded by default) when it differs, with the differences in the result's data.
        /// </summary>
        public static IHealthChecksBuilder AddSchemaDriftCheck(this IHealthChecksBuilder builder, string name = "schema",
            HealthStatus driftStatus = HealthStatus.Degraded, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
        {
            if (builder.Services.FirstOrDefaultRegistration() == null)
                throw new InvalidOperationException("SchemaGen: AddSchemaDriftCheck needs the model; call services.AddSchemaDeployment(Schema.Target) first.");
            return builder.AddCheck<SchemaDriftHealthCheck>(name, driftStatus, tags ?? Array.Empty<string>(), timeout);
        }

        private static SchemaRegistration? FirstOrDefaultRegistration(this IServiceCollection services)
        {
            foreach (var descriptor in services)
            {
                if (descriptor.ServiceType == typeof(SchemaRegistration) && descriptor.ImplementationInstance is SchemaRegistration registration)
                    return registration;
            }

            return null;
        }
    }
}
