using SchemaGen.Model;

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

    internal enum ParameterRole { Connection, Cancellation, Value }

    /// <summary>A parameter of the partial method; <paramref name="Kind"/> is what <see cref="Assembling.SqlTypeFit"/> compares.</summary>
    internal sealed record WrapperParameter(string Name, string Declaration, ParameterRole Role, string Kind, LocationInfo? Location);

    /// <summary>A property (or constructor parameter) of the result type, filled from the column of the same snake_case name.</summary>
    /// <param name="ReadType">The type to read the column as: <c>int?</c> for a nullable value type, <c>string</c> for <c>string?</c>.</param>
    internal sealed record ResultMember(string Name, string ReadType, string Kind, bool IsNullable, LocationInfo? Location);

    /// <summary>
    /// A <c>[SqlFunction]</c> partial method, everything the binder and emitter need and no Roslyn symbols.
    /// Locations are plain values; the binder's diagnostics are put back in the source tree when reported.
    /// </summary>
    internal sealed record WrapperSpec(
        string? Namespace,
        EquatableArray<string> ContainingTypes,
        string Modifiers,
        string MethodName,
        string ReturnType,
        ResultShape Shape,
        string? ElementType,
        string? ElementReadType,
        string ElementKind,
        bool ElementIsNullable,
        bool ElementIsRecord,
        bool MembersViaConstructor,
        EquatableArray<ResultMember> Members,
        EquatableArray<WrapperParameter> Parameters,
        string FunctionName,
        string? FunctionSchema,
        bool NeedsEnumeratorCancellation,
        LocationInfo? AttributeLocation,
        LocationInfo? MethodLocation,
        EquatableArray<DiagnosticInfo> Diagnostics);
}
