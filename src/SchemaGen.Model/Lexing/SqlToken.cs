using System;

namespace SchemaGen.Model
{
    /// <summary>What a <see cref="SqlToken"/> is, in the terms of PostgreSQL's scan.l.</summary>
#if SCHEMAGEN_GENERATOR
    internal
#else
    public
#endif
    enum SqlTokenKind
    {
        /// <summary>An unquoted name or keyword (<c>select</c>, <c>my_table</c>); its value is folded to lower case (ASCII letters only, as PostgreSQL folds).</summary>
        Identifier,

        /// <summary>A double-quoted name (<c>"Name"</c>, <c>U&amp;"d\0061t"</c>); its value is the name, escapes decoded.</summary>
        QuotedIdentifier,

        /// <summary>A string constant: <c>'…'</c>, <c>E'…'</c>, <c>N'…'</c>, <c>U&amp;'…'</c> or <c>$tag$…$tag$</c>; its value is the decoded text.</summary>
        String,

        /// <summary>A bit-string constant <c>B'0101'</c>; its value is the digits.</summary>
        BitString,

        /// <summary>A hexadecimal bit-string constant <c>X'1F'</c>; its value is the digits.</summary>
        HexString,

        /// <summary>A numeric constant (<c>42</c>, <c>1.5</c>, <c>.5</c>, <c>1e-3</c>).</summary>
        Number,

        /// <summary>A positional parameter (<c>$1</c>).</summary>
        Parameter,

        /// <summary>An operator (<c>+</c>, <c>&lt;=</c>, <c>||</c>, <c>@&gt;</c>).</summary>
        Operator,

        /// <summary>Punctuation: <c>( ) [ ] , ; : . :: .. :=</c>, and a stray <c>$</c>.</summary>
        Punctuation,

        /// <summary>A <c>--</c> or (nested) <c>/* */</c> comment; only produced when comments are asked for.</summary>
        Comment,
    }

    /// <summary>
    /// One token of SQL text (<see cref="SqlLexer"/>): its kind, where it is (<see cref="Start"/> inclusive,
    /// <see cref="End"/> exclusive, offsets into the text that was lexed), the text as written, and its value as
    /// PostgreSQL reads it. A token PostgreSQL would refuse (an unterminated quote, trailing junk after a number, a
    /// bad escape) carries the reason in <see cref="Error"/>.
    /// </summary>
#if SCHEMAGEN_GENERATOR
    internal
#else
    public
#endif
    readonly struct SqlToken : IEquatable<SqlToken>
    {
        /// <summary>A token of <paramref name="kind"/> from <paramref name="start"/> to <paramref name="end"/>.</summary>
        public SqlToken(SqlTokenKind kind, int start, int end, string text, string value, string? error = null)
        {
            Kind = kind;
            Start = start;
            End = end;
            Text = text;
            Value = value;
            Error = error;
        }

        /// <summary>What the token is.</summary>
        public SqlTokenKind Kind { get; }

        /// <summary>The offset of its first character.</summary>
        public int Start { get; }

        /// <summary>The offset after its last character.</summary>
        public int End { get; }

        /// <summary>The token as written.</summary>
        public string Text { get; }

        /// <summary>
        /// What PostgreSQL reads: a name folded or unquoted, a string's decoded text, an operator or number as
        /// written. Identifiers are not truncated to 63 bytes here (<see cref="SqlNaming"/> owns that limit).
        /// </summary>
        public string Value { get; }

        /// <summary>Why PostgreSQL would refuse this token, or null.</summary>
        public string? Error { get; }

        /// <summary>True for a name, bare or quoted.</summary>
        public bool IsIdentifier => Kind == SqlTokenKind.Identifier || Kind == SqlTokenKind.QuotedIdentifier;

        /// <summary>True for an unquoted word equal to <paramref name="word"/> (a keyword: compare in lower case).</summary>
        public bool Is(string word) => Kind == SqlTokenKind.Identifier && Value == word;

        /// <summary>True for the punctuation or operator <paramref name="symbol"/>.</summary>
        public bool IsSymbol(string symbol) => (Kind == SqlTokenKind.Punctuation || Kind == SqlTokenKind.Operator) && Text == symbol;

        /// <inheritdoc/>
        public bool Equals(SqlToken other) =>
            Kind == other.Kind && Start == other.Start && End == other.End && Text == other.Text && Value == other.Value && Error == other.Error;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is SqlToken other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => (((int)Kind * 397) ^ Start) * 397 ^ End;

        /// <inheritdoc/>
        public override string ToString() => Kind + " " + Text + (Error == null ? "" : " (" + Error + ")");
    }
}
