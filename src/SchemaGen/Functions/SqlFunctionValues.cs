using System;
using System.ComponentModel;
using Npgsql;

namespace SchemaGen
{
    /// <summary>
    /// What generated <c>[SqlFunction]</c> wrappers read results with: a NULL where the C# type cannot hold one
    /// fails with the function, the column and the member named, instead of a bare cast error.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SqlFunctionValues
    {
        /// <summary>The value of a column whose C# member cannot be null.</summary>
        public static T Required<T>(NpgsqlDataReader reader, int ordinal, string function, string member)
        {
            if (reader.IsDBNull(ordinal))
                throw new InvalidOperationException($"{function} returned NULL in column '{reader.GetName(ordinal)}', which {member} ({typeof(T).Name}) cannot hold.");
            return reader.GetFieldValue<T>(ordinal);
        }

        /// <summary>The value of a column whose C# member can be null.</summary>
        public static T? Optional<T>(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? default : reader.GetFieldValue<T>(ordinal);

        /// <summary>A parameter value, with null sent as SQL NULL.</summary>
        public static NpgsqlParameter Parameter(object? value) => new NpgsqlParameter { Value = value ?? DBNull.Value };
    }
}
