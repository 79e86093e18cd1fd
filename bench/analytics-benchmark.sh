#!/usr/bin/env bash
# Analytics benchmark (issue 17 goals): Gi* over Poland at 1 km cells for one category and one year
# (goal <= 2 s at 5 M reports) and the coverage ranking of 1,000 candidate sites (goal <= 5 s), in
# process on an embedded (SQLite) store of COUNT demo reports; also kernel density and the store
# scan alone, so the share of reading is visible. Run by hand, never in CI:
#
#   bench/analytics-benchmark.sh [COUNT=5000000] [RUNS=3]
#
# The store is built once per COUNT in $WORK/analytics-COUNT.sqlite and reused by later runs (WORK:
# $ANALYTICS_BENCH_DIR or a new /tmp directory, kept). What each figure times is described in
# bench/harness/src/main/java/pl/kmzb/analytics/AnalyticsBench.java. Results, with the machine's
# load (uptime) before and after, go to $WORK/results.txt. BENCH_JAR=path skips the Maven build.
#
# STORE=postgis: the same on PostGIS (where a deployment keeps its reports), a throw-away cluster
# started by db/pg-test-cluster.sh, COUNT demo reports written by the server's demo-data command
# (today's clock) and loaded by its bulk import-reports (SERVER_JAR=path skips building the server).
set -euo pipefail
COUNT=${1:-5000000}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${ANALYTICS_BENCH_DIR:-$(mktemp -d /tmp/kmzb-analytics.XXXXXX)}
mkdir -p "$WORK"
RESULTS=$WORK/results.txt

if [ -z "${BENCH_JAR:-}" ]; then
  (cd "$ROOT" && mvn -B -q -pl bench/harness -am package -DskipTests)
  cp "$ROOT/bench/harness/target/kmzb-bench.jar" "$WORK/"
  BENCH_JAR=$WORK/kmzb-bench.jar
fi
{
  echo "== $(date -u +%FT%TZ) analytics, $COUNT demo reports, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "uptime before: $(uptime)"
} | tee -a "$RESULTS"
TARGET=$WORK/analytics-$COUNT.sqlite
if [ "${STORE:-embedded}" = postgis ]; then
  if [ -z "${SERVER_JAR:-}" ]; then
    (cd "$ROOT" && mvn -B -q -pl server/app -am package -DskipTests)
    SERVER_JAR=$ROOT/server/app/target/kmzb-server.jar
  fi
  out=$(bash "$ROOT/db/pg-test-cluster.sh" start)
  TARGET=$(echo "$out" | sed -n 1p)
  PG_STATE=$(echo "$out" | sed -n 's/^STATE_DIR=//p')
  trap 'bash "$ROOT/db/pg-test-cluster.sh" stop "$PG_STATE" >/dev/null 2>&1 || true' EXIT
  java -jar "$SERVER_JAR" demo-data --count="$COUNT" --output="$WORK/reports.csv" >&2
  java -jar "$SERVER_JAR" import-reports --file="$WORK/reports.csv" --skip-failures --rejects="$WORK/rejects.csv" \
    --store=postgis --postgis.url="$TARGET" >"$WORK/import.log" 2>&1
  { grep -E 'bulk import of|read [0-9,]+ rows:' "$WORK/import.log" || true; } | sed 's/^.*INFO //' | tee -a "$RESULTS"
fi
java -Xmx${BENCH_HEAP:-8g} -cp "$BENCH_JAR" pl.kmzb.analytics.AnalyticsBench "$COUNT" "$TARGET" "$RUNS" \
  2>&1 | grep -v '^\[main\] INFO' | tee -a "$RESULTS"
echo "uptime after: $(uptime)" | tee -a "$RESULTS"
echo "results: $RESULTS" >&2
