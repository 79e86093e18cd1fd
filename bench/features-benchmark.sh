#!/usr/bin/env bash
# WFS 2.0 / OGC API - Features benchmark (issue 14 goals), with ogr2ogr reading the same PostGIS
# table as the peer. Run by hand, never in CI (under ~30 minutes at 5 M reports; it wants the
# machine to itself):
#
#   bench/features-benchmark.sh [COUNT=5000000] [PARTS="stream bounded paging deep hits peer"]
#
# Setup as bench/wms-benchmark.sh (bench/ogc/common.sh): a throw-away PostGIS cluster, the 16
# voivodeships with TERYT codes, COUNT demo reports, our server on it (--store=postgis) started with
# --features.max-limit=COUNT so that one page can hold the whole collection. Collection: threats.points
# (every public report). Every figure is a whole HTTP exchange timed by the client (curl's
# time_total, or page_through.py's clock); features/s divides the features the server says it
# returned (numberReturned, checked against the body by page_through.py) by that time.
#
# Parts (all by default, in this order):
#   stream  the whole collection as ONE page, read by curl to the end: OGC API items (GeoJSON), WFS
#           GetFeature GeoJSON and WFS GetFeature GML 3.2; features/s, MB/s, time to first byte, and
#           the largest heap in use before a collection during each export (-Xlog:gc) and the
#           peak RSS (/proc, every 200 ms),
#           against the heap retained before (after a full GC): constant memory means the peak
#           does not grow with the page.
#   bounded a second server with -Xmx = the heap the first retains after a full GC plus half of it
#           (at least 256 MiB) exports the whole collection in one page, GeoJSON and GML: it can
#           only succeed if the export streams (an OutOfMemoryError in its log is reported).
#   paging  the collection page by page at the default largest page (10,000) by the next links (one
#           kept-alive connection, bench/features/page_through.py), OGC API GeoJSON and WFS GML,
#           the first PAGES pages (default 50: 500,000 features) or the whole collection if smaller.
#   deep    a page of 100 at STARTINDEX = 3/5 of COUNT (3,000,000 at 5 M; at most 10,000 short of
#           the end) and near 0, five different offsets each (no two requests alike): WFS GML, WFS
#           GeoJSON, OGC API startindex.
#           With SORTBY (unless NO_SORTBY=1): WFS GML by next links sorted by reportedAt DESC and by
#           category, and deep pages under those sorts (their rank tables are built by the first).
#   hits    WFS resultType=hits with the shared filters one by one and together (CATEGORY, STATUS,
#           AREA, FROM/TO), each asked 3 times; and OGC API items limit=1 with the same filters
#           (numberMatched), for comparison.
#   peer    ogr2ogr -f GeoJSON /vsistdout/ PG:... report (and -f GML), straight from PostGIS, read
#           to the end (wc -c): features/s over the table's rows, in the same run; and ogr2ogr -sql
#           with the public collection's rows and columns in id order (like for like).
# Results go to $WORK/results.txt (WORK: $FEATURES_BENCH_DIR or a new /tmp directory, kept).
# BENCH_JAR=path skips the Maven build and uses that server jar.
set -euo pipefail
COUNT=${1:-5000000}
PARTS=${2:-"stream bounded paging deep hits peer"}
PAGES=${PAGES:-50}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${FEATURES_BENCH_DIR:-$(mktemp -d /tmp/kmzb-features.XXXXXX)}
mkdir -p "$WORK"
# shellcheck source=bench/ogc/common.sh
. "$ROOT/bench/ogc/common.sh"

for tool in jcmd psql ogr2ogr python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "$tool is missing (Debian: apt-get install openjdk-17-jdk-headless postgresql-client gdal-bin python3 curl)" >&2
    exit 2
  }
done

COLLECTION=threats.points
API=
WFS=

# read_to_end URL KIND OUT_PREFIX: curl reads URL to its end; the first and last 8 KiB are kept (the
# counts are there: GML's numberReturned in the head, GeoJSON's at the end). Prints "ttfb_ms total_ms bytes".
read_to_end() {
  local url=$1 head=$3.head tail=$3.tail
  curl -s --max-time 3600 -w '%{stderr}%{http_code} %{time_starttransfer} %{time_total} %{size_download}\n' "$url" \
    2>"$3.curl" | { head -c 8192 >"$head"; tail -c 8192 >"$tail"; }
  read -r code ttfb total size <"$3.curl"
  [ "$code" = 200 ] || { echo "HTTP $code for $url: $(head -c 300 "$head")" >&2; return 1; }
  awk -v a="$ttfb" -v b="$total" -v s="$size" 'BEGIN { printf "%.0f %.0f %d\n", a * 1000, b * 1000, s }'
}

# returned KIND OUT_PREFIX: numberReturned of a document read by read_to_end.
returned() {
  if [ "$1" = gml ]; then
    { grep -o 'numberReturned="[0-9]*"' "$2.head" || true; } | sed -n 1p | tr -dc 0-9
  else
    { grep -o '"numberReturned":[0-9]*' "$2.tail" || true; } | tail -1 | tr -dc 0-9
  fi
}

# export_once LABEL KIND URL [SERVER=F]: one whole-collection export with memory sampled around it.
export_once() {
  local label=$1 kind=$2 url=$3 name=${4:-F}
  local out=$WORK/export-$kind pid_var=PID_${4:-F}
  local before rss_before n r ttfb total size
  before=$(heap_used_mb "${!pid_var}")
  rss_before=$(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/${!pid_var}/status")
  memory_start "$name"
  r=$(read_to_end "$url" "$kind" "$out") || { memory_stop "$name" >/dev/null; return 1; }
  local memory
  memory=$(memory_stop "$name")
  read -r ttfb total size <<<"$r"
  n=$(returned "$kind" "$out")
  [ -n "$n" ] || { echo "$label: no numberReturned (the document is cut short)" >&2; return 1; }
  printf '%-44s features=%s seconds=%.1f features_per_s=%.0f MB_per_s=%.1f bytes=%s ttfb_ms=%s\n' "$label" "$n" \
    "$(echo "$total / 1000" | bc -l)" "$(echo "$n * 1000 / $total" | bc -l)" "$(echo "$size / 1048.576 / $total" | bc -l)" \
    "$size" "$ttfb" | record
  printf '%-44s heap_retained_before_mb=%s rss_before_mb=%s %s\n' "   memory during it" "$before" "$rss_before" \
    "$memory" | record
}

stream_part() {
  log "whole collection as one page ($COLLECTION), read to the end by curl"
  export_once "OGC API items, GeoJSON" geojson "$API/collections/$COLLECTION/items?limit=$COUNT"
  export_once "WFS GetFeature, GeoJSON" geojson "$WFS&TYPENAMES=$COLLECTION&COUNT=$COUNT&OUTPUTFORMAT=application/json"
  export_once "WFS GetFeature, GML 3.2" gml "$WFS&TYPENAMES=$COLLECTION&COUNT=$COUNT"
  # a second OGC API export: the first one ran with a cold JIT and cold database pages
  export_once "OGC API items, GeoJSON (again)" geojson "$API/collections/$COLLECTION/items?limit=$COUNT"
}

# bounded: a second server whose heap is only what the first one retains (after a full GC, index
# included) plus a margin (half of it, at least 256 MiB), exporting the whole collection in one page
# as GeoJSON and GML. If an export held the page (or a large part of it) in memory, it would fail
# with OutOfMemoryError here; reading it to the end with the right numberReturned shows it does not.
bounded_part() {
  local retained xmx port api wfs
  retained=$(heap_used_mb "$PID_F")
  xmx=$((retained + (retained / 2 > 256 ? retained / 2 : 256)))
  port=$(free_port)
  log "bounded memory: a second server with -Xmx${xmx}m (the first retains $retained MiB after a full GC)"
  api=http://127.0.0.1:$port/ogc/features
  wfs="http://127.0.0.1:$port/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature"
  SOFT_START=1 start_server B "$port" "-Xmx${xmx}m" -- --features.max-limit="$COUNT" || {
    log "the server did not start with -Xmx${xmx}m (see $WORK/server-B.log)"
    stop_server B
    return 0
  }
  export_once "-Xmx${xmx}m: OGC API items, GeoJSON" geojson "$api/collections/$COLLECTION/items?limit=$COUNT" B \
    || log "the export failed with -Xmx${xmx}m"
  if kill -0 "$PID_B" 2>/dev/null; then
    export_once "-Xmx${xmx}m: WFS GetFeature, GML 3.2" gml "$wfs&TYPENAMES=$COLLECTION&COUNT=$COUNT" B \
      || log "the export failed with -Xmx${xmx}m"
  else
    log "the server with -Xmx${xmx}m died during the first export"
  fi
  if grep -q OutOfMemoryError "$WORK/server-B.log"; then log "OutOfMemoryError in $WORK/server-B.log"; fi
  stop_server B
}

paging_part() {
  log "page by page at 10,000 features (the default largest page), by next links, first $PAGES pages"
  printf '%-44s %s\n' "OGC API items, GeoJSON, limit=10000" \
    "$(python3 "$ROOT/bench/features/page_through.py" "$API/collections/$COLLECTION/items?limit=10000" geojson "$PAGES")" | record
  printf '%-44s %s\n' "WFS GetFeature, GML 3.2, COUNT=10000" \
    "$(python3 "$ROOT/bench/features/page_through.py" "$WFS&TYPENAMES=$COLLECTION&COUNT=10000" gml "$PAGES")" | record
  # under a sort: the next links carry the last row's sort key and id (keyset on (key, id))
  [ -n "${NO_SORTBY:-}" ] && return 0
  printf '%-44s %s\n' "WFS GML, COUNT=10000, SORTBY=reportedAt DESC" \
    "$(python3 "$ROOT/bench/features/page_through.py" "$WFS&TYPENAMES=$COLLECTION&COUNT=10000&SORTBY=reportedAt+DESC" gml "$PAGES")" | record
  printf '%-44s %s\n' "WFS GML, COUNT=10000, SORTBY=category" \
    "$(python3 "$ROOT/bench/features/page_through.py" "$WFS&TYPENAMES=$COLLECTION&COUNT=10000&SORTBY=category" gml "$PAGES")" | record
}

# timed_series LABEL N URL [FIRST STEP]: N requests, @OFF@ in URL replaced by FIRST + k * STEP
# (k = 1..N) so that no two are alike; prints the stats of time_total.
timed_series() {
  local label=$1 n=$2 url=$3 first=${4:-0} step=${5:-0} k r errors=0
  : >"$WORK/series.txt"
  for k in $(seq 1 "$n"); do
    r=$(timed_get "${url//@OFF@/$((first + k * step))}" "$WORK/last-body")
    if [ "${r%% *}" = 200 ]; then
      echo "$r" | cut -d' ' -f2 >>"$WORK/series.txt"
    else
      errors=$((errors + 1))
      echo "   $label: $r $(head -c 300 "$WORK/last-body")" >&2
    fi
  done
  printf '%-58s ms %s errors=%d\n' "$label" "$(stats <"$WORK/series.txt")" "$errors" | record
}

deep_part() {
  # 3,000,000 at 5 M reports; kept 10,000 short of the end of the public collection (about 61 % of
  # the reports), so that every deep page is a full page
  local public deep
  public=$("${PSQL[@]}" -tAc "SELECT count(*) FROM report WHERE NOT deleted AND status NOT IN ('not_confirmed', 'joke_or_mistake')")
  deep=$((COUNT * 3 / 5))
  [ "$deep" -le $((public - 10000)) ] || deep=$((public - 10000))
  log "deep pages: 100 features at STARTINDEX $deep + k * 1000 and at k * 1000 (k = 1..5; $public public features)"
  timed_series "WFS GML, STARTINDEX 1000-5000" 5 "$WFS&TYPENAMES=$COLLECTION&COUNT=100&STARTINDEX=@OFF@" 0 1000
  timed_series "WFS GML, STARTINDEX $deep+" 5 "$WFS&TYPENAMES=$COLLECTION&COUNT=100&STARTINDEX=@OFF@" "$deep" 1000
  timed_series "WFS GeoJSON, STARTINDEX $deep+" 5 \
    "$WFS&TYPENAMES=$COLLECTION&COUNT=100&OUTPUTFORMAT=application/json&STARTINDEX=@OFF@" "$((deep + 77))" 1000
  timed_series "OGC API items, startindex 1000-5000" 5 "$API/collections/$COLLECTION/items?limit=100&startindex=@OFF@" 0 1000
  timed_series "OGC API items, startindex $deep+" 5 "$API/collections/$COLLECTION/items?limit=100&startindex=@OFF@" \
    "$((deep + 33))" 1000
  grep -o '"numberReturned":[0-9]*' "$WORK/last-body" | sed 's/^/   last deep page: /' | record
  [ -n "${NO_SORTBY:-}" ] && return 0
  # under a sort a STARTINDEX jump goes through the rank table of that order: the first request
  # builds it (one scan of the selection's (key, id) index), later ones skip < 1,024 rows from it
  timed_series "WFS GML, SORTBY=reportedAt DESC, STARTINDEX $deep+" 5 \
    "$WFS&TYPENAMES=$COLLECTION&COUNT=100&SORTBY=reportedAt+DESC&STARTINDEX=@OFF@" "$deep" 1000
  timed_series "WFS GML, SORTBY=category, STARTINDEX $deep+" 5 \
    "$WFS&TYPENAMES=$COLLECTION&COUNT=100&SORTBY=category&STARTINDEX=@OFF@" "$deep" 1000
}

hits_part() {
  log "resultType=hits with the shared filters (3 requests each); OGC API limit=1 with the same"
  local f label
  # label|WFS vendor parameters|OGC API parameters
  for f in "none||" \
      "category|CATEGORY=speeding|category=speeding" \
      "status|STATUS=new,confirmed|status=new,confirmed" \
      "area (Mazowieckie)|AREA=14|area=14" \
      "from/to (2024)|FROM=2024-01-01&TO=2024-12-31|datetime=2024-01-01T00:00:00Z/2024-12-31T23:59:59Z" \
      "all four|CATEGORY=speeding&STATUS=new,confirmed&AREA=14&FROM=2024-01-01&TO=2024-12-31|category=speeding&status=new,confirmed&area=14&datetime=2024-01-01T00:00:00Z/2024-12-31T23:59:59Z"; do
    IFS='|' read -r label wfs api <<<"$f"
    timed_series "WFS hits, filter: $label" 3 "$WFS&TYPENAMES=$COLLECTION&RESULTTYPE=hits&$wfs"
    printf '%-58s %s\n' "   numberMatched" "$(grep -o 'numberMatched="[^"]*"' "$WORK/last-body" | sed -n 1p)" | record
    timed_series "OGC API limit=1, filter: $label" 3 "$API/collections/$COLLECTION/items?limit=1&$api"
  done
}

peer_part() {
  log "peer: ogr2ogr from PostGIS (table report, all rows and columns), read to the end"
  local rows pg="PG:host=127.0.0.1 port=$PG_PORT user=postgres dbname=kmzb tables=report"
  rows=$("${PSQL[@]}" -tAc 'SELECT count(*) FROM report')
  local fmt
  for fmt in GeoJSON GML; do
    peer_run "ogr2ogr -f $fmt (table report)" "$rows" -f "$fmt" /vsistdout/ "$pg" report
  done
  # like for like: the rows and columns our public collection holds, in its id order
  local public="NOT deleted AND status NOT IN ('not_confirmed', 'joke_or_mistake')"
  rows=$("${PSQL[@]}" -tAc "SELECT count(*) FROM report WHERE $public")
  peer_run "ogr2ogr -f GeoJSON (public rows, columns)" "$rows" -f GeoJSON /vsistdout/ "$pg" -sql \
    "SELECT id, category, status, reported_at, occurred_on, time_of_day, geom FROM report WHERE $public ORDER BY id"
}

# peer_run LABEL ROWS OGR2OGR_ARGS...: ogr2ogr's output read to the end (wc), timed around the whole command.
peer_run() {
  local label=$1 rows=$2 t0 t1 size
  shift 2
  t0=$(date +%s.%N)
  size=$(ogr2ogr "$@" | wc -c)
  t1=$(date +%s.%N)
  printf '%-44s features=%s seconds=%.1f features_per_s=%.0f MB_per_s=%.1f bytes=%s\n' "$label" "$rows" \
    "$(echo "$t1 - $t0" | bc -l)" "$(echo "$rows / ($t1 - $t0)" | bc -l)" "$(echo "$size / 1048576 / ($t1 - $t0)" | bc -l)" \
    "$size" | record
}

# summary: features/s of ours against ogr2ogr's in this run (ours as a multiple of the peer's rate).
summary() {
  log "summary (features/s; ratio = ours / ogr2ogr)"
  rate() { { grep -F "$1" "$RESULTS" || true; } | { grep -v '^==' || true; } | sed -n 1p | sed -n 's/.*features_per_s=\([0-9]*\).*/\1/p'; }
  local pair ours peer
  for pair in "OGC API items, GeoJSON (again)|ogr2ogr -f GeoJSON (public rows, columns)" \
      "WFS GetFeature, GeoJSON|ogr2ogr -f GeoJSON (public rows, columns)" \
      "WFS GetFeature, GML 3.2|ogr2ogr -f GML (table report)" \
      "OGC API items, GeoJSON, limit=10000|ogr2ogr -f GeoJSON (public rows, columns)"; do
    ours=$(rate "${pair%|*}")
    peer=$(rate "${pair#*|}")
    [ -n "$ours" ] && [ -n "$peer" ] || continue
    awk -v a="$ours" -v b="$peer" -v l="${pair%|*} vs ${pair#*|}" \
      'BEGIN { printf "   %-86s %9d %9d  ratio %.2f\n", l, a, b, (b > 0 ? a / b : 0) }' | record
  done
}

main() {
  build_jar
  start_postgis
  local port
  port=$(free_port)
  API=http://127.0.0.1:$port/ogc/features
  WFS="http://127.0.0.1:$port/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature"
  start_server F "$port" -- --features.max-limit="$COUNT"
  for part in $PARTS; do
    "${part}_part"
  done
  stop_server F
  summary
  log "done; results in $RESULTS"
}
main
