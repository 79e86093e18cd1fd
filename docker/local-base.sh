#!/usr/bin/env bash
# Local base images for machines that reach a Debian mirror but no image registry.
#
# The Dockerfile and the compose file take their base images as build arguments whose defaults are
# the public images (eclipse-temurin:17-jre, postgis/postgis:15-3.4, nginx:1.27). Where no registry
# answers, this script makes stand-ins from Debian packages:
#
#   kmzb-local/debian:bookworm   debootstrap --variant=minbase from the mirror in /etc/apt/sources.list
#   kmzb-local/jre:17            + openjdk-17-jre-headless, curl (the server image's health check)
#   kmzb-local/postgis:15-3      + postgresql-15-postgis-3, started like the official postgis image
#   kmzb-local/nginx:bookworm    + nginx
#
# and prints the build arguments / environment that point the builds at them. Images already present
# are kept (KMZB_LOCAL_BASE_REBUILD=1 makes them again).
#
#   docker/local-base.sh            make the images, print 'export KMZB_*_IMAGE=...' lines
#   docker/local-base.sh --tools    only install docker.io/debootstrap and start dockerd (the host's apt-get
#                                   part; .ci/run does it first, then makes the images in the background)
#   eval "$(docker/local-base.sh)"  ... and use them in this shell (docker-compose reads them)
#
# Needs root (debootstrap, dockerd). Installs docker.io and debootstrap with apt-get when missing and
# starts dockerd when no daemon answers (its log: ${TMPDIR:-/tmp}/kmzb-dockerd.log).
set -euo pipefail
# One run at a time: .ci/run makes the images in the background while the build runs, and the
# container test's own call then waits here and finds them made.
if [ -z "${KMZB_LOCAL_BASE_LOCKED:-}" ]; then
    export KMZB_LOCAL_BASE_LOCKED=1
    exec flock "${TMPDIR:-/tmp}/kmzb-local-base.lock" "$0" "$@"
fi

exec 3>&1 1>&2
log() { printf 'local-base: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

readonly SUITE=bookworm
readonly BASE=kmzb-local/debian:$SUITE
readonly JRE=kmzb-local/jre:17
readonly POSTGIS=kmzb-local/postgis:15-3
readonly NGINX=kmzb-local/nginx:$SUITE
readonly HERE=$(cd "$(dirname "$0")" && pwd -P)

[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap and dockerd need it)"

ensure_tools() {
    local pkgs=()
    command -v dockerd >/dev/null 2>&1 || pkgs+=(docker.io)
    command -v debootstrap >/dev/null 2>&1 || pkgs+=(debootstrap)
    command -v docker-compose >/dev/null 2>&1 || pkgs+=(docker-compose)
    [ "${#pkgs[@]}" -eq 0 ] && return 0
    log "installing ${pkgs[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}"
}

ensure_daemon() {
    docker info >/dev/null 2>&1 && return 0
    local logf="${TMPDIR:-/tmp}/kmzb-dockerd.log" _
    log "starting dockerd (log: $logf)"
    # Not fd 3 (the caller's standard output, kept above): a caller reading it to its end would wait for dockerd.
    nohup dockerd >"$logf" 2>&1 3>&- </dev/null &
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    tail -n 20 "$logf" >&2 || true
    die "dockerd did not come up"
}

# The first deb.debian.org-style URI of the host's apt sources (deb822 or one-line format).
mirror() {
    local m
    m=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | awk '{print $2}' | grep -v security | head -n 1 || true)
    if [ -z "$m" ]; then
        m=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
            | awk '{print $2}' | grep -v security | head -n 1 || true)
    fi
    echo "${m:-http://deb.debian.org/debian}"
}

have() { [ "${KMZB_LOCAL_BASE_REBUILD:-0}" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; }

make_base() {
    have "$BASE" && { log "$BASE present"; return 0; }
    local root m
    m=$(mirror)
    root=$(mktemp -d "${TMPDIR:-/tmp}/kmzb-rootfs.XXXXXX")
    trap 'rm -rf -- "$root"' RETURN
    log "debootstrap --variant=minbase $SUITE from $m"
    debootstrap --variant=minbase "$SUITE" "$root" "$m" >"$root.log" 2>&1 \
        || { tail -n 30 "$root.log" >&2; die "debootstrap failed"; }
    rm -f -- "$root.log"
    # Security updates as the public debian image has them; no caches in the image.
    printf 'deb %s %s main\ndeb %s %s-updates main\n' "$m" "$SUITE" "$m" "$SUITE" >"$root/etc/apt/sources.list"
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    log "docker import -> $BASE"
    tar -C "$root" -c . | docker import -c 'CMD ["bash"]' - "$BASE" >/dev/null
}

build() {
    local tag=$1 file=$2
    have "$tag" && { log "$tag present"; return 0; }
    log "building $tag"
    docker build -q --build-arg "BASE=$BASE" -t "$tag" -f "$HERE/local/$file" "$HERE/local" >/dev/null
}

ensure_tools
ensure_daemon
[ "${1:-}" = --tools ] && exit 0
make_base
build "$JRE" jre.Dockerfile
build "$POSTGIS" postgis.Dockerfile
build "$NGINX" nginx.Dockerfile
printf 'export KMZB_JRE_IMAGE=%s\nexport KMZB_POSTGIS_IMAGE=%s\nexport KMZB_NGINX_IMAGE=%s\n' \
    "$JRE" "$POSTGIS" "$NGINX" >&3
