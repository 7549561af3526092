using System;

namespace SchemaGen
{
    /// <summary>
    /// Names the schema class the generator emitted for this assembly, so that tools such as the schemagen CLI
    /// can find it in a built assembly. Emitted by the generator; not for use in code.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
    public sealed class GeneratedSchemaAttribute : Attribute
    {
        /// <param name="schemaType">The generated class (by default <c>Schema</c> in the project's root namespace).</param>
        public GeneratedSchemaAttribute(Type schemaType) => SchemaType = schemaType;

        /// <summary>The generated class, with <c>Target</c>, <c>Sql</c>, <c>Deploy</c>, <c>Plan</c> and <c>Verify</c>.</summary>
        public Type SchemaType { get; }
    }
}
