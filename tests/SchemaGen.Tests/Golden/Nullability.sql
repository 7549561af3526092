CREATE TABLE public.nullability (
    id integer NOT NULL,
    non_nullable text NOT NULL,
    nullable text,
    required_keyword text NOT NULL,
    required_attribute text NOT NULL,
    may_be_empty text NOT NULL,
    value integer NOT NULL,
    maybe_value integer,
    oblivious text,
    oblivious_required text NOT NULL,
    CONSTRAINT pk_nullability PRIMARY KEY (id),
    CONSTRAINT ck_nullability_oblivious_required_required CHECK (oblivious_required ~ E'[^\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]'),
    CONSTRAINT ck_nullability_required_attribute_required CHECK (required_attribute ~ E'[^\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]')
);

