using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SchemaGen.Cli.Loading;

/// <summary>
/// Finds the generated schema class of a built assembly through its <c>[assembly: GeneratedSchema(typeof(…))]</c>
/// and reads <c>Target</c> and <c>Sql</c> from it.
/// </summary>
internal static class GeneratedSchemaReader
{
    private const string AttributeName = "SchemaGen.GeneratedSchemaAttribute";

    public static LoadedSchema Load(string assemblyPath)
    {
        var path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path))
            throw new UserErrorException($"assembly not found: {assemblyPath}", "Pass the built .dll of the project with the models (or --project to build it).");

        Assembly assembly;
        try
        {
            assembly = new AppLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException)
        {
            throw new UserErrorException($"not a .NET assembly: {assemblyPath}");
        }

        // Read by the attribute's name, through CustomAttributeData: that works even when the assembly's
        // SchemaGen reference could not be unified with the tool's, where GetCustomAttribute<T> finds nothing.
        var attribute = assembly.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == AttributeName)
            ?? throw new UserErrorException($"{Path.GetFileName(path)} has no generated schema",
                "It has no [assembly: GeneratedSchema] attribute: the project does not reference the SchemaGen generator, "
                + "has no [Table] classes, or was built with a SchemaGen older than this tool.");
        var schemaType = (Type)attribute.ConstructorArguments[0].Value!;

        object? target;
        try
        {
            target = schemaType.GetProperty("Target", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        }
        catch (TargetInvocationException e)
        {
            throw Incompatible(schemaType, e.InnerException?.Message ?? e.Message);
        }

        if (target is not DeployTarget deployTarget)
            throw Incompatible(schemaType, target == null
                ? "it has no public static Target property"
                : $"its Target is a {target.GetType().AssemblyQualifiedName}, not the tool's {typeof(DeployTarget).AssemblyQualifiedName}");

        // Sql is a property rendered from the model on first use (a constant before the model became compact data).
        string? sql;
        try
        {
            sql = schemaType.GetProperty("Sql", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;
        }
        catch (TargetInvocationException e)
        {
            throw Incompatible(schemaType, e.InnerException?.Message ?? e.Message);
        }

        if (sql == null)
            throw Incompatible(schemaType, "it has no public static Sql property");
        return new LoadedSchema(deployTarget, sql, schemaType.FullName!, path);
    }

    private static UserErrorException Incompatible(Type schemaType, string reason) => new(
        $"cannot read the generated schema {schemaType.FullName}",
        $"{reason}.\nThe assembly was probably built with another version of SchemaGen than this tool's "
        + $"({typeof(DeployTarget).Assembly.GetName().Version}); use the tool of the same version as the package.");
}
