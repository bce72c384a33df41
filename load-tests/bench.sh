#!/usr/bin/env bash
# Measures BoxOffice's hot paths against a "floor" in the same run: a minimal WebFlux app on
# the same stack (load-tests/floor/) that does only the unavoidable part of each request. A
# pair's ratio says how much of what this machine can serve the service's own work leaves.
# Starts what is missing (PostgreSQL, Redis, a Kafka broker), one BoxOffice instance on
# 127.0.0.1:8080 and the floor on 127.0.0.1:8090, provisions a catalog and users through the
# API, then for each pair warms both up and runs wrk against BoxOffice, then the floor,
# --rounds times, and prints one line per pair. Stops everything it started, also on failure
# or Ctrl-C. See load-tests/README.md.
#
#   load-tests/bench.sh --duration 20s --warmup 20s --rounds 3
set -Eeuo pipefail

usage() {
	cat <<'EOF'
Usage: load-tests/bench.sh [options]

  --duration D          each measured wrk run: 20s, 1m, ... (default 20s)
  --warmup D            warm-up per pair, of each app, before its rounds (default 20s; 0: none)
  --connections N       wrk connections (default 64)
  --threads N           wrk threads (default 2)
  --timeout D           wrk's request time-out: slower answers count as errors, not in the
                        latencies (default 10s; wrk's own is 2s)
  --rounds N            measured runs per app and pair, BoxOffice and floor alternating;
                        the line shows the median of each figure (default 1)
  --only a,b            a subset of the pairs: health, show, seatmap, hold-10k, hold-500, booking
  --users N             users registered through the API; holds and bookings pick one at
                        random per request (default 64)
  --booking-users N     wrk connections of the booking pair, and pgbench clients (default 16)
  --jar PATH            service jar (default: <repo>/target/boxoffice.jar, built when absent)
  --java-opts "..."     JVM options of BOTH apps (default: -Xms256m -Xmx1g)
  --java-home DIR       run BOTH apps on DIR/bin/java, e.g. the runtime the image ships
                        (default: the java on PATH)
  --jfr                 record a JFR of the BoxOffice instance for the whole run (boxoffice.jfr)
  --leak-detection      start BoxOffice with -Dio.netty.leakDetection.level=paranoid
  -h, --help            this help

Output: one line per pair, for example
  pair=seatmap boxoffice_rps=2410 boxoffice_p50_ms=21.3 boxoffice_p99_ms=60.2 floor_rps=3120 ...
then the machine's load and leaks=N. Logs and wrk outputs: load-tests/target/bench/<UTC time>/.
EOF
}

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)

all_pairs=(health show seatmap hold-10k hold-500 booking)
duration=20s
warmup=20s
connections=64
threads=2
timeout=10s
rounds=1
only=""
users=64
booking_users=16
jar=""
java_opts="-Xms256m -Xmx1g"
java_cmd=java
jfr=false
leak_detection=false

# The bench's own ports, database and Redis database: apart from run.sh's and the tests'.
port=8080
management_port=8091
floor_port=8090
database=boxoffice_bench
redis_db=13

bad_usage() { echo "bench.sh: $*" >&2; usage >&2; exit 2; }
while (($#)); do
	case $1 in
	--duration) duration=${2:?}; shift 2 ;;
	--warmup) warmup=${2:?}; shift 2 ;;
	--connections) connections=${2:?}; shift 2 ;;
	--threads) threads=${2:?}; shift 2 ;;
	--timeout) timeout=${2:?}; shift 2 ;;
	--rounds) rounds=${2:?}; shift 2 ;;
	--only) only=${2:?}; shift 2 ;;
	--users) users=${2:?}; shift 2 ;;
	--booking-users) booking_users=${2:?}; shift 2 ;;
	--jar) jar=${2:?}; shift 2 ;;
	--java-opts) java_opts=${2?}; shift 2 ;;
	--java-home) java_cmd=${2:?}/bin/java; shift 2 ;;
	--jfr) jfr=true; shift ;;
	--leak-detection) leak_detection=true; shift ;;
	-h | --help) usage; exit 0 ;;
	*) bad_usage "unknown option $1" ;;
	esac
done

is_positive() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }
is_duration() { [[ $1 =~ ^[0-9]+(s|m|h)?$ ]]; }
seconds_of() { # 20s, 2m, 1h or bare seconds -> seconds
	[[ $1 =~ ^([0-9]+)(s|m|h)?$ ]]
	case ${BASH_REMATCH[2]} in
	m) echo $((BASH_REMATCH[1] * 60)) ;;
	h) echo $((BASH_REMATCH[1] * 3600)) ;;
	*) echo "${BASH_REMATCH[1]}" ;;
	esac
}
is_duration "$duration" && (($(seconds_of "$duration") > 0)) || bad_usage "--duration must look like 20s, 2m or 1h"
is_duration "$warmup" || bad_usage "--warmup must look like 20s, 2m or 0"
is_duration "$timeout" && (($(seconds_of "$timeout") > 0)) || bad_usage "--timeout must look like 10s or 1m"
for option in connections threads rounds users booking_users; do
	is_positive "${!option}" || bad_usage "--${option//_/-} must be a positive integer"
done
((threads <= connections)) || bad_usage "--threads must not exceed --connections (wrk gives each thread connections)"
pairs=()
if [[ -z $only ]]; then
	pairs=("${all_pairs[@]}")
else
	IFS=, read -r -a wanted <<<"$only"
	for name in "${wanted[@]}"; do
		[[ " ${all_pairs[*]} " == *" $name "* ]] || bad_usage "unknown pair '$name' (${all_pairs[*]})"
	done
	# Always in the order of all_pairs: the seat map is measured before holds change it.
	for name in "${all_pairs[@]}"; do
		[[ ",$only," == *",$name,"* ]] && pairs+=("$name")
	done
fi
wants() { [[ " ${pairs[*]} " == *" $1 "* ]]; }
# Every pair but booking (which compares with pgbench) needs the floor.
needs_floor=false
for name in "${pairs[@]}"; do [[ $name == booking ]] || needs_floor=true; done

log() { printf '%s bench.sh: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
psql_admin() { PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -X -q "$@"; }

for tool in wrk curl jq psql redis-cli "$java_cmd"; do
	command -v "$tool" >/dev/null || die "$tool is not installed"
done
! wants booking || command -v pgbench >/dev/null || die "pgbench is not installed (the booking pair needs it)"

run_dir=$here/target/bench/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$run_dir"
ln -sfn "$run_dir" "$here/target/bench/latest"
results=$run_dir/results.txt
: >"$results"
# A result line: on stdout, and kept with the run.
result() { echo "$*" | tee -a "$results"; }

# ---------------------------------------------------------------------------------------
# Clean-up: whatever this run started is stopped, on every way out.
started_postgres=""
started_redis=false
started_kafka=false
boxoffice_pid=""
floor_pid=""

stop_pid() { # pid, seconds to wait after SIGTERM before SIGKILL
	local pid=$1 wait_s=$2
	[[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 $((wait_s * 4))); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.25
	done
	log "pid $pid ignored SIGTERM for ${wait_s}s; killing it"
	kill -KILL "$pid" 2>/dev/null || true
}

stop_apps() {
	# SIGTERM lets BoxOffice finish its JFR recording (dumponexit) and shut down gracefully.
	[[ -z $boxoffice_pid ]] || kill -TERM "$boxoffice_pid" 2>/dev/null || true
	stop_pid "$floor_pid" 20
	stop_pid "$boxoffice_pid" 40
	boxoffice_pid="" floor_pid=""
}

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	set +e
	stop_apps
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
	exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# ---------------------------------------------------------------------------------------
# What is measured, and on what.
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git -C "$repo" status --porcelain 2>/dev/null) ]] || commit+=+dirty
load_before=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)
result "bench: commit=$commit pairs=$(IFS=,; echo "${pairs[*]}") duration=$duration warmup=$warmup" \
	"connections=$connections threads=$threads timeout=$timeout rounds=$rounds booking_users=$booking_users" \
	"java_opts=\"$java_opts\" jfr=$jfr leak_detection=$leak_detection"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
for p in $port $management_port $floor_port; do
	! answers "$p" || die "127.0.0.1:$p is already in use; stop what listens there first"
done

# ---------------------------------------------------------------------------------------
# Backing services, as run.sh starts them.
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
	"$here/kafka/start-kafka.sh" --dir "$run_dir/kafka" >/dev/null || die "the Kafka broker did not start"
fi
redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" flushdb >/dev/null
log "creating a fresh database $database"
psql_admin -d postgres -c "drop database if exists $database with (force)" -c "create database $database"

# ---------------------------------------------------------------------------------------
# The jars: the service's (built when absent), and the floor's (built when absent or older
# than its sources).
if [[ -z $jar ]]; then
	jar=$repo/target/boxoffice.jar
	if [[ ! -f $jar ]]; then
		log "building the service jar"
		(cd "$repo" && ./mvnw -B -q -DskipTests package) >"$run_dir/build-boxoffice.log" 2>&1 ||
			{ tail -n 40 "$run_dir/build-boxoffice.log" >&2; die "the service jar does not build"; }
	elif [[ -n $(find "$repo/src/main" "$repo/pom.xml" -newer "$jar" -type f -print -quit) ]]; then
		log "WARNING: $jar is older than src/main: it measures the code of its last build"
	fi
fi
[[ -f $jar ]] || die "no service jar at $jar"
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
floor_jar=$here/floor/target/floor.jar
if $needs_floor && [[ ! -f $floor_jar || -n $(find "$here/floor/src" "$here/floor/pom.xml" -newer "$floor_jar" -type f -print -quit) ]]; then
	log "building the floor"
	"$repo/mvnw" -B -q -f "$here/floor/pom.xml" -DskipTests package >"$run_dir/build-floor.log" 2>&1 ||
		{ tail -n 40 "$run_dir/build-floor.log" >&2; die "the floor does not build"; }
fi

# ---------------------------------------------------------------------------------------
# The two apps, with the same JVM options.
random_text() { # length; tr dies of SIGPIPE when head has enough, which is no failure
	(set +o pipefail; LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c "$1")
}
admin_email=admin@bench.boxoffice.test
admin_password=$(random_text 24)
user_password=bench-$(random_text 16)

read -r -a jvm <<<"$java_opts"
boxoffice_jvm=("${jvm[@]}")
! $jfr || boxoffice_jvm+=("-XX:StartFlightRecording=filename=$run_dir/boxoffice.jfr,settings=profile,dumponexit=true")
! $leak_detection || boxoffice_jvm+=(-Dio.netty.leakDetection.level=paranoid)

log "starting BoxOffice from $jar on 127.0.0.1:$port"
# The last four variables are for a service that reads them: no rate limits and no caps
# (wrk drives every user from one address, much faster than a person), actuator on its
# management port. BOXOFFICE_JWT_TTL: tokens outlive long runs.
SERVER_PORT=$port \
	SPRING_R2DBC_URL=r2dbc:postgresql://127.0.0.1:5432/$database \
	SPRING_R2DBC_USERNAME=postgres SPRING_R2DBC_PASSWORD= \
	SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=6379 SPRING_DATA_REDIS_DATABASE=$redis_db \
	SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 \
	BOXOFFICE_JWT_SECRET=$(random_text 48) BOXOFFICE_JWT_TTL=PT12H \
	BOXOFFICE_ADMIN_EMAIL=$admin_email BOXOFFICE_ADMIN_PASSWORD=$admin_password \
	BOXOFFICE_RATE_LIMITS_ENABLED=false BOXOFFICE_MAX_HELD_SEATS_PER_USER=0 \
	BOXOFFICE_MAX_STREAMS_PER_CLIENT=0 MANAGEMENT_SERVER_PORT=$management_port \
	"$java_cmd" "${boxoffice_jvm[@]}" -jar "$jar" >"$run_dir/boxoffice.log" 2>&1 </dev/null &
boxoffice_pid=$!
echo "$boxoffice_pid" >"$run_dir/boxoffice.pid"

if $needs_floor; then
	log "starting the floor on 127.0.0.1:$floor_port"
	SERVER_PORT=$floor_port \
		SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=6379 SPRING_DATA_REDIS_DATABASE=$redis_db \
		"$java_cmd" "${jvm[@]}" -jar "$floor_jar" >"$run_dir/floor.log" 2>&1 </dev/null &
	floor_pid=$!
	echo "$floor_pid" >"$run_dir/floor.pid"
fi

# The actuator is moving to the management port: the first port whose readiness says UP.
health_base=""
for _ in $(seq 1 360); do
	kill -0 "$boxoffice_pid" 2>/dev/null ||
		{ tail -n 40 "$run_dir/boxoffice.log" >&2; die "BoxOffice (pid $boxoffice_pid) exited during start-up"; }
	for p in $management_port $port; do
		if curl -fsS --max-time 2 "http://127.0.0.1:$p/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
			health_base=http://127.0.0.1:$p
			break 2
		fi
	done
	sleep 0.5
done
[[ -n $health_base ]] || { tail -n 40 "$run_dir/boxoffice.log" >&2; die "BoxOffice was not ready within 180 s"; }
log "BoxOffice ready (pid $boxoffice_pid; actuator on $health_base)"
if $needs_floor; then
	for _ in $(seq 1 240); do
		kill -0 "$floor_pid" 2>/dev/null || { tail -n 40 "$run_dir/floor.log" >&2; die "the floor exited during start-up"; }
		curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$floor_port/small" 2>/dev/null && break
		sleep 0.5
	done
	curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$floor_port/small" || die "the floor was not ready within 120 s"
	log "floor ready (pid $floor_pid)"
fi

# ---------------------------------------------------------------------------------------
# Catalog, provisioned through the API as the administrator.
base=http://127.0.0.1:$port
floor=http://127.0.0.1:$floor_port
admin_token=""
api() { # method path [json] -> body on stdout; fails on a non-2xx answer
	local method=$1 path=$2 body=${3:-} out status
	out=$(mktemp)
	status=$(curl -sS --max-time 30 -o "$out" -w '%{http_code}' -X "$method" "$base/api/v1$path" \
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
is_id() { [[ $1 =~ ^[0-9a-f-]{36}$ ]]; }

log "provisioning the catalog"
admin_token=$(api POST /auth/login "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" | jq -r .accessToken)
[[ -n $admin_token && $admin_token != null ]] || die "the administrator cannot log in"
theater=$(api POST /theaters '{"name":"Bench Palace","city":"Benchville","address":"1 Floor Street"}' | jq -r .theaterId)
is_id "$theater" || die "no theater"
rows_json() { # rows seats -> rows labelled A..Z, AA..AZ, BA.. (as bench/common.lua labels them)
	seq 1 "$1" | awk -v seats="$2" '
		function letter(n) { return substr("ABCDEFGHIJKLMNOPQRSTUVWXYZ", n, 1) }
		{
			label = ($1 <= 26) ? letter($1) : letter(int(($1 - 1) / 26)) letter(($1 - 1) % 26 + 1)
			printf "{\"label\":\"%s\",\"seats\":%d,\"category\":\"STANDARD\"}\n", label, seats
		}' | jq -s -c .
}
# Grand: 100 rows (A..Z, AA..CV) of 100 seats; Hall 500: 20 rows (A..T) of 25.
grand_rows=$(rows_json 100 100)
hall500_rows=$(rows_json 20 25)
grand=$(api POST "/theaters/$theater/halls" "{\"name\":\"Grand\",\"rows\":$grand_rows}" | jq -r .hallId)
hall500=$(api POST "/theaters/$theater/halls" "{\"name\":\"Hall 500\",\"rows\":$hall500_rows}" | jq -r .hallId)
movie=$(api POST /movies '{"title":"The Floor","durationMinutes":60,"genres":["DRAMA"],"rating":"PG-13","description":"Provisioned by bench.sh."}' | jq -r .movieId)
for id in "$grand" "$hall500" "$movie"; do is_id "$id" || die "provisioning returned '$id' where an id was expected"; done

# Shows 3 hours apart from tomorrow 00:00 UTC, so that none overlaps another in its hall.
first_start=$(date -u -d "$(date -u -d tomorrow +%F) 00:00:00Z" +%s)
create_shows() { # hall count file
	local hall=$1 count=$2 file=$3 k starts show
	for ((k = 0; k < count; k++)); do
		starts=$(date -u -d "@$((first_start + shows_made * 3 * 3600))" +%FT%TZ)
		show=$(api POST /shows "{\"movieId\":\"$movie\",\"hallId\":\"$hall\",\"startsAt\":\"$starts\",\"prices\":{\"STANDARD\":1200},\"currency\":\"EUR\"}" |
			jq -r .showId)
		is_id "$show" || die "no show created at $starts"
		echo "$show" >>"$file"
		shows_made=$((shows_made + 1))
	done
}
rm -f "$run_dir/grand-shows.txt" "$run_dir/booking-shows.txt" "$run_dir/hall500-shows.txt"
shows_made=0
create_shows "$grand" 30 "$run_dir/grand-shows.txt"
# The booking pair's own Grand shows: 60,000 seats, so that confirmed bookings, which stay,
# do not fill them in a long run.
create_shows "$grand" 6 "$run_dir/booking-shows.txt"
shows_made=0
create_shows "$hall500" 39 "$run_dir/hall500-shows.txt"
seat_show=$(head -n 1 "$run_dir/hall500-shows.txt")
log "catalog: 1 theater, halls Grand (10,000 seats: 30 shows + 6 for bookings) and Hall 500 (39 shows)"

# Users, registered and logged in through the API. Registration hashes the password on
# purpose slowly, so four at a time.
register_user() { # n -> access token
	local email=bench-user-$1@boxoffice.test
	curl -fsS --max-time 120 -o /dev/null -X POST "$base/api/v1/auth/register" -H 'Content-Type: application/json' \
		--data "{\"email\":\"$email\",\"password\":\"$user_password\",\"displayName\":\"Bench User $1\"}" || return 1
	curl -fsS --max-time 120 -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
		--data "{\"email\":\"$email\",\"password\":\"$user_password\"}" | jq -er .accessToken
}
export -f register_user
export base user_password
log "registering $users users"
seq 1 "$users" | xargs -P 4 -I{} bash -c 'register_user {}' >"$run_dir/tokens.txt" ||
	die "registering or logging in users failed"
(($(grep -c . "$run_dir/tokens.txt") == users)) || die "got $(grep -c . "$run_dir/tokens.txt") tokens for $users users"

# ---------------------------------------------------------------------------------------
# The pairs.
wrk_run() { # out-file connections duration url [lua script and its arguments]
	local out=$1 c=$2 d=$3 url=$4 t=$threads
	shift 4
	((t <= c)) || t=$c
	local script=()
	if (($#)); then
		script=(-s "$1")
		shift
	fi
	(($# == 0)) || set -- -- "$@"
	wrk -t"$t" -c"$c" -d"$d" --timeout "$timeout" --latency "${script[@]}" "$url" "$@" >"$out" 2>&1 ||
		{ cat "$out" >&2; die "wrk failed: see $out"; }
}

# "rps p50_ms p99_ms errors ok conflicts other" of one wrk output. errors: socket errors, plus
# non-2xx answers when the script does not count statuses itself.
wrk_figures() {
	awk '
		function ms(v) {
			if (v ~ /us$/) return v / 1000
			if (v ~ /ms$/) return v + 0
			if (v ~ /m$/) return v * 60000
			if (v ~ /s$/) return v * 1000
			return v
		}
		/Requests\/sec:/ { rps = $2 }
		/^ +50%/ { p50 = ms($2) }
		/^ +99%/ { p99 = ms($2) }
		/Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
		/Non-2xx or 3xx responses:/ { non2xx = $NF }
		/^statuses:/ { counted = 1; for (i = 2; i <= NF; i++) { split($i, kv, "="); s[kv[1]] = kv[2] } }
		END {
			if (!counted) errors += non2xx
			printf "%.0f %.1f %.1f %d %d %d %d\n", rps, p50, p99, errors, s["ok"], s["conflicts"], s["other"]
		}' "$1"
}

# Where BoxOffice's CPU goes while wrk drives it: the CPU time of its threads, grouped by
# what they do, from /proc (JFR's sampler misses most of it on a saturated 2-core machine,
# and says nothing of the JIT compiler's threads).
thread_ticks() { # pid -> "name ticks" per thread (user + system clock ticks)
	local stat
	for stat in /proc/"$1"/task/*/stat; do
		# The name is in parentheses and may hold spaces; the fields after it start at 3.
		sed -E 's/^[0-9]+ \((.*)\) (.*)$/\1\t\2/' "$stat" 2>/dev/null |
			awk -F'\t' '{ split($2, f, " "); print $1 "\t" f[12] + f[13] }'
	done
}
thread_group() { # thread name -> what it does
	case $1 in
	reactor-http-*) echo http ;;
	reactor-tcp-*) echo database ;;
	lettuce-* | redisson-*) echo redis ;;
	*kafka*) echo kafka ;;
	parallel-*) echo parallel ;;
	boundedElastic-*) echo elastic ;;
	C1\ Compiler* | C2\ Compiler*) echo jit ;;
	GC\ Thread* | G1\ * | VM\ Thread) echo gc ;;
	*) echo other ;;
	esac
}
# "group cores" lines: CPU per group between two thread_ticks outputs, over seconds.
cpu_by_group() { # before-file after-file seconds
	local name ticks hz
	hz=$(getconf CLK_TCK)
	awk -F'\t' 'NR == FNR { before[$1] += $2; next } { after[$1] += $2 }
		END { for (n in after) if (after[n] > before[n]) print n "\t" after[n] - before[n] }' "$1" "$2" |
		while IFS=$'\t' read -r name ticks; do
			echo "$(thread_group "$name") $ticks"
		done |
		awk -v s="$3" -v hz="$hz" '{ t[$1] += $2; all += $2 }
			END { printf "cores=%.2f", all / hz / s; for (g in t) printf " %s=%.2f", g, t[g] / hz / s; print "" }'
}

median() { # numbers -> their median
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
round1() { printf '%.1f' "$1"; }
round0() { printf '%.0f' "$1"; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }'; }

# What each side of a pair requests: "URL [script args...]".
pair_target() { # pair app
	local tokens=$run_dir/tokens.txt url=$base
	[[ $2 != floor ]] || url=$floor
	case $1:$2 in
	health:boxoffice) echo "$health_base/actuator/health/liveness" ;;
	show:boxoffice) echo "$base/api/v1/shows/$seat_show" ;;
	seatmap:boxoffice) echo "$base/api/v1/shows/$seat_show/seats" ;;
	health:floor | show:floor) echo "$floor/small" ;;
	seatmap:floor) echo "$floor/seats" ;;
	hold-10k:*) echo "$url $here/bench/holds.lua $2 $tokens $run_dir/grand-shows.txt 100 100" ;;
	hold-500:*) echo "$url $here/bench/holds.lua $2 $tokens $run_dir/hall500-shows.txt 20 25" ;;
	booking:boxoffice) echo "$base $here/bench/booking.lua $tokens $run_dir/booking-shows.txt 100 100" ;;
	esac
}

run_app() { # pair app out-file duration
	local target c=$connections
	read -r -a target <<<"$(pair_target "$1" "$2")"
	[[ $1 != booking ]] || c=$booking_users
	wrk_run "$3" "$c" "$4" "${target[@]}"
}

pgbench_tps() { # out-file -> tps of PostgreSQL's own booking transaction (limits.sh)
	"$here/limits.sh" --pg-only --clients "$booking_users" "$(seconds_of "$duration")" >"$1" 2>&1 ||
		{ cat "$1" >&2; die "limits.sh failed: see $1"; }
	awk '/^tps = / { printf "%.0f\n", $3 }' "$1"
}

measure_pair() { # pair
	local pair=$1 app r figures
	local bo_rps=() bo_p50=() bo_p99=() ok=() conflicts=() other=() fl_rps=() fl_p50=() fl_p99=()
	local bookings=() holds=() pg=() cpu=() errors=0 started
	local apps=(boxoffice floor)
	[[ $pair != booking ]] || apps=(boxoffice)
	if (($(seconds_of "$warmup") > 0)); then
		log "$pair: warming up ${apps[*]} for $warmup each"
		for app in "${apps[@]}"; do
			run_app "$pair" "$app" "$run_dir/$pair-warmup-$app.txt" "$warmup"
		done
	fi
	for ((r = 1; r <= rounds; r++)); do
		log "$pair: round $r of $rounds"
		thread_ticks "$boxoffice_pid" >"$run_dir/$pair-$r-threads-before.txt"
		started=$(date +%s.%N)
		run_app "$pair" boxoffice "$run_dir/$pair-$r-boxoffice.txt" "$duration"
		thread_ticks "$boxoffice_pid" >"$run_dir/$pair-$r-threads-after.txt"
		cpu+=("$(cpu_by_group "$run_dir/$pair-$r-threads-before.txt" "$run_dir/$pair-$r-threads-after.txt" \
			"$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')")")
		read -r -a figures <<<"$(wrk_figures "$run_dir/$pair-$r-boxoffice.txt")"
		bo_rps+=("${figures[0]}") bo_p50+=("${figures[1]}") bo_p99+=("${figures[2]}")
		ok+=("${figures[4]}") conflicts+=("${figures[5]}") other+=("${figures[6]}")
		errors=$((errors + figures[3]))
		if [[ $pair == booking ]]; then
			bookings+=("$(sed -n 's/^booking: .*bookings_per_s=\([0-9.]*\).*/\1/p' "$run_dir/$pair-$r-boxoffice.txt")")
			holds+=("$(sed -n 's/^booking: .* holds=\([0-9]*\).*/\1/p' "$run_dir/$pair-$r-boxoffice.txt")")
			log "$pair: round $r of $rounds, pgbench"
			pg+=("$(pgbench_tps "$run_dir/$pair-$r-pgbench.txt")")
			continue
		fi
		run_app "$pair" floor "$run_dir/$pair-$r-floor.txt" "$duration"
		read -r -a figures <<<"$(wrk_figures "$run_dir/$pair-$r-floor.txt")"
		fl_rps+=("${figures[0]}") fl_p50+=("${figures[1]}") fl_p99+=("${figures[2]}")
		# The floor's holds all succeed; anything else it answers is an error.
		errors=$((errors + figures[3] + figures[5] + figures[6]))
	done
	local line="pair=$pair boxoffice_rps=$(round0 "$(median "${bo_rps[@]}")")"
	line+=" boxoffice_p50_ms=$(round1 "$(median "${bo_p50[@]}")") boxoffice_p99_ms=$(round1 "$(median "${bo_p99[@]}")")"
	if [[ $pair == booking ]]; then
		local per_s tps
		per_s=$(round1 "$(median "${bookings[@]}")")
		tps=$(round0 "$(median "${pg[@]}")")
		line+=" bookings_per_s=$per_s holds=$(round0 "$(median "${holds[@]}")")"
		line+=" conflicts=$(round0 "$(median "${conflicts[@]}")") other=$(round0 "$(median "${other[@]}")")"
		line+=" pgbench_tps=$tps ratio=$(percent "$per_s" "$tps")"
	else
		line+=" floor_rps=$(round0 "$(median "${fl_rps[@]}")")"
		line+=" floor_p50_ms=$(round1 "$(median "${fl_p50[@]}")") floor_p99_ms=$(round1 "$(median "${fl_p99[@]}")")"
		line+=" ratio=$(percent "$(median "${bo_rps[@]}")" "$(median "${fl_rps[@]}")")"
		if [[ $pair == hold-* ]]; then
			line+=" ok=$(round0 "$(median "${ok[@]}")") conflicts=$(round0 "$(median "${conflicts[@]}")")"
			line+=" other=$(round0 "$(median "${other[@]}")")"
		fi
	fi
	line+=" errors=$errors"
	result "$line"
	# The last round's: rounds differ in the JIT's progress, not in where the time goes.
	result "cpu pair=$pair ${cpu[-1]}"
}

for pair in "${pairs[@]}"; do
	measure_pair "$pair"
done

# ---------------------------------------------------------------------------------------
# Leaks: Netty reports a leaked buffer when the garbage collector has found it, so collect
# garbage and serve a few requests before the apps stop and their logs are read.
load_after=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)
if $leak_detection; then
	for pid in "$boxoffice_pid" "$floor_pid"; do
		[[ -z $pid ]] || jcmd "$pid" GC.run >/dev/null 2>&1 || true
	done
	sleep 1
	for _ in 1 2 3 4 5; do
		curl -s -o /dev/null "$base/api/v1/shows/$seat_show/seats" || true
		! $needs_floor || curl -s -o /dev/null "$floor/seats" || true
	done
fi
log "stopping BoxOffice and the floor"
stop_apps
logs=("$run_dir/boxoffice.log")
! $needs_floor || logs+=("$run_dir/floor.log")
leaks=$(cat "${logs[@]}" | grep -c LEAK || true)
result "machine: cores=$(nproc) load_before=$load_before load_after=$load_after java=$("$java_cmd" -version 2>&1 | awk -F'"' 'NR == 1 { print $2 }')"
result "leaks=$leaks"
if ((leaks > 0)); then
	log "LEAK reports in the logs:"
	grep -h LEAK "${logs[@]}" | head -n 5 >&2
	exit 1
fi
exit 0
