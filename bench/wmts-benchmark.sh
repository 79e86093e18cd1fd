#!/usr/bin/env bash
# WMTS benchmark (issue 16 goals). Run by hand, never in CI; it wants the machine to itself:
#
#   bench/wmts-benchmark.sh [COUNT=5000000] [PARTS="cold cached rerender"]
#
# Setup as bench/wms-benchmark.sh (bench/ogc/common.sh): a throw-away PostGIS cluster with COUNT demo
# reports and the voivodeships, our server on it. Tiles are RESTful GetTile of threats.clusters,
# 256x256 PNG in WebMercatorQuad and 512x512 PNG in Geoportal's EPSG:2180 set, fetched with curl one
# at a time (cold) or wrk (cached).
#
# Parts:
#   cold      a fresh server: for every level (WebMercatorQuad 5-18, EPSG2180 2-16) 25 tiles around
#             Warsaw, Krakow and Gdansk never asked before, each fetched once: per-level p50 and max
#             of curl's time_total. Goal: a 256x256 tile <= 30 ms cold at any zoom.
#   cached    the same tiles cycled by wrk (4 threads, 32 connections; 10 s unreported warm-up, then
#             WRK_DURATION, 20 s). Goal: >= 10,000 tiles/s.
#   rerender  every tile of part cold fetched with its ETag, then one report's status changed through
#             the API (PATCH, a move to joke_or_mistake that takes it off the public map), then every
#             tile asked again with If-None-Match: the tiles answered 200 are the ones drawn again
#             (a tile is redrawn exactly when its version moved), the rest 304. Repeated for 9
#             reports (3 near each city); prints the re-rendered tiles per change (max and mean) out of the total.
# KIND=mvt measures vector tiles (threats.clusters as MVT, the cache OGC API – Tiles shares) instead of
# PNG, in all three sets: WebMercatorQuad 5-18, EPSG2180 0-16 (levels 0-8 from the cluster index's
# EPSG:2180 aggregates, deeper ones scanned) and WorldCRS84Quad 2-17; the EPSG2180 tiles are fetched
# over OGC API – Tiles paths (/ogc/tiles/collections/threats.clusters/tiles/EPSG2180/...).
# Results go to $WORK/results.txt (WORK: $WMTS_BENCH_DIR or a new /tmp directory, kept).
# BENCH_JAR=path skips the Maven build and uses that server jar; BENCH_URL=http://host:port uses an
# already running server (with ADMIN_PW its administrator password) instead of PostGIS + a fresh one.
set -euo pipefail
COUNT=${1:-5000000}
PARTS=${2:-"cold cached rerender"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WMTS_BENCH_DIR:-$(mktemp -d /tmp/kmzb-wmts.XXXXXX)}
mkdir -p "$WORK"
WRK_DURATION=${WRK_DURATION:-20s}
KIND=${KIND:-png}
GIVEN_PW=${ADMIN_PW:-}
# shellcheck source=bench/ogc/common.sh
. "$ROOT/bench/ogc/common.sh"
# common.sh sets the password of the server it starts; a BENCH_URL server's is given as ADMIN_PW
[ -n "$GIVEN_PW" ] && ADMIN_PW=$GIVEN_PW

if [ -n "${BENCH_URL:-}" ]; then
  URL=$BENCH_URL
  log "$(date -u +%FT%TZ) against $URL; load $(cut -d' ' -f1-3 /proc/loadavg)"
else
  build_jar
  start_postgis
  PORT=$(free_port)
  start_server wmts "$PORT" -Xmx4g
  URL=http://127.0.0.1:$PORT
fi

# --- the tiles: 5 x 5 around three cities at every level of both sets --------------------------
python3 - "$WORK/tiles.txt" "$KIND" "$URL" <<'PY'
import math, os, subprocess, sys
mvt = sys.argv[2] == "mvt"
cities = [(21.0122, 52.2297), (19.9450, 50.0647), (18.6466, 54.3520)]
out = []
def merc_tile(lon, lat, z):
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n)
    return x, y
scales = [30238155.714285716, 15119077.857142858, 7559538.928571429, 3779769.4642857146, 1889884.7321428573,
          944942.3660714286, 472471.1830357143, 236235.59151785716, 94494.23660714286, 47247.11830357143,
          23623.559151785714, 9449.423660714287, 4724.711830357143, 1889.8847321428573, 944.9423660714286,
          472.4711830357143, 236.23559151785716]
# gdaltransform (GDAL 3.6) reads and writes the traditional GIS order: lon lat in, easting northing out
pts = subprocess.run(["gdaltransform", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:2180", "-output_xy"],
                     input="".join(f"{lon} {lat}\n" for lon, lat in cities), capture_output=True, text=True,
                     check=True, env={**os.environ, "OGR_CT_FORCE_TRADITIONAL_GIS_ORDER": "YES"}).stdout.split("\n")
pl = [tuple(map(float, p.split()[:2])) for p in pts if p.strip()]  # easting, northing
matrices = [(1, 1), (1, 1), (1, 1), (2, 2), (3, 3), (6, 6), (12, 11), (23, 22), (57, 54), (114, 107), (227, 214),
            (567, 533), (1133, 1066), (2831, 2664), (5662, 5328), (11323, 10656), (22645, 21312)]
for z in range(5, 19):
    for lon, lat in cities:
        cx, cy = merc_tile(lon, lat, z)
        for dy in range(-2, 3):
            for dx in range(-2, 3):
                out.append(f"WebMercatorQuad {z} {cy + dy} {cx + dx}")
for level in range(0 if mvt else 2, 17):
    span = scales[level] * 0.00028 * 512
    for e, n in pl:
        col, row = int((e - 100000) // span), int((850000 - n) // span)
        for dy in range(-2, 3):
            for dx in range(-2, 3):
                if 0 <= row + dy < matrices[level][1] and 0 <= col + dx < matrices[level][0]:
                    out.append(f"EPSG2180 {level} {row + dy} {col + dx}")
if mvt:
    for z in range(2, 18):
        span = 180 / 2 ** z
        for lon, lat in cities:
            col, row = int((lon + 180) // span), int((90 - lat) // span)
            for dy in range(-2, 3):
                for dx in range(-2, 3):
                    out.append(f"WorldCRS84Quad {z} {row + dy} {col + dx}")
# Only tiles within the layer's TileMatrixSetLimits as the server advertises them: a tile outside is
# refused (400 TileOutOfRange) before any drawing, which would measure the refusal, not the tile.
import urllib.request, xml.etree.ElementTree as ET
W = "{http://www.opengis.net/wmts/1.0}"
O = "{http://www.opengis.net/ows/1.1}"
caps = ET.fromstring(urllib.request.urlopen(sys.argv[3] + "/wmts/1.0.0/WMTSCapabilities.xml").read())
limits = {}
for layer in caps.iter(W + "Layer"):
    if layer.findtext(O + "Identifier") != "threats.clusters":
        continue
    for link in layer.iter(W + "TileMatrixSetLink"):
        tms = link.findtext(W + "TileMatrixSet")
        for lim in link.iter(W + "TileMatrixLimits"):
            m = lim.findtext(W + "TileMatrix")
            limits[(tms, m.split(":")[-1])] = tuple(int(lim.findtext(W + k)) for k in
                                                    ("MinTileRow", "MaxTileRow", "MinTileCol", "MaxTileCol"))
def within(line):
    s, l, r, c = line.split()
    lim = limits.get((s, l))
    return lim is None or (lim[0] <= int(r) <= lim[1] and lim[2] <= int(c) <= lim[3])
kept = [t for t in dict.fromkeys(out) if within(t)]
print(f"{len(kept)} tiles within the advertised limits ({len(dict.fromkeys(out)) - len(kept)} outside left out)",
      file=sys.stderr)
with open(sys.argv[1], "w") as f:
    f.write("\n".join(kept) + "\n")
PY
# tile_path SET LEVEL ROW COL: the WMTS RESTful path, or for MVT in EPSG2180 the OGC API – Tiles one
# (both read the one cache of GridVectorTiles)
tile_path() {
  if [ "$KIND" = mvt ] && [ "$1" = EPSG2180 ]; then
    echo "/ogc/tiles/collections/threats.clusters/tiles/$1/$2/$3/$4"
  else
    echo "/wmts/1.0.0/threats.clusters/default/default/$1/$2/$3/$4.$KIND"
  fi
}
while read -r set level row col; do tile_path "$set" "$level" "$row" "$col"; done < "$WORK/tiles.txt" > "$WORK/paths.txt"
log "$(wc -l < "$WORK/paths.txt") tiles"

if [[ " $PARTS " == *" cold "* ]]; then
  log "cold $KIND tiles (never asked): ms per level, p50 / max"
  : > "$WORK/cold.txt"
  while read -r set level row col; do
    t=$(curl -s -o /dev/null -w '%{time_total}' "$URL$(tile_path "$set" "$level" "$row" "$col")")
    echo "$set $level $t" >> "$WORK/cold.txt"
  done < "$WORK/tiles.txt"
  python3 - "$WORK/cold.txt" <<'PY' | record
import collections, statistics, sys
by = collections.defaultdict(list)
for line in open(sys.argv[1]):
    s, l, t = line.split()
    by[(s, int(l))].append(float(t) * 1000)
for (s, l), v in sorted(by.items()):
    v.sort()
    print(f"{s:16s} level {l:2d}: p50 {statistics.median(v):7.1f} ms  max {v[-1]:7.1f} ms  ({len(v)} tiles)")
PY
fi

if [[ " $PARTS " == *" cached "* ]]; then
  log "cached tiles: wrk -t4 -c32 over every tile"
  for p in $(cat "$WORK/paths.txt"); do curl -s -o /dev/null "$URL$p"; done
  wrk -t4 -c32 -d10s -s "$ROOT/bench/wms/paths.lua" "$URL" -- "$WORK/paths.txt" 4 >/dev/null
  wrk -t4 -c32 -d"$WRK_DURATION" --latency -s "$ROOT/bench/wms/paths.lua" "$URL" -- "$WORK/paths.txt" 4 \
    | grep KMZB_RESULT | record
fi

if [[ " $PARTS " == *" rerender "* ]]; then
  log "tiles drawn again per status change (of $(wc -l < "$WORK/paths.txt") tiles around the three cities)"
  # a login may be refused for a moment on a loaded machine (at most 4 password checks at once): retried
  TOKEN=
  for _ in 1 2 3 4 5; do
    TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PW\"}" \
      "$URL/api/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' 2>/dev/null) && break
    sleep 2
  done
  [ -n "$TOKEN" ] || { echo "cannot log in as admin at $URL" >&2; exit 1; }
  python3 - "$URL" "$TOKEN" "$WORK/paths.txt" <<'PY' | record
import json, sys, urllib.request, urllib.error
url, token, paths = sys.argv[1], sys.argv[2], [p.strip() for p in open(sys.argv[3]) if p.strip()]
def fetch(path, etag=None):
    req = urllib.request.Request(url + path, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(req) as r:
            r.read()
            return r.status, r.headers.get("ETag")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("ETag")
def api(method, path, body=None, headers=None):
    h = {"Authorization": "Bearer " + token, "Content-Type": "application/json", **(headers or {})}
    req = urllib.request.Request(url + path, data=json.dumps(body).encode() if body else None, method=method, headers=h)
    with urllib.request.urlopen(req) as r:
        return json.load(r), r.headers.get("ETag")
# reports near Warsaw, Krakow and Gdansk in a public status
counts = []
for bbox in ["20.99,52.22,21.03,52.24", "19.93,50.05,19.96,50.07", "18.63,54.34,18.66,54.36"]:
    page, _ = api("GET", f"/api/reports?bbox={bbox}&status=new,verification,confirmed&limit=3")
    for rep in page.get("features", page.get("items", []))[:3]:
        rid = rep.get("id") or rep.get("properties", {}).get("id")
        etags = {p: fetch(p)[1] for p in paths}
        _, etag = api("GET", f"/api/reports/{rid}")
        api("PATCH", f"/api/reports/{rid}", {"status": "joke_or_mistake", "note": "benchmark"}, {"If-Match": etag})
        redrawn = sum(1 for p in paths if fetch(p, etags[p])[0] == 200)
        counts.append(redrawn)
if counts:
    print(f"status changes: {len(counts)}; tiles drawn again per change: max {max(counts)}, "
          f"mean {sum(counts) / len(counts):.1f} of {len(paths)}")
else:
    print("no reports found to change")
PY
fi
log "results: $RESULTS"
