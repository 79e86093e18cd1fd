#!/usr/bin/env bash
# Scale-out, measured: a PostgreSQL primary and a streaming replica (db/pg-test-cluster.sh start and
# replica), two servers on the primary, one read-only server (store.read-only=true) on the replica,
# and nginx in front (writes to the primary's servers, reads to all three), all as processes on this
# machine. Under a paced write load through nginx it measures the time from each acknowledged report
# to its appearance in the tiles of every server (p50/p99/max on the primary's servers and on the
# standby), samples the replica's replay lag, and checks that every server's count is exact at the end
# (pl.kmzb.testing.ScaleOutLoad in server/app's tests says how).
#
#   mvn -B -q package -DskipTests
#   bench/scale-out.sh [RATE=50] [SECONDS=30] [DEMO_REPORTS=100000]
#   LATE=1 SPIKE_MS=3000 bench/scale-out.sh ...   (+ a server started during the load, a lag spike)
#
# Work files (server logs, nginx config) in ${SCALE_OUT_DIR:-/tmp/kmzb-scale-out.XXXX}; everything it
# started is stopped at exit. Needs nginx (apt-get install nginx-light) and the PostgreSQL packages
# db/pg-test-cluster.sh installs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
JAR=$ROOT/server/app/target/kmzb-server.jar
RATE=${1:-50}
SECONDS_=${2:-30}
DEMO=${3:-100000}
log() { printf 'scale-out: %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# The measurement is pl.kmzb.testing.ScaleOutLoad of server/app's test classes (shared with
# ScaleOutContainersIT); -DskipTests still compiles them.
TEST_CLASSES=$ROOT/server/app/target/test-classes
[ -f "$JAR" ] && [ -f "$TEST_CLASSES/pl/kmzb/testing/ScaleOutLoad.class" ] \
    || die "build the jar and the test classes first: mvn -B -q package -DskipTests"
command -v nginx >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >&2
WORK=${SCALE_OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/kmzb-scale-out.XXXXXX")}
mkdir -p "$WORK"
PIDS=()
PRIMARY_STATE=""
REPLICA_STATE=""
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    [ -z "$REPLICA_STATE" ] || bash "$ROOT/db/pg-test-cluster.sh" stop "$REPLICA_STATE" 2>/dev/null || true
    [ -z "$PRIMARY_STATE" ] || bash "$ROOT/db/pg-test-cluster.sh" stop "$PRIMARY_STATE" 2>/dev/null || true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
url_of() { sed -n 's/^\(jdbc:.*\)$/\1/p' <<<"$1"; }
state_of() { sed -n 's/^STATE_DIR=//p' <<<"$1"; }

log "primary and streaming replica"
out=$(bash "$ROOT/db/pg-test-cluster.sh" start); PRIMARY=$(url_of "$out"); PRIMARY_STATE=$(state_of "$out")
out=$(bash "$ROOT/db/pg-test-cluster.sh" replica "$PRIMARY_STATE"); REPLICA=$(url_of "$out"); REPLICA_STATE=$(state_of "$out")

# One server: NAME URL READ_ONLY [more settings]; prints nothing, sets PORT_<NAME>.
start_server() {
    local name=$1 url=$2 ro=$3; shift 3
    local port; port=${NEXT_PORT:-$(free_port)}; NEXT_PORT=
    java -Xmx1g -jar "$JAR" --http.host=127.0.0.1 --http.port="$port" --store=postgis --postgis.url="$url" \
        --store.read-only="$ro" --access-log=off --http.trusted-proxies=127.0.0.1 \
        --citizen.reports-per-window=100000000 --auth.admin-password=scale-out-admin "$@" \
        >"$WORK/$name.log" 2>&1 &
    PIDS+=($!)
    printf -v "PORT_$name" '%s' "$port"
    printf -v "PID_$name" '%s' "$!"
}
await_ready() {
    local name=$1 port=$2 pid=$3 t0; t0=$(date +%s)
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]; do
        if [ $(( $(date +%s) - t0 )) -ge 600 ] || ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$WORK/$name.log" >&2; die "$name not ready"
        fi
        sleep 0.5
    done
    log "$name ready on port $port after $(( $(date +%s) - t0 )) s"
}
port_of() { sed 's|.*://[^:]*:\([0-9]*\)/.*|\1|' <<<"$1"; }
sql() { psql -X -tA -h 127.0.0.1 -p "$(port_of "$1")" -U postgres -d kmzb -c "$2"; }
# Until the replica has replayed what the primary holds now (the schema A migrated, its demo data).
await_replay() {
    local target
    target=$(sql "$PRIMARY" 'select pg_current_wal_lsn()')
    until [ "$(sql "$REPLICA" "select pg_last_wal_replay_lsn() >= '$target'")" = t ]; do
        sleep 0.2
    done
}

log "server A on the primary (seeding $DEMO demo reports), then B"
start_server A "$PRIMARY" false --demo.reports="$DEMO"
await_ready A "$PORT_A" "$PID_A"
start_server B "$PRIMARY" false
await_replay
start_server S "$REPLICA" true
await_ready B "$PORT_B" "$PID_B"
await_ready S "$PORT_S" "$PID_S"

NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    # Writes go to the servers on the primary; reads to every server, the standby included.
    upstream writers { server 127.0.0.1:$PORT_A; server 127.0.0.1:$PORT_B; keepalive 32; }
    upstream readers { server 127.0.0.1:$PORT_A; server 127.0.0.1:$PORT_B; server 127.0.0.1:$PORT_S; keepalive 32; }
    map \$request_method \$pool { GET readers; HEAD readers; default writers; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        client_max_body_size 24m;
        location / {
            proxy_pass http://\$pool;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            # The load generator stands for many citizens: each report names its own address, which
            # the servers believe from this proxy (http.trusted-proxies=127.0.0.1). From one address
            # all inserts would queue on that address's rate-limit lock, which no real load does.
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        }
    }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
sleep 1
log "nginx on port $NGINX_PORT; load $RATE reports/s for $SECONDS_ s (uptime: $(uptime | sed 's/.*load/load/'))"
# LATE=1: a second read-only server on the replica is started half-way through the load and must
# converge to the exact count. SPIKE_MS=N: the replica stops replaying for N ms half-way.
late=()
if [ "${LATE:-0}" = 1 ]; then LATE_PORT=$(free_port); late=("late:standby-2=http://127.0.0.1:$LATE_PORT"); fi
[ "${SPIKE_MS:-0}" = 0 ] || export SPIKE_REPLICA_JDBC=$REPLICA SPIKE_MS
java -Xmx512m -cp "$JAR:$TEST_CLASSES" "$ROOT/bench/scale-out/ScaleOutLoad.java" "http://127.0.0.1:$NGINX_PORT" "$RATE" "$SECONDS_" \
    "$PRIMARY" "primary-A=http://127.0.0.1:$PORT_A" "primary-B=http://127.0.0.1:$PORT_B" \
    "standby=http://127.0.0.1:$PORT_S" "${late[@]}" 2>"$WORK/load.err" >"$WORK/result.txt" &
LOAD=$!
if [ "${LATE:-0}" = 1 ]; then
    sleep $(( SECONDS_ / 2 ))
    log "starting standby-2 on the replica while the writes go on"
    NEXT_PORT=$LATE_PORT start_server S2 "$REPLICA" true
fi
rc=0; wait "$LOAD" || rc=$?
cat "$WORK/result.txt"
# (javac's warnings about the jar's annotations go to load.err)
[ "$rc" -eq 0 ] || grep -v 'warning' "$WORK/load.err" | tail -n 20 >&2
log "uptime after: $(uptime | sed 's/.*load/load/')"
exit "$rc"
