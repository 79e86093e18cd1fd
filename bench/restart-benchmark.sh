#!/usr/bin/env bash
# Restart benchmark (issue 18, "Fast restart": a server on PostGIS with ~5 M reports ready in
# <= 3 s after a restart, and a cold start from an empty disk bounded by one sequential read).
# Run by hand, not in CI:
#
#   bench/restart-benchmark.sh [COUNT=1000000] [RUNS=3] [CHANGES=1000]
#
# It builds the server jar, starts a throw-away PostGIS (db/pg-test-cluster.sh), generates COUNT
# synthetic reports (demo-data) and imports them (import-reports), then RUNS times:
#   cold      - the snapshot folder emptied, the server started: it reads every report;
#   snapshot  - the server stopped cleanly (SIGTERM: it writes its snapshot), CHANGES reports edited
#               by SQL while it is down, and started again: it restores the snapshot and applies
#               the changes from the change log.
# "ready" is the time from launching the JVM to the first 200 from /health, polled anonymously every
# 20 ms (JVM start, migrations check, boundaries and the indexes included). The server's own log lines
# (index loaded / restored / caught up, snapshot written) are printed after each start. Environment:
# JAVA (default java: the JVM the server runs on), JVM_OPTS (more JVM options, e.g. -Xmn2g), CDS (0,
# 1 or aot: class-data sharing, see below),
# HEAP (default 4g), POLICE (tiles.police-index, default true), HTTP_PORT (default 18493), WARM_UP
# (wms.warm-up, default PT20S; PT0S: /health 200 as soon as the indexes are, without the maps drawn off-line),
# LOGDIR to keep the server logs, KEEP_PG=1 to leave the cluster running (its STATE_DIR is printed) for another run,
# PG_STATE=that STATE_DIR to measure it again without importing (COUNT is then only a label; left running).
# EMBEDDED_FILE=path (with ADMIN_PASSWORD, its administrator's): the embedded store of that file instead (COUNT is then what it holds; no PostGIS, no
# import: e.g. a file loaded once by bench/wms-benchmark.sh), the changes made with sqlite3; the file is changed.
set -euo pipefail
COUNT=${1:-1000000}
RUNS=${2:-3}
CHANGES=${3:-1000}
HEAP=${HEAP:-4g}
POLICE=${POLICE:-true}
WARM_UP=${WARM_UP:-PT20S}
HTTP_PORT=${HTTP_PORT:-18493}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/kmzb-restart.XXXXXX)
JAR=$ROOT/server/app/target/kmzb-server.jar
(cd "$ROOT" && mvn -B -q -pl server/app -am package -DskipTests) >&2
cp "$JAR" "$WORK/kmzb-server.jar"   # a private copy: rebuilding the tree meanwhile cannot break the run
JAR=$WORK/kmzb-server.jar
JAVA=${JAVA:-java}

SERVER_PID=
STATE=
cleanup() {
  if [ -f "$WORK/server.pid" ]; then kill "$(cat "$WORK/server.pid")" 2>/dev/null || true; sleep 1; fi
  if [ -z "$STATE" ]; then :
  elif [ "${KEEP_PG:-0}" = 1 ] || [ -n "${PG_STATE:-}" ]; then echo "PostGIS left running: STATE_DIR=$STATE" >&2
  else bash "$ROOT/db/pg-test-cluster.sh" stop "$STATE" >/dev/null 2>&1; fi
  if [ -n "${LOGDIR:-}" ]; then mkdir -p "$LOGDIR"; cp "$WORK"/*.log "$LOGDIR"/ 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ -n "${EMBEDDED_FILE:-}" ]; then
  STORE_ARGS=(--store=embedded --embedded.file="$EMBEDDED_FILE")
  COUNT=$(sqlite3 "$EMBEDDED_FILE" 'SELECT count(*) FROM report')
  change_reports() {
    sqlite3 "$EMBEDDED_FILE" "UPDATE report SET description = coalesce(description, '') || '.' WHERE id IN
      (SELECT id FROM report ORDER BY random() LIMIT $CHANGES)"
  }
  echo "stored reports: $COUNT (embedded: $EMBEDDED_FILE)" >&2
else
  if [ -n "${PG_STATE:-}" ]; then
    STATE=$PG_STATE  # a cluster left by KEEP_PG=1: its reports are measured again, nothing imported
  else
    out=$(bash "$ROOT/db/pg-test-cluster.sh" start)
    STATE=$(echo "$out" | sed -n 's/^STATE_DIR=//p')
  fi
  PORT=$(cat "$STATE/port")
  PSQL=(psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d kmzb)
  DBURL="jdbc:postgresql://127.0.0.1:$PORT/kmzb?user=postgres"
  STORE_ARGS=(--store=postgis --postgis.url="$DBURL")
  change_reports() {
    "${PSQL[@]}" -c "UPDATE report SET description = coalesce(description, '') || '.' WHERE id IN
      (SELECT id FROM report ORDER BY random() LIMIT $CHANGES)"
  }
  if [ -z "${PG_STATE:-}" ]; then
    echo "== data: $COUNT synthetic reports" >&2
    java -jar "$JAR" demo-data --count="$COUNT" --output="$WORK/reports.csv" >&2
    java -jar "$JAR" import-reports --file="$WORK/reports.csv" --store=postgis --postgis.url="$DBURL" >&2
    rm -f "$WORK/reports.csv"
    "${PSQL[@]}" -c "VACUUM ANALYZE report" -c "CHECKPOINT"
  fi
  echo "stored reports: $("${PSQL[@]}" -tAc 'SELECT count(*) FROM report')" >&2
fi

SNAP=$WORK/snapshots
mkdir -p "$SNAP"
ADMIN_PASSWORD=${ADMIN_PASSWORD:-restart-bench-password}  # EMBEDDED_FILE: its administrator's password
# Starts the server and prints two figures, seconds from launch: when the cluster index was ready
# (its "loaded" or "caught up" log line) and when /health answers 200 (every component ready, the
# WMS renderer's warm-up included). /health is asked anonymously, as a balancer asks: credentials
# would make the server hash a password (Argon2) beside its start. Leaves the server running.
start_server() {
  local log=$1
  local t0 now code line
  t0=$(date +%s.%N)
  KMZB_AUTH_ADMIN_PASSWORD=$ADMIN_PASSWORD "$JAVA" -Xmx"$HEAP" ${CDS_OPTS:-} ${JVM_OPTS:-} -jar "$JAR" "${STORE_ARGS[@]}" \
    --http.port="$HTTP_PORT" --access-log=off --tiles.police-index="$POLICE" --index.snapshot-dir="$SNAP" \
    --wms.warm-up="$WARM_UP" >"$log" 2>&1 &
  SERVER_PID=$!
  echo "$SERVER_PID" > "$WORK/server.pid"
  while true; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/health" || true)
    now=$(date +%s.%N)
    if [ "$code" = 200 ]; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "server died; its log:" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.02
  done
  line=$(grep -E 'cluster index (loaded in|caught up)' "$log" | tail -1)
  echo "$(echo "$(date -d "${line%% *}" +%s.%N) - $t0" | bc) $(echo "$now - $t0" | bc)"
}
stop_server() {
  SERVER_PID=$(cat "$WORK/server.pid")
  kill -TERM "$SERVER_PID"
  while kill -0 "$SERVER_PID" 2>/dev/null; do sleep 0.05; done  # not our child: start_server ran in a subshell
  SERVER_PID=
}
index_lines() { grep -E '(cluster index|statistics) (loaded|restored|caught up|snapshot)|snapshot .* not used' "$1" | sed 's/^.* - /    /' >&2 || true; }

# CDS=1: class-data sharing. A training start from a snapshot (after a cold one that writes it) with
# -XX:ArchiveClassesAtExit writes, at its clean stop, an archive of the classes a restart loads
# (parsed, verified, laid out); every start measured then maps it (-XX:SharedArchiveFile). CDS=aot
# (JDK 25 or later): the AOT cache instead (-XX:AOTCacheOutput, then -XX:AOTCache), which also keeps
# the training run's method profiles.
CDS_OPTS=
train() {
  rm -f "$SNAP"/*
  start_server "$WORK/cds-cold.log" >/dev/null; stop_server
  CDS_OPTS=$1; start_server "$WORK/cds-training.log" >/dev/null; stop_server
}
case "${CDS:-0}" in
  0) ;;
  1) train "-XX:ArchiveClassesAtExit=$WORK/kmzb.jsa"
     CDS_OPTS="-XX:SharedArchiveFile=$WORK/kmzb.jsa"; echo "class-data archive: $(du -h "$WORK/kmzb.jsa" | cut -f1)" >&2 ;;
  aot) train "-XX:AOTCacheOutput=$WORK/kmzb.aot"
     CDS_OPTS="-XX:AOTCache=$WORK/kmzb.aot"; echo "AOT cache: $(du -h "$WORK/kmzb.aot" | cut -f1)" >&2 ;;
  *) echo "CDS is 0, 1 or aot" >&2; exit 2 ;;
esac

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
cold_index=(); cold_ready=(); warm_index=(); warm_ready=()
for run in $(seq 1 "$RUNS"); do
  rm -f "$SNAP"/*
  read -r i r < <(start_server "$WORK/cold-$run.log"); cold_index+=("$i"); cold_ready+=("$r")
  echo "run $run cold start: index ready in $i s, /health 200 in $r s" >&2; index_lines "$WORK/cold-$run.log"
  stop_server; index_lines "$WORK/cold-$run.log"
  # Changes made while no server runs: each is an 'edited' entry in the change log to catch up from.
  change_reports
  read -r i r < <(start_server "$WORK/warm-$run.log"); warm_index+=("$i"); warm_ready+=("$r")
  echo "run $run snapshot start: index ready in $i s, /health 200 in $r s" >&2; index_lines "$WORK/warm-$run.log"
  stop_server
done
m() { printf '%s\n' "$@" | median; }
echo "uptime: $(uptime)"
echo "reports: $COUNT, police index: $POLICE, heap: $HEAP, wms.warm-up: $WARM_UP, java: $("$JAVA" -version 2>&1 | head -1), CDS: ${CDS:-0}, JVM_OPTS: ${JVM_OPTS:-}, snapshot: $(du -h "$SNAP" | tail -1 | cut -f1)"
echo "cold start (no snapshot): index ready median $(m "${cold_index[@]}") s (${cold_index[*]}); /health 200 median $(m "${cold_ready[@]}") s (${cold_ready[*]})"
echo "restart with snapshot + $CHANGES changes: index ready median $(m "${warm_index[@]}") s (${warm_index[*]}); /health 200 median $(m "${warm_ready[@]}") s (${warm_ready[*]})"
