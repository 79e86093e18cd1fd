#!/usr/bin/env bash
# A 60-second mixed load through the runnable jar, on the embedded store and on PostGIS: vector tiles,
# WMS GetMap, WFS GetFeature, OGC API items, report ingest and the officer API's status moves, at the
# ratios bench/mixed-load/MixedLoad.java states (55 : 10 : 8 : 12 : 10 : 5), from WORKERS closed-loop
# clients. Prints p50/p99/max per operation, error counts, and the server's RSS and heap sampled every
# second (start, max, end) so bounded memory shows.
#
#   mvn -B -q -pl server/app -am package -DskipTests
#   bench/mixed-load.sh [STORES="embedded postgis"] [DEMO_REPORTS=1000000] [SECONDS=60] [WORKERS=8]
#
# The servers run with -Xmx1g (HEAP to change it). Work files (data file, server logs, results) in
# ${MIXED_LOAD_DIR:-a new /tmp/kmzb-mixed-load.XXXX}; a demo data set is generated once per store and
# kept there, so a second run with the same directory starts at once. Needs the PostgreSQL packages
# db/pg-test-cluster.sh installs (it installs them) for the PostGIS run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
JAR=${JAR:-$ROOT/server/app/target/kmzb-server.jar}
STORES=${1:-"embedded postgis"}
DEMO=${2:-1000000}
SECONDS_=${3:-60}
WORKERS=${4:-8}
HEAP=${HEAP:-1g}
ADMIN=mixed-load-admin
log() { printf 'mixed-load: %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

[ -f "$JAR" ] || die "build the jar first: mvn -B -q -pl server/app -am package -DskipTests"
WORK=${MIXED_LOAD_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/kmzb-mixed-load.XXXXXX")}
mkdir -p "$WORK"
SERVER=""
PG_STATE=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    [ -z "$PG_STATE" ] || [ -n "${KEEP_PG:-}" ] || bash "$ROOT/db/pg-test-cluster.sh" stop "$PG_STATE" 2>/dev/null || true
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# run STORE SETTINGS...: starts the server, waits for /health, runs the load, stops the server.
run() {
    local store=$1; shift
    local port t0
    port=$(free_port)
    log "$store: starting the server ($DEMO demo reports; generated on the first run only)"
    t0=$(date +%s)
    java -Xmx"$HEAP" -jar "$JAR" --http.host=127.0.0.1 --http.port="$port" --access-log=off \
        --demo.reports="$DEMO" --auth.admin-password="$ADMIN" --http.trusted-proxies=127.0.0.1 \
        --citizen.reports-per-window=1000000 "$@" >"$WORK/server-$store.log" 2>&1 &
    SERVER=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]; do
        kill -0 "$SERVER" 2>/dev/null || { tail -n 30 "$WORK/server-$store.log" >&2; die "$store server exited"; }
        [ $(( $(date +%s) - t0 )) -lt 3600 ] || die "$store server not ready within an hour"
        sleep 1
    done
    log "$store: ready after $(( $(date +%s) - t0 )) s"
    # The start-up work beside serving (/health's "background" for an administrator: the analytics
    # layers' first computation, the WFS rank checkpoints) would share the processors with the load.
    for _ in $(seq 1 600); do
        curl -fs -u "admin:$ADMIN" "http://127.0.0.1:$port/health" | grep -q '"background"' || break
        sleep 1
    done
    log "$store: quiet after $(( $(date +%s) - t0 )) s; load for $SECONDS_ s with $WORKERS workers"
    {
        echo "== $store, $DEMO demo reports, $(date -u +%FT%TZ), $(nproc) cores"
        echo "uptime before: $(uptime)"
        java -Xmx512m "$ROOT/bench/mixed-load/MixedLoad.java" "http://127.0.0.1:$port" "$SECONDS_" "$WORKERS" \
            "$SERVER" "$ADMIN"
        echo "uptime after: $(uptime)"
    } | tee "$WORK/result-$store.txt"
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
    SERVER=""
}

for store in $STORES; do
    case "$store" in
        embedded) run embedded --store=embedded --embedded.file="$WORK/kmzb.sqlite" ;;
        postgis)
            if [ -f "$WORK/pg-state" ] && bash "$ROOT/db/pg-test-cluster.sh" restart "$(cat "$WORK/pg-state")" >&2; then
                PG_STATE=$(cat "$WORK/pg-state")
                url="jdbc:postgresql://127.0.0.1:$(cat "$PG_STATE/port")/kmzb?user=postgres"
            else
                out=$(bash "$ROOT/db/pg-test-cluster.sh" start)
                url=$(sed -n 's/^\(jdbc:.*\)$/\1/p' <<<"$out")
                PG_STATE=$(sed -n 's/^STATE_DIR=//p' <<<"$out")
                [ -z "${KEEP_PG:-}" ] || echo "$PG_STATE" >"$WORK/pg-state"
            fi
            run postgis --store=postgis --postgis.url="$url" --index.snapshot-dir="$WORK/snapshots"
            ;;
        *) die "unknown store '$store' (embedded or postgis)" ;;
    esac
done
log "results in $WORK/result-*.txt"
