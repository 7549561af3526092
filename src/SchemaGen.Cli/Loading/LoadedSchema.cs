namespace SchemaGen.Cli.Loading;

/// <summary>The generated schema class of the user's assembly, read into the tool's types.</summary>
/// <param name="Target">What the deployer takes (the generated <c>Schema.Target</c>).</param>
/// <param name="Sql">The create script (<c>Schema.Sql</c>).</param>
/// <param name="ClassName">The generated class's full name, for messages.</param>
/// <param name="AssemblyPath">Where it was loaded from.</param>
internal sealed record LoadedSchema(DeployTarget Target, string Sql, string ClassName, string AssemblyPath);
