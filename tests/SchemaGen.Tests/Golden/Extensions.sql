CREATE EXTENSION IF NOT EXISTS citext SCHEMA public CASCADE;

CREATE EXTENSION IF NOT EXISTS ltree SCHEMA public CASCADE;

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" SCHEMA public CASCADE;

CREATE TABLE public.members (
    id uuid DEFAULT uuid_generate_v4() NOT NULL,
    email citext NOT NULL,
    path ltree,
    aliases citext[],
    CONSTRAINT pk_members PRIMARY KEY (id),
    CONSTRAINT ck_members_depth CHECK (nlevel(path) <= 8)
);
CREATE INDEX ix_members_path ON public.members USING gist (path);
CREATE UNIQUE INDEX ux_members_email ON public.members USING btree (email);

