-- Notifications sent for booking events. The unique event id is what makes a redelivered
-- event send nothing twice.
create table notifications (
    id         uuid primary key,
    event_id   uuid        not null unique,
    booking_id uuid        not null,
    user_id    uuid        not null,
    kind       text        not null check (kind in ('BOOKING_CONFIRMED', 'BOOKING_CANCELLED')),
    channel    text        not null,
    recipient  text        not null,
    sent_at    timestamptz not null default now()
);
create index notifications_booking_idx on notifications (booking_id);
