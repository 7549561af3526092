CREATE TYPE public.ticket_state AS ENUM ('open', 'closed');
COMMENT ON TYPE public.ticket_state IS 'How a Ticket is doing: it''s open until closed.';

CREATE TABLE public.notes (
    note_id integer NOT NULL,
    text text NOT NULL,
    votes integer DEFAULT 0 NOT NULL,
    CONSTRAINT pk_notes PRIMARY KEY (note_id)
);
COMMENT ON TABLE public.notes IS 'A note on a ticket.';
COMMENT ON COLUMN public.notes.note_id IS 'The note''s number.';
COMMENT ON COLUMN public.notes.text IS 'What it says.';

CREATE TABLE public.tickets (
    id integer NOT NULL,
    body text NOT NULL,
    state public.ticket_state NOT NULL,
    priority integer NOT NULL,
    CONSTRAINT pk_tickets PRIMARY KEY (id)
);
COMMENT ON TABLE public.tickets IS 'A support ticket, raised by a customer.';
COMMENT ON COLUMN public.tickets.id IS 'The ticket''s number.';
COMMENT ON COLUMN public.tickets.body IS 'What the customer wrote, over several lines.';
COMMENT ON COLUMN public.tickets.state IS 'See Open.';

