using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>A [SqlFunction] method matched to its function: the statement it runs, parameters in order.</summary>
    internal sealed record BoundWrapper
    {
        public required WrapperSpec Spec { get; init; }

        /// <summary>The SELECT the implementation runs.</summary>
        public required string Sql { get; init; }

        /// <summary>The function as messages name it (<c>public.fn(p_a, p_b)</c>).</summary>
        public required string Function { get; init; }

        /// <summary>The value parameters in the order of the statement's $1, $2, …</summary>
        public required EquatableArray<string> ValueParameters { get; init; }
    }
}
