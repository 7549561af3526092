CREATE SCHEMA IF NOT EXISTS shop;

CREATE SEQUENCE shop.invoice_no START 1000 INCREMENT 1;

CREATE TABLE shop.customers (
    id integer NOT NULL,
    name character varying(40) NOT NULL,
    CONSTRAINT pk_customers PRIMARY KEY (id)
);

CREATE TABLE shop.invoices (
    id integer NOT NULL,
    number bigint DEFAULT nextval('shop.invoice_no') NOT NULL,
    customer_id integer NOT NULL,
    amount numeric(12,2) NOT NULL,
    quantity integer NOT NULL,
    CONSTRAINT pk_invoices PRIMARY KEY (id),
    CONSTRAINT fk_invoices_customer_id FOREIGN KEY (customer_id) REFERENCES shop.customers (id)
);
CREATE INDEX ix_invoices_customer_id ON shop.invoices USING btree (customer_id);

CREATE OR REPLACE FUNCTION shop.product_step(state numeric, value numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT state * value $$;

CREATE OR REPLACE AGGREGATE shop.product(numeric) (SFUNC = shop.product_step, STYPE = numeric, INITCOND = '1');

CREATE OR REPLACE VIEW shop.customer_totals AS
    SELECT c.id, c.name, sum(i.amount) AS total, shop.product(i.quantity::numeric) AS quantity_product
    FROM shop.customers c JOIN shop.invoices i ON i.customer_id = c.id
    GROUP BY c.id, c.name;

CREATE OR REPLACE VIEW shop.big_customers AS SELECT id, name, total FROM shop.customer_totals WHERE total > 100;

CREATE MATERIALIZED VIEW shop.invoice_stats AS
    SELECT customer_id, count(*) AS invoices, sum(quantity) AS quantity FROM shop.invoices GROUP BY customer_id
    WITH DATA;

CREATE UNIQUE INDEX invoice_stats_customer ON shop.invoice_stats (customer_id);

