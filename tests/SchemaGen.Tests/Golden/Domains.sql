CREATE TYPE public.film_rating AS ENUM ('g', 'pg', 'r');

CREATE DOMAIN public.rating_code AS public.film_rating DEFAULT 'g' NOT NULL;

CREATE DOMAIN public.us_postal_code AS text CONSTRAINT us_postal_code_check CHECK (VALUE ~ '^\d{5}$' OR VALUE ~ '^\d{5}-\d{4}$');

CREATE DOMAIN public.year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
COMMENT ON DOMAIN public.year IS 'A year MySQL''s YEAR type can hold';

CREATE DOMAIN public.release_year AS public.year CONSTRAINT release_year_check CHECK (VALUE >= 1950);

CREATE TABLE public.films (
    id integer NOT NULL,
    release_year public.year NOT NULL,
    remastered public.release_year,
    zip public.us_postal_code,
    rating public.rating_code NOT NULL,
    rated_at_release public.film_rating,
    reissues public.year[],
    CONSTRAINT pk_films PRIMARY KEY (id)
);

