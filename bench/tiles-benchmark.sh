#!/usr/bin/env bash
# Clustered-tiles benchmark: every goal of the clustered-tiles issue in one run, peers side by side.
# Run by hand, never in CI (it takes 20-40 minutes and wants the machine to itself):
#
#   bench/tiles-benchmark.sh [INDEX_COUNTS="1000000 5000000"] [SERVER_COUNT=1000000] [PARTS="index server"]
#
# index part, for each count of demo reports in INDEX_COUNTS (fixed seed and clock):
#   - index build time and retained heap: ours (TileBench build) against Supercluster 9 on Node
#     (bench/tiles/supercluster, radius 40, extent 512, maxZoom 16) on the same public points;
#   - the tile sample (bench/tiles/sample.mjs: every tile over Poland at z0-z6 plus 200 per zoom
#     z7-z16 drawn by report density), then cold tiles in process, default and filtered.
# server part, on PostGIS holding SERVER_COUNT demo reports (imported with import-reports):
#   - cold tiles over HTTP on a freshly started server, idle;
#   - freshness: 200 reports/s through the officer API of server A while probes are polled on a
#     second server B (the replica path: NOTIFY + change log) with a cold pass over the sample on
#     B under that load, then the same with probes polled on A itself;
#   - cached tiles: bench/tiles/cached-benchmark.sh (wrk cold and warm, nginx ceiling) on a freshly
#     started server;
#   - the PostGIS peer (bench/tiles/postgis-peer.sql, ST_SnapToGrid + ST_AsMVT) on the same table,
#     over the z0-z6 tiles of the sample and the first 20 per zoom z7-z16.
# Everything goes to $WORK/results.txt (WORK: $TILES_BENCH_DIR or a new /tmp directory, kept).
set -euo pipefail
INDEX_COUNTS=${1:-"1000000 5000000"}
SERVER_COUNT=${2:-1000000}
PARTS=${3:-"index server"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${TILES_BENCH_DIR:-$(mktemp -d /tmp/kmzb-tiles.XXXXXX)}
mkdir -p "$WORK"
RESULTS=$WORK/results.txt
ADMIN_PW=benchmark-admin-password
log() { echo "== $*" | tee -a "$RESULTS" >&2; }
record() { tee -a "$RESULTS"; }

(cd "$ROOT" && mvn -B -q package -DskipTests)
# Private copies, so rebuilding the tree while the benchmark runs cannot change what is measured.
cp "$ROOT/server/app/target/kmzb-server.jar" "$ROOT/bench/harness/target/kmzb-bench.jar" "$WORK/"
BENCH=(java -Xmx16g -jar "$WORK/kmzb-bench.jar")
log "$(date -u +%FT%TZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"

index_part() {
  (cd "$ROOT/bench/tiles/supercluster" && npm ci --silent --no-audit --no-fund)
  for n in $INDEX_COUNTS; do
    log "index build, $n demo reports: ours"
    "${BENCH[@]}" build "$n" 3 | record
    "${BENCH[@]}" points "$n" "$WORK/points-$n.bin" | record
    log "index build, $n demo reports: Supercluster"
    node --expose-gc --max-old-space-size=16000 "$ROOT/bench/tiles/supercluster/build.mjs" "$WORK/points-$n.bin" 3 | record
    node "$ROOT/bench/tiles/sample.mjs" "$WORK/points-$n.bin" "$WORK/sample-$n.txt" | record
    log "cold tiles in process, $n demo reports"
    "${BENCH[@]}" cold "$n" "$WORK/sample-$n.txt" | record
    "${BENCH[@]}" cold "$n" "$WORK/sample-$n.txt" 'category=illegal_parking,speeding&status=new,confirmed&from=2025-01-01' | record
  done
}

# --- server part ---------------------------------------------------------------------------------
PG_STATE=
SERVERS=()
cleanup() {
  for pid in "${SERVERS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  [ -n "$PG_STATE" ] && bash "$ROOT/db/pg-test-cluster.sh" stop "$PG_STATE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_server NAME PORT: a server on the benchmark database, returning once its index is loaded.
start_server() {
  local name=$1 port=$2
  java -jar "$WORK/kmzb-server.jar" --http.port="$port" --http.host=127.0.0.1 --store=postgis \
    --postgis.url="$DB_URL" --auth.admin-password="$ADMIN_PW" --access-log=off >"$WORK/server-$name.log" 2>&1 &
  SERVERS+=("$!")
  eval "PID_$name=$!"
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"ready"' && return 0
    sleep 1
  done
  echo "server $name did not get ready; see $WORK/server-$name.log" >&2
  exit 1
}

stop_server() {
  local pid_var="PID_$1"
  kill "${!pid_var}" && wait "${!pid_var}" 2>/dev/null || true
}

server_part() {
  local sample=$WORK/sample-server.txt
  if [ ! -s "$sample" ]; then
    "${BENCH[@]}" points "$SERVER_COUNT" "$WORK/points-server.bin" >/dev/null
    node "$ROOT/bench/tiles/sample.mjs" "$WORK/points-server.bin" "$sample" | record
  fi
  local out
  out=$(bash "$ROOT/db/pg-test-cluster.sh" start)
  DB_URL=$(echo "$out" | head -1)
  PG_STATE=$(echo "$out" | sed -n 's/^STATE_DIR=//p')
  local pg_port
  pg_port=$(cat "$PG_STATE/port")
  log "PostGIS $DB_URL: importing $SERVER_COUNT demo reports"
  java -jar "$WORK/kmzb-server.jar" demo-data --count="$SERVER_COUNT" --output="$WORK/reports.csv" >&2
  java -jar "$WORK/kmzb-server.jar" import-reports --file="$WORK/reports.csv" --store=postgis \
    --postgis.url="$DB_URL" 2>&1 | tail -2 | record
  local a b
  a=$(free_port)
  b=$(free_port)

  log "cold tiles over HTTP, idle, freshly started server"
  start_server B "$b"
  "${BENCH[@]}" http-cold "http://127.0.0.1:$b" "$sample" | record
  stop_server B

  log "freshness on a second server (replica) and cold tiles there, under 200 reports/s written to A"
  start_server A "$a"
  start_server B "$b"
  "${BENCH[@]}" fresh "http://127.0.0.1:$a" "http://127.0.0.1:$b" "$ADMIN_PW" 200 60 "$sample" | record
  log "freshness on the writing server itself, under 200 reports/s"
  "${BENCH[@]}" fresh "http://127.0.0.1:$a" "http://127.0.0.1:$a" "$ADMIN_PW" 200 30 | record
  stop_server A
  stop_server B

  log "cached tiles: wrk cold and warm, nginx ceiling (freshly started server)"
  start_server A "$a"
  bash "$ROOT/bench/tiles/cached-benchmark.sh" "http://127.0.0.1:$a" "$sample" | record
  stop_server A

  log "PostGIS peer (ST_SnapToGrid + ST_AsMVT) on the same table"
  local psql=(psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d kmzb)
  "${psql[@]}" -f "$ROOT/bench/tiles/postgis-peer.sql"
  local tiles
  tiles=$(awk -F/ '$1 <= 6 || ++n[$1] <= 20' "$sample" | paste -sd, -)
  "${psql[@]}" -tA -F' ' -c "SELECT 'peer_z' || z || '_p50_ms=' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2)
      || ' peer_z' || z || '_p99_ms=' || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 2) || ' n=' || count(*)
      FROM peer_time(string_to_array('$tiles', ',')) GROUP BY z ORDER BY z" | record
}

for part in $PARTS; do
  "${part}_part"
done
log "done; results in $RESULTS"
