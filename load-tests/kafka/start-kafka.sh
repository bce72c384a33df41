#!/usr/bin/env bash
# Starts a single-node Kafka broker in KRaft mode (one process is both broker and controller)
# on 127.0.0.1, from the Kafka jars on Maven Central: the machines reach no other download
# site, so there is no Kafka distribution to unpack. The jars are resolved once into a cache
# directory; every start formats a fresh, empty log directory.
#
#   load-tests/kafka/start-kafka.sh [--dir DIR] [--port 9092] [--controller-port 9093] [--heap 512m]
#
# Prints nothing on success but the broker's address; the broker's pid is in DIR/kafka.pid and
# its log in DIR/kafka.log. Stop it with stop-kafka.sh --dir DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
kafka_version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")
cache=${BOXOFFICE_KAFKA_CACHE:-$HOME/.cache/boxoffice-kafka}
libs=$cache/$kafka_version/libs
dir=$cache/run
port=9092
controller_port=9093
heap=512m

while (($#)); do
	case $1 in
	--dir) dir=$2; shift 2 ;;
	--port) port=$2; shift 2 ;;
	--controller-port) controller_port=$2; shift 2 ;;
	--heap) heap=$2; shift 2 ;;
	-h | --help) sed -n '2,12p' "$0"; exit 0 ;;
	*) echo "start-kafka: unknown option $1" >&2; exit 2 ;;
	esac
done

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if answers "$port"; then
	echo "start-kafka: something already listens on 127.0.0.1:$port; not starting a second broker" >&2
	exit 1
fi

# Resolve into a temporary directory and rename it, so an interrupted download never leaves a
# half-filled cache that later starts would trust.
if [[ ! -f $libs/.complete ]]; then
	echo "start-kafka: resolving org.apache.kafka:kafka_2.13:$kafka_version into $libs" >&2
	mkdir -p "$cache"
	tmp=$(mktemp -d "$cache/libs.XXXXXX")
	"$repo/mvnw" -B -q -f "$here/pom.xml" dependency:copy-dependencies \
		-DincludeScope=runtime -DoutputDirectory="$tmp" >&2
	touch "$tmp/.complete"
	rm -rf "$libs"
	mkdir -p "$(dirname "$libs")"
	mv "$tmp" "$libs"
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [[ -f $dir/kafka.pid ]] && kill -0 "$(cat "$dir/kafka.pid")" 2>/dev/null; then
	echo "start-kafka: a broker from $dir is still running (pid $(cat "$dir/kafka.pid"))" >&2
	exit 1
fi
rm -rf "$dir/data"
mkdir -p "$dir/data"

cat >"$dir/server.properties" <<PROPS
# Single node: this process is the whole cluster, broker and KRaft controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
auto.create.topics.enable=true
# One broker cannot keep more than one replica of anything.
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
# Consumers of a fresh group get their partitions at once instead of after 3 s.
group.initial.rebalance.delay.ms=0
PROPS

cat >"$dir/log4j2.properties" <<'PROPS'
rootLogger.level=INFO
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=INFO
logger.state.name=state.change.logger
logger.state.level=WARN
logger.request.name=kafka.request.logger
logger.request.level=WARN
PROPS

java_opts=(-Xms128m "-Xmx$heap" -XX:+UseG1GC -Djava.awt.headless=true
	"-Dlog4j2.configurationFile=$dir/log4j2.properties" "-Dkafka.logs.dir=$dir")
cluster_id=$(java -cp "$libs/*" "${java_opts[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
java -cp "$libs/*" "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" \
	-c "$dir/server.properties" >"$dir/format.log" 2>&1 || {
	cat "$dir/format.log" >&2
	exit 1
}

# setsid: the broker gets its own session, so a Ctrl-C meant for the caller's foreground job
# does not reach it; whoever started it stops it with stop-kafka.sh.
setsid java -cp "$libs/*" "${java_opts[@]}" kafka.Kafka "$dir/server.properties" \
	>"$dir/kafka.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$dir/kafka.pid"

for _ in $(seq 1 120); do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "start-kafka: the broker exited during start-up; last lines of $dir/kafka.log:" >&2
		tail -n 30 "$dir/kafka.log" >&2
		rm -f "$dir/kafka.pid"
		exit 1
	fi
	if answers "$port" && grep -q 'Kafka Server started' "$dir/kafka.log"; then
		echo "127.0.0.1:$port"
		exit 0
	fi
	sleep 0.5
done
echo "start-kafka: the broker did not accept connections on 127.0.0.1:$port within 60 s" >&2
kill "$pid" 2>/dev/null || true
rm -f "$dir/kafka.pid"
exit 1
