#!/usr/bin/env bash
# Starts docker/docker-compose.yml for real (PostGIS, two servers, nginx) from images built here,
# and checks it end to end:
#   - every container becomes healthy (the server image's HEALTHCHECK on /health),
#   - the servers run as a non-root user with a heap sized by the container's memory limit,
#   - tiles, WMS and features answer through nginx,
#   - a report POSTed through nginx is in the tiles of BOTH servers (asked directly, not through
#     nginx) within a deadline, and each server sees the client's address from X-Forwarded-For.
# Then it takes the topology down (volumes included) unless KMZB_KEEP=1.
#
#   mvn -B -q package -DskipTests && docker/compose-check.sh
#
# Base images: the public ones when KMZB_JRE_IMAGE etc. are unset and a registry answers; with
# KMZB_LOCAL_BASE=1 (or no registry) docker/local-base.sh makes local ones from Debian packages.
# Needs root (dockerd). About 2-3 min on a loaded 2-core machine once the base images exist.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd -P)
ROOT=$(dirname "$HERE")
log() { printf 'compose-check: %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

[ -f "$ROOT/server/app/target/kmzb-server.jar" ] || die "build the jar first: mvn -B -q package -DskipTests"
if [ "${KMZB_LOCAL_BASE:-0}" = 1 ] \
    || { [ -z "${KMZB_JRE_IMAGE:-}" ] && ! timeout 20 docker pull -q eclipse-temurin:17-jre >/dev/null 2>&1; }; then
    eval "$("$HERE/local-base.sh")"
fi
export KMZB_POSTGIS_PASSWORD=${KMZB_POSTGIS_PASSWORD:-compose-check-$$}
export KMZB_AUTH_ADMIN_PASSWORD=${KMZB_AUTH_ADMIN_PASSWORD:-compose-check-admin}
export KMZB_PORT=${KMZB_PORT:-18080}
export KMZB_SERVER_MEMORY=${KMZB_SERVER_MEMORY:-1g}
PROJECT=${KMZB_PROJECT:-kmzbcheck}
DC=(docker-compose -p "$PROJECT" -f "$HERE/docker-compose.yml")
BASE="http://127.0.0.1:$KMZB_PORT"

cleanup() {
    if [ "${KMZB_KEEP:-0}" != 1 ]; then
        "${DC[@]}" logs --no-color --tail=30 >"${TMPDIR:-/tmp}/$PROJECT-compose.log" 2>&1 || true
        "${DC[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

t0=$(date +%s)
log "building the server image (JRE_IMAGE=${KMZB_JRE_IMAGE:-eclipse-temurin:17-jre})"
"${DC[@]}" build -q kmzb1 >&2
log "starting db, kmzb1, kmzb2, nginx"
"${DC[@]}" up -d >&2

container() { "${DC[@]}" ps -q "$1"; }
health() { docker inspect -f '{{.State.Health.Status}}' "$(container "$1")" 2>/dev/null || echo none; }
for svc in kmzb1 kmzb2; do
    for _ in $(seq 1 180); do
        [ "$(health "$svc")" = healthy ] && break
        sleep 1
    done
    [ "$(health "$svc")" = healthy ] || { "${DC[@]}" logs --tail=40 "$svc" >&2; die "$svc not healthy"; }
done
for _ in $(seq 1 60); do
    curl -fsS "$BASE/health" >/dev/null 2>&1 && break
    sleep 1
done
log "healthy after $(( $(date +%s) - t0 )) s"

# Non-root, heap from the container's limit.
for svc in kmzb1 kmzb2; do
    c=$(container "$svc")
    uid=$(docker exec "$c" id -u)
    [ "$uid" != 0 ] || die "$svc runs as root"
    heap=$(docker exec "$c" java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '/ MaxHeapSize /{print $4}')
    limit=$(docker inspect -f '{{.HostConfig.Memory}}' "$c")
    [ -n "$heap" ] && [ "$limit" -gt 0 ] && [ "$heap" -le "$limit" ] && [ "$heap" -ge $(( limit / 2 )) ] \
        || die "$svc heap $heap is not sized by its memory limit $limit"
    log "$svc: uid $uid, max heap $(( heap / 1048576 )) MiB of a $(( limit / 1048576 )) MiB limit"
done

# Addresses of the two servers on the compose network, to ask each directly (from a container).
ip() { docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$(container "$1")"; }
IP1=$(ip kmzb1); IP2=$(ip kmzb2)
NGINX=$(container nginx)
# bash /dev/tcp inside the nginx container: the servers are not published on the host.
# The tile's body (headers cut off: Date and X-Request-Id change on every answer), as a checksum.
direct_tile() {
    docker exec "$NGINX" bash -c "exec 3<>/dev/tcp/$1/8080; printf 'GET /tiles/threats/0/0/0.mvt HTTP/1.0\r\nHost: x\r\n\r\n' >&3; cat <&3" \
        | sed '1,/^\r$/d' | md5sum
}

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[ "$(code "$BASE/tiles/threats/0/0/0.mvt")" = 200 ] || [ "$(code "$BASE/tiles/threats/0/0/0.mvt")" = 204 ] \
    || die "tile through nginx"
[ "$(code "$BASE/wms?SERVICE=WMS&REQUEST=GetCapabilities")" = 200 ] || die "WMS capabilities through nginx"
[ "$(code "$BASE/ogc/features/collections/threats.points/items?limit=1")" = 200 ] || die "features through nginx"
before1=$(direct_tile "$IP1"); before2=$(direct_tile "$IP2")

log "POST /api/reports through nginx"
resp=$(curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' -H 'X-Forwarded-For: 198.51.100.7' \
    --data '{"category":"illegal_parking","lon":19.9383,"lat":50.0614,"description":"compose-check"}' \
    "$BASE/api/reports")
[ "$(tail -n 1 <<<"$resp")" = 201 ] || die "report POST: $resp"
id=$(head -n 1 <<<"$resp" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
posted=$(date +%s%N)
for ipaddr in "$IP1" "$IP2"; do
    before=$([ "$ipaddr" = "$IP1" ] && echo "$before1" || echo "$before2")
    while [ "$(direct_tile "$ipaddr")" = "$before" ]; do
        [ $(( ($(date +%s%N) - posted) / 1000000 )) -lt 10000 ] || die "report $id not in the tiles of $ipaddr within 10 s"
        sleep 0.05
    done
    log "report $id in the tiles of $ipaddr after $(( ($(date +%s%N) - posted) / 1000000 )) ms"
done

# The address the server stored is the one nginx saw, not the one the client claimed.
token=$(curl -sS -H 'Content-Type: application/json' \
    --data "{\"username\":\"admin\",\"password\":\"$KMZB_AUTH_ADMIN_PASSWORD\"}" "$BASE/api/auth/token" \
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "admin login through nginx"
stored=$(curl -sS -H "Authorization: Bearer $token" "$BASE/api/reports/$id" | sed -n 's/.*"reporterIp":"\([^"]*\)".*/\1/p')
nginx_ip=$(ip nginx)
[ -n "$stored" ] && [ "$stored" != 198.51.100.7 ] && [ "$stored" != "$nginx_ip" ] \
    || die "stored reporter address '$stored' (forged 198.51.100.7, nginx $nginx_ip)"
log "reporter address stored as $stored (the forged X-Forwarded-For was not believed, nginx's own address not taken)"
log "OK in $(( $(date +%s) - t0 )) s"
