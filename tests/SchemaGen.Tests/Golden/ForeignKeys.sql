CREATE TABLE public.customers (
    customer_id integer NOT NULL,
    CONSTRAINT pk_customers PRIMARY KEY (customer_id)
);

CREATE TABLE public.orders (
    order_id integer NOT NULL,
    customer_id integer NOT NULL,
    placed_at timestamp with time zone NOT NULL,
    gift_for integer,
    CONSTRAINT pk_orders PRIMARY KEY (order_id),
    CONSTRAINT fk_orders_customer_id FOREIGN KEY (customer_id) REFERENCES public.customers (customer_id) ON UPDATE RESTRICT ON DELETE CASCADE,
    CONSTRAINT fk_orders_gift_for FOREIGN KEY (gift_for) REFERENCES public.customers (customer_id) ON DELETE SET NULL
);
CREATE INDEX ix_orders_customer_id_placed_at ON public.orders USING btree (customer_id, placed_at);
CREATE INDEX ix_orders_gift_for ON public.orders USING btree (gift_for);

CREATE TABLE public.order_lines (
    order_id integer NOT NULL,
    line integer NOT NULL,
    order_ref integer NOT NULL,
    CONSTRAINT pk_order_lines PRIMARY KEY (order_id, line),
    CONSTRAINT fk_order_lines_order_ref FOREIGN KEY (order_ref) REFERENCES public.orders (order_id)
);
CREATE INDEX ix_order_lines_order_ref ON public.order_lines USING btree (order_ref);

CREATE TABLE public.shipments (
    shipment_id integer NOT NULL,
    order_id integer NOT NULL,
    line integer NOT NULL,
    CONSTRAINT pk_shipments PRIMARY KEY (shipment_id),
    CONSTRAINT fk_shipments_order_id_line FOREIGN KEY (order_id, line) REFERENCES public.order_lines (order_id, line)
);
CREATE INDEX ix_shipments_order_id_line ON public.shipments USING btree (order_id, line);

CREATE TABLE public.departments (
    department_id integer NOT NULL,
    head_id integer,
    CONSTRAINT pk_departments PRIMARY KEY (department_id)
);
CREATE INDEX ix_departments_head_id ON public.departments USING btree (head_id);

CREATE TABLE public.employees (
    employee_id integer NOT NULL,
    manager_id integer,
    department_id integer NOT NULL,
    CONSTRAINT pk_employees PRIMARY KEY (employee_id),
    CONSTRAINT fk_employees_department_id FOREIGN KEY (department_id) REFERENCES public.departments (department_id),
    CONSTRAINT fk_employees_manager_id FOREIGN KEY (manager_id) REFERENCES public.employees (employee_id)
);
CREATE INDEX ix_employees_department_id ON public.employees USING btree (department_id);
CREATE INDEX ix_employees_manager_id ON public.employees USING btree (manager_id);

ALTER TABLE public.departments ADD CONSTRAINT fk_departments_head_id FOREIGN KEY (head_id) REFERENCES public.employees (employee_id);

