using SchemaGen.Model;

namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// A <c>[SqlFunction]</c> partial method: everything the binder and emitter need, no Roslyn object, no
    /// location and no diagnostic. A comment above the method leaves it equal; the binder's diagnostics name
    /// <see cref="DeclarationId"/> (and a parameter or member) and are located only when reported.
    /// </summary>
    internal sealed record WrapperSpec
    {
        /// <summary>The containing namespace, or null for the global one.</summary>
        public required string? Namespace { get; init; }

        /// <summary>The containing types, outermost first, as the implementation redeclares them (<c>static partial class Calls</c>).</summary>
        public required EquatableArray<string> ContainingTypes { get; init; }

        /// <summary>Accessibility and <c>static</c>.</summary>
        public required string Modifiers { get; init; }

        public required string MethodName { get; init; }

        /// <summary>The method's documentation comment ID (<c>M:Ns.Type.Method(…)</c>).</summary>
        public required string DeclarationId { get; init; }

        public required string ReturnType { get; init; }

        public required ResultShape Shape { get; init; }

        /// <summary>The type of one result (a row's record, or the single value), fully qualified; null for <c>Task</c>.</summary>
        public required string? ElementType { get; init; }

        /// <summary>The type to read a single value as.</summary>
        public required string? ElementReadType { get; init; }

        /// <summary>What one result can hold; null for <c>Task</c>.</summary>
        public required ClrKind? ElementKind { get; init; }

        public required bool ElementIsNullable { get; init; }

        /// <summary>Rows are read into a record (class or struct), column by column.</summary>
        public required bool ElementIsRecord { get; init; }

        /// <summary>
        /// How many of <see cref="Members"/>, from the first, are the arguments of the constructor the row is built with (a
        /// positional record's); the rest are set in an object initializer. Zero: <c>new T { … }</c>.
        /// </summary>
        public required int ConstructorArguments { get; init; }

        public required EquatableArray<ResultMember> Members { get; init; }

        public required EquatableArray<WrapperParameter> Parameters { get; init; }

        public required string FunctionName { get; init; }

        /// <summary>[SqlFunction(Schema = …)], when given.</summary>
        public required string? FunctionSchema { get; init; }

        public required bool NeedsEnumeratorCancellation { get; init; }

        /// <summary>The C# alone shows the method cannot be implemented (diagnosed by the parser); the binder skips it.</summary>
        public required bool HasErrors { get; init; }
    }
}
