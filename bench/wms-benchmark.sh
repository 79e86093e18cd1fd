#!/usr/bin/env bash
# WMS benchmark (issue 13 goals), our server beside MapServer 8 on the same PostGIS table. Run by
# hand, never in CI (about 30-40 minutes at 5 M reports; it wants the machine to itself):
#
#   bench/wms-benchmark.sh [COUNT=5000000] [PARTS="ours mapserver tiles memory"]
#
# Setup: a throw-away PostGIS cluster (db/pg-test-cluster.sh) with COUNT demo reports imported as
# bench/tiles-benchmark.sh does; our server on it (--store=postgis); MapServer 8 (bench/wms/
# mapserver.map.in) as FastCGI, one mapserv worker per core (spawn-fcgi), behind nginx. Both are
# driven over HTTP by the same client (curl, one request at a time; wrk for throughput), with WMS
# 1.1.1 (east/north order in every CRS, so no axis-order question between the two servers) and
# 1024x1024 PNG unless said otherwise. "Cold" means the image cannot come from a cache: our server is
# freshly started, or the view was never asked (each repeat pans the view by 0.01 % of its width,
# a new cache key, the same drawing work); MapServer caches nothing.
#
# Parts (all by default, in this order):
#   ours      fresh server: the first national map after start (threats.clusters, EPSG:3857), then
#             never-asked national views, clustered and plain points, EPSG:3857 and EPSG:2180, and a
#             48 km view of Warsaw (EPSG:2180), points and clusters. Goal: <= 100 ms cold national.
#             Then a second fresh server: every published layer (from GetCapabilities) at five views
#             (Poland 3857, Poland 2180, 250 km around Warsaw, 48 km of Krakow, 2 km of Gdansk),
#             each image its first request: per-layer max. Goal: <= 200 ms any view cold.
#   mapserver the same national and Warsaw views from MapServer, plain points (layer "points"), and
#             MapServer's CLUSTER processing (layer "clusters") on a time limit (MS_CLUSTER_LIMIT,
#             120 s): a longer request is recorded as "did not finish".
#   tiles     a fresh server: TILED=true 256x256 PNG tiles of threats.clusters (WebMercatorQuad z5-z9
#             over Poland) fetched once (cold tile figures), then wrk cycling through them (cached):
#             15 s unreported warm-up, then WRK_DURATION (20 s). Goal: >= 10,000 cached req/s.
#   memory    heap in use after a full GC before and after a burst of 4096x4096 maps (the largest
#             image allowed) from 4 concurrent clients, the largest heap in use before a collection
#             during it (-Xlog:gc) and the peak RSS (every 200 ms): what a big map costs and that
#             nothing stays behind; then 8 such maps with a CQL_FILTER the index cannot answer
#             (reports read from the store, at most wms.max-scan-features per map).
# Results go to $WORK/results.txt (WORK: $WMS_BENCH_DIR or a new /tmp directory, kept).
# BENCH_JAR=path skips the Maven build and uses that server jar.
set -euo pipefail
COUNT=${1:-5000000}
PARTS=${2:-"ours mapserver tiles memory"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WMS_BENCH_DIR:-$(mktemp -d /tmp/kmzb-wms.XXXXXX)}
mkdir -p "$WORK"
MS_CLUSTER_LIMIT=${MS_CLUSTER_LIMIT:-120}
WRK_DURATION=${WRK_DURATION:-20s}
# shellcheck source=bench/ogc/common.sh
. "$ROOT/bench/ogc/common.sh"

for tool in wrk nginx spawn-fcgi mapserv jcmd psql; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || {
    echo "$tool is missing (Debian: apt-get install wrk nginx spawn-fcgi mapserver-bin openjdk-17-jdk-headless postgresql-client)" >&2
    exit 2
  }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- the views (WMS 1.1.1 BBOX: minx,miny,maxx,maxy, east/north) -------------------------------
# Poland, square; Warsaw (21.0122 E, 52.2297 N) and Krakow (19.9450 E, 50.0647 N) 48 km across in
# EPSG:2180 (centres by gdaltransform); 250 km around Warsaw and 2 km of Gdansk (18.6466 E,
# 54.3520 N) in EPSG:3857, sides divided by cos(latitude) so that they are that wide on the ground.
POLAND_3857=1560000,6240000,2700000,7380000
POLAND_2180=160000,110000,880000,830000
WARSAW_48KM_2180=613382,462757,661382,510757
WARSAW_250KM_3857=2134985,6637683,2543150,7045848
KRAKOW_48KM_2180=543614,220588,591614,268588
GDANSK_2KM_3857=2074014,7235389,2077446,7238821
ANY_VIEWS="EPSG:3857:$POLAND_3857 EPSG:2180:$POLAND_2180 EPSG:3857:$WARSAW_250KM_3857 EPSG:2180:$KRAKOW_48KM_2180 EPSG:3857:$GDANSK_2KM_3857"

# pan BBOX K: the view moved east by K * 0.01 % of its width (a new cache key, the same work).
pan() {
  echo "$1" | awk -F, -v k="$2" '{ d = ($3 - $1) * 0.0001 * k; printf "%.3f,%s,%.3f,%s\n", $1 + d, $2, $3 + d, $4 }'
}

# getmap BASE LAYER SRS BBOX [SIZE]: a WMS 1.1.1 GetMap query on BASE (which ends in ? or &).
getmap() {
  local size=${5:-1024}
  echo "$1SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=$2&STYLES=&SRS=$3&BBOX=$4&WIDTH=$size&HEIGHT=$size&FORMAT=image/png"
}

# one_map LABEL URL: one timed request; prints its ms, or "-1" (and the answer) if it is not a PNG.
one_map() {
  local r code ms type
  r=$(timed_get "$2" "$WORK/last-image")
  read -r code ms _ type <<<"$r"
  if [ "$code" = 200 ] && [ "$type" = image/png ]; then
    echo "$ms"
  elif [ "$code" = 000 ]; then
    echo "   $1: no answer within ${CURL_MAX_TIME:-300} s" >&2
    echo "-1"
  else
    echo "   $1: HTTP $code $type: $(head -c 300 "$WORK/last-image" | tr -d '\0' | tr '\n' ' ')" >&2
    echo "-1"
  fi
}

# series LABEL BASE LAYER SRS BBOX N: N never-asked views (panned), one at a time; prints a stats line.
series() {
  local label=$1 base=$2 layer=$3 srs=$4 bbox=$5 n=$6 k ms errors=0
  : >"$WORK/series.txt"
  for k in $(seq 1 "$n"); do
    ms=$(one_map "$label" "$(getmap "$base" "$layer" "$srs" "$(pan "$bbox" "$k")")")
    if [ "$ms" = -1 ]; then errors=$((errors + 1)); else echo "$ms" >>"$WORK/series.txt"; fi
  done
  printf '%-58s ms %s errors=%d\n' "$label" "$(stats <"$WORK/series.txt")" "$errors" | record
}

# --- our server ------------------------------------------------------------------------------------
OURS_REPEATS=${OURS_REPEATS:-10}
ours_part() {
  local port base ms
  port=$(free_port)
  base="http://127.0.0.1:$port/wms?"
  log "ours: cold maps, freshly started server"
  start_server W "$port"
  ms=$(one_map first "$(getmap "$base" threats.clusters EPSG:3857 "$POLAND_3857")")
  printf '%-58s ms %s\n' "ours first map after start, clusters, Poland 3857" "$ms" | record
  series "ours clusters, Poland, EPSG:3857, never-asked views" "$base" threats.clusters EPSG:3857 "$POLAND_3857" "$OURS_REPEATS"
  series "ours clusters, Poland, EPSG:2180, never-asked views" "$base" threats.clusters EPSG:2180 "$POLAND_2180" "$OURS_REPEATS"
  # The same 3857 views once more (panned further: never asked), after the 2180 series: the first
  # series follows the server's start, so a difference between the two CRSs that this one does not
  # show is the JIT's warm-up, not the CRS.
  series "ours clusters, Poland, EPSG:3857, after the 2180 series" "$base" threats.clusters EPSG:3857 "$(pan "$POLAND_3857" 500)" "$OURS_REPEATS"
  series "ours points, Poland, EPSG:3857, never-asked views" "$base" threats.points EPSG:3857 "$POLAND_3857" "$OURS_REPEATS"
  series "ours points, Poland, EPSG:2180, never-asked views" "$base" threats.points EPSG:2180 "$POLAND_2180" "$OURS_REPEATS"
  series "ours points, Warsaw 48 km, EPSG:2180, never-asked views" "$base" threats.points EPSG:2180 "$WARSAW_48KM_2180" "$OURS_REPEATS"
  series "ours clusters, Warsaw 48 km, EPSG:2180, never-asked views" "$base" threats.clusters EPSG:2180 "$WARSAW_48KM_2180" "$OURS_REPEATS"
  local r
  r=$(timed_get "$(getmap "$base" threats.clusters EPSG:3857 "$POLAND_3857")" /dev/null)
  printf '%-58s ms %s\n' "ours clusters, Poland 3857, asked again (cached)" "$(echo "$r" | cut -d' ' -f2)" | record
  stop_server W

  log "ours: any view of any layer, each image its first request on a freshly started server"
  start_server W "$port"
  curl -s "${base}SERVICE=WMS&VERSION=1.1.1&REQUEST=GetCapabilities" >"$WORK/capabilities.xml"
  python3 - "$WORK/capabilities.xml" >"$WORK/layers.txt" <<'EOF'
import sys, xml.etree.ElementTree as ET
for layer in ET.parse(sys.argv[1]).iter("Layer"):
    name = layer.find("Name")
    if name is not None:
        print(name.text)
EOF
  log "$(wc -l <"$WORK/layers.txt") named layers in the capabilities (groups included)"
  local layer view srs bbox worst all_errors=0
  : >"$WORK/any-view.txt"
  while read -r layer; do
    worst=0
    for view in $ANY_VIEWS; do
      srs=${view%:*}
      bbox=${view##*:}
      ms=$(one_map "$layer $srs $bbox" "$(getmap "$base" "$layer" "$srs" "$bbox")")
      if [ "$ms" = -1 ]; then all_errors=$((all_errors + 1)); continue; fi
      echo "$ms $layer $srs $bbox" >>"$WORK/any-view.txt"
      worst=$(awk -v a="$worst" -v b="$ms" 'BEGIN { print (b > a ? b : a) }')
    done
    printf '   %-40s max ms %s\n' "$layer" "$worst" | record
  done <"$WORK/layers.txt"
  printf '%-58s ms %s errors=%d\n' "ours any view of any layer, cold" "$(cut -d' ' -f1 "$WORK/any-view.txt" | stats)" "$all_errors" | record
  # The first layer's images are the server's first requests and carry the JIT's warm-up: the same
  # figures without them, so that a slow first layer and a slow layer can be told apart.
  printf '%-58s ms %s\n' "ours any view of any layer, cold, after the first layer" \
    "$(tail -n +"$(($(echo "$ANY_VIEWS" | wc -w) + 1))" "$WORK/any-view.txt" | cut -d' ' -f1 | stats)" | record
  echo "   slowest five:" | record
  sort -gr "$WORK/any-view.txt" | sed -n 1,5p | sed 's/^/     /' | record
  stop_server W
}

# --- MapServer over FastCGI behind nginx -----------------------------------------------------------
MS_DIR=$WORK/mapserver
MS_NGINX_PID=
stop_mapserver() {
  if [ -n "$MS_NGINX_PID" ]; then
    kill -QUIT "$MS_NGINX_PID" 2>/dev/null || true
    wait "$MS_NGINX_PID" 2>/dev/null || true
    MS_NGINX_PID=
  fi
  # mapserv as a FastCGI worker ignores SIGTERM (measured: it keeps running); SIGKILL it by pid
  if [ -s "$MS_DIR/fcgi.pid" ]; then
    xargs -r kill -KILL <"$MS_DIR/fcgi.pid" 2>/dev/null || true
    : >"$MS_DIR/fcgi.pid"
  fi
}
EXTRA_CLEANUP+=(stop_mapserver)

start_mapserver() {
  mkdir -p "$MS_DIR"
  local fcgi_port http_port workers
  workers=$(nproc)
  fcgi_port=$(free_port)
  http_port=$(free_port)
  echo "sans /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" >"$MS_DIR/fonts.txt"
  sed -e "s|@CONNECTION@|host=127.0.0.1 port=$PG_PORT user=postgres dbname=kmzb|" -e "s|@FONTSET@|$MS_DIR/fonts.txt|" \
    "$ROOT/bench/wms/mapserver.map.in" >"$MS_DIR/peer.map"
  cat >"$MS_DIR/config.conf" <<EOF
CONFIG
  ENV
    MS_MAP_PATTERN "^$MS_DIR/peer\\.map\$"
  END
END
EOF
  MAPSERVER_CONFIG_FILE=$MS_DIR/config.conf spawn-fcgi -a 127.0.0.1 -p "$fcgi_port" -F "$workers" \
    -P "$MS_DIR/fcgi.pid" -- "$(command -v mapserv)" >&2
  cat >"$MS_DIR/nginx.conf" <<EOF
# Generated by bench/wms-benchmark.sh; everything nginx writes stays in $MS_DIR.
daemon off;
worker_processes 1;
pid $MS_DIR/nginx.pid;
error_log $MS_DIR/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $MS_DIR/cb; proxy_temp_path $MS_DIR/px; fastcgi_temp_path $MS_DIR/fc;
  uwsgi_temp_path $MS_DIR/uw; scgi_temp_path $MS_DIR/sc;
  upstream mapserv { server 127.0.0.1:$fcgi_port; keepalive $workers; }
  server {
    listen 127.0.0.1:$http_port;
    location /mapserv {
      include /etc/nginx/fastcgi_params;
      fastcgi_keep_conn on;
      fastcgi_read_timeout 3600s;
      fastcgi_pass mapserv;
    }
  }
}
EOF
  "$NGINX" -p "$MS_DIR" -e "$MS_DIR/error.log" -c "$MS_DIR/nginx.conf" &
  MS_NGINX_PID=$!
  MS_BASE="http://127.0.0.1:$http_port/mapserv?map=$MS_DIR/peer.map&"
  for _ in $(seq 50); do
    curl -s -o /dev/null "$MS_BASE" && break
    sleep 0.1
  done
  echo "MapServer: $workers FastCGI workers ($(tr '\n' ' ' <"$MS_DIR/fcgi.pid")) behind nginx on port $http_port" >&2
}

# Workers that died (MapServer 8.0 crashes on some requests, e.g. GetCapabilities over FastCGI) are
# not restarted by spawn-fcgi: say so, since fewer workers would make the figures slower.
check_workers() {
  local alive=0 pid
  for pid in $(cat "$MS_DIR/fcgi.pid"); do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
  [ "$alive" -eq "$(nproc)" ] || log "warning: only $alive of $(nproc) MapServer workers are alive"
}

MS_REPEATS=${MS_REPEATS:-3}
mapserver_part() {
  log "MapServer 8 (FastCGI, nginx): plain points and CLUSTER on the same table"
  start_mapserver
  local ms
  ms=$(one_map first "$(getmap "$MS_BASE" points EPSG:3857 "$POLAND_3857")")
  printf '%-58s ms %s\n' "MapServer first map after start, points, Poland 3857" "$ms" | record
  series "MapServer points, Poland, EPSG:3857" "$MS_BASE" points EPSG:3857 "$POLAND_3857" "$MS_REPEATS"
  series "MapServer points, Poland, EPSG:2180" "$MS_BASE" points EPSG:2180 "$POLAND_2180" "$MS_REPEATS"
  series "MapServer points, Warsaw 48 km, EPSG:2180" "$MS_BASE" points EPSG:2180 "$WARSAW_48KM_2180" "$OURS_REPEATS"
  series "MapServer CLUSTER, Warsaw 48 km, EPSG:2180" "$MS_BASE" clusters EPSG:2180 "$WARSAW_48KM_2180" "$MS_REPEATS"
  check_workers
  local srs bbox
  for view in "EPSG:3857:$POLAND_3857" "EPSG:2180:$POLAND_2180"; do
    srs=${view%:*}
    bbox=${view##*:}
    ms=$(CURL_MAX_TIME=$MS_CLUSTER_LIMIT one_map "MapServer CLUSTER" "$(getmap "$MS_BASE" clusters "$srs" "$bbox")")
    if [ "$ms" = -1 ]; then ms="did not finish within $MS_CLUSTER_LIMIT s (or failed)"; fi
    printf '%-58s ms %s\n' "MapServer CLUSTER, Poland, $srs" "$ms" | record
    # a request cut off by the time limit still occupies its worker: start afresh for the next one
    stop_mapserver
    start_mapserver
  done
  stop_mapserver
}

# --- cached TILED=true tiles --------------------------------------------------------------------------
tiles_part() {
  local port base
  port=$(free_port)
  base="http://127.0.0.1:$port"
  log "cached tiles: TILED=true 256x256 PNG, threats.clusters, WebMercatorQuad z5-z9 over Poland, fresh server"
  start_server W "$port"
  python3 - >"$WORK/tile-paths.txt" <<'EOF'
import math
R = 6378137 * math.pi
def tile(lon, lat, z):
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n)
    return x, y
for z in range(5, 10):
    x0, y0 = tile(14.0, 54.9, z)
    x1, y1 = tile(24.2, 49.0, z)
    size = 2 * R / 2 ** z
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            minx, maxy = -R + x * size, R - y * size
            print("/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=threats.clusters&STYLES=&SRS=EPSG:3857"
                  f"&BBOX={minx:.6f},{maxy - size:.6f},{minx + size:.6f},{maxy:.6f}"
                  "&WIDTH=256&HEIGHT=256&FORMAT=image/png&TILED=true")
EOF
  # every tile once, in order, over one kept-alive connection: the cold tile figures, and the cache filled
  sed "s|^|url = \"$base|; s|\$|\"\noutput = \"/dev/null\"|" "$WORK/tile-paths.txt" >"$WORK/tiles.curl"
  curl -s -K "$WORK/tiles.curl" -w '%{http_code} %{content_type} %{time_total}\n' >"$WORK/tiles-cold.txt"
  local bad
  bad=$(awk '$1 != 200 || $2 != "image/png"' "$WORK/tiles-cold.txt" | wc -l)
  printf '%-58s ms %s not-png=%d\n' "ours tiles, first request of each ($(wc -l <"$WORK/tile-paths.txt") tiles)" \
    "$(awk '{ print $3 * 1000 }' "$WORK/tiles-cold.txt" | stats)" "$bad" | record
  local label out line
  for label in warmup cached; do
    out=$WORK/wrk-$label.txt
    wrk -t2 -c64 -d"$([ $label = warmup ] && echo 15s || echo "$WRK_DURATION")" --timeout 10s --latency \
      -s "$ROOT/bench/wms/paths.lua" "$base" -- "$WORK/tile-paths.txt" 2 >"$out"
    sed 's/^/   /' "$out" >&2
  done
  line=$(grep '^KMZB_RESULT ' "$WORK/wrk-cached.txt")
  printf '%-58s %s\n' "ours cached tiles, wrk -t2 -c64 -d$WRK_DURATION" "${line#KMZB_RESULT }" | record
  stop_server W
}

# --- memory of big maps ---------------------------------------------------------------------------------
memory_part() {
  local port base pid before after
  port=$(free_port)
  base="http://127.0.0.1:$port/wms?"
  log "memory: 4096x4096 PNG maps of threats.points, 4 concurrent clients, 16 never-asked views"
  start_server W "$port"
  pid=$PID_W
  one_map warm "$(getmap "$base" threats.points EPSG:3857 "$POLAND_3857" 512)" >/dev/null
  before=$(heap_used_mb "$pid")
  memory_start W
  local k
  for k in $(seq 1 16); do getmap "$base" threats.points EPSG:3857 "$(pan "$POLAND_3857" "$k")" 4096; done \
    | xargs -P 4 -I{} curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' '{}' >"$WORK/big-maps.txt"
  local memory
  memory=$(memory_stop W)
  after=$(heap_used_mb "$pid")
  # A filter the cluster index cannot answer: the reports are read from the store, in pages, at most
  # wms.max-scan-features per map (20,000), whatever the table holds.
  memory_start W
  for k in $(seq 1 8); do echo "$(getmap "$base" threats.points EPSG:3857 "$(pan "$POLAND_3857" "$((k + 100))")" 4096)&CQL_FILTER=description%20IS%20NULL"; done \
    | xargs -P 4 -I{} curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' '{}' >"$WORK/scan-maps.txt"
  local scan_memory scan_after
  scan_memory=$(memory_stop W)
  scan_after=$(heap_used_mb "$pid")
  # 503 is the server's answer when no render slot frees within 2 s (wms.render-concurrency): the bound
  printf '%-58s %s\n' "ours 4096x4096 maps, HTTP status: count" "$(cut -d' ' -f1 "$WORK/big-maps.txt" | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')" | record
  printf '%-58s ms %s\n' "ours 4096x4096 maps answered 200" "$(awk '$1 == 200 { print $2 * 1000 }' "$WORK/big-maps.txt" | stats)" | record
  printf '%-58s %s\n' "ours heap after full GC, MiB" "before=$before after=$after" | record
  printf '%-58s %s\n' "ours during the burst (GC log; RSS every 200 ms)" "$memory" | record
  printf '%-58s %s\n' "ours 4096x4096 store-scan maps (CQL), HTTP status: count" "$(cut -d' ' -f1 "$WORK/scan-maps.txt" | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')" | record
  printf '%-58s ms %s\n' "ours 4096x4096 store-scan maps answered 200" "$(awk '$1 == 200 { print $2 * 1000 }' "$WORK/scan-maps.txt" | stats)" | record
  printf '%-58s %s\n' "ours heap after full GC after the scan burst, MiB" "$scan_after" | record
  printf '%-58s %s\n' "ours during the store-scan burst" "$scan_memory" | record
  stop_server W
}

# summary: the like-for-like pairs side by side, p50 against p50 of the same run.
summary() {
  log "summary (p50 ms; ratio = MapServer / ours)"
  p50() { { grep -F "$1" "$RESULTS" || true; } | { grep -v '^==' || true; } | sed -n 1p | sed -n 's/.* p50=\([0-9.]*\).*/\1/p'; }
  local pair ours peer
  for pair in "ours points, Poland, EPSG:3857|MapServer points, Poland, EPSG:3857" \
      "ours points, Poland, EPSG:2180|MapServer points, Poland, EPSG:2180" \
      "ours clusters, Poland, EPSG:3857|MapServer points, Poland, EPSG:3857" \
      "ours clusters, Poland, EPSG:2180|MapServer points, Poland, EPSG:2180" \
      "ours points, Warsaw 48 km|MapServer points, Warsaw 48 km" \
      "ours clusters, Warsaw 48 km|MapServer CLUSTER, Warsaw 48 km"; do
    ours=$(p50 "${pair%|*}")
    peer=$(p50 "${pair#*|}")
    [ -n "$ours" ] && [ -n "$peer" ] || continue
    awk -v a="$ours" -v b="$peer" -v l="${pair%|*} vs ${pair#*|}" \
      'BEGIN { printf "   %-86s %8.1f %9.1f  ratio %.1f\n", l, a, b, (a > 0 ? b / a : 0) }' | record
  done
}

# In a function, so that bash has read the whole file before running any of it (editing the script
# while it runs cannot change what it does).
main() {
  build_jar
  start_postgis
  for part in $PARTS; do
    "${part}_part"
  done
  summary
  log "done; results in $RESULTS"
}
main
