namespace SchemaGen.Generators.Specs
{
    /// <summary>What a <c>[SqlFunction]</c> method returns.</summary>
    internal enum ResultShape
    {
        /// <summary><c>Task</c>: the function is called for its effect.</summary>
        None,

        /// <summary><c>Task&lt;T&gt;</c> of a single value (the first column of the first row).</summary>
        Scalar,

        /// <summary><c>Task&lt;T?&gt;</c> of a record: the first row, or null.</summary>
        Row,

        /// <summary><c>Task&lt;IReadOnlyList&lt;T&gt;&gt;</c> or <c>Task&lt;List&lt;T&gt;&gt;</c>: every row.</summary>
        List,

        /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>: rows as they arrive.</summary>
        Stream,
    }
}
