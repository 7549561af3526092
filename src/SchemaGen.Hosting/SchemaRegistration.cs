namespace SchemaGen.Hosting
{
    /// <summary>The model the application deploys, as registered by <c>AddSchemaDeployment</c>.</summary>
    /// <param name="Target">The generated schema's <c>Schema.Target</c>.</param>
    public sealed record SchemaRegistration(DeployTarget Target);
}
