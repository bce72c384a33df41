-- Money that survives a crash. A payment is recorded before the provider is asked to charge,
-- so every charge can be found; a refund is recorded in the transaction of the change that
-- owes it (a cancellation, a confirmation that lost its seats) and carried out by a worker
-- until the provider confirms it.
create table payments (
    id              uuid primary key,
    -- One payment per hold: a retried confirmation resumes it instead of charging again.
    hold_id         uuid        not null unique,
    user_id         uuid        not null,
    show_id         uuid        not null,
    seat_ids        text[]      not null,
    amount          bigint      not null check (amount >= 0),
    currency        char(3)     not null,
    hold_expires_at timestamptz not null,
    state           text        not null check (state in ('PENDING', 'DECLINED', 'CHARGED', 'BOOKED',
                                                          'REFUNDING', 'REFUNDED', 'ABANDONED')),
    charge_id       text unique,
    booking_id      uuid,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
-- What the reconciler looks at: charges (or attempts) that have not become a booking.
create index payments_unsettled on payments (hold_expires_at) where state in ('PENDING', 'CHARGED');

create table refunds (
    charge_id       text primary key,
    payment_id      uuid        not null references payments (id),
    reason          text        not null check (reason in ('CANCELLED', 'LOST_RACE', 'UNBOOKABLE')),
    state           text        not null check (state in ('PENDING', 'DONE')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    done_at         timestamptz
);
create index refunds_due on refunds (next_attempt_at) where state = 'PENDING';

-- Idempotency keys: a claim is a lease, so a request that died does not hold its key for ever.
alter table idempotency_keys add column leased_until timestamptz;
create index idempotency_keys_created on idempotency_keys (created_at);
-- Retention deletes published outbox rows by age.
create index outbox_published on outbox (published_at) where published_at is not null;

-- Bookings made before payments were recorded get their payment, so a cancellation finds the
-- charge to give back like any other.
insert into payments (id, hold_id, user_id, show_id, seat_ids, amount, currency, hold_expires_at, state,
                      charge_id, booking_id, created_at, updated_at)
select gen_random_uuid(), b.hold_id, b.user_id, b.show_id,
       array(select s.seat_id from booking_seats s where s.booking_id = b.id order by s.seat_id),
       b.total_price, b.currency, b.created_at,
       case when b.status = 'CONFIRMED' then 'BOOKED' else 'REFUNDED' end,
       b.charge_id, b.id, b.created_at, b.created_at
from bookings b;
