#!/usr/bin/env bash
# Statistics of reports benchmark (issue 17 goal: any statistics query over 5 M reports <= 50 ms),
# with the same aggregate as a PostGIS GROUP BY query as the peer. Run by hand, never in CI:
#
#   bench/statistics-benchmark.sh [COUNT=5000000] [ROUNDS=7]
#
# Setup as bench/wms-benchmark.sh (bench/ogc/common.sh): a throw-away PostGIS cluster, the 16
# voivodeships with their TERYT codes, the 380 counties of ../shared/data with codes made up per
# voivodeship (VV01, VV02, … by their id: the shared file carries no codes; fine for timing), COUNT
# demo reports imported (they get voivodeship and county codes). Demo reports are imported in their
# final status, which leaves no status move in the history; so for every report in a verdict status a
# history row "status_changed" is added by SQL at reported_at + (id mod 240) hours, giving the median
# time to verification something to work on. Then our server (--store=postgis) loads the statistics.
#
# Each query is asked WARMUP times (default 3, not recorded), then ROUNDS times (different days in the range each round, so no two requests are
# alike) by curl on one connection each: whole HTTP exchanges (JSON), time_total; the peer is psql
# running the equivalent SQL (\timing: server time + transfer), its rows read and discarded. Figures:
# median and maximum in ms, and our median / the peer's median.
# Results go to $WORK/results.txt (WORK: $STATISTICS_BENCH_DIR or a new /tmp directory, kept).
# BENCH_JAR=path skips the Maven build and uses that server jar.
# PEERS=off skips the PostGIS queries (at 5 M the peer's category-by-year and group-by-month queries
# take 75 s and more per round: half an hour of the run).
set -euo pipefail
COUNT=${1:-5000000}
ROUNDS=${2:-7}
PEERS=${PEERS:-on}
# Requests per query before the measured ones (JIT, caches), not recorded; different days from theirs.
WARMUP=${WARMUP:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${STATISTICS_BENCH_DIR:-$(mktemp -d /tmp/kmzb-statistics.XXXXXX)}
mkdir -p "$WORK"
# shellcheck source=bench/ogc/common.sh
. "$ROOT/bench/ogc/common.sh"

for tool in psql ogr2ogr python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing" >&2; exit 2; }
done

build_jar

# As common.sh's start_postgis, with the counties imported before the reports, so the import gives
# every report its county code at once (importing boundaries afterwards re-assigns row by row).
out=$(bash "$ROOT/db/pg-test-cluster.sh" start)
DB_URL=$(echo "$out" | sed -n 1p)
PG_STATE=$(echo "$out" | sed -n 's/^STATE_DIR=//p')
PG_PORT=$(cat "$PG_STATE/port")
PSQL=(psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d kmzb)
import_voivodeships

# Counties with made-up codes inside the imported voivodeships (by the point on each county's surface).
log "counties with codes per voivodeship"
"${PSQL[@]}" -c "CREATE DATABASE prep" >&2
pg="PG:host=127.0.0.1 port=$PG_PORT user=postgres dbname=prep"
ogr2ogr -f PostgreSQL "$pg" "${BENCH_SHARED_DATA:-$ROOT/../shared/data}/boundaries/counties.geojson" -nln county \
  -lco GEOMETRY_NAME=geom
ogr2ogr -f PostgreSQL "$pg" "$WORK/voivodeships.geojson" -nln voiv -lco GEOMETRY_NAME=geom
psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d prep >&2 <<'SQL'
CREATE TABLE county_t AS
SELECT v.teryt || lpad((row_number() OVER (PARTITION BY v.teryt ORDER BY c.id))::text, 2, '0') AS teryt,
       c.nazwa AS name, ST_CollectionExtract(ST_MakeValid(c.geom), 3) AS geom
  FROM county c JOIN voiv v ON ST_Contains(v.geom, ST_PointOnSurface(c.geom));
SQL
ogr2ogr -f GeoJSON "$WORK/counties.geojson" "$pg" county_t
"${PSQL[@]}" -c "DROP DATABASE prep" >&2
java -jar "$WORK/kmzb-server.jar" import-boundaries --level=county --file="$WORK/counties.geojson" \
  --code-field=teryt --name-field=name --store=postgis --postgis.url="$DB_URL" >"$WORK/counties.log" 2>&1 \
  || { echo "county import failed: $(tail -5 "$WORK/counties.log")" >&2; exit 1; }

log "PostGIS $DB_URL: importing $COUNT demo reports"
java -jar "$WORK/kmzb-server.jar" demo-data --count="$COUNT" --output="$WORK/reports.csv" >&2
java -jar "$WORK/kmzb-server.jar" import-reports --file="$WORK/reports.csv" --skip-failures \
  --rejects="$WORK/rejects.csv" --store=postgis --postgis.url="$DB_URL" >"$WORK/import.log" 2>&1
{ grep -E 'bulk import of|read [0-9,]+ rows:' "$WORK/import.log" || true; } | sed 's/^.*INFO //' | record
rm -f "$WORK/reports.csv"
"${PSQL[@]}" -c 'VACUUM ANALYZE report' >&2

log "history: a verdict move for every report in a verdict status"
"${PSQL[@]}" -c "INSERT INTO report_history (report_id, at, actor, action, from_status, to_status)
  SELECT id, reported_at + (id % 240) * interval '1 hour', 'benchmark', 'status_changed', 'verification', status
    FROM report WHERE status IN ('confirmed', 'confirmed_handed_over', 'confirmed_eliminated', 'not_confirmed',
      'joke_or_mistake')" >&2
"${PSQL[@]}" -c 'VACUUM ANALYZE report_history' >&2
"${PSQL[@]}" -tA -c "SELECT 'reports with a county code: ' || count(*) FILTER (WHERE teryt_county IS NOT NULL)
  || ' of ' || count(*) || '; reported from ' || min(reported_at)::date || ' to ' || max(reported_at)::date FROM report" | record

PORT=$(free_port)
start_server main "$PORT" -Xmx4g
grep -E 'statistics loaded' "$WORK/server-main.log" | sed 's/^.*INFO //' | record
pid_rss() { awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$1/status"; }
echo "server RSS after loading: $(pid_rss "$PID_main")" | record

TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PW\"}" \
  "http://127.0.0.1:$PORT/api/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# ours NAME AUTH QUERY: ROUNDS requests (QUERY may hold {D}: a day shifted per round); prints median and max ms.
ours() {
  local name=$1 auth=$2 query=$3 times=() r d q code t w
  for w in $(seq 1 "$WARMUP"); do
    q=${query//\{D\}/$(printf '%02d' $((20 + w)))}
    if [ "$auth" = police ]; then
      curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/statistics?$q"
    else
      curl -s -o /dev/null "http://127.0.0.1:$PORT/api/statistics?$q"
    fi
  done
  for r in $(seq 1 "$ROUNDS"); do
    d=$(printf '%02d' "$r")
    q=${query//\{D\}/$d}
    if [ "$auth" = police ]; then
      read -r code t < <(curl -s -o "$WORK/last.json" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$PORT/api/statistics?$q")
    else
      read -r code t < <(curl -s -o "$WORK/last.json" -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$PORT/api/statistics?$q")
    fi
    [ "$code" = 200 ] || { echo "HTTP $code for $q: $(head -c 300 "$WORK/last.json")" >&2; exit 1; }
    times+=("$t")
  done
  local rows
  rows=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["rows"]))' "$WORK/last.json")
  printf '%s\n' "${times[@]}" | python3 -c '
import statistics, sys
v = sorted(float(x) * 1000 for x in sys.stdin)
print("%.1f %.1f" % (statistics.median(v), v[-1]))' | { read -r med max; echo "$name ours $med $max $rows"; }
}

# peer NAME SQL: ROUNDS runs of SQL (may hold {D}) in one psql session with \timing; median and max ms.
peer() {
  local name=$1 sql=$2 script="$WORK/peer.sql" r d
  [ "$PEERS" = on ] || return 0
  : >"$script"
  echo '\timing on' >>"$script"
  for r in $(seq 1 "$ROUNDS"); do
    d=$(printf '%02d' "$r")
    echo "${sql//\{D\}/$d};" >>"$script"
  done
  "${PSQL[@]}" -o /dev/null -f "$script" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | python3 -c '
import statistics, sys
v = sorted(float(x) for x in sys.stdin)
print("%.1f %.1f" % (statistics.median(v), v[-1]))' | { read -r med max; echo "$name peer $med $max"; }
}

PUBLIC="NOT deleted AND status IN ('new', 'verification', 'confirmed', 'confirmed_handed_over', 'confirmed_eliminated')
  AND (category <> 'dangerous_entertainment_venue' OR status LIKE 'confirmed%')"
VERDICT="r.status IN ('confirmed', 'confirmed_handed_over', 'confirmed_eliminated', 'not_confirmed', 'joke_or_mistake')"
LOCAL="(r.reported_at AT TIME ZONE 'Europe/Warsaw')"
# counts, confirmed, past deadline and the median time to verification per group, as our rows carry them.
agg() {
  echo "SELECT $1, count(*), count(*) FILTER (WHERE r.status LIKE 'confirmed%'),
    count(*) FILTER (WHERE r.status = 'new' AND r.reported_at < now() - interval '72 hours'),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM v.at - r.reported_at))
  FROM report r LEFT JOIN LATERAL (SELECT min(h.at) AS at FROM report_history h WHERE h.report_id = r.id
    AND h.action = 'status_changed' AND $VERDICT AND h.to_status IN ('confirmed', 'confirmed_handed_over',
    'confirmed_eliminated', 'not_confirmed', 'joke_or_mistake')) v ON true
  WHERE $2 GROUP BY $1"
}
log "queries (${ROUNDS} rounds each): name, who, median ms, max ms[, rows]"
{
  ours national-all-time public "level=country&period=all&to=2026-11-{D}"
  peer national-all-time "$(agg "r.status" "${PUBLIC//status/r.status} AND r.reported_at < '2026-11-{D}'")"
  ours voivodeships-by-month-12 public "level=voivodeship&period=month&to=2026-11-{D}"
  peer voivodeships-by-month-12 "$(agg "r.teryt_voivodeship, date_trunc('month', $LOCAL), r.status" \
    "${PUBLIC//status/r.status} AND r.reported_at >= '2025-11-01' AND r.reported_at < '2026-11-{D}'")"
  ours voivodeships-by-category-by-year police "level=voivodeship&by=category&period=year&from=2016-01-01&to=2026-11-{D}"
  peer voivodeships-by-category-by-year "$(agg "r.teryt_voivodeship, r.category, date_trunc('year', $LOCAL), r.status" \
    "NOT r.deleted AND r.reported_at >= '2015-01-01' AND r.reported_at < '2026-11-{D}'")"
  ours counties-by-week-one-voivodeship public "level=county&area=12&period=week&from=2026-01-{D}&to=2026-11-30"
  peer counties-by-week-one-voivodeship "$(agg "r.teryt_county, date_trunc('week', $LOCAL), r.status" \
    "${PUBLIC//status/r.status} AND r.teryt_voivodeship = '12' AND r.reported_at >= '2025-12-25' AND r.reported_at < '2026-12-01'")"
  ours counties-by-group-by-month police "level=county&by=group&period=month&from=2026-01-{D}&to=2026-11-30"
  peer counties-by-group-by-month "$(agg "r.teryt_county, r.category, date_trunc('month', $LOCAL), r.status" \
    "NOT r.deleted AND r.reported_at >= '2025-12-01' AND r.reported_at < '2026-12-01'")"
  ours counties-by-day-30 police "level=county&period=day&from=2026-10-{D}&to=2026-11-{D}"
  peer counties-by-day-30 "$(agg "r.teryt_county, date_trunc('day', $LOCAL), r.status" \
    "NOT r.deleted AND r.reported_at >= '2026-09-30' AND r.reported_at < '2026-11-{D}'")"
} | record
python3 - "$RESULTS" <<'PY' | record
import sys
ours, peer = {}, {}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) >= 4 and p[1] in ("ours", "peer"):
        (ours if p[1] == "ours" else peer)[p[0]] = float(p[2])
for name in ours:
    if name in peer:
        print("%s: ours %.1f ms, PostGIS %.1f ms, ratio %.3f" % (name, ours[name], peer[name], ours[name] / peer[name]))
PY
echo "server RSS at the end: $(pid_rss "$PID_main"); load $(cut -d' ' -f1-3 /proc/loadavg)" | record
log "results in $RESULTS"
