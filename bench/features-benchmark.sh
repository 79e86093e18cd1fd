#!/usr/bin/env bash
# Feature services benchmark (issue 14 goals), run by hand, never in CI:
#
#   bench/features-benchmark.sh [COUNT=1000000]
#
# On a throw-away PostGIS holding COUNT demo reports (demo-data + import-reports), a server with a
# 1 GiB heap (constant memory: a whole collection must stream through it) is asked for:
#   - every public feature in one response: WFS GetFeature as GML 3.2 and as GeoJSON, OGC API items
#     as GeoJSON (features/s = numberMatched / wall time, curl writing to /dev/null), and the same in
#     EPSG:2180 (reprojection on the way out); the server's peak RSS afterwards;
#   - a deep page: STARTINDEX at 60 % of the collection, COUNT=100, first (builds the rank
#     checkpoints) and second request, and a next link followed from there;
#   - resultType=hits unfiltered and with a status filter;
#   - the peer: ogr2ogr reading the same rows straight from PostGIS into GeoJSON.
# Results go to $WORK/results.txt (WORK: $FEATURES_BENCH_DIR or a new /tmp directory, kept).
set -euo pipefail
COUNT=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${FEATURES_BENCH_DIR:-$(mktemp -d /tmp/kmzb-features.XXXXXX)}
mkdir -p "$WORK"
RESULTS=$WORK/results.txt
log() { echo "== $*" | tee -a "$RESULTS" >&2; }
record() { tee -a "$RESULTS"; }

(cd "$ROOT" && mvn -B -q -pl server/app -am package -DskipTests)
cp "$ROOT/server/app/target/kmzb-server.jar" "$WORK/"
log "$(date -u +%FT%TZ) on $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $COUNT demo reports"

PG_STATE=
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  [ -n "$PG_STATE" ] && bash "$ROOT/db/pg-test-cluster.sh" stop "$PG_STATE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

out=$(bash "$ROOT/db/pg-test-cluster.sh" start)
DB_URL=$(echo "$out" | head -1)
PG_STATE=$(echo "$out" | sed -n 's/^STATE_DIR=//p')
PG_PORT=$(cat "$PG_STATE/port")
java -jar "$WORK/kmzb-server.jar" demo-data --count="$COUNT" --output="$WORK/reports.csv" >&2
java -jar "$WORK/kmzb-server.jar" import-reports --file="$WORK/reports.csv" --store=postgis \
  --postgis.url="$DB_URL" 2>&1 | tail -1 | record
psql -q -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d kmzb -c "VACUUM ANALYZE report" >&2

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xmx1g -jar "$WORK/kmzb-server.jar" --http.port="$PORT" --http.host=127.0.0.1 --store=postgis \
  --postgis.url="$DB_URL" --auth.admin-password=benchmark-admin-password --access-log=off \
  --features.max-limit=100000000 >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$PORT/health" | grep -q '"ready"' && break
  sleep 1
done
BASE=http://127.0.0.1:$PORT
WFS="$BASE/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=kmzb:threats.points"
MATCHED=$(curl -fs "$WFS&RESULTTYPE=hits" | sed -n 's/.*numberMatched="\([0-9]*\)".*/\1/p')
log "public features: $MATCHED"

# timed NAME URL: wall time of one full response written to /dev/null, and features/s
timed() {
  local name=$1 url=$2 t
  t=$(curl -fs -o /dev/null -w '%{time_total}' "$url")
  echo "$name seconds=$t features_per_s=$(python3 -c "print(round($MATCHED / $t))")" | record
}

log "whole collection in one response (warm-up first)"
curl -fs -o /dev/null "$WFS&COUNT=200000&OUTPUTFORMAT=application/json"
timed wfs_geojson "$WFS&COUNT=$MATCHED&OUTPUTFORMAT=application/json"
timed wfs_gml "$WFS&COUNT=$MATCHED"
timed oapif_geojson "$BASE/ogc/features/collections/threats.points/items?limit=$MATCHED"
timed wfs_gml_2180 "$WFS&COUNT=$MATCHED&SRSNAME=urn:ogc:def:crs:EPSG::2180"
timed wfs_csv "$WFS&COUNT=$MATCHED&OUTPUTFORMAT=text/csv"
echo "server_peak_rss_mb=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$SERVER/status) heap_max=1g" | record

log "deep pages"
DEEP=$((MATCHED * 6 / 10))
for attempt in first second; do
  echo "startindex_${DEEP}_${attempt}_s=$(curl -fs -o "$WORK/deep.xml" -w '%{time_total}' "$WFS&COUNT=100&STARTINDEX=$DEEP")" | record
done
NEXT=$(sed -n 's/.* next="\([^"]*\)".*/\1/p' "$WORK/deep.xml" | head -1 | sed 's/&amp;/\&/g')
echo "next_link_s=$(curl -fs -o /dev/null -w '%{time_total}' "$NEXT")" | record
echo "oapif_startindex_${DEEP}_s=$(curl -fs -o /dev/null -w '%{time_total}' "$BASE/ogc/features/collections/threats.points/items?limit=100&startindex=$DEEP")" | record

log "hits"
echo "hits_s=$(curl -fs -o /dev/null -w '%{time_total}' "$WFS&RESULTTYPE=hits")" | record
echo "hits_status_confirmed_s=$(curl -fs -o /dev/null -w '%{time_total}' "$WFS&RESULTTYPE=hits&STATUS=confirmed")" | record

log "peer: ogr2ogr from PostGIS to GeoJSON (all reports, no visibility rules)"
t0=$(date +%s.%N)
ogr2ogr -f GeoJSON /vsistdout/ "PG:host=127.0.0.1 port=$PG_PORT user=postgres dbname=kmzb" -sql \
  "SELECT id, category, status, reported_at, occurred_on, time_of_day, geom FROM report WHERE deleted = false" >/dev/null
t1=$(date +%s.%N)
echo "ogr2ogr_postgis_geojson seconds=$(python3 -c "print(round($t1 - $t0, 2))")" | record
log "done; results in $RESULTS"
