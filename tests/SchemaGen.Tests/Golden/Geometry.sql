CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public CASCADE;

CREATE TABLE public.sites (
    id integer NOT NULL,
    location geometry(Point,4326) NOT NULL,
    area geometry(Polygon,4326),
    parcels geometry(MultiPolygon,4326),
    route geometry(LineString,3857),
    anything geometry,
    seen geography(Point,4326),
    CONSTRAINT pk_sites PRIMARY KEY (id)
);
CREATE INDEX ix_sites_area ON public.sites USING gist (area);
CREATE INDEX ix_sites_location ON public.sites USING gist (location);

