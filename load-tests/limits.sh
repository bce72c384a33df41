#!/usr/bin/env bash
# What this machine's Redis and PostgreSQL allow for the two operations BoxOffice's hot paths
# are made of, so service figures can be read as ratios to the hardware:
#   - redis-benchmark: EVALSHA of the real hold script over 4 keys (booked set, hold record,
#     two seats), all-or-nothing, random seats so most calls place a hold;
#   - pgbench: one booking transaction as the service writes it (booking row, two seat rows
#     under the partial unique index, one outbox row).
# Usage: load-tests/limits.sh [--pg-only] [--clients N] [seconds per pgbench run, default 20]
#   --pg-only    only the pgbench part (bench.sh compares its booking pair with it)
#   --clients N  one pgbench run with N clients instead of runs with 1 and 16
# Needs redis-server on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (user postgres).
# It uses Redis database 14 and the PostgreSQL database boxoffice_limits, both wiped.
set -euo pipefail
pg_only=false
pg_clients=(1 16)
while (($#)); do
  case $1 in
  --pg-only) pg_only=true; shift ;;
  --clients) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "limits.sh: --clients needs a positive integer" >&2; exit 2; }
    pg_clients=("$2"); shift 2 ;;
  -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
  -*) echo "limits.sh: unknown option $1" >&2; exit 2 ;;
  *) break ;;
  esac
done
seconds=${1:-20}
db=boxoffice_limits
cd "$(dirname "$0")/.."

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r)"
echo "redis: $(redis-server --version | awk '{print $3}')  postgres: $(psql -h 127.0.0.1 -U postgres -tAc 'show server_version')"

if ! $pg_only; then
  sha=$(redis-cli -n 14 SCRIPT LOAD "$(cat src/main/resources/redis/hold-seats.lua)")
  redis-cli -n 14 FLUSHDB > /dev/null
  redis-cli -n 14 SADD 'booked:{bench}' __loaded__ > /dev/null
  for clients in 1 50; do
    echo "--- redis-benchmark EVALSHA hold-seats.lua (4 keys), $clients clients"
    redis-benchmark -n 200000 -c "$clients" -r 1000000 --dbnum 14 -q \
      EVALSHA "$sha" 4 'booked:{bench}' 'holdrec:{bench}:__rand_int__' 'hold:{bench}:a__rand_int__' 'hold:{bench}:b__rand_int__' \
      h1 600000 '{}' a b 2>&1 | tr '\r' '\n' | grep 'requests per second' | tail -1
    redis-cli -n 14 FLUSHDB > /dev/null
    redis-cli -n 14 SADD 'booked:{bench}' __loaded__ > /dev/null
  done
  echo "--- redis-benchmark SET (plain, 50 clients) for comparison"
  redis-benchmark -n 200000 -c 50 -r 1000000 --dbnum 14 -q -t set 2>&1 | tr '\r' '\n' | grep 'requests per second' | tail -1
  redis-cli -n 14 FLUSHDB > /dev/null
fi

psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db with (force)" -c "create database $db" 2> /dev/null
for migration in src/main/resources/db/migration/V*.sql; do
  psql -h 127.0.0.1 -U postgres -d "$db" -q -v ON_ERROR_STOP=1 -f "$migration"
done
psql -h 127.0.0.1 -U postgres -d "$db" -q -v ON_ERROR_STOP=1 <<'SQL'
insert into users values ('00000000-0000-0000-0000-000000000001', 'bench@example.com', 'x', 'Bench', 'USER');
insert into theaters values ('00000000-0000-0000-0000-000000000002', 'Bench', 'Bench');
insert into halls values ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000002', 'Bench', 1);
insert into movies (id, title, duration_minutes) values ('00000000-0000-0000-0000-000000000004', 'Bench', 90);
insert into shows values ('00000000-0000-0000-0000-000000000005', '00000000-0000-0000-0000-000000000004',
  '00000000-0000-0000-0000-000000000003', now() + interval '1 day', now() + interval '1 day 90 minutes', '{}', 'EUR');
SQL
script=$(mktemp)
cat > "$script" <<'SQL'
BEGIN;
INSERT INTO bookings (id, user_id, show_id, hold_id, status, total_price, currency, ticket_code, charge_id, created_at)
  VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000005', gen_random_uuid(), 'CONFIRMED', 2400, 'EUR',
          md5(random()::text), 'ch_bench', now()) RETURNING id AS booking \gset
INSERT INTO booking_seats (booking_id, show_id, seat_id)
  SELECT ':booking'::uuid, '00000000-0000-0000-0000-000000000005', s FROM unnest(ARRAY[':booking-1', ':booking-2']) s;
INSERT INTO outbox (topic, message_key, event_type, payload)
  VALUES ('boxoffice.booking-events', '00000000-0000-0000-0000-000000000005', 'BookingConfirmed', '{"bench": true}');
COMMIT;
SQL
for clients in "${pg_clients[@]}"; do
  echo "--- pgbench booking transaction (booking + 2 seats + outbox), $clients clients, ${seconds}s"
  pgbench -h 127.0.0.1 -U postgres -n -c "$clients" -j "$clients" -T "$seconds" -f "$script" "$db" \
    | grep -E 'tps|latency average|number of (transactions|failed)'
done
rm -f "$script"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db with (force)"
