#!/usr/bin/env bash
# Prints the path of Debian's sqlite3 command-line shell, installing the package with apt-get when
# it is missing. Tests run direct SQL edits through it, as an operator on Debian 12 would (SQLite
# 3.40 there, older than the library the server bundles).
set -euo pipefail
exec 3>&1 1>&2

log() { printf 'sqlite3-cli: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if ! command -v sqlite3 >/dev/null 2>&1; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "need root or sudo to install sqlite3"
        sudo=(sudo -n)
    fi
    log "installing sqlite3 with apt-get"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || die "'apt-get update' failed"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends sqlite3 \
        || die "'apt-get install sqlite3' failed; install Debian's sqlite3 package manually"
    command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 still missing after installing it"
fi
command -v sqlite3 >&3
