CREATE SCHEMA IF NOT EXISTS "Mixed Case";

CREATE TYPE public.http_method AS ENUM ('get', 'post');

CREATE TYPE public."traffic light" AS ENUM ('RED', 'amber', 'green_arrow');

CREATE TABLE "Mixed Case"."Naming Table" (
    id integer NOT NULL,
    http_server_url text,
    "order" integer NOT NULL,
    "user" integer NOT NULL,
    "Explicit Name" integer NOT NULL,
    light public."traffic light" DEFAULT 'amber' NOT NULL,
    method public.http_method NOT NULL,
    a_long_property_name_that_keeps_going_on_and_on_and_on integer NOT NULL,
    another_quite_long_property_name integer NOT NULL,
    "größe" integer NOT NULL,
    CONSTRAINT "pk_Naming Table" PRIMARY KEY (id)
);
CREATE INDEX "ix_Naming Table_a_long_property_name_that_keeps_going_eb31c440" ON "Mixed Case"."Naming Table" USING btree (a_long_property_name_that_keeps_going_on_and_on_and_on, another_quite_long_property_name);

