CREATE SCHEMA IF NOT EXISTS inventory;

CREATE TYPE inventory."ItemKind" AS ENUM ('Tool', 'Part');

CREATE TABLE inventory.items (
    "ItemId" integer NOT NULL,
    "Kind" inventory."ItemKind" NOT NULL,
    lowercase text,
    CONSTRAINT pk_items PRIMARY KEY ("ItemId")
);

