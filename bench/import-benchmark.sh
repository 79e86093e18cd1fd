#!/usr/bin/env bash
# Bulk-import benchmark (issue: "1 M reports imported into PostGIS with TERYT assignment at
# >= 50,000 reports/s, side by side with ogr2ogr -f PostgreSQL (PG_USE_COPY) loading the same file
# without area assignment"). Run by hand, not in CI:
#
#   bench/import-benchmark.sh [COUNT=1000000] [RUNS=3]
#
# It builds the server jar, starts a throw-away PostGIS (db/pg-test-cluster.sh), generates COUNT
# synthetic reports as CSV (demo-data), builds county boundaries with nested TERYT codes from
# ../shared/data/boundaries (real voivodeship codes mapped by name; county codes numbered inside
# the voivodeship holding each county), imports them, then times RUNS imports of each tool into a
# fresh database and prints the medians. A CHECKPOINT before each timed command flushes what the
# previous one wrote, so neither tool's time includes the other's checkpoint. Needs gdal-bin
# (installed with apt-get if missing).
set -euo pipefail
COUNT=${1:-1000000}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${KMZB_SHARED_DATA:-$ROOT/../shared/data}
WORK=$(mktemp -d /tmp/kmzb-bench.XXXXXX)
JAR=$ROOT/server/app/target/kmzb-server.jar
bash "$ROOT/db/ensure-gdal.sh"
(cd "$ROOT" && mvn -B -q package -DskipTests) >&2  # keeps Maven's console codes out of the result lines
# A private copy, so rebuilding the tree while the benchmark runs cannot break it.
cp "$JAR" "$WORK/kmzb-server.jar"
JAR=$WORK/kmzb-server.jar

out=$(bash "$ROOT/db/pg-test-cluster.sh" start)
URL=$(echo "$out" | head -1)
STATE=$(echo "$out" | sed -n 's/^STATE_DIR=//p')
PORT=$(cat "$STATE/port")
trap 'bash "$ROOT/db/pg-test-cluster.sh" stop "$STATE" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
PSQL=(psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)

echo "== data: $COUNT synthetic reports" >&2
java -jar "$JAR" demo-data --count="$COUNT" --output="$WORK/reports.csv" >&2

echo "== boundaries with nested TERYT codes from $SHARED/boundaries" >&2
"${PSQL[@]}" -d kmzb -c "CREATE DATABASE prep"
ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$PORT user=postgres dbname=prep" "$SHARED/boundaries/voivodeships-detailed.geojson" -nln voiv -lco GEOMETRY_NAME=geom
ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$PORT user=postgres dbname=prep" "$SHARED/boundaries/counties.geojson" -nln county -lco GEOMETRY_NAME=geom
"${PSQL[@]}" -d prep <<'SQL'
CREATE TABLE code (nazwa text PRIMARY KEY, teryt text);
INSERT INTO code VALUES ('dolnośląskie','02'),('kujawsko-pomorskie','04'),('lubelskie','06'),('lubuskie','08'),
 ('łódzkie','10'),('małopolskie','12'),('mazowieckie','14'),('opolskie','16'),('podkarpackie','18'),('podlaskie','20'),
 ('pomorskie','22'),('śląskie','24'),('świętokrzyskie','26'),('warmińsko-mazurskie','28'),('wielkopolskie','30'),
 ('zachodniopomorskie','32');
CREATE TABLE voiv_t AS SELECT c.teryt, v.nazwa AS name, ST_CollectionExtract(ST_MakeValid(v.geom), 3) AS geom FROM voiv v JOIN code c USING (nazwa);
CREATE TABLE county_t AS
  SELECT v.teryt || lpad(row_number() OVER (PARTITION BY v.teryt ORDER BY k.nazwa, k.ogc_fid)::text, 2, '0') AS teryt,
         k.nazwa AS name, ST_CollectionExtract(ST_MakeValid(k.geom), 3) AS geom
  FROM county k JOIN LATERAL (SELECT teryt FROM voiv_t WHERE ST_Covers(voiv_t.geom, ST_PointOnSurface(ST_MakeValid(k.geom)))
                              ORDER BY teryt LIMIT 1) v ON true;
SQL
ogr2ogr -f GeoJSON "$WORK/voivodeships.geojson" "PG:host=127.0.0.1 port=$PORT user=postgres dbname=prep" voiv_t
ogr2ogr -f GeoJSON "$WORK/counties.geojson" "PG:host=127.0.0.1 port=$PORT user=postgres dbname=prep" county_t
echo "counties with codes: $("${PSQL[@]}" -d prep -tAc 'SELECT count(*) FROM county_t')" >&2

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ours=() ; peer=()
for run in $(seq 1 "$RUNS"); do
  db="bench_ours_$run"
  "${PSQL[@]}" -d kmzb -c "CREATE DATABASE $db"
  DBURL="jdbc:postgresql://127.0.0.1:$PORT/$db?user=postgres"
  for level in voivodeship county; do
    file="$WORK/voivodeships.geojson"; [ "$level" = county ] && file="$WORK/counties.geojson"
    java -jar "$JAR" import-boundaries --level=$level --file="$file" --code-field=teryt --name-field=name \
      --store=postgis --postgis.url="$DBURL" >&2
  done
  "${PSQL[@]}" -d kmzb -c "CHECKPOINT"  # each tool starts clean, so none pays for the WAL of the one before
  start=$(date +%s.%N)
  # With voivodeships loaded, Poland is their union: the demo generator draws points in Natural
  # Earth's outline, and about 0.35 % of them fall outside these voivodeships (at the borders and
  # the coast). They are set aside, not stored; every row is still read and checked.
  java -jar "$JAR" import-reports --file="$WORK/reports.csv" --skip-failures --rejects="$WORK/rejects.csv" \
    --store=postgis --postgis.url="$DBURL" >&2
  end=$(date +%s.%N)
  ours+=("$(echo "$end - $start" | bc)")
  assigned=$("${PSQL[@]}" -d "$db" -tAc "SELECT count(*) FROM report WHERE teryt_county IS NOT NULL")
  rejected=$(($(wc -l < "$WORK/rejects.csv") - 1))
  echo "run $run: ours $(echo "$end - $start" | bc) s, $assigned of $COUNT reports with a county code, $rejected outside the voivodeships" >&2

  db="bench_ogr_$run"
  "${PSQL[@]}" -d kmzb -c "CREATE DATABASE $db"
  "${PSQL[@]}" -d kmzb -c "CHECKPOINT"  # each tool starts clean, so none pays for the WAL of the one before
  start=$(date +%s.%N)
  PG_USE_COPY=YES ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$PORT user=postgres dbname=$db" "$WORK/reports.csv" \
    -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326 -nln report \
    -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST --config PG_USE_COPY YES
  end=$(date +%s.%N)
  peer+=("$(echo "$end - $start" | bc)")
  echo "run $run: ogr2ogr $(echo "$end - $start" | bc) s" >&2
done
o=$(printf '%s\n' "${ours[@]}" | median)
p=$(printf '%s\n' "${peer[@]}" | median)
echo "reports=$COUNT runs=$RUNS"
echo "kmzb import-reports (validation, outline, TERYT, history, change log): median $o s = $(echo "$COUNT / $o" | bc) reports/s"
echo "ogr2ogr PG_USE_COPY (no validation, no areas):                        median $p s = $(echo "$COUNT / $p" | bc) reports/s"
echo "ratio kmzb/ogr2ogr time: $(echo "scale=2; $o / $p" | bc)"
