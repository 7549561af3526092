CREATE TABLE public.documents (
    id integer NOT NULL,
    title text NOT NULL,
    slug text NOT NULL,
    owner_id integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    body jsonb NOT NULL,
    deleted_at timestamp with time zone,
    hash text NOT NULL,
    external_id text NOT NULL,
    rank integer NOT NULL,
    CONSTRAINT pk_documents PRIMARY KEY (id)
);
CREATE INDEX documents_body_search ON public.documents USING gin (body);
CREATE INDEX ix_documents_hash ON public.documents USING hash (hash);
CREATE INDEX ix_documents_live ON public.documents USING btree (deleted_at) WHERE (deleted_at IS NULL);
CREATE INDEX ix_documents_owner_id_updated_at ON public.documents USING btree (owner_id, updated_at) INCLUDE (title);
CREATE INDEX ix_documents_rank ON public.documents USING btree (rank);
CREATE INDEX ix_documents_title ON public.documents USING btree (title);
CREATE INDEX ix_documents_updated_at ON public.documents USING brin (updated_at);
CREATE UNIQUE INDEX ux_documents_external_id ON public.documents USING btree (external_id);
CREATE UNIQUE INDEX ux_documents_slug ON public.documents USING btree (slug);

