#!/usr/bin/env bash
# The first WMS maps after start (issue 13: "any view of any layer <= 200 ms cold"): starts the server
# jar on an existing data file, waits for /health, then asks each map below once (each its first
# request, none cached) and prints the seconds to ready and curl's total time per map. Run by hand:
#
#   bench/wms-first-requests.sh JAR DATA_FILE [PORT=18482]
#
# DATA_FILE: an embedded store with reports (e.g. made by the server with --demo.reports=N) and
# voivodeships imported (import-boundaries, see README) so the choropleth has areas.
set -euo pipefail
JAR=$1
DATA=$2
PORT=${3:-18482}
BASE="http://127.0.0.1:$PORT/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&STYLES=&FORMAT=image/png&WIDTH=1024&HEIGHT=1024"
POLAND_3857=1560000,6240000,2700000,7380000
POLAND_2180=160000,110000,880000,830000
WARSAW_48KM_2180=613382,462757,661382,510757
LOG=$(mktemp /tmp/kmzb-first.XXXXXX)
started=$(date +%s.%N)
java -jar "$JAR" --http.port="$PORT" --embedded.file="$DATA" --access-log=off >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -f "$LOG"' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health")" = 200 ]; do
  kill -0 $PID 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.1
done
printf '%-52s %6.2f s\n' "ready (/health 200) after start" "$(echo "$(date +%s.%N) - $started" | bc)"
map() {
  local what=$1 query=$2
  printf '%-52s %6.0f ms\n' "$what" "$(curl -s -o /dev/null -w '%{time_total}' "$BASE&$query" | awk '{print $1 * 1000}')"
}
map "threats.clusters Poland EPSG:2180" "LAYERS=threats.clusters&SRS=EPSG:2180&BBOX=$POLAND_2180"
map "threats.clusters Poland EPSG:3857" "LAYERS=threats.clusters&SRS=EPSG:3857&BBOX=$POLAND_3857"
map "areas.voivodeship (choropleth) Poland EPSG:2180" "LAYERS=areas.voivodeship&SRS=EPSG:2180&BBOX=$POLAND_2180"
map "areas.county (choropleth) Poland EPSG:3857" "LAYERS=areas.county&SRS=EPSG:3857&BBOX=$POLAND_3857"
map "threats.heatmap Poland EPSG:3857" "LAYERS=threats.heatmap&SRS=EPSG:3857&BBOX=$POLAND_3857"
map "threats.points Warsaw 48 km EPSG:2180" "LAYERS=threats.points&SRS=EPSG:2180&BBOX=$WARSAW_48KM_2180"
map "boundaries.voivodeship Poland EPSG:2180" "LAYERS=boundaries.voivodeship&SRS=EPSG:2180&BBOX=$POLAND_2180"
map "group.road Poland EPSG:3857, PNG8" "LAYERS=group.road&SRS=EPSG:3857&BBOX=$POLAND_3857&FORMAT=image/png;%20mode=8bit"
map "threats (the group, 11 layers) Poland EPSG:3857" "LAYERS=threats&SRS=EPSG:3857&BBOX=$POLAND_3857"
map "threats (the group) Poland EPSG:2180" "LAYERS=threats&SRS=EPSG:2180&BBOX=$POLAND_2180"
map "threats (the group) Warsaw 48 km EPSG:2180" "LAYERS=threats&SRS=EPSG:2180&BBOX=$WARSAW_48KM_2180"
map "threats (the group), status=new, Poland EPSG:3857" "LAYERS=threats&SRS=EPSG:3857&BBOX=1560100,6240000,2700100,7380000&status=new"
map "category.speeding Poland EPSG:2180" "LAYERS=category.speeding&SRS=EPSG:2180&BBOX=$POLAND_2180"
map "group.public_order Poland EPSG:3857" "LAYERS=group.public_order&SRS=EPSG:3857&BBOX=$POLAND_3857"
map "threats.clusters Poland EPSG:2180 again, panned" "LAYERS=threats.clusters&SRS=EPSG:2180&BBOX=160100,110000,880100,830000"
grep -h "warmed up" "$LOG" || true
