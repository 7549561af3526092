CREATE TYPE public.level AS ENUM ('low', 'medium', 'high');

CREATE TABLE public.defaults (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    one integer DEFAULT 1 NOT NULL,
    negative integer DEFAULT -5 NOT NULL,
    from_constant integer DEFAULT 42 NOT NULL,
    long bigint DEFAULT 10000000000 NOT NULL,
    ratio double precision DEFAULT 0.25 NOT NULL,
    price numeric DEFAULT 9.99 NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    greeting text DEFAULT E'it''s \\ here' NOT NULL,
    level public.level DEFAULT 'medium' NOT NULL,
    maybe_level public.level DEFAULT 'high',
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    seen_at timestamp with time zone DEFAULT now() NOT NULL,
    counts jsonb DEFAULT '{}' NOT NULL,
    settings jsonb DEFAULT '{}' NOT NULL,
    document jsonb DEFAULT '{"a": 1}' NOT NULL,
    numbers integer[] DEFAULT '{}' NOT NULL,
    names text[] DEFAULT '{}' NOT NULL,
    history jsonb DEFAULT '[]' NOT NULL,
    payments jsonb DEFAULT '[]' NOT NULL,
    balance jsonb DEFAULT '{}' NOT NULL,
    expires_at timestamp with time zone DEFAULT now() + interval '1 day' NOT NULL,
    quiet_empty text NOT NULL,
    quiet_string_empty text NOT NULL,
    quiet_null text NOT NULL,
    quiet_default text,
    CONSTRAINT pk_defaults PRIMARY KEY (id)
);

CREATE TABLE public.explicit_type_defaults (
    id integer NOT NULL,
    bag json DEFAULT '{}' NOT NULL,
    items json DEFAULT '[]' NOT NULL,
    document json DEFAULT '{"a": [1, 2]}' NOT NULL,
    level text DEFAULT 'high' NOT NULL,
    maybe_level character varying(10) DEFAULT 'low',
    levels text[] DEFAULT '{}' NOT NULL,
    longs bigint[] DEFAULT '{}' NOT NULL,
    CONSTRAINT pk_explicit_type_defaults PRIMARY KEY (id)
);

