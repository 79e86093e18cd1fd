#!/usr/bin/env bash
# Indicator vector tiles (/tiles/indicator-<code>-<level>), cold and cached, over the 380 counties
# of ../shared/data (codes made up per voivodeship, VV01, VV02, … by the voivodeship holding the
# county's mean vertex: the shared file carries no codes; fine for timing) with a population and two
# indicators per county. Run by hand, never in CI:
#
#   bench/tiles/indicator-tiles.sh [JAR=server/app/target/kmzb-server.jar]
#
# An embedded store in a new /tmp directory (kept); one server with the filtered-render budget
# lifted (each tile is asked with 5 parameter variants, four of them filtered, which the budget would
# otherwise answer 429). Per zoom 5–10 a 3 × 3 block of tiles around Warsaw, each variant once
# (cold: nothing cached), then the same again (cached). curl time_total, 200 answers only; tiles
# without features are 204 and counted apart.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${1:-$ROOT/server/app/target/kmzb-server.jar}
DATA=$ROOT/../shared/data/boundaries
WORK=$(mktemp -d /tmp/kmzb-indicator-tiles.XXXXXX)
PORT=${PORT:-18095}
B=http://127.0.0.1:$PORT
cd "$WORK"
python3 - "$DATA" <<'PY'
import json, sys
data = sys.argv[1]
V = json.load(open(f'{data}/voivodeships.geojson'))
C = json.load(open(f'{data}/counties.geojson'))
def polygons(g):
    return [g['coordinates']] if g['type'] == 'Polygon' else g['coordinates']
def inside(pt, poly):
    x, y = pt; c = False; ring = poly[0]
    for i in range(len(ring)):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % len(ring)]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            c = not c
    return c
seq = {}
for f in C['features']:
    pts = [p for poly in polygons(f['geometry']) for p in poly[0]]
    mean = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    v = next((vf['properties']['teryt'] for vf in V['features']
              if any(inside(mean, poly) for poly in polygons(vf['geometry']))), '14')
    seq[v] = seq.get(v, 0) + 1
    f['properties'] = {'teryt': f'{v}{seq[v]:02d}', 'nazwa': f['properties']['nazwa']}
json.dump(C, open('counties.geojson', 'w'))
with open('population.csv', 'w') as p, open('values.csv', 'w') as v:
    p.write('teryt,year,population\n'); v.write('teryt,indicator,period,value\n')
    for i, f in enumerate(C['features']):
        t = f['properties']['teryt']
        p.write(f'{t},2024,{40000 + (i * 7919) % 400000}\n')
        v.write(f'{t},road_accidents,2024,{10 + (i * 104729) % 500}\n{t},burglaries,2024,{5 + (i * 15485863) % 300}\n')
PY
S="--store=embedded --embedded.file=$WORK/kmzb.sqlite"
java -jar "$JAR" import-boundaries --level=voivodeship --file="$DATA/voivodeships.geojson" --code-field=teryt \
  --name-field=nazwa $S | tail -1
java -jar "$JAR" import-boundaries --level=county --file=counties.geojson --code-field=teryt --name-field=nazwa $S | tail -1
java -jar "$JAR" import-population --level=county --file=population.csv $S | tail -1
java -jar "$JAR" import-indicators --level=county --file=values.csv $S | tail -1
java -Xmx2g -jar "$JAR" $S --http.host=127.0.0.1 --http.port="$PORT" --access-log=off \
  --tiles.filtered-render-ms-per-second=100000 --tiles.filtered-render-burst-ms=1000000 > server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -sf "$B/health" >/dev/null; do sleep 1; done
sleep 5 # the start-up background work
pass() {
  for z in 5 6 7 8 9 10; do
    read -r X Y < <(python3 -c "
import math; z=$z; lon, lat = 21.0, 52.23; n = 2 ** z
print(int((lon + 180) / 360 * n), int((1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n))")
    for dx in -1 0 1; do for dy in -1 0 1; do
      for v in "" "?classes=3" "?classes=7&method=equal" "?method=jenks" "?per=10000&classes=4"; do
        curl -s -o /dev/null -w "$z %{time_total} %{size_download} %{http_code}\n" \
          "$B/tiles/indicator-road-accidents-county/$z/$((X + dx))/$((Y + dy)).mvt$v"
      done
    done; done
  done | python3 -c "
import sys, collections
d = collections.defaultdict(list); s = collections.defaultdict(list); codes = collections.Counter()
for l in sys.stdin:
    z, t, b, c = l.split(); codes[c] += 1
    if c == '200':
        d[int(z)].append(float(t) * 1000); s[int(z)].append(int(b))
print('  status codes', dict(codes))
for z in sorted(d):
    v = sorted(d[z])
    print(f'  z{z}: {len(v)} tiles, p50 {v[len(v) // 2]:.1f} ms, max {v[-1]:.1f} ms, mean size {sum(s[z]) / len(s[z]):.0f} B')
"
}
echo "== cold (each tile and variant its first request)"; pass
echo "== cached"; pass
echo "== work directory $WORK"
