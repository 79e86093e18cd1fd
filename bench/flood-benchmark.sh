#!/usr/bin/env bash
# Cache-flooding benchmark (privacy and robustness issue): does one client sending distinct filtered
# low-zoom tiles slow the map down for everybody else? Run by hand, never in CI:
#
#   bench/flood-benchmark.sh [COUNT=1000000] [SECONDS=20] [FLOOD_RATE=200] [ROUNDS=3]
#
# Environment: FLOOD_BENCH_DIR (work directory, kept: the store is imported once), FLOOD_CONFIGS
# (which of the configurations below to run, default all three), FLOOD_CLIENT=shared (the flooding
# client shares the measured clients' HTTP client, as before 2026-12-05; default: its own).
#
# COUNT demo reports go into an embedded store (demo-data + import-reports). The server runs twice
# on it, trusting 127.0.0.1 as its proxy so that each client of the harness is its own address:
#   - "limits": the default configuration (render budget per client, cap on concurrent filtered
#     renders, filtered tiles in their own quarter of the cache);
#   - "no limits": budget, burst and concurrency so large they never bind (what the server did
#     before the limits; the canonical cache keys stay).
#   - "limits-50": the limits with twice the default render budget, to show what the budget buys;
#   - "burst-100" (only when named in FLOOD_CONFIGS): the default rate with a burst of 100 ms
#     instead of 500, to show what the burst at the start of each flood phase costs.
# For each, FloodBench measures, in ROUNDS interleaved rounds pooled per phase, the latency of
# default tiles for 4 other clients idle, while one
# more client sends FLOOD_RATE requests a second for cached default tiles (the control: the same
# stream of cheap requests), and while it sends FLOOD_RATE requests a second for the zoom 0-3 tiles
# over Poland with a filter never used before. The goal: p99 of the other clients under the flood
# within 2x of idle. Results: $WORK/results.txt.
set -euo pipefail
COUNT=${1:-1000000}
SECONDS_PER_PHASE=${2:-20}
FLOOD_RATE=${3:-200}
ROUNDS=${4:-3}
CONFIGS=${FLOOD_CONFIGS:-limits limits-50 no-limits}
CLIENT=${FLOOD_CLIENT:-own}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${FLOOD_BENCH_DIR:-$(mktemp -d /tmp/kmzb-flood.XXXXXX)}
mkdir -p "$WORK"
RESULTS=$WORK/results.txt
log() { echo "== $*" | tee -a "$RESULTS" >&2; }

(cd "$ROOT" && mvn -B -q package -DskipTests)
cp "$ROOT/server/app/target/kmzb-server.jar" "$ROOT/bench/harness/target/kmzb-bench.jar" "$WORK/"
log "$(date -u +%FT%TZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg); $COUNT reports; $ROUNDS rounds of $SECONDS_PER_PHASE s; flooder's HTTP client: $CLIENT"
if [ ! -f "$WORK/kmzb.sqlite" ]; then
  java -jar "$WORK/kmzb-server.jar" demo-data --count="$COUNT" --output="$WORK/reports.csv" >&2
  java -jar "$WORK/kmzb-server.jar" import-reports --file="$WORK/reports.csv" --embedded.file="$WORK/kmzb.sqlite" >&2
fi

SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true; }
trap cleanup EXIT

run() {
  local name=$1; shift
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  java -Xmx4g -jar "$WORK/kmzb-server.jar" --http.port="$port" --http.host=127.0.0.1 --access-log=off \
    --embedded.file="$WORK/kmzb.sqlite" --http.trusted-proxies=127.0.0.1 "$@" > "$WORK/server-$name.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"ready"' && break
    sleep 0.5
  done
  log "$name ($*); load $(cut -d' ' -f1-3 /proc/loadavg)"
  java -jar "$WORK/kmzb-bench.jar" flood "http://127.0.0.1:$port" "$SECONDS_PER_PHASE" "$FLOOD_RATE" "$ROUNDS" "$CLIENT" \
    | tee -a "$RESULTS"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
}

for config in $CONFIGS; do
  case $config in
    limits) run limits ;;
    limits-50) run limits-50 --tiles.filtered-render-ms-per-second=50 ;;
    burst-100) run burst-100 --tiles.filtered-render-burst-ms=100 ;;
    no-limits) run no-limits --tiles.filtered-render-ms-per-second=1000000 --tiles.filtered-render-burst-ms=1000000 \
      --tiles.filtered-render-concurrency=64 ;;
    *) echo "unknown configuration $config (limits, limits-50, burst-100, no-limits)" >&2; exit 2 ;;
  esac
done
log "done; results in $RESULTS"
