-- Foundation schema: accounts and the catalog (theaters, halls, seats, movies, shows).

-- btree_gist lets one exclusion constraint combine "same hall" (=) with "overlapping time" (&&).
create extension if not exists btree_gist;

create table users (
    id            uuid primary key,
    email         text        not null,
    password_hash text        not null,
    display_name  text        not null,
    role          text        not null check (role in ('USER', 'ADMIN')),
    created_at    timestamptz not null default now()
);
-- Emails are compared case-insensitively: Alice@x.org and alice@x.org are one account.
create unique index users_email_key on users (lower(email));

create table theaters (
    id         uuid primary key,
    name       text        not null,
    city       text        not null,
    address    text,
    created_at timestamptz not null default now()
);
create index theaters_city_idx on theaters (lower(city));

create table halls (
    id         uuid primary key,
    theater_id uuid        not null references theaters (id),
    name       text        not null,
    capacity   integer     not null check (capacity > 0),
    created_at timestamptz not null default now(),
    unique (theater_id, name)
);

-- A seat's id is hall-local ("C-12"). row_index orders rows front to back; aisle_after marks an
-- aisle to the right of this seat, so it is not adjacent to number + 1.
create table seats (
    hall_id     uuid    not null references halls (id),
    seat_id     text    not null,
    row_label   text    not null,
    row_index   integer not null,
    number      integer not null check (number > 0),
    category    text    not null,
    aisle_after boolean not null default false,
    primary key (hall_id, seat_id),
    unique (hall_id, row_label, number)
);

create table movies (
    id               uuid primary key,
    title            text        not null,
    duration_minutes integer     not null check (duration_minutes > 0),
    genres           text[]      not null default '{}',
    rating           text,
    description      text,
    deleted_at       timestamptz,
    created_at       timestamptz not null default now()
);
create index movies_genres_idx on movies using gin (genres);

create table shows (
    id         uuid primary key,
    movie_id   uuid        not null references movies (id),
    hall_id    uuid        not null references halls (id),
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    prices     jsonb       not null,
    currency   char(3)     not null,
    created_at timestamptz not null default now(),
    check (ends_at > starts_at),
    -- The database, not only the code, refuses two shows overlapping in one hall; '[)' lets one
    -- show start the minute the previous one ends.
    constraint shows_no_overlap exclude using gist (hall_id with =, tstzrange(starts_at, ends_at, '[)') with &&)
);
create index shows_movie_idx on shows (movie_id);
create index shows_starts_idx on shows (starts_at);
