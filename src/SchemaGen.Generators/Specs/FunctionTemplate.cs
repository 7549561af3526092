using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>A <c>CREATE FUNCTION</c> template.</summary>
    internal sealed record FunctionTemplate
    {
        /// <summary>Null when the template does not name one (the default schema is used).</summary>
        public required string? Schema { get; init; }

        public required string Name { get; init; }

        public required EquatableArray<FunctionParameter> Parameters { get; init; }

        public required string Returns { get; init; }

        /// <summary>The columns of <c>RETURNS TABLE(…)</c>, else empty.</summary>
        public required EquatableArray<FunctionParameter> Columns { get; init; }

        /// <summary>The statement from the parameter list's opening parenthesis on, as written.</summary>
        public required string Definition { get; init; }

        /// <summary>The name in the <c>.sql</c> file, where a duplicate is reported.</summary>
        public required LocationInfo Location { get; init; }
    }
}
