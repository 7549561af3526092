CREATE SCHEMA IF NOT EXISTS inventory;

CREATE TYPE inventory.item_kind AS ENUM ('Tool', 'Part');

CREATE TABLE inventory.items (
    "ItemId" integer NOT NULL,
    "Kind" inventory.item_kind NOT NULL,
    lowercase text,
    CONSTRAINT pk_items PRIMARY KEY ("ItemId")
);

