namespace SchemaGen.Generators.Specs
{
    /// <summary>
    /// What the assembler needs to know of a property whose column names its type (<c>[Column(TypeName = …)]</c>), which may
    /// be a domain declared at assembly level: its C# kind (does it fit the domain's base type?) and the limits of its
    /// validation attributes (do they contradict the domain's CHECK?). Plain values, no symbol.
    /// </summary>
    internal sealed record ColumnFacts
    {
        /// <summary>The column's name.</summary>
        public required string Column { get; init; }

        /// <summary>The property's documentation comment ID (<c>P:Ns.Row.Member</c>), where diagnostics about it are reported.</summary>
        public required string PropertyId { get; init; }

        /// <summary>The property's name.</summary>
        public required string PropertyName { get; init; }

        /// <summary>The property's C# type as written, for messages.</summary>
        public required string ClrType { get; init; }

        /// <summary>What the C# type holds.</summary>
        public required ClrKind Kind { get; init; }

        /// <summary>[Range]'s minimum and whether it is exclusive; null without [Range] (or a bound it does not state as a number).</summary>
        public double? RangeMin { get; init; }

        /// <summary>[Range]'s maximum.</summary>
        public double? RangeMax { get; init; }

        /// <summary>[Range(MinimumIsExclusive = true)].</summary>
        public bool MinExclusive { get; init; }

        /// <summary>[Range(MaximumIsExclusive = true)].</summary>
        public bool MaxExclusive { get; init; }

        /// <summary>The largest length [MaxLength], [StringLength] or [Length] allows; null without one.</summary>
        public int? MaxLength { get; init; }

        /// <summary>The smallest length [MinLength], [StringLength(MinimumLength)] or [Length] allows; null without one.</summary>
        public int? MinLength { get; init; }

        /// <summary>The initializer's default as written, when it is a constant or an empty collection; null otherwise.</summary>
        public string? DefaultText { get; init; }

        /// <summary>The default as a number, when it is one (<see cref="Parsing.DefaultValues.Number"/>).</summary>
        public double? DefaultNumber { get; init; }

        /// <summary>The default's length as <c>char_length</c> measures it (<see cref="Parsing.DefaultValues.Length"/>).</summary>
        public int? DefaultLength { get; init; }
    }
}
