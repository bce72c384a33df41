#!/usr/bin/env bash
# Runs one BoxOffice load test end to end on this machine, against 127.0.0.1 only:
# starts what is missing (PostgreSQL, Redis, a Kafka broker), a fresh database, K service
# instances, provisions a catalog and users, runs the Gatling simulation (split over several
# Gatling processes when it needs more connections than one process may open), checks the
# booking invariants in PostgreSQL, prints one summary line, and stops everything it started,
# also on failure or Ctrl-C. See load-tests/README.md.
#
#   load-tests/run.sh --simulation browse --users 200 --duration 20s --instances 2
set -Eeuo pipefail

usage() {
	cat <<'EOF'
Usage: load-tests/run.sh --simulation NAME [options] [-Dname=value ...]
       load-tests/run.sh --verify RUN_DIR

  --simulation NAME     browse | booking-journey | flash-sale | live-seat-map | waitlist-rush (required)
  --users N             virtual users; live-seat-map: SSE subscribers; waitlist-rush: the public crowd
                        (default: browse 50, booking-journey 50, flash-sale 1000, live-seat-map 200,
                        waitlist-rush 300; waitlist-rush also has -Dwaiters=500 -Dcancels=100 -Dsellers=100)
  --duration D          how long users keep going: 30s, 2m, ... (default 30s); waitlist-rush: how
                        long the public rushes after the cancellations (the waiting users poll
                        for their offer for -DofferDeadline=90s)
  --ramp D              arrival spread (default: the simulation's; flash-sale 0 = all at once;
                        waitlist-rush 10s, over which the waiting users join)
  --instances K         service instances on 127.0.0.1:8081.. (default 1)
  --jar PATH            service jar (default: <repo>/target/boxoffice.jar, built when absent)
  --bookers N           live-seat-map: users booking while the subscribers watch (default 20)
  --shows N             live-seat-map: shows watched and booked, subscribers and bookers
                        spread over them round-robin (default 1; more than 9 adds later days)
  --max-ko-percent P    Gatling assertion: most failed requests allowed, in % (simulation default)
  --p99-ms MS           Gatling assertion: p99 response time of every checked request, in ms
                        (simulation default)
  --max-connections-per-process N
                        split virtual users over Gatling processes above this (default 15000)
  --warmup N            catalog reads sent to each instance before the run, so the JIT compiler
                        has compiled the hot paths (default 2000; 0: none)
  --database NAME       PostgreSQL database, dropped and created afresh (default boxoffice_load)
  --redis-database N    Redis database the instances use, flushed first (default 7)
  -Dname=value          any other simulation property, passed to every Gatling process
  --verify RUN_DIR      only check the results and invariants of a finished run again
                        (its database must still be there: runs keep it until the next one)
  -h, --help            this help
EOF
}

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)

# ---------------------------------------------------------------------------------------
# The booking schema, in this one place. Rows: a seat held by more than one CONFIRMED booking.
DOUBLE_BOOKINGS_SQL="
	select bs.show_id, bs.seat_id, count(*) as bookings
	from booking_seats bs
	join bookings b on b.id = bs.booking_id
	where b.status = 'CONFIRMED'
	group by bs.show_id, bs.seat_id
	having count(*) > 1"
# Rows: a booked seat whose active flag disagrees with its booking's status (a cancelled
# booking that still blocks its seats, or a confirmed one that no longer does).
SEAT_FLAGS_SQL="
	select bs.booking_id, bs.seat_id, bs.active, b.status
	from booking_seats bs
	join bookings b on b.id = bs.booking_id
	where bs.active <> (b.status = 'CONFIRMED')"
# The bookings as the ledger checks read them: id as text, status 'CONFIRMED' | 'CANCELLED'.
BOOKINGS_SQL="select id::text as id, status from bookings"
# waitlist-rush. psql variables: show (the show's id), ttl (the offers' BOXOFFICE_WAITLIST_OFFER_TTL).
# An entry offered seats has hold_id; it left WAITING when its offer was made, which is its
# offer's end less the offer TTL. Rows: a seat freed by a cancellation that a public booking
# (one that is no waiting-list offer) got while an entry for one seat, of any category, that
# had joined before that cancellation was still WAITING: the waiting list comes first.
WAITLIST_PRIORITY_SQL="
	with cancelled as (
		select bs.seat_id, b.cancelled_at
		from booking_seats bs join bookings b on b.id = bs.booking_id
		where b.show_id = :'show' and b.status = 'CANCELLED'),
	entries as (
		select e.seq, e.seat_count, e.category, e.status, e.created_at,
			case when e.hold_id is not null then e.offer_expires_at - cast(:'ttl' as interval) end as offered_at
		from waitlist_entries e where e.show_id = :'show'),
	public_seats as (
		select b.id as booking_id, bs.seat_id, b.created_at
		from booking_seats bs join bookings b on b.id = bs.booking_id
		where b.show_id = :'show' and b.status = 'CONFIRMED'
			and not exists (select 1 from waitlist_entries e where e.hold_id = b.hold_id))
	select p.booking_id, p.seat_id, c.cancelled_at, p.created_at as booked_at,
		(select count(*) from entries e where e.seat_count = 1 and e.category is null
			and e.created_at < c.cancelled_at
			and (e.status = 'WAITING' or e.offered_at > p.created_at)) as single_seat_entries_waiting
	from public_seats p
	join cancelled c on c.seat_id = p.seat_id and c.cancelled_at < p.created_at
	where exists (select 1 from entries e where e.seat_count = 1 and e.category is null
		and e.created_at < c.cancelled_at
		and (e.status = 'WAITING' or e.offered_at > p.created_at))"
# The same for the public crowd's holds, as the simulation saw them succeed (the temporary
# table public_holds(seat_id, held_at), from its waitlist-<n>.csv): rows are held seats
# freed by a cancellation while an entry for one seat that joined before it still waited.
WAITLIST_PUBLIC_HOLDS_SQL="
	with cancelled as (
		select bs.seat_id, b.cancelled_at
		from booking_seats bs join bookings b on b.id = bs.booking_id
		where b.show_id = :'show' and b.status = 'CANCELLED'),
	entries as (
		select e.seat_count, e.category, e.status, e.created_at,
			case when e.hold_id is not null then e.offer_expires_at - cast(:'ttl' as interval) end as offered_at
		from waitlist_entries e where e.show_id = :'show')
	select h.seat_id, c.cancelled_at, h.held_at
	from public_holds h
	join cancelled c on c.seat_id = h.seat_id and c.cancelled_at < h.held_at
	where exists (select 1 from entries e where e.seat_count = 1 and e.category is null
		and e.created_at < c.cancelled_at
		and (e.status = 'WAITING' or e.offered_at > h.held_at))"
# ---------------------------------------------------------------------------------------

simulation=""
users=""
duration="30s"
ramp=""
instances=1
jar=""
bookers=""
max_ko=""
p99=""
per_process=15000
warmup=2000
warmup_duration=20s
database=boxoffice_load
redis_db=7
verify=""
shows=1
extra_props=()

while (($#)); do
	case $1 in
	--simulation) simulation=${2:?}; shift 2 ;;
	--users) users=${2:?}; shift 2 ;;
	--duration) duration=${2:?}; shift 2 ;;
	--ramp) ramp=${2:?}; shift 2 ;;
	--instances) instances=${2:?}; shift 2 ;;
	--jar) jar=${2:?}; shift 2 ;;
	--bookers) bookers=${2:?}; shift 2 ;;
	--shows) shows=${2:?}; shift 2 ;;
	--max-ko-percent) max_ko=${2:?}; shift 2 ;;
	--p99-ms) p99=${2:?}; shift 2 ;;
	--max-connections-per-process) per_process=${2:?}; shift 2 ;;
	--warmup) warmup=${2:?}; shift 2 ;;
	--database) database=${2:?}; shift 2 ;;
	--redis-database) redis_db=${2:?}; shift 2 ;;
	--verify) verify=${2:?}; shift 2 ;;
	-D*=*) extra_props+=("$1"); shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done

log() { printf '%s run.sh: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
psql_admin() { PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -X -q "$@"; }
psql_load() { psql_admin -d "$database" "$@"; }
is_count() { [[ $1 =~ ^[0-9]+$ ]]; }
is_duration() { [[ $1 =~ ^[0-9]+(ms|s|m|h)?$ ]]; }
duration_ms() { # 30s, 500ms, 2m, 1h or bare seconds -> milliseconds
	[[ $1 =~ ^([0-9]+)(ms|s|m|h)?$ ]]
	case ${BASH_REMATCH[2]} in
	ms) echo "${BASH_REMATCH[1]}" ;;
	m) echo $((BASH_REMATCH[1] * 60000)) ;;
	h) echo $((BASH_REMATCH[1] * 3600000)) ;;
	*) echo $((BASH_REMATCH[1] * 1000)) ;;
	esac
}

# ---------------------------------------------------------------------------------------
# Results: the statistics each Gatling process prints when it ends (its "Global
# Information" block: Gatling 3.15 writes no js/stats.json and its simulation.log is binary).
# Percentiles cannot be added up: with several processes, p50 is the request-weighted mean
# of the processes' p50 and p99 the highest of their p99. Sets requests ok ko p50 p99_all.
requests=n/a ok=n/a ko=n/a p50=n/a p99_all=n/a
double_bookings=n/a
gatling_failed=false
invariants_failed=false

gatling_totals() { # log file -> "requests ok ko p50 p99", or nothing
	awk -F'|' '
		function n(v) { gsub(/[ ,]/, "", v); return (v == "-" || v == "") ? 0 : v }
		/---- Global Information/ { block = 1; next }
		block && /^----/ { block = 0 }
		block && /> request count/ { total = n($2); ok = n($3); ko = n($4); found = 1 }
		block && /50th percentile/ { p50 = n($2) }
		block && /99th percentile/ { p99 = n($2) }
		END { if (found) print total, ok, ko, p50, p99 }' "$1"
}

collect_results() {
	local p line report totals=()
	for ((p = 1; p <= processes; p++)); do
		line=$(gatling_totals "$run_dir/gatling-$p.log" 2>/dev/null || true)
		if [[ -z $line ]]; then
			log "Gatling process $p printed no statistics: see $run_dir/gatling-$p.log"
			gatling_failed=true
			continue
		fi
		totals+=("$line")
		report=$(find "$run_dir/gatling-$p" -name index.html -print -quit 2>/dev/null || true)
		[[ -z $report ]] || log "report: $report"
		# Gatling prints every assertion as "<what> : true|false (actual : <value>)".
		if ((processes > 1)); then
			grep -E ' : (true|false) \(' "$run_dir/gatling-$p.log" | sed "s/^/    process $p: /" >&2 || true
		fi
		if grep -q -E ' : false \(' "$run_dir/gatling-$p.log"; then
			log "Gatling process $p: assertions failed"
			gatling_failed=true
		fi
	done
	if ((${#totals[@]})); then
		read -r requests ok ko p50 p99_all < <(printf '%s\n' "${totals[@]}" | awk '
			{ requests += $1; ok += $2; ko += $3; weighted += $1 * $4; if ($5 > p99) p99 = $5 }
			END { printf "%d %d %d %d %d\n", requests, ok, ko, (requests ? weighted / requests : 0), p99 }')
	fi
	# Expected outcomes the simulations counted (409s, sold-out seat maps, SSE events...).
	if compgen -G "$run_dir/outcomes-*.properties" >/dev/null; then
		log "outcomes: $(cat "$run_dir"/outcomes-*.properties |
			awk -F= 'NF == 2 {sum[$1] += $2} END {for (k in sum) print k "=" sum[k]}' | sort | tr '\n' ' ')"
	fi
}

# Invariants, checked in PostgreSQL. Sets double_bookings and invariants_failed.
check_invariants() {
	local missing wrong_status unseen confirm_unknown
	if [[ $(psql_load -Atc "select to_regclass('booking_seats') is not null and to_regclass('bookings') is not null") != t ]]; then
		if $books; then
			invariants_failed=true
			log "INVARIANTS NOT CHECKED: the database has no bookings and booking_seats tables (does the service book yet?)"
		fi
		return 0
	fi
	double_bookings=$(psql_load -Atc "select count(*) from ($DOUBLE_BOOKINGS_SQL) d")
	if ((double_bookings > 0)); then
		invariants_failed=true
		log "INVARIANT FAILED: $double_bookings seat(s) are in more than one confirmed booking:"
		psql_load -c "$DOUBLE_BOOKINGS_SQL limit 20" >&2
	fi
	local wrong_flags
	wrong_flags=$(psql_load -Atc "select count(*) from ($SEAT_FLAGS_SQL) f")
	if ((wrong_flags > 0)); then
		invariants_failed=true
		log "INVARIANT FAILED: $wrong_flags booked seat(s) have an active flag that disagrees with their booking's status:"
		psql_load -c "$SEAT_FLAGS_SQL limit 20" >&2
	fi
	$books || return 0
	# What the simulation saw, against what is stored (a fresh database holds only this run).
	cat "$run_dir"/seen-bookings-*.csv >"$run_dir/seen-bookings.csv" 2>/dev/null || true
	read -r missing wrong_status unseen confirm_unknown < <(psql_load -At -F ' ' <<SQL
create temp table seen (event text, booking_id text, show_id text, hold_id text);
\copy seen from '$run_dir/seen-bookings.csv' with (format csv)
create temp table stored as $BOOKINGS_SQL;
create temp table expected as
	select booking_id as id,
		case when bool_or(event = 'CANCELLED') then 'CANCELLED' else 'CONFIRMED' end as status,
		bool_or(event = 'CANCEL_UNKNOWN') as cancel_unknown
	from seen
	where event in ('CONFIRMED', 'CANCELLED', 'CANCEL_UNKNOWN') and booking_id <> ''
	group by booking_id;
select
	(select count(*) from expected e where not exists (select 1 from stored s where s.id = e.id)),
	(select count(*) from expected e join stored s on s.id = e.id where s.status <> e.status and not e.cancel_unknown),
	(select count(*) from stored s where s.status = 'CONFIRMED' and not exists (select 1 from expected e where e.id = s.id)),
	(select count(*) from seen where event = 'CONFIRM_UNKNOWN');
SQL
	)
	log "bookings seen: $(grep -c '^CONFIRMED' "$run_dir/seen-bookings.csv" || true) confirmed," \
		"$(grep -c '^CANCELLED' "$run_dir/seen-bookings.csv" || true) cancelled;" \
		"stored: $(psql_load -Atc "select count(*) from ($BOOKINGS_SQL) b")"
	if ((missing > 0)); then
		invariants_failed=true
		log "INVARIANT FAILED: $missing booking(s) the simulation saw confirmed are not stored"
	fi
	if ((wrong_status > 0)); then
		invariants_failed=true
		log "INVARIANT FAILED: $wrong_status stored booking(s) have another status than the simulation last saw"
	fi
	if ((unseen > 0)); then
		invariants_failed=true
		log "INVARIANT FAILED: $unseen stored confirmed booking(s) were never seen confirmed by the simulation" \
			"($confirm_unknown confirmation(s) got no answer and may explain some)"
	fi
}

# The money ledger: every charge the provider kept is a confirmed booking, every refund was
# owed by a cancellation or a lost race. Refunds still pending get a minute (the worker
# retries every second). Sets invariants_failed.
LEDGER_SQL="
	select
		(select count(*) from simulated_payments p where p.status = 'CHARGED'
			and not exists (select 1 from bookings b where b.charge_id = p.id and b.status = 'CONFIRMED')),
		(select count(*) from simulated_payments p where p.status = 'REFUNDED'
			and not exists (select 1 from refunds r where r.charge_id = p.id and r.state = 'DONE'
				and ((r.reason = 'CANCELLED' and exists (select 1 from bookings b
						where b.charge_id = p.id and b.status = 'CANCELLED'))
					or (r.reason in ('LOST_RACE', 'UNBOOKABLE') and not exists (select 1 from bookings b
						where b.charge_id = p.id))))),
		(select count(*) from refunds where state = 'PENDING'),
		(select count(*) from simulated_payments)"
check_ledger() {
	local unbooked unowed pending charges
	if [[ $(psql_load -Atc "select to_regclass('payments') is not null and to_regclass('refunds') is not null") != t ]]; then
		return 0
	fi
	for _ in $(seq 1 60); do
		read -r unbooked unowed pending charges < <(psql_load -At -F ' ' -c "$LEDGER_SQL")
		((unbooked == 0 && pending == 0)) && break
		sleep 1
	done
	log "ledger: $charges charge(s); $unbooked kept without a confirmed booking, $unowed refunded without cause, $pending refund(s) pending"
	if ((unbooked > 0 || unowed > 0 || pending > 0)); then
		invariants_failed=true
		log "INVARIANT FAILED: the ledger does not balance"
		psql_load -c "select state, count(*) from payments group by state" >&2
	fi
}

# waitlist-rush: what the simulation saw (waitlist-<n>.csv, wall-clock times) and what the
# database holds: offers made and booked, seats that went to the public, the time from the
# cancellations to the offers; and the priority of the waiting list (WAITLIST_PRIORITY_SQL,
# WAITLIST_PUBLIC_HOLDS_SQL). Prints "waitlist:" lines and writes them, with the figures
# as properties, to waitlist.txt and waitlist.properties. Sets waitlist_line and
# invariants_failed.
waitlist_line=""
nearest_rank() { # p (0 to 1), numbers on stdin -> their nearest-rank percentile, or n/a
	sort -n | awk -v p="$1" '{ v[NR] = $1 }
		END { if (!NR) { print "n/a"; exit } i = int(p * NR); if (i < p * NR) i++; if (i < 1) i = 1; printf "%d\n", v[i] }'
}
check_waitlist() {
	[[ $simulation == waitlist-rush ]] || return 0
	local csv=$run_dir/waitlist.csv show ttl burst
	cat "$run_dir"/waitlist-[0-9]*.csv >"$csv" 2>/dev/null || true
	show=$(sed -n 's/^show_ids=//p' "$run_dir/run.properties" | cut -d, -f1)
	ttl=$(sed -n 's/^offer_ttl=//p' "$run_dir/run.properties")
	burst=$(awk -F, '$1 == "BURST" { print $4; exit }' "$csv")
	if [[ -z $show || -z $burst || -z $ttl ]]; then
		invariants_failed=true
		log "WAITLIST NOT CHECKED: no show id or offer TTL in run.properties, or no burst in $csv"
		return 0
	fi
	# What the simulation saw, timed from the burst (when the cancellations were sent).
	local joined seen no_offer booked_seen holds held cancels cancels_ok seen_p50 seen_p99 cancel_p50 cancel_p99
	read -r joined seen no_offer booked_seen holds held cancels cancels_ok < <(awk -F, '
		$1 == "JOINED" { j++ } $1 == "OFFER_SEEN" { s++ } $1 == "NO_OFFER" { n++ } $1 == "OFFER_BOOKED" { b++ }
		$1 == "PUBLIC_HOLD" { h++; hs += $3 } $1 == "CANCEL" { c++; if ($5 == 200) ok++ }
		END { printf "%d %d %d %d %d %d %d %d\n", j, s, n, b, h, hs, c, ok }' "$csv")
	seen_p50=$(awk -F, -v b="$burst" '$1 == "OFFER_SEEN" { print $4 - b }' "$csv" | nearest_rank 0.5)
	seen_p99=$(awk -F, -v b="$burst" '$1 == "OFFER_SEEN" { print $4 - b }' "$csv" | nearest_rank 0.99)
	cancel_p50=$(awk -F, '$1 == "CANCEL" && $5 != "" { print $4 - $6 }' "$csv" | nearest_rank 0.5)
	cancel_p99=$(awk -F, '$1 == "CANCEL" && $5 != "" { print $4 - $6 }' "$csv" | nearest_rank 0.99)
	# What the database holds. An offer was made when its hold was: its end less the TTL.
	local capacity sold bookings_cancelled freed people waiting_seats offers offered_seats offers_booked offers_open \
		still_waiting still_waiting_single public_booked public_freed bad_bookings bad_holds \
		svc_p50 svc_p99 svc_n svc_burst_p50 svc_burst_p99 svc_max
	read -r capacity sold bookings_cancelled freed people waiting_seats offers offered_seats offers_booked offers_open \
		still_waiting still_waiting_single public_booked public_freed bad_bookings bad_holds \
		svc_p50 svc_p99 svc_n svc_burst_p50 svc_burst_p99 svc_max < <(psql_load -At -F ' ' \
		-v show="$show" -v ttl="$ttl" -v burst="$burst" <<SQL
create temp table rush (event text, id text, n text, at_ms bigint, ref text, detail text);
\copy rush from '$csv' with (format csv)
create temp table public_holds as
	select unnest(string_to_array(detail, ';')) as seat_id, to_timestamp(at_ms / 1000.0) as held_at
	from rush where event = 'PUBLIC_HOLD';
create temp table show_bookings as
	select b.id, b.hold_id, b.status, b.created_at, b.cancelled_at, bs.seat_id
	from bookings b join booking_seats bs on bs.booking_id = b.id where b.show_id = :'show';
create temp table offers as
	select e.id, e.offer_expires_at - cast(:'ttl' as interval) as offered_at,
		(select max(b.cancelled_at) from show_bookings b
			where b.status = 'CANCELLED' and b.seat_id = any(e.offered_seats)) as cancelled_at
	from waitlist_entries e where e.show_id = :'show' and e.hold_id is not null;
select
	(select h.capacity from shows s join halls h on h.id = s.hall_id where s.id = :'show'),
	(select count(*) from show_bookings where created_at < to_timestamp(:burst / 1000.0)
		and (status = 'CONFIRMED' or cancelled_at >= to_timestamp(:burst / 1000.0))),
	(select count(distinct id) from show_bookings where status = 'CANCELLED'),
	(select count(*) from show_bookings where status = 'CANCELLED'),
	(select count(*) from waitlist_entries where show_id = :'show' and created_at < to_timestamp(:burst / 1000.0)),
	(select coalesce(sum(seat_count), 0) from waitlist_entries
		where show_id = :'show' and created_at < to_timestamp(:burst / 1000.0)),
	(select count(*) from offers),
	(select coalesce(sum(cardinality(offered_seats)), 0) from waitlist_entries
		where show_id = :'show' and hold_id is not null),
	(select count(*) from waitlist_entries where show_id = :'show' and status = 'BOOKED'),
	(select count(*) from waitlist_entries where show_id = :'show' and status = 'OFFERED'),
	(select count(*) from waitlist_entries where show_id = :'show' and status = 'WAITING'),
	(select count(*) from waitlist_entries where show_id = :'show' and status = 'WAITING' and seat_count = 1),
	(select count(*) from show_bookings b where status = 'CONFIRMED' and created_at >= to_timestamp(:burst / 1000.0)
		and not exists (select 1 from waitlist_entries e where e.hold_id = b.hold_id)),
	(select count(*) from show_bookings b where status = 'CONFIRMED' and created_at >= to_timestamp(:burst / 1000.0)
		and not exists (select 1 from waitlist_entries e where e.hold_id = b.hold_id)
		and seat_id in (select seat_id from show_bookings where status = 'CANCELLED')),
	(select count(*) from ($WAITLIST_PRIORITY_SQL) v),
	(select count(*) from ($WAITLIST_PUBLIC_HOLDS_SQL) v),
	coalesce((select percentile_disc(0.5) within group (order by round(extract(epoch from offered_at - cancelled_at) * 1000))
		from offers where cancelled_at is not null)::text, 'n/a'),
	coalesce((select percentile_disc(0.99) within group (order by round(extract(epoch from offered_at - cancelled_at) * 1000))
		from offers where cancelled_at is not null)::text, 'n/a'),
	(select count(*) from offers where cancelled_at is not null),
	coalesce((select percentile_disc(0.5) within group (order by round(extract(epoch from offered_at) * 1000) - :burst)
		from offers)::text, 'n/a'),
	coalesce((select percentile_disc(0.99) within group (order by round(extract(epoch from offered_at) * 1000) - :burst)
		from offers)::text, 'n/a'),
	coalesce((select max(round(extract(epoch from offered_at) * 1000) - :burst) from offers)::text, 'n/a');
SQL
	)
	{
		echo "waitlist: show $show: $sold of $capacity seats sold before the burst; $people entries ($waiting_seats seats) waiting;" \
			"$bookings_cancelled bookings cancelled ($cancels_ok of $cancels answered 200), $freed seats freed"
		echo "waitlist: offers made $offers ($offered_seats seats), booked $offers_booked, open $offers_open;" \
			"still waiting $still_waiting ($still_waiting_single for one seat)"
		echo "waitlist: the waiting users saw $seen offers ($joined joined, $no_offer saw none within the" \
			"deadline) and booked $booked_seen; burst to offer seen: p50 ${seen_p50} ms, p99 ${seen_p99} ms (polling every ~250 ms)"
		echo "waitlist: the service made its offers (from each offer's seats' cancellation): p50 ${svc_p50} ms," \
			"p99 ${svc_p99} ms ($svc_n offers); from the burst: p50 ${svc_burst_p50} ms, p99 ${svc_burst_p99} ms, last ${svc_max} ms"
		echo "waitlist: seats to the public after the burst: $held held ($holds holds), $public_booked booked," \
			"$public_freed of them freed by the cancellations; cancellations answered in p50 ${cancel_p50} ms, p99 ${cancel_p99} ms"
	} | tee "$run_dir/waitlist.txt" | while read -r line; do log "$line"; done
	cat >"$run_dir/waitlist.properties" <<PROPS
show=$show
burst_epoch_ms=$burst
capacity=$capacity
seats_sold_before_burst=$sold
entries_waiting_at_burst=$people
seats_waiting_at_burst=$waiting_seats
bookings_cancelled=$bookings_cancelled
seats_freed=$freed
offers_made=$offers
seats_offered=$offered_seats
offers_booked=$offers_booked
offers_seen=$seen
offers_booked_seen=$booked_seen
no_offer_seen=$no_offer
still_waiting=$still_waiting
public_holds=$holds
public_seats_held=$held
public_seats_booked=$public_booked
public_freed_seats_booked=$public_freed
cancel_to_offer_seen_p50_ms=$seen_p50
cancel_to_offer_seen_p99_ms=$seen_p99
cancel_to_offer_made_p50_ms=$svc_p50
cancel_to_offer_made_p99_ms=$svc_p99
burst_to_offer_made_p50_ms=$svc_burst_p50
burst_to_offer_made_p99_ms=$svc_burst_p99
burst_to_last_offer_ms=$svc_max
cancel_answer_p50_ms=$cancel_p50
cancel_answer_p99_ms=$cancel_p99
priority_violations_booked=$bad_bookings
priority_violations_held=$bad_holds
PROPS
	waitlist_line="waitlist: offers=$offers offers_booked=$offers_booked seats_freed=$freed public_seats=$held"
	waitlist_line+=" cancel_to_offer_seen_p50_ms=$seen_p50 cancel_to_offer_seen_p99_ms=$seen_p99"
	waitlist_line+=" cancel_to_offer_made_p50_ms=$svc_p50 cancel_to_offer_made_p99_ms=$svc_p99"
	if ((waiting_seats <= freed)); then
		log "waitlist: NOTE: the waiting list wanted $waiting_seats seats for $freed freed: seats may rightly go to the public"
	fi
	if ((sold < capacity || offers == 0)); then
		invariants_failed=true
		log "WAITLIST FAILED: the show was not sold out ($sold of $capacity seats) or nobody got an offer ($offers)"
	fi
	if ((bad_bookings > 0 || bad_holds > 0)); then
		invariants_failed=true
		log "INVARIANT FAILED: the waiting list did not come first: $bad_bookings booked and $bad_holds held public seat(s)" \
			"were freed by a cancellation while an entry for one seat that had joined before it still waited:"
		psql_load -v show="$show" -v ttl="$ttl" <<<"$WAITLIST_PRIORITY_SQL limit 20;" >&2
	fi
}

summary_line() {
	[[ -z $waitlist_line ]] || echo "$waitlist_line"
	echo "summary: simulation=$simulation users=$users requests=$requests ok=$ok ko=$ko p50_ms=$p50 p99_ms=$p99_all double_bookings=$double_bookings"
}

# ---------------------------------------------------------------------------------------
# --verify: the checks of a finished run, again (after adjusting DOUBLE_BOOKINGS_SQL, say).
if [[ -n $verify ]]; then
	[[ -f $verify/run.properties ]] || die "$verify is not a run directory (no run.properties)"
	run_dir=$(cd "$verify" && pwd)
	simulation=$(sed -n 's/^simulation=//p' "$run_dir/run.properties")
	users=$(sed -n 's/^users=//p' "$run_dir/run.properties")
	processes=$(sed -n 's/^processes=//p' "$run_dir/run.properties")
	database=$(sed -n 's/^database=//p' "$run_dir/run.properties")
	books=$(sed -n 's/^books=//p' "$run_dir/run.properties")
	answers 5432 || die "PostgreSQL does not answer on 127.0.0.1:5432"
	collect_results
	check_invariants
	check_ledger
	check_waitlist
	summary_line
	{ $gatling_failed || $invariants_failed; } && exit 1
	exit 0
fi

# ---------------------------------------------------------------------------------------
# Arguments.
case $simulation in
browse) class=BrowseSimulation; books=false; default_users=50 ;;
booking-journey) class=BookingJourneySimulation; books=true; default_users=50 ;;
flash-sale) class=FlashSaleSimulation; books=true; default_users=1000 ;;
live-seat-map) class=LiveSeatMapSimulation; books=true; default_users=200 ;;
waitlist-rush) class=WaitlistRushSimulation; books=true; default_users=300 ;;
"") echo "run.sh: --simulation is required" >&2; usage >&2; exit 2 ;;
*) echo "run.sh: unknown simulation '$simulation' (browse, booking-journey, flash-sale, live-seat-map, waitlist-rush)" >&2; exit 2 ;;
esac
users=${users:-$default_users}
if [[ $simulation == live-seat-map ]]; then bookers=${bookers:-20}; else bookers=0; fi
is_count "$users" && ((users > 0)) || { echo "run.sh: --users must be a positive integer" >&2; exit 2; }
is_count "$instances" && ((instances > 0 && instances <= 9)) || { echo "run.sh: --instances must be 1 to 9" >&2; exit 2; }
is_count "$bookers" || { echo "run.sh: --bookers must be an integer" >&2; exit 2; }
is_count "$shows" && ((shows > 0 && shows <= 90)) || { echo "run.sh: --shows must be 1 to 90" >&2; exit 2; }
is_count "$per_process" && ((per_process > 0)) || { echo "run.sh: --max-connections-per-process must be positive" >&2; exit 2; }
is_count "$warmup" || { echo "run.sh: --warmup must be an integer" >&2; exit 2; }
is_duration "$duration" || { echo "run.sh: --duration must look like 30s, 500ms, 2m or 1h" >&2; exit 2; }
[[ -z $ramp ]] || is_duration "$ramp" || { echo "run.sh: --ramp must look like 10s, 0 or 1m" >&2; exit 2; }
[[ $database =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "run.sh: --database must be a plain lower-case name" >&2; exit 2; }
is_count "$redis_db" || { echo "run.sh: --redis-database must be an integer" >&2; exit 2; }

# waitlist-rush: the sellers and the waiting users are users too (-Dsellers, -Dwaiters).
prop_value() { # name default -> the value of a -Dname=value option, or the default
	local option value=$2
	for option in "${extra_props[@]}"; do
		[[ $option == "-D$1="* ]] && value=${option#-D"$1"=}
	done
	echo "$value"
}
if [[ $simulation == waitlist-rush ]]; then
	sellers=$(prop_value sellers 100)
	waiters=$(prop_value waiters 500)
	cancels=$(prop_value cancels 100)
	is_count "$sellers" && is_count "$waiters" && is_count "$cancels" ||
		{ echo "run.sh: -Dsellers, -Dwaiters and -Dcancels must be integers" >&2; exit 2; }
	bookers=$((sellers + waiters))
fi

# One Gatling process per --max-connections-per-process connections: each virtual user and
# each SSE subscriber holds its own, and one process may open only so many files.
processes=$(((users + bookers + per_process - 1) / per_process))
if [[ $simulation == waitlist-rush ]] && ((processes > 1)); then
	# Its phases wait for each other (sell-out, queue, burst): they share one process.
	echo "run.sh: waitlist-rush runs in one Gatling process: keep --users + sellers + waiters" \
		"($((users + bookers))) within --max-connections-per-process ($per_process)" >&2
	exit 2
fi

run_dir=$here/target/runs/$simulation-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$run_dir"
ln -sfn "$run_dir" "$here/target/runs/latest"
printf 'simulation=%s\nusers=%s\nprocesses=%s\ndatabase=%s\nbooks=%s\noffer_ttl=%s\n' \
	"$simulation" "$users" "$processes" "$database" "$books" "${BOXOFFICE_WAITLIST_OFFER_TTL:-PT15M}" \
	>"$run_dir/run.properties"

# ---------------------------------------------------------------------------------------
# Clean-up: whatever this run started is stopped, on every way out. The summary line is
# printed last, after the clean-up's own messages.
started_postgres=""
started_redis=false
started_kafka=false
instance_pids=()
gatling_pids=()
sampler_pid=""
finished=false

stop_pid() { # pid, seconds to wait after SIGTERM before SIGKILL
	local pid=$1 wait_s=$2
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 $((wait_s * 4))); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.25
	done
	log "pid $pid ignored SIGTERM for ${wait_s}s; killing it"
	kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	set +e
	[[ -n $sampler_pid ]] && kill "$sampler_pid" 2>/dev/null
	for pid in "${gatling_pids[@]}"; do stop_pid "$pid" 10; done
	for pid in "${instance_pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
	for pid in "${instance_pids[@]}"; do stop_pid "$pid" 40; done
	if $started_kafka; then
		log "stopping the Kafka broker it started"
		"$here/kafka/stop-kafka.sh" --dir "$run_dir/kafka"
	fi
	if $started_redis; then
		log "stopping the Redis server it started"
		redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1
	fi
	if [[ -n $started_postgres ]]; then
		log "stopping the PostgreSQL cluster it started"
		pg_ctlcluster --skip-systemctl-redirect "$started_postgres" main stop
	fi
	log "run directory: $run_dir"
	if ! $finished && ((status == 0)); then
		status=1
	fi
	summary_line
	exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# ---------------------------------------------------------------------------------------
# Limits and backing services.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "open files per process: $(ulimit -n)"
if ((users / instances > $(ulimit -n) - 1000)); then
	log "WARNING: $((users / instances)) connections per instance is close to its open-files limit ($(ulimit -n))"
fi

if ! answers 5432; then
	version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
	[[ -n $version ]] || die "nothing answers on 127.0.0.1:5432 and no PostgreSQL cluster is installed"
	log "starting PostgreSQL $version"
	pg_ctlcluster --skip-systemctl-redirect "$version" main start
	started_postgres=$version
	for _ in $(seq 1 60); do answers 5432 && break; sleep 0.5; done
	answers 5432 || die "PostgreSQL did not start"
fi
if [[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) != PONG ]]; then
	log "starting Redis"
	redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
		--logfile "$run_dir/redis.log" >/dev/null
	started_redis=true
	for _ in $(seq 1 40); do [[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]] && break; sleep 0.25; done
	[[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]] || die "Redis did not start"
fi
if ! answers 9092; then
	log "starting a Kafka broker (KRaft) on 127.0.0.1:9092"
	started_kafka=true
	"$here/kafka/start-kafka.sh" --dir "$run_dir/kafka" >/dev/null
fi
# The instances use their own Redis database, so a run neither sees nor disturbs the holds
# of a service someone runs by hand on the default one.
redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" flushdb >/dev/null

log "creating a fresh database $database"
psql_admin -d postgres -c "drop database if exists $database with (force)" -c "create database $database"

# ---------------------------------------------------------------------------------------
# The service jar and the compiled simulations.
if [[ -z $jar ]]; then
	jar=$repo/target/boxoffice.jar
	if [[ ! -f $jar ]]; then
		log "building the service jar"
		(cd "$repo" && ./mvnw -B -q -DskipTests package)
	fi
fi
[[ -f $jar ]] || die "no service jar at $jar"
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")

log "compiling the simulations"
"$repo/mvnw" -B -q -f "$here/pom.xml" test-compile dependency:build-classpath \
	-Dmdep.outputFile="$here/target/classpath.txt" -Dmdep.includeScope=test >"$run_dir/maven.log" 2>&1 ||
	{ cat "$run_dir/maven.log" >&2; die "the simulations do not compile"; }

# ---------------------------------------------------------------------------------------
# Service instances.
random_text() { # length; tr dies of SIGPIPE when head has enough, which is no failure
	(set +o pipefail; LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c "$1")
}
jwt_secret=$(random_text 48)
admin_email=admin@load.boxoffice.test
admin_password=$(random_text 24)
user_password=load-$(random_text 16)
base_urls=()

start_instance() { # index
	local i=$1 port=$((8080 + $1))
	if answers "$port"; then
		die "127.0.0.1:$port is already in use; stop what listens there first"
	fi
	# shellcheck disable=SC2086 # INSTANCE_JAVA_OPTS is a list of options
	SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$((9080 + i)) \
		SPRING_R2DBC_URL=r2dbc:postgresql://127.0.0.1:5432/$database \
		SPRING_R2DBC_USERNAME=postgres SPRING_R2DBC_PASSWORD= \
		SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=6379 SPRING_DATA_REDIS_DATABASE=$redis_db \
		SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 \
		BOXOFFICE_JWT_SECRET=$jwt_secret \
		BOXOFFICE_ADMIN_EMAIL=$admin_email BOXOFFICE_ADMIN_PASSWORD=$admin_password \
		BOXOFFICE_RATE_LIMITS_ENABLED=false BOXOFFICE_MAX_STREAMS_PER_CLIENT=0 \
		"${INSTANCE_JAVA_HOME:+$INSTANCE_JAVA_HOME/bin/}java" ${INSTANCE_JAVA_OPTS:--Xms256m -Xmx1g} -jar "$jar" \
		>"$run_dir/instance-$i.log" 2>&1 </dev/null &
	instance_pids[i - 1]=$!
	base_urls[i - 1]=http://127.0.0.1:$port
	echo "$!" >"$run_dir/instance-$i.pid"
}

await_ready() { # index
	local i=$1 port=$((8080 + $1)) pid=${instance_pids[$1 - 1]}
	for _ in $(seq 1 240); do
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 40 "$run_dir/instance-$i.log" >&2
			die "instance $i (pid $pid) exited during start-up"
		fi
		if curl -fsS --max-time 2 "http://127.0.0.1:$((9080 + i))/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
			log "instance $i ready on 127.0.0.1:$port (pid $pid)"
			return 0
		fi
		sleep 0.5
	done
	tail -n 40 "$run_dir/instance-$i.log" >&2
	die "instance $i did not become ready within 120 s"
}

# The first instance migrates the schema alone; the others start together after it.
log "starting $instances service instance(s) from $jar"
start_instance 1
await_ready 1
for ((i = 2; i <= instances; i++)); do start_instance "$i"; done
for ((i = 2; i <= instances; i++)); do await_ready "$i"; done

# Threads, memory and heap of every instance every 2 s, summed up at the end.
sample_instances() {
	# A sample that fails (an instance too busy to answer in 2 s) is left empty; the sampler goes on.
	set +e +o pipefail
	echo "epoch_s,instance,pid,threads,rss_kb,heap_used_bytes,cpu_ticks"
	while true; do
		for ((i = 1; i <= instances; i++)); do
			local pid=${instance_pids[i - 1]} threads rss heap cpu
			threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
			rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
			# utime + stime, in clock ticks (fields 14 and 15; the command name has no spaces)
			cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true)
			heap=$(curl -fsS --max-time 2 "http://127.0.0.1:$((9080 + i))/actuator/prometheus" 2>/dev/null |
				awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {if (NR) printf "%.0f", sum}')
			echo "$(date +%s),$i,$pid,$threads,$rss,$heap,$cpu"
		done
		# The load generators share the machine's cores with the instances: their CPU too.
		for pidfile in "$run_dir"/gatling-*.pid; do
			[[ -f $pidfile ]] || continue
			local gpid name
			gpid=$(cat "$pidfile")
			name=$(basename "$pidfile" .pid)
			cpu=$(awk '{print $14 + $15}' "/proc/$gpid/stat" 2>/dev/null || true)
			[[ -z $cpu ]] || echo "$(date +%s),$name,$gpid,,,,$cpu"
		done
		sleep 2
	done
}
sample_instances >"$run_dir/instances.csv" 2>/dev/null &
sampler_pid=$!

# ---------------------------------------------------------------------------------------
# Catalog, provisioned through the API as the administrator.
admin_token=""
api() { # method path [json] -> body on stdout; fails on a non-2xx answer
	local method=$1 path=$2 body=${3:-} out status
	out=$(mktemp)
	status=$(curl -sS --max-time 30 -o "$out" -w '%{http_code}' -X "$method" "${base_urls[0]}/api/v1$path" \
		-H 'Content-Type: application/json' -H 'Accept: application/json' \
		${admin_token:+-H "Authorization: Bearer $admin_token"} ${body:+--data "$body"})
	if [[ $status != 2* ]]; then
		log "$method $path answered $status: $(cat "$out")"
		rm -f "$out"
		return 1
	fi
	cat "$out"
	rm -f "$out"
}

log "provisioning the catalog"
admin_token=$(api POST /auth/login "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" | jq -r .accessToken)
[[ -n $admin_token && $admin_token != null ]] || die "the administrator cannot log in"

city=Loadville
show_date=$(date -u -d tomorrow +%F)
palace=$(api POST /theaters "{\"name\":\"Load Palace\",\"city\":\"$city\",\"address\":\"1 Benchmark Road\"}" | jq -r .theaterId)
annex=$(api POST /theaters "{\"name\":\"Load Annex\",\"city\":\"Otherton\"}" | jq -r .theaterId)

rows_json() { # first row (0 = A), rows, seats per row, category, aisleAfter JSON
	local start=$1 count=$2 seats=$3 category=$4 aisles=$5 letters=ABCDEFGHIJKLMNOPQRSTUVWXYZ i
	for ((i = start; i < start + count; i++)); do
		printf '{"label":"%s","seats":%d,"category":"%s","aisleAfter":%s}\n' "${letters:i:1}" "$seats" "$category" "$aisles"
	done
}
# Grand: 20 rows of 25 (16 STANDARD, 4 PREMIUM at the back) = 500 seats; Studio: 10 x 20 = 200.
grand_rows=$({ rows_json 0 16 25 STANDARD '[5,20]'; rows_json 16 4 25 PREMIUM '[5,20]'; } | jq -s -c .)
studio_rows=$(rows_json 0 10 20 STANDARD '[10]' | jq -s -c .)
small_rows=$(rows_json 0 8 12 STANDARD '[]' | jq -s -c .)
grand=$(api POST "/theaters/$palace/halls" "{\"name\":\"Grand\",\"rows\":$grand_rows}" | jq -r .hallId)
studio=$(api POST "/theaters/$palace/halls" "{\"name\":\"Studio\",\"rows\":$studio_rows}" | jq -r .hallId)
small=$(api POST "/theaters/$annex/halls" "{\"name\":\"Small\",\"rows\":$small_rows}" | jq -r .hallId)

words=(Night Star River Load Silent Iron Golden Last Hidden Winter Paper Glass)
genres=(DRAMA ACTION COMEDY SCIFI FAMILY)
movie_ids=()
for n in $(seq 1 24); do
	title="The ${words[n % 12]} ${words[(n * 5 + 3) % 12]} $n"
	movie=$(api POST /movies "{\"title\":\"$title\",\"durationMinutes\":$((90 + n * 2)),\"genres\":[\"${genres[n % 5]}\",\"${genres[(n + 2) % 5]}\"],\"rating\":\"PG-13\",\"description\":\"Provisioned by the BoxOffice load tests.\"}" | jq -r .movieId)
	movie_ids+=("$movie")
done

create_show() { # hall movie HH:MM prices
	api POST /shows "{\"movieId\":\"$2\",\"hallId\":\"$1\",\"startsAt\":\"${show_date}T$3:00Z\",\"prices\":{$4},\"currency\":\"EUR\"}" |
		jq -r .showId
}
grand_shows=()
for t in 10:00 13:00 16:00 19:00 22:00; do
	show=$(create_show "$grand" "${movie_ids[${#grand_shows[@]}]}" "$t" '"STANDARD":1200,"PREMIUM":1800')
	grand_shows+=("$show")
done
studio_shows=()
for t in 10:30 13:30 16:30 19:30; do
	show=$(create_show "$studio" "${movie_ids[$((5 + ${#studio_shows[@]}))]}" "$t" '"STANDARD":1000')
	studio_shows+=("$show")
done
other_shows=()
for t in 12:00 18:00; do
	show=$(create_show "$small" "${movie_ids[$((10 + ${#other_shows[@]}))]}" "$t" '"STANDARD":900')
	other_shows+=("$show")
done
# live-seat-map --shows N: the Studio shows first (200 seats, quickest to change), then the
# Grand ones, then as many later days of both as N needs (halls take one show at a time).
watched_shows=("${studio_shows[@]}" "${grand_shows[@]}")
for ((day = 2; ${#watched_shows[@]} < shows; day++)); do
	show_date=$(date -u -d "+$day days" +%F)
	for t in 10:30 13:30 16:30 19:30; do
		watched_shows+=("$(create_show "$studio" "${movie_ids[$((day % 24))]}" "$t" '"STANDARD":1000')")
	done
	for t in 10:00 13:00 16:00 19:00 22:00; do
		watched_shows+=("$(create_show "$grand" "${movie_ids[$(((day + 7) % 24))]}" "$t" '"STANDARD":1200,"PREMIUM":1800')")
	done
done
show_date=$(date -u -d tomorrow +%F)
for id in "$palace" "$annex" "$grand" "$studio" "$small" "${movie_ids[@]}" "${grand_shows[@]}" \
	"${studio_shows[@]}" "${other_shows[@]}" "${watched_shows[@]}"; do
	[[ $id =~ ^[0-9a-f-]{36}$ ]] || die "provisioning returned '$id' where an id was expected"
done
log "catalog: 2 theaters, 3 halls, ${#movie_ids[@]} movies, $((2 + ${#watched_shows[@]})) shows from $show_date"

case $simulation in
booking-journey) show_ids=$(IFS=,; echo "${grand_shows[*]},${studio_shows[*]}") ;;
flash-sale | waitlist-rush) show_ids=${grand_shows[0]} ;;
live-seat-map) show_ids=$(IFS=,; echo "${watched_shows[*]:0:shows}") ;;
*) show_ids="" ;;
esac

echo "show_ids=$show_ids" >>"$run_dir/run.properties"

# Users, inserted straight into the users table: one BCrypt hash of cost 4 for all, made
# with the service's own Spring Security, so neither provisioning nor the logins of the run
# pay the cost of the service's default strength. A service that hashes new passwords as
# {bcrypt-sha256} (bcrypt over the password's SHA-256, base64) replaces any other hash at
# the first successful login, at its own cost: in its scheme, so that no login of the run
# pays for that.
if $books; then
	accounts=$((users + bookers < 100 ? 100 : users + bookers))
	log "provisioning $accounts users"
	hash=$("$here/password-hash.sh" "$jar" "$user_password") || die "could not compute the users' password hash"
	psql_load -v hash="$hash" -v n="$accounts" -v w="$((4 * instances))" <<'SQL'
insert into users (id, email, password_hash, display_name, role)
select gen_random_uuid(), format('load-user-%s@boxoffice.test', g), :'hash', format('Load User %s', g), 'USER'
from generate_series(1, :n) g
union all
select gen_random_uuid(), format('load-warmup-%s@boxoffice.test', g), :'hash', format('Warm-up User %s', g), 'USER'
from generate_series(1, :w) g;
SQL
	# Every Gatling process gets its own users, so no account is shared between processes.
	for ((p = 1; p <= processes; p++)); do
		echo email >"$run_dir/users-$p.csv"
		seq "$p" "$processes" "$accounts" | awk '{print "load-user-" $1 "@boxoffice.test"}' >>"$run_dir/users-$p.csv"
	done
fi

# A freshly started JVM interprets before it compiles: without this, the first thousand
# requests of a run would measure the JIT compiler rather than the service.
if ((warmup > 0)); then
	log "warming up each instance with $warmup catalog reads"
	warm_paths=("/movies?q=night&size=20" "/movies?page=1&size=10" "/movies?genre=DRAMA"
		"/shows?city=$city&date=$show_date" "/theaters?city=$city" "/shows/${grand_shows[0]}"
		"/shows/${grand_shows[0]}/seats" "/shows/${studio_shows[0]}/seats" "/halls/$grand" "/movies/${movie_ids[0]}")
	warm_pids=()
	for ((i = 1; i <= instances; i++)); do
		for worker in 1 2 3 4; do
			args=()
			for ((n = worker; n <= warmup; n += 4)); do
				args+=(-o /dev/null "${base_urls[i - 1]}/api/v1${warm_paths[n % ${#warm_paths[@]}]}")
			done
			if ((${#args[@]})); then
				# Each read's status, so that reads the service never answered are counted, and
				# each waits 10 s at most: one read left unanswered must not stall the run.
				curl -s --max-time 10 -w '%{http_code} %{url_effective}\n' "${args[@]}" \
					>"$run_dir/warmup-reads-$i-$worker.txt" &
				warm_pids+=($!)
			fi
		done
	done
	for pid in "${warm_pids[@]}"; do wait "$pid" || true; done
	unanswered=$(cat "$run_dir"/warmup-reads-*.txt 2>/dev/null | awk '$1 !~ /^2/' | wc -l)
	if ((unanswered > 0)); then
		log "WARNING: $unanswered warm-up read(s) got no 2xx answer within 10 s: $(cat "$run_dir"/warmup-reads-*.txt |
			awk '$1 !~ /^2/ {print $1, $2}' | sed -E 's#http://[^/]+/api/v1##; s/[0-9a-f-]{36}/{id}/g' | sort | uniq -c |
			sort -rn | awk '{printf "%s%s x %s (%s)", sep, $1, $3, $2; sep = ", "}')"
	fi
fi

# Catalog reads leave the booking path cold: a flash sale that opens on cold instances
# measures the JIT compiler compiling Lua calls, R2DBC transactions and the Kafka producer.
# So simulations that book are preceded by a short booking journey without think times on
# the two Small-hall shows, which no simulation uses, cancelling every booking it makes.
# Its bookings go into the ledger as seen-bookings-warmup.csv, so the invariants cover
# them too; its own Gatling verdict does not count.
if ((warmup > 0)) && $books; then
	warm_users=$((4 * instances))
	log "warming up the booking path: $warm_users users booking and cancelling for ${warmup_duration}"
	echo email >"$run_dir/users-warmup.csv"
	seq 1 "$warm_users" | awk '{print "load-warmup-" $1 "@boxoffice.test"}' >>"$run_dir/users-warmup.csv"
	mkdir -p "$run_dir/warmup"
	(cd "$here" && exec java -server -Xms256m -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED \
		--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -DbaseUrls="$(IFS=,; echo "${base_urls[*]}")" \
		-Dusers="$warm_users" -Dramp=1s -Dduration="$warmup_duration" -DthinkMin=0ms -DthinkMax=0ms \
		-DcancelRatio=1 -DshowIds="$(IFS=,; echo "${other_shows[*]}")" -DusersFile="$run_dir/users-warmup.csv" \
		-Dpassword="$user_password" -DbookingsFile="$run_dir/seen-bookings-warmup.csv" \
		-DoutcomesFile="$run_dir/warmup/outcomes.properties" -DmaxKoPercent=100 \
		-cp "$here/target/test-classes:$(cat "$here/target/classpath.txt")" io.gatling.app.Gatling \
		--simulation dev.boxoffice.load.BookingJourneySimulation --results-folder "$run_dir/warmup" \
		--run-description "warm-up") >"$run_dir/warmup.log" 2>&1 </dev/null ||
		log "the warm-up reported failures (not counted): see $run_dir/warmup.log"
fi

# ---------------------------------------------------------------------------------------
# The simulation, in one Gatling process per share of the connections.
classpath="$here/target/test-classes:$(cat "$here/target/classpath.txt")"
base_urls_csv=$(IFS=,; echo "${base_urls[*]}")
sale_opens_at=""
if [[ $simulation == flash-sale ]] && ((processes > 1)); then
	# One opening instant for every process, once the slowest has started and logged in.
	sale_opens_at=$(($(date +%s%3N) + $(duration_ms "${ramp:-0}") + 20000))
fi

others=bookers
[[ $simulation != waitlist-rush ]] || others="sellers and waiting users"
log "running $class: $users users$( ((bookers == 0)) || echo " and $bookers $others") for $duration" \
	"over $instances instance(s), in $processes Gatling process(es)"
gatling_started=$(date +%s)
for ((p = 1; p <= processes; p++)); do
	share=$((users / processes + (p <= users % processes ? 1 : 0)))
	props=(-DbaseUrls="$base_urls_csv" -Dusers="$share" -Dduration="$duration" -Dcity="$city" -Ddate="$show_date"
		-DbookingsFile="$run_dir/seen-bookings-$p.csv" -DoutcomesFile="$run_dir/outcomes-$p.properties")
	[[ $simulation != waitlist-rush ]] || props+=(-DwaitlistFile="$run_dir/waitlist-$p.csv")
	[[ -z $ramp ]] || props+=(-Dramp="$ramp")
	[[ -z $show_ids ]] || props+=(-DshowIds="$show_ids")
	! $books || props+=(-DusersFile="$run_dir/users-$p.csv" -Dpassword="$user_password")
	if [[ $simulation == live-seat-map ]]; then
		props+=(-Dbookers="$((p == 1 ? bookers : 0))")
		# Bookers on the first instance, subscribers on the others: a subscriber then sees
		# changes only if they travel between instances, as API.md promises.
		if ((instances > 1)); then
			props+=(-DbookerBaseUrls="${base_urls[0]}" -DsubscriberBaseUrls="$(IFS=,; echo "${base_urls[*]:1}")")
		fi
	fi
	[[ -z $sale_opens_at ]] || props+=(-DsaleOpensAt="$sale_opens_at")
	[[ -z $max_ko ]] || props+=(-DmaxKoPercent="$max_ko")
	[[ -z $p99 ]] || props+=(-Dp99Ms="$p99")
	mkdir -p "$run_dir/gatling-$p"
	: >"$run_dir/gatling-$p.log"
	# The JVM options of gatling-maven-plugin; Gatling needs the two --add-opens.
	# shellcheck disable=SC2086 # GATLING_JAVA_OPTS is a list of options
	(cd "$here" && exec java -server ${GATLING_JAVA_OPTS:--Xms512m -Xmx2g} -XX:+HeapDumpOnOutOfMemoryError \
		-XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 --add-opens=java.base/java.lang=ALL-UNNAMED \
		--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED "${props[@]}" "${extra_props[@]}" \
		-cp "$classpath" io.gatling.app.Gatling --simulation "dev.boxoffice.load.$class" \
		--results-folder "$run_dir/gatling-$p" --run-description "$simulation, process $p of $processes") \
		>"$run_dir/gatling-$p.log" 2>&1 </dev/null &
	gatling_pids+=($!)
	echo "$!" >"$run_dir/gatling-$p.pid"
done
follower=""
if ((processes == 1)); then
	tail -n +1 -f "$run_dir/gatling-1.log" --pid "${gatling_pids[0]}" >&2 &
	follower=$!
else
	log "their output goes to $run_dir/gatling-<n>.log"
fi
for ((p = 1; p <= processes; p++)); do
	if ! wait "${gatling_pids[p - 1]}"; then
		gatling_failed=true
		log "Gatling process $p failed: see $run_dir/gatling-$p.log"
	fi
done
gatling_pids=()
gatling_ended=$(date +%s)
[[ -z $follower ]] || wait "$follower" 2>/dev/null || true

# ---------------------------------------------------------------------------------------
# What happened.
collect_results

# Threads, memory and CPU of the instances while the simulation ran.
awk -F, -v from="$gatling_started" -v to="$gatling_ended" -v hz="$(getconf CLK_TCK)" '
	function cpu(i) { return (t1[i] > t0[i]) ? 100 * (c1[i] - c0[i]) / hz / (t1[i] - t0[i]) : 0 }
	NR > 1 && $7 != "" && $1 >= from && $1 <= to {
		if (!($2 in t0)) { t0[$2] = $1; c0[$2] = $7 }
		t1[$2] = $1; c1[$2] = $7
		if ($4 == "") next
		if ($4 > threads[$2]) threads[$2] = $4
		if ($6 > heap[$2]) heap[$2] = $6
		if ($5 > rss[$2]) rss[$2] = $5
	}
	END {
		for (i in t0) {
			if (i in threads)
				printf "instance %s: max threads %d, max heap used %.0f MiB, max RSS %.0f MiB, mean CPU %.0f%% of a core\n",
					i, threads[i], heap[i] / 1048576, rss[i] / 1024, cpu(i)
			else
				printf "load generator %s: mean CPU %.0f%% of a core\n", i, cpu(i)
		}
	}' "$run_dir/instances.csv" | sort | while read -r line; do log "$line"; done
# Instances, backing services and Gatling share the cores, also with whatever else runs here.
log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
# Requests each instance served (warm-up included), to see that the load was spread.
for ((i = 1; i <= instances; i++)); do
	served=$(curl -fsS --max-time 5 "http://127.0.0.1:$((9080 + i))/actuator/prometheus" 2>/dev/null |
		awk '/^http_server_requests_seconds_count\{/ && !/uri="\/actuator/ {sum += $NF} END {printf "%.0f", sum}')
	log "instance $i served ${served:-?} API requests"
done

check_invariants
check_ledger
check_waitlist

finished=true
if $gatling_failed || $invariants_failed; then
	exit 1
fi
exit 0
