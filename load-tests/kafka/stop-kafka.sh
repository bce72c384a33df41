#!/usr/bin/env bash
# Stops the broker that start-kafka.sh started from DIR (default: the cache's run directory),
# gracefully first, then by force after 30 s.
#
#   load-tests/kafka/stop-kafka.sh [--dir DIR]
set -euo pipefail

dir=${BOXOFFICE_KAFKA_CACHE:-$HOME/.cache/boxoffice-kafka}/run
while (($#)); do
	case $1 in
	--dir) dir=$2; shift 2 ;;
	-h | --help) sed -n '2,5p' "$0"; exit 0 ;;
	*) echo "stop-kafka: unknown option $1" >&2; exit 2 ;;
	esac
done

pidfile=$dir/kafka.pid
[[ -f $pidfile ]] || exit 0
pid=$(cat "$pidfile")
if kill -0 "$pid" 2>/dev/null; then
	kill "$pid"
	for _ in $(seq 1 60); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "stop-kafka: broker $pid ignored SIGTERM for 30 s; killing it" >&2
		kill -9 "$pid" 2>/dev/null || true
	fi
fi
rm -f "$pidfile"
