#!/usr/bin/env bash
# Cached-tile throughput benchmark (clustered-tiles issue: "Cached tiles: >= 25,000 tiles/s with wrk
# on loopback over the tile sample (cold and warm runs reported separately); nginx serving the same
# tiles from files is the ceiling to compare with"). Run by hand, never in CI:
#
#   bench/tiles/cached-benchmark.sh BASE_URL SAMPLE [DURATION=20s] [CONNECTIONS=64] [THREADS=2]
#
# BASE_URL is an already running KMZB server (e.g. http://127.0.0.1:8080), freshly started so that
# nothing is cached, ideally with --access-log=off (a log line per request is not what we measure).
# SAMPLE has one tile per line, z/x/y (bench/tiles/sample.mjs writes one). Tiles of the layer
# `threats`, every request with Accept-Encoding: gzip as a browser sends it. Steps:
#   1. cold: one pass over the sample, every tile requested exactly once (each one is rendered), the
#      rate measured over that pass by sample-paths.lua (a duration-long run would be cold only for
#      its first second and warm after);
#   2. warm: after a 15 s unreported warm-up (JIT, GC), DURATION of wrk cycling through the whole sample
#      (everything is cached by step 1);
#   3. every tile fetched once more with curl, as MVT and as the gzip body exactly as sent, into
#      files; tiles answered 204 (empty) are dropped from the list used by steps 4 and 5;
#   4. warm over the non-empty tiles only, and
#   5. a throw-away nginx (gzip_static) serving those files, same wrk settings, same list:
#      like for like, the ceiling a static file server reaches on this machine.
# Needs wrk, nginx and curl; wrk and nginx are installed with apt-get if missing.
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi
BASE=${1%/}
SAMPLE=$2
DURATION=${3:-20s}
CONNECTIONS=${4:-64}
THREADS=${5:-2}
HERE=$(cd "$(dirname "$0")" && pwd)
LUA=$HERE/sample-paths.lua
[ -s "$SAMPLE" ] || { echo "tile sample $SAMPLE is missing or empty" >&2; exit 2; }

# --- tools -------------------------------------------------------------------------------------
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
install_if_missing() {  # $1: command, $2: Debian package
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] && return 0
  echo "== installing $2" >&2
  $SUDO apt-get install -y "$2" >&2 || { $SUDO apt-get update >&2 && $SUDO apt-get install -y "$2" >&2; }
}
install_if_missing wrk wrk
install_if_missing nginx nginx
# nginx lives in /usr/sbin, which is not on an ordinary user's PATH
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- temp dir, cleaned up with the nginx and wrk we start, whatever way the script ends ----------
WORK=$(mktemp -d /tmp/kmzb-cached-bench.XXXXXX)
NGINX_PID=
WRK_PID=
cleanup() {
  [ -z "$WRK_PID" ] || kill "$WRK_PID" 2>/dev/null || true
  if [ -n "$NGINX_PID" ]; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true   # graceful stop: the master takes its workers along
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # so Ctrl-C runs the EXIT trap too

# The path in front of z/x/y.mvt; BASE may carry a path of its own (a server behind a prefix).
rest=${BASE#*://}
case $rest in */*) BASE_PATH=/${rest#*/} ;; *) BASE_PATH= ;; esac
PREFIX=$BASE_PATH/tiles/threats/

curl -sf "$BASE/health" | grep -q '"ready"' || {
  echo "$BASE/health does not say ready (the cluster index loads after the demo data; wait)" >&2
  exit 1
}

declare -A RESULT   # label -> "rps p50_ms p99_ms non2xx3xx socket_errors requests"

# run_wrk LABEL DURATION URL SAMPLE_FILE PREFIX MODE: wrk with the common settings, raw output to
# the terminal, the KMZB_RESULT line of sample-paths.lua into RESULT[LABEL].
run_wrk() {
  local label=$1 duration=$2 url=$3 sample=$4 prefix=$5 mode=$6 out=$WORK/wrk-$1.txt
  local done_dir=$WORK/done-$1
  mkdir -p "$done_dir"
  # once: the pass ends when every thread has its answers; wrk would still sleep for -d, so -d is only
  # an upper bound (600s) and we interrupt wrk (SIGINT makes it report) as soon as all threads are done.
  echo "== $label: wrk -t$THREADS -c$CONNECTIONS -d$duration ($mode over $(wc -l <"$sample") tiles) $url$prefix" >&2
  # --timeout 10s: a slow cold tile is a latency to report, not a socket error (default 2 s)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s --latency -s "$LUA" "$url" \
    -- "$sample" "$prefix" "$THREADS" "$mode" "$done_dir" >"$out" &
  WRK_PID=$!
  if [ "$mode" = once ]; then
    while kill -0 "$WRK_PID" 2>/dev/null && [ "$(ls "$done_dir" | wc -l)" -lt "$THREADS" ]; do sleep 0.05; done
    kill -INT "$WRK_PID" 2>/dev/null || true
  fi
  wait "$WRK_PID"
  WRK_PID=
  sed 's/^/   /' "$out" >&2
  local line
  line=$(grep '^KMZB_RESULT ' "$out") || { echo "no KMZB_RESULT from wrk ($label)" >&2; exit 1; }
  if [ "$mode" = once ] && [ "$(ls "$done_dir" | wc -l)" -lt "$THREADS" ]; then
    echo "warning: $label pass did not complete (lost requests?); its figures are partial" >&2
  fi
  # shellcheck disable=SC2046  # word splitting of key=value pairs is intended
  local $(echo "${line#KMZB_RESULT }")
  RESULT[$label]="$rps $p50_ms $p99_ms $non2xx3xx $socket_errors $requests"
}

# --- 1. cold ------------------------------------------------------------------------------------
cat >&2 <<EOF

*** The COLD figure assumes a freshly started server (nothing cached, nothing requested since
*** start). Restart the server before running this script, or the cold figure is a warm one.

EOF
run_wrk cold 600s "$BASE" "$SAMPLE" "$PREFIX" once
# The runs rely on the server compressing for gzip clients; check it on a tile (after the cold pass,
# which must be the first to ask for any tile).
first=$(head -1 "$SAMPLE" | tr -d '[:space:]')
curl -s -o /dev/null -D "$WORK/headers" -H 'Accept-Encoding: gzip' "$BASE/tiles/threats/$first.mvt"
if grep -q '^HTTP/[0-9.]* 200' "$WORK/headers" && ! grep -qi '^content-encoding: *gzip' "$WORK/headers"; then
  echo "warning: $BASE/tiles/threats/$first.mvt is not gzip-encoded for Accept-Encoding: gzip" >&2
fi

# --- 2. warm, whole sample ------------------------------------------------------------------------
# An unreported run first: the JVM compiles the cached-tile path only after many requests, and the
# garbage of the cold pass is collected; "warm" means cached, compiled and settled (after only 5 s
# the first warm run came out at half the rate of the next one). Its figures are printed but left
# out of the summary.
run_wrk warmup 15s "$BASE" "$SAMPLE" "$PREFIX" loop
run_wrk warm "$DURATION" "$BASE" "$SAMPLE" "$PREFIX" loop

# --- 3. the sample as files: raw MVT and the gzip body as sent ----------------------------------
# One curl per variant with a config file of url/output pairs: one kept-alive connection instead
# of thousands of curl processes. No --compressed: the gzip body must be saved exactly as sent.
TILES=$WORK/tiles
mkdir -p "$TILES"
echo "== fetching every sample tile (raw and gzip) into $TILES" >&2
fetch() {  # $1: file suffix, then extra curl options
  local suffix=$1; shift
  grep -v '^[[:space:]]*$' "$SAMPLE" | tr -d '\r ' | while read -r t; do
    printf 'url = "%s/tiles/threats/%s.mvt"\noutput = "%s/%s.mvt%s"\n' "$BASE" "$t" "$TILES" "$t" "$suffix"
  done >"$WORK/curl$suffix.cfg"
  curl -sS --create-dirs "$@" -w '%{http_code} %{filename_effective}\n' -K "$WORK/curl$suffix.cfg"
}
fetch "" >"$WORK/status-raw.txt"
fetch .gz -H 'Accept-Encoding: gzip' >"$WORK/status-gz.txt"
# A tile is non-empty when both variants answered 200; 204 (empty) tiles are dropped from both the
# files and the list; anything else is an error worth seeing. Repeated lines stay: the sample draws
# z7+ tiles by report density, so busy tiles repeat, and that weighting is part of the sample.
NONEMPTY=$WORK/sample-nonempty.txt
awk -v root="$TILES/" '
  FNR == 1 { file++ }
  { t = substr($2, length(root) + 1); sub(/\.mvt(\.gz)?$/, "", t) }
  file == 1 { raw[t] = $1; order[++n] = t; next }
  { gz[t] = $1 }
  END {
    for (i = 1; i <= n; i++) {
      t = order[i]
      if (raw[t] == 200 && gz[t] == 200) print t
      else if (raw[t] == 204 && gz[t] == 204) empty++
      else { bad++; printf "unexpected status for %s: raw %s, gzip %s\n", t, raw[t], gz[t] > "/dev/stderr" }
    }
    printf "   %d non-empty, %d empty (204), %d other\n", n - empty - bad, empty + 0, bad + 0 > "/dev/stderr"
  }' "$WORK/status-raw.txt" "$WORK/status-gz.txt" >"$NONEMPTY"
[ -s "$NONEMPTY" ] || { echo "no non-empty tile in the sample" >&2; exit 1; }
# curl may leave empty files for 204 answers; nginx must not serve them.
find "$TILES" -type f -empty -delete
# Each .gz must really be gzip (nginx sends it with Content-Encoding: gzip without looking).
find "$TILES" -name '*.mvt.gz' -print0 | xargs -0 gzip -t

# --- 4. warm, non-empty tiles (the like-for-like partner of nginx) -----------------------------
run_wrk warm-nonempty "$DURATION" "$BASE" "$NONEMPTY" "$PREFIX" loop

# --- 5. nginx ceiling ---------------------------------------------------------------------------
# A free port: nothing answers a connect on it (a race with other programs is harmless here).
PORT=$((20000 + RANDOM % 30000))
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
NG=$WORK/nginx
mkdir -p "$NG"
# Run as root, nginx workers drop to nobody: they must be able to read the files (mktemp -d makes
# the dir 0700 and curl --create-dirs makes 0750 dirs). Nothing in there is secret.
chmod -R go+rX "$WORK"
cat >"$NG/nginx.conf" <<EOF
# Generated by bench/tiles/cached-benchmark.sh; everything nginx writes stays in $NG.
daemon off;
worker_processes auto;
pid $NG/nginx.pid;
error_log $NG/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/vnd.mapbox-vector-tile;
  gzip_static on;                 # serve z/x/y.mvt.gz to gzip clients, as sent by our server
  sendfile on;
  tcp_nopush on;
  open_file_cache max=20000 inactive=60s;   # a tuned static server: the ceiling is a real ceiling
  keepalive_requests 1000000;     # default 1000 would make wrk reconnect; our server keeps them
  client_body_temp_path $NG/client_body;
  proxy_temp_path $NG/proxy;
  fastcgi_temp_path $NG/fastcgi;
  uwsgi_temp_path $NG/uwsgi;
  scgi_temp_path $NG/scgi;
  server {
    listen 127.0.0.1:$PORT;
    # same request paths as our server, so both runs send the same bytes
    location /tiles/threats/ { alias $TILES/; }
  }
}
EOF
echo "== nginx on 127.0.0.1:$PORT ($NG/nginx.conf)" >&2
# -e: the error log before the configuration is read (the default /var/log/nginx may not be ours)
"$NGINX" -p "$NG" -e "$NG/error.log" -c "$NG/nginx.conf" &
NGINX_PID=$!
probe=$(head -1 "$NONEMPTY")
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/tiles/threats/$probe.mvt" && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$NG/error.log" >&2; echo "nginx did not start" >&2; exit 1; }
  sleep 0.1
done
curl -s -o /dev/null -D "$WORK/nginx-headers" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT/tiles/threats/$probe.mvt"
grep -qi '^content-encoding: *gzip' "$WORK/nginx-headers" || {
  echo "nginx does not send the .gz files (gzip_static); headers:" >&2; cat "$WORK/nginx-headers" >&2; exit 1
}
run_wrk nginx "$DURATION" "http://127.0.0.1:$PORT" "$NONEMPTY" /tiles/threats/ loop
kill -QUIT "$NGINX_PID"
wait "$NGINX_PID" 2>/dev/null || true
NGINX_PID=

# --- summary --------------------------------------------------------------------------------------
echo
echo "Cached tiles, layer threats, Accept-Encoding: gzip; wrk -t$THREADS -c$CONNECTIONS, warm runs $DURATION;"
echo "sample $SAMPLE: $(grep -c . "$SAMPLE") tiles, $(wc -l <"$NONEMPTY") non-empty. Cold assumes a freshly started server."
printf '%-36s %12s %10s %10s %10s %8s\n' run "requests/s" "p50 ms" "p99 ms" "non-2xx*" errors
row() {  # $1: label, $2: description
  read -r rps p50 p99 bad err _ <<<"${RESULT[$1]}"
  printf '%-36s %12s %10s %10s %10s %8s\n' "$2" "$rps" "$p50" "$p99" "$bad" "$err"
}
row cold "ours cold (one pass, whole sample)"
row warm "ours warm (whole sample)"
row warm-nonempty "ours warm (non-empty tiles)"
row nginx "nginx gzip_static (non-empty tiles)"
read -r ours _ <<<"${RESULT[warm-nonempty]}"
read -r ceiling _ <<<"${RESULT[nginx]}"
awk -v a="$ours" -v b="$ceiling" 'BEGIN { printf "ratio ours warm / nginx (non-empty tiles): %.2f\n", a / b }'
echo "* wrk counts HTTP status >= 400 (\"Non-2xx or 3xx\"); 204 empty tiles are successes. errors: socket errors and timeouts."
