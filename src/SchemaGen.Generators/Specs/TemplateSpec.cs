using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>What one <c>.sql</c> template file holds, in file order, and what could not be read.</summary>
    internal sealed record TemplateFileSpec(
        string Path,
        EquatableArray<FunctionTemplate> Functions,
        EquatableArray<TriggerTemplate> Triggers,
        EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>A <c>CREATE FUNCTION</c> template; <paramref name="Schema"/> is null when the template does not name one.</summary>
    /// <param name="Definition">The statement from the parameter list's opening parenthesis on, as written.</param>
    internal sealed record FunctionTemplate(
        string? Schema,
        string Name,
        EquatableArray<FunctionParameter> Parameters,
        string Returns,
        EquatableArray<FunctionParameter> Columns,
        string Definition,
        LocationInfo Location);

    /// <summary>
    /// A <c>CREATE TRIGGER</c> template, cut around its table and function names so that they can be written
    /// schema-qualified: <c>… Timing ON table Middle function Arguments</c>.
    /// </summary>
    internal sealed record TriggerTemplate(
        string? TableSchema,
        string Table,
        string Name,
        string? FunctionSchema,
        string Function,
        string Timing,
        string Middle,
        string Arguments,
        LocationInfo Location);
}
