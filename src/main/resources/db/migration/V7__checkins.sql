-- A ticket admits once: the first scan at the door is recorded, any later one is refused
-- with the time of the first. The primary key makes that atomic across instances.
create table checkins (
    booking_id    uuid primary key references bookings (id),
    checked_in_at timestamptz not null
);
