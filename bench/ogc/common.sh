# shellcheck shell=bash
# Shared by bench/wms-benchmark.sh and bench/features-benchmark.sh (sourced, not run): the work
# directory and results file, a throw-away PostGIS cluster with COUNT demo reports imported as
# bench/tiles-benchmark.sh does, our server on that table, and small measuring helpers.
# The caller sets ROOT, COUNT and WORK before sourcing. No pipeline here or in the scripts ends in
# head: under pipefail, a writer killed by SIGPIPE would stop the script.

RESULTS=$WORK/results.txt
ADMIN_PW=benchmark-admin-password
log() { echo "== $*" | tee -a "$RESULTS" >&2; }
record() { tee -a "$RESULTS"; }

PG_STATE=
SERVERS=()
EXTRA_CLEANUP=()
cleanup() {
  local f pid
  for f in "${EXTRA_CLEANUP[@]:-}"; do [ -n "$f" ] && "$f" || true; done
  for pid in "${SERVERS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  [ -n "$PG_STATE" ] && bash "$ROOT/db/pg-test-cluster.sh" stop "$PG_STATE" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# build_jar: our server jar, copied so that rebuilding the tree while the benchmark runs cannot
# change what is measured. BENCH_JAR names an already built jar instead (then nothing is built).
build_jar() {
  if [ -n "${BENCH_JAR:-}" ]; then
    cp "$BENCH_JAR" "$WORK/kmzb-server.jar"
  else
    (cd "$ROOT" && mvn -B -q package -DskipTests -pl server/app -am)
    cp "$ROOT/server/app/target/kmzb-server.jar" "$WORK/"
  fi
  log "$(date -u +%FT%TZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg);" \
    "commit $(git -C "$ROOT" rev-parse --short HEAD)"
}

# start_postgis: a throw-away cluster holding COUNT demo reports (fixed seed, as tiles-benchmark.sh);
# sets DB_URL, PG_PORT and PSQL (an array: psql on the benchmark database).
start_postgis() {
  local out
  out=$(bash "$ROOT/db/pg-test-cluster.sh" start)
  DB_URL=$(echo "$out" | sed -n 1p)
  PG_STATE=$(echo "$out" | sed -n 's/^STATE_DIR=//p')
  PG_PORT=$(cat "$PG_STATE/port")
  PSQL=(psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d kmzb)
  import_voivodeships
  log "PostGIS $DB_URL: importing $COUNT demo reports"
  java -jar "$WORK/kmzb-server.jar" demo-data --count="$COUNT" --output="$WORK/reports.csv" >&2
  # Points the demo generator draws outside these voivodeships (about 0.35 %, at borders and the
  # coast) are set aside, as in bench/import-benchmark.sh.
  java -jar "$WORK/kmzb-server.jar" import-reports --file="$WORK/reports.csv" --skip-failures \
    --rejects="$WORK/rejects.csv" --store=postgis --postgis.url="$DB_URL" >"$WORK/import.log" 2>&1
  { grep -E 'bulk import of|read [0-9,]+ rows:' "$WORK/import.log" || true; } | sed 's/^.*INFO //' | record
  rm -f "$WORK/reports.csv"
  "${PSQL[@]}" -c 'VACUUM ANALYZE report' >&2
  "${PSQL[@]}" -tA -c "SELECT 'reports in table: ' || count(*) || ', public (map/feature view): '
      || count(*) FILTER (WHERE NOT deleted AND status NOT IN ('not_confirmed', 'joke_or_mistake')) FROM report" | record
}

# import_voivodeships: the 16 voivodeships of ../shared/data/boundaries with their real TERYT codes
# (mapped by name, as bench/import-benchmark.sh does), so that reports get an area code (the AREA
# filter) and the area layers have something to draw.
import_voivodeships() {
  local shared=${BENCH_SHARED_DATA:-$ROOT/../shared/data}
  local pg="PG:host=127.0.0.1 port=$PG_PORT user=postgres dbname=prep"
  psql -q -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d kmzb -c "CREATE DATABASE prep" >&2
  ogr2ogr -f PostgreSQL "$pg" "$shared/boundaries/voivodeships-detailed.geojson" -nln voiv -lco GEOMETRY_NAME=geom
  psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d prep >&2 <<'SQL'
CREATE TABLE code (nazwa text PRIMARY KEY, teryt text);
INSERT INTO code VALUES ('dolnośląskie','02'),('kujawsko-pomorskie','04'),('lubelskie','06'),('lubuskie','08'),
 ('łódzkie','10'),('małopolskie','12'),('mazowieckie','14'),('opolskie','16'),('podkarpackie','18'),('podlaskie','20'),
 ('pomorskie','22'),('śląskie','24'),('świętokrzyskie','26'),('warmińsko-mazurskie','28'),('wielkopolskie','30'),
 ('zachodniopomorskie','32');
CREATE TABLE voiv_t AS SELECT c.teryt, v.nazwa AS name, ST_CollectionExtract(ST_MakeValid(v.geom), 3) AS geom
  FROM voiv v JOIN code c USING (nazwa);
SQL
  ogr2ogr -f GeoJSON "$WORK/voivodeships.geojson" "$pg" voiv_t
  java -jar "$WORK/kmzb-server.jar" import-boundaries --level=voivodeship --file="$WORK/voivodeships.geojson" \
    --code-field=teryt --name-field=name --store=postgis --postgis.url="$DB_URL" >&2
  psql -q -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d kmzb -c "DROP DATABASE prep" >&2
}

# start_server NAME PORT [JAVA_OPTS...] -- [SERVER_ARGS...]: our server on the benchmark database,
# returning once its index is loaded; PID_<NAME> holds its pid.
start_server() {
  local name=$1 port=$2
  shift 2
  local jopts=() sargs=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do jopts+=("$1"); shift; done
  [ "${1:-}" = -- ] && shift
  sargs=("$@")
  java -Xlog:gc:file="$WORK/gc-$name.log" "${jopts[@]}" -jar "$WORK/kmzb-server.jar" --http.port="$port" --http.host=127.0.0.1 --store=postgis \
    --postgis.url="$DB_URL" --auth.admin-password="$ADMIN_PW" --access-log=off "${sargs[@]}" \
    >"$WORK/server-$name.log" 2>&1 &
  SERVERS+=("$!")
  eval "PID_$name=$!"
  local t0=$SECONDS
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"ready"'; then
      echo "server $name ready after $((SECONDS - t0)) s" >&2
      # Start-up work beside serving (the analytics layers' first computation, the WFS rank
      # checkpoints; /health's "background" for an administrator) would share the processors with
      # what is measured next: wait for it, at most 5 minutes.
      for _ in $(seq 1 300); do
        curl -fs -u "admin:$ADMIN_PW" "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"background"' || break
        sleep 1
      done
      echo "server $name quiet (no background start-up work) after $((SECONDS - t0)) s" >&2
      return 0
    fi
    kill -0 "$!" 2>/dev/null || break
    sleep 1
  done
  echo "server $name did not get ready; see $WORK/server-$name.log" >&2
  # SOFT_START=1: the caller handles it (a server that may fail, e.g. on a small heap)
  [ -n "${SOFT_START:-}" ] && return 1
  exit 1
}

stop_server() {
  local pid_var="PID_$1"
  kill "${!pid_var}" 2>/dev/null && wait "${!pid_var}" 2>/dev/null || true
}

# heap_used_mb PID: heap in use right after a full GC (what the process retains).
heap_used_mb() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print int(v / 1024); exit } }'
}

# memory_start NAME / memory_stop NAME: the memory our server NAME used in between. Heap: the largest
# heap in use before a collection (the JVM's own log, -Xlog:gc, so nothing is attached to the
# server while it works; jstat would buffer its lines for seconds, and a jstat per sample costs a
# JVM start). RSS: /proc/PID/status every 200 ms, read with shell built-ins.
memory_start() {
  local pid_var="PID_$1"
  wc -l <"$WORK/gc-$1.log" >"$WORK/memory-$1.gcstart"
  : >"$WORK/memory-$1.rss"
  (
    while kill -0 "${!pid_var}" 2>/dev/null; do
      while read -r k v _; do [ "$k" = VmRSS: ] && echo "$v" && break; done <"/proc/${!pid_var}/status"
      sleep 0.2
    done >>"$WORK/memory-$1.rss"
  ) &
  MEMORY_SAMPLER=$!
}
memory_stop() {
  kill "$MEMORY_SAMPLER" 2>/dev/null || true
  wait "$MEMORY_SAMPLER" 2>/dev/null || true
  local heap rss
  heap=$(tail -n +"$(($(cat "$WORK/memory-$1.gcstart") + 1))" "$WORK/gc-$1.log" \
    | grep -o '[0-9]*M->[0-9]*M([0-9]*M)' | awk -F'M' '{ if ($1 + 0 > h) h = $1 + 0; n++ } END { printf "heap_peak_before_gc_mb=%d gcs=%d", h, n }')
  rss=$(awk '{ if ($1 > r) r = $1 } END { printf "rss_peak_mb=%d rss_samples=%d", r / 1024, NR }' "$WORK/memory-$1.rss")
  echo "$heap $rss"
}

# stats: numbers on stdin (ms) -> "n=… min=… p50=… p90=… max=…"
stats() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "n=0"; exit }
    p50 = v[int((NR + 1) / 2)]; p90 = v[int(NR * 0.9 + 0.999)]
    printf "n=%d min=%.1f p50=%.1f p90=%.1f max=%.1f\n", NR, v[1], p50, p90, v[NR] }'
}

# timed_get URL OUT: fetch URL into OUT (a file or /dev/null); prints "http_code ms bytes content_type".
timed_get() {
  local r
  r=$(curl -s -o "$2" --max-time "${CURL_MAX_TIME:-300}" \
    -w '%{http_code} %{time_total} %{size_download} %{content_type}' "$1") || true
  echo "$r" | awk '{ printf "%s %.1f %s %s\n", $1, $2 * 1000, $3, $4 }'
}
