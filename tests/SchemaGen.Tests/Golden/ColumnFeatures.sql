CREATE TABLE public.line_items (
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    id integer NOT NULL,
    price numeric(10,2) NOT NULL,
    quantity integer NOT NULL,
    total numeric GENERATED ALWAYS AS (price * quantity) STORED NOT NULL,
    quantity_note text,
    read_only_auto integer NOT NULL,
    CONSTRAINT pk_line_items PRIMARY KEY (id)
);

