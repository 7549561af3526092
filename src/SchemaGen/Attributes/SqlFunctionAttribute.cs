using System;

namespace SchemaGen
{
    /// <summary>
    /// Implements a <c>static partial</c> method by calling a function of the project's SQL templates with named
    /// arguments. The method's parameters, snake_cased (the function's parameter prefix, <c>p_</c> by default,
    /// is not written), must be parameters of the function; its result type's properties must be columns of the
    /// function's <c>RETURNS TABLE</c>. Supported results: <c>Task&lt;T?&gt;</c> (the first row),
    /// <c>Task&lt;IReadOnlyList&lt;T&gt;&gt;</c> or <c>Task&lt;List&lt;T&gt;&gt;</c> (every row),
    /// <c>IAsyncEnumerable&lt;T&gt;</c> (rows as they arrive), <c>Task&lt;TScalar&gt;</c> and <c>Task</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class SqlFunctionAttribute : Attribute
    {
        /// <param name="name">The function's name, e.g. <c>advance_job_stage</c>.</param>
        public SqlFunctionAttribute(string name) => Name = name;

        /// <summary>The function's name.</summary>
        public string Name { get; }

        /// <summary>The function's schema. Default: the schema its template names, else the model's default schema.</summary>
        public string? Schema { get; set; }
    }
}
