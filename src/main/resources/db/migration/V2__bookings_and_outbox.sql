-- Bookings: the database, not Redis, is the final word against selling a seat twice.

create table bookings (
    id           uuid primary key,
    user_id      uuid        not null references users (id),
    show_id      uuid        not null references shows (id),
    -- One hold becomes at most one booking: a repeated confirm finds the first one.
    hold_id      uuid        not null unique,
    status       text        not null check (status in ('CONFIRMED', 'CANCELLED')),
    total_price  integer     not null check (total_price >= 0),
    currency     char(3)     not null,
    ticket_code  text        not null unique,
    charge_id    text        not null,
    created_at   timestamptz not null,
    cancelled_at timestamptz
);
create index bookings_user_idx on bookings (user_id, created_at desc);
create index bookings_show_idx on bookings (show_id);

create table booking_seats (
    booking_id uuid    not null references bookings (id),
    show_id    uuid    not null,
    seat_id    text    not null,
    active     boolean not null default true,
    primary key (booking_id, seat_id)
);
-- THE guarantee: among active bookings a (show, seat) pair appears once. A cancelled booking
-- sets active = false, which frees the seat for the next buyer without deleting history.
create unique index booking_seats_active_key on booking_seats (show_id, seat_id) where active;

-- Idempotency-Key of POST /bookings: the first response is kept and replayed.
create table idempotency_keys (
    user_id         uuid        not null,
    key             text        not null,
    request_hash    text        not null,
    response_status integer,
    response_body   jsonb,
    created_at      timestamptz not null default now(),
    primary key (user_id, key)
);

-- Transactional outbox: written in the same transaction as the change it announces, published
-- to Kafka by the relay (events package), so no event is lost and none is invented.
create table outbox (
    id           bigserial primary key,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished_idx on outbox (id) where published_at is null;

-- The ledger of the simulated payment provider (a real provider keeps its own). A charge is
-- idempotent by reference (the hold id), so a retried confirmation never charges twice.
create table simulated_payments (
    id          text primary key,
    reference   text        not null unique,
    user_id     uuid        not null,
    amount      integer     not null,
    currency    char(3)     not null,
    status      text        not null check (status in ('CHARGED', 'REFUNDED')),
    created_at  timestamptz not null default now(),
    refunded_at timestamptz
);
