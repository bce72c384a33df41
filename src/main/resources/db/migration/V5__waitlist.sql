-- The waiting list of sold-out shows. First come, first served per show: seq orders the
-- entries (created_at can tie). One open entry (waiting or offered) per user and show.
create table waitlist_entries (
    id               uuid primary key,
    seq              bigserial   not null unique,
    show_id          uuid        not null references shows (id),
    user_id          uuid        not null references users (id),
    seat_count       integer     not null check (seat_count > 0),
    category         text,
    status           text        not null check (status in ('WAITING', 'OFFERED', 'BOOKED', 'EXPIRED')),
    -- While OFFERED: the offer's hold, its seats and when it runs out. Kept afterwards, so a
    -- booking or an expiry of that hold finds its entry.
    hold_id          uuid unique,
    offered_seats    text[],
    offer_expires_at timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create unique index waitlist_one_open_entry on waitlist_entries (show_id, user_id)
    where status in ('WAITING', 'OFFERED');
create index waitlist_queue on waitlist_entries (show_id, seq) where status = 'WAITING';
create index waitlist_offers on waitlist_entries (offer_expires_at) where status = 'OFFERED';
create index waitlist_of_user on waitlist_entries (user_id, created_at desc);

-- Offers are notified like bookings: a notification names its booking or its entry.
alter table notifications alter column booking_id drop not null;
alter table notifications add column waitlist_entry_id uuid;
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
    check (kind in ('BOOKING_CONFIRMED', 'BOOKING_CANCELLED', 'WAITLIST_OFFER'));
