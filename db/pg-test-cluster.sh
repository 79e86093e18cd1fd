#!/usr/bin/env bash
# Throw-away PostgreSQL 15 + PostGIS cluster for tests and CI on Debian 12.
# Integration tests need a real PostGIS (not a mock) that they can also crash
# with SIGKILL to check that committed writes survive; this script installs the
# Debian packages if needed and runs a private cluster on a free local port.
set -euo pipefail

readonly PG_MAJOR=15
readonly PGBIN="/usr/lib/postgresql/${PG_MAJOR}/bin"
readonly POSTGIS_CONTROL="/usr/share/postgresql/${PG_MAJOR}/extension/postgis.control"
readonly MARKER=".kmzb-pg-test-cluster"
readonly DB_NAME="kmzb"

# Keep stdout for the machine-readable result only; everything else -> stderr.
exec 3>&1 1>&2

usage() {
    cat >&2 <<EOF
usage: $0 start [STATE_DIR]   start a cluster; prints JDBC URL and STATE_DIR=<dir>
       $0 stop STATE_DIR      stop the cluster and remove STATE_DIR (idempotent)
       $0 kill STATE_DIR      SIGKILL the postmaster (crash simulation)
       $0 restart STATE_DIR   start it again on the same port (crash recovery)
       $0 stop-db STATE_DIR   stop the server cleanly (pg_ctl stop -m fast), keeping STATE_DIR
       $0 start-db STATE_DIR  start a stopped cluster again on the same port (= restart)
       $0 env                 start a cluster; print 'export KMZB_TEST_POSTGIS_*' lines
       $0 replica PRIMARY_STATE [STATE_DIR]
                              start a hot standby streaming from that cluster (pg_basebackup -R);
                              prints its JDBC URL and STATE_DIR=<dir>; stop it with 'stop'
EOF
    exit 2
}

log() { printf 'pg-test-cluster: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as the given OS user (root -> runuser, otherwise sudo), or
# directly when that user is the current one. cd / so that a private cwd
# (e.g. /root) does not bother the postgres tools.
run_as() {
    local user=$1; shift
    if [ "$user" = "$(id -un)" ]; then
        (cd / && "$@") 3>&-
    elif is_root; then
        (cd / && runuser -u "$user" -- "$@") 3>&-
    else
        (cd / && sudo -n -u "$user" -- "$@") 3>&-
    fi
}

# OS user that runs a new cluster: postgres when we are root (initdb refuses
# to run as root), the current user otherwise.
cluster_user_for_new() {
    if is_root; then echo postgres; else id -un; fi
}

# OS user that owns (and therefore runs) an existing cluster.
cluster_owner() { stat -c %U "$1/data"; }

ensure_packages() {
    local pkgs=()
    [ -x "$PGBIN/initdb" ] || pkgs+=("postgresql-${PG_MAJOR}")
    [ -f "$POSTGIS_CONTROL" ] || pkgs+=("postgresql-${PG_MAJOR}-postgis-3")
    [ "${#pkgs[@]}" -eq 0 ] && return 0

    local sudo=()
    if ! is_root; then
        command -v sudo >/dev/null 2>&1 || die "need root or sudo to install ${pkgs[*]}"
        sudo=(sudo)
    fi
    log "installing ${pkgs[*]} with apt-get"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q; then
        die "'apt-get update' failed; cannot install ${pkgs[*]}"
    fi
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${pkgs[@]}"; then
        die "'apt-get install ${pkgs[*]}' failed; install PostgreSQL ${PG_MAJOR} + PostGIS 3 manually"
    fi
    [ -x "$PGBIN/initdb" ] || die "$PGBIN/initdb still missing after installing ${pkgs[*]}"
    [ -f "$POSTGIS_CONTROL" ] || die "$POSTGIS_CONTROL still missing after installing ${pkgs[*]}"
    getent passwd postgres >/dev/null || die "OS user 'postgres' missing after package install"
}

# Absolute, symlink-free path of an existing directory.
abs_dir() { (cd "$1" && pwd -P); }

free_port() {
    local p
    if command -v python3 >/dev/null 2>&1 &&
        p=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null) &&
        [ -n "$p" ]; then
        echo "$p"; return 0
    fi
    local _
    for _ in $(seq 1 200); do
        p=$(( 20000 + RANDOM % 40000 ))
        if command -v ss >/dev/null 2>&1; then
            [ -z "$(ss -ltnH "sport = :$p" 2>/dev/null)" ] || continue
        fi
        # Nothing may answer on it either.
        if ! (exec 9<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"; return 0
        fi
    done
    die "could not find a free TCP port on 127.0.0.1"
}

pg_opts() {
    # Durability stays ON: tests check that committed writes survive kill -9.
    printf '%s' "-p $1 -h 127.0.0.1 -k $2 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200 -c shared_buffers=256MB"
}

psql_cmd() {
    local port=$1 db=$2; shift 2
    local psql="$PGBIN/psql"
    [ -x "$psql" ] || psql=psql
    PGOPTIONS="-c client_min_messages=warning" "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

wait_accepting() {
    local port=$1 _
    for _ in $(seq 1 120); do
        if psql_cmd "$port" postgres -tAc 'select 1' >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    return 1
}

log_tail() {
    local f="$1/postgres.log"
    if [ -f "$f" ]; then
        log "---- last lines of $f ----"
        tail -n 40 "$f" >&2 || true
        log "---- end of $f ----"
    fi
}

postmaster_pid() {
    local pidfile="$1/data/postmaster.pid"
    [ -f "$pidfile" ] || return 1
    local pid
    pid=$(head -n 1 "$pidfile" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    echo "$pid"
}

# True if the process exists and is not a zombie (in containers whose init
# does not reap, a SIGKILLed postmaster can linger as a zombie, and kill -0
# alone - which pg_ctl also uses - would still see it).
pid_alive() {
    kill -0 "$1" 2>/dev/null || return 1
    local st
    st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 0
    [ "$st" != "Z" ] && [ "$st" != "X" ]
}

# ---------------------------------------------------------------- commands --

START_STATE=""
START_CREATED=0
START_USER=""

start_failed() {
    local rc=$?
    [ "$rc" -eq 0 ] && return 0
    [ -n "$START_STATE" ] || exit "$rc"
    log "start failed (exit $rc)"
    log_tail "$START_STATE"
    if [ -f "$START_STATE/data/postmaster.pid" ]; then
        run_as "$START_USER" "$PGBIN/pg_ctl" -D "$START_STATE/data" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
    fi
    if [ "$START_CREATED" -eq 1 ]; then rm -rf -- "$START_STATE"; fi
    exit "$rc"
}

cmd_start() {
    local state
    ensure_packages

    START_USER=$(cluster_user_for_new)
    if [ $# -ge 1 ] && [ -n "$1" ]; then
        mkdir -p -- "$1"
        state=$(abs_dir "$1")
        if [ -n "$(ls -A -- "$state")" ]; then
            die "STATE_DIR $state is not empty"
        fi
    else
        state=$(mktemp -d "${TMPDIR:-/tmp}/kmzb-pg.XXXXXX")
        state=$(abs_dir "$state")
        START_CREATED=1
    fi
    START_STATE=$state
    trap start_failed EXIT
    case "$state" in
        *[[:space:]]*) die "STATE_DIR must not contain whitespace: $state" ;;
    esac

    touch "$state/$MARKER"
    if is_root; then chown -R "$START_USER": "$state"; fi
    chmod 755 "$state"
    run_as "$START_USER" test -w "$state" ||
        die "$state is not writable by OS user $START_USER (check permissions of its parent directories)"

    log "initdb in $state/data (as $START_USER)"
    local initdb_args=(-D "$state/data" -U postgres --auth=trust -E UTF8)
    if ! run_as "$START_USER" "$PGBIN/initdb" "${initdb_args[@]}" --locale=C.UTF-8 >"$state/initdb.log" 2>&1; then
        log "initdb with --locale=C.UTF-8 failed; retrying with --locale=C"
        rm -rf -- "$state/data"
        if ! run_as "$START_USER" "$PGBIN/initdb" "${initdb_args[@]}" --locale=C >"$state/initdb.log" 2>&1; then
            cat "$state/initdb.log" >&2 || true
            die "initdb failed"
        fi
    fi

    local port attempt started=0
    for attempt in 1 2 3; do
        port=$(free_port)
        log "starting postgres on 127.0.0.1:$port (attempt $attempt)"
        if run_as "$START_USER" "$PGBIN/pg_ctl" -D "$state/data" -l "$state/postgres.log" \
                -w -t 60 -o "$(pg_opts "$port" "$state")" start >&2; then
            started=1; break
        fi
        # Most likely lost the port to someone else; try another one.
        log "pg_ctl start failed on port $port (see $state/postgres.log)"
    done
    [ "$started" -eq 1 ] || die "postgres did not start"
    echo "$port" >"$state/port"
    wait_accepting "$port" || die "postgres does not accept connections on port $port"

    log "creating PostGIS in template1 and database $DB_NAME"
    psql_cmd "$port" template1 -c 'CREATE EXTENSION IF NOT EXISTS postgis'
    psql_cmd "$port" postgres -c "CREATE DATABASE $DB_NAME"
    psql_cmd "$port" "$DB_NAME" -c 'CREATE EXTENSION IF NOT EXISTS postgis'

    trap - EXIT
    START_URL="jdbc:postgresql://127.0.0.1:$port/$DB_NAME?user=postgres"
    START_STATE=$state
    log "ready: $START_URL"
}

# Validates STATE_DIR for stop/kill/restart; sets STATE to its absolute path.
# Returns 1 if it does not exist; dies if it is not one of ours.
STATE=""
existing_state() {
    [ -d "$1" ] || return 1
    STATE=$(abs_dir "$1")
    if [ ! -e "$STATE/$MARKER" ] && [ -n "$(ls -A -- "$STATE")" ]; then
        die "$STATE does not look like a pg-test-cluster state dir (no $MARKER); refusing to touch it"
    fi
}

cmd_stop() {
    local state
    if ! existing_state "$1"; then
        log "$1 does not exist; nothing to stop"
        return 0
    fi
    state=$STATE
    local pid
    if pid=$(postmaster_pid "$state") && pid_alive "$pid"; then
        local owner
        owner=$(cluster_owner "$state")
        log "stopping postgres in $state"
        # immediate: the directory is removed next, so a shutdown checkpoint (20 s and more on a
        # busy machine, which made surefire kill its forked JVM at exit) would be written for nothing.
        if ! run_as "$owner" "$PGBIN/pg_ctl" -D "$state/data" stop -m immediate -w -t 60 >&2; then
            if pid=$(postmaster_pid "$state") && pid_alive "$pid"; then
                log "pg_ctl stop failed; killing postmaster $pid"
                kill_cluster "$state"
            fi
        fi
    fi
    rm -rf -- "$state"
    log "removed $state"
}

# SIGKILL the postmaster and its children at once (like a crash: nobody gets
# to flush anything), then wait until all of them are gone so a restart does
# not trip over the old shared memory. Children are collected by parent pid:
# PostgreSQL backends call setsid(), so they are not in the postmaster's group.
kill_cluster() {
    local state=$1 pid _ p alive
    if ! pid=$(postmaster_pid "$state") || ! pid_alive "$pid"; then
        log "postmaster of $state is not running"
        return 0
    fi
    local pids=("$pid")
    # shellcheck disable=SC2207
    pids+=($(ps -o pid= --ppid "$pid" 2>/dev/null || true))
    log "kill -9 postmaster $pid and its $(( ${#pids[@]} - 1 )) children"
    kill -KILL "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 300); do
        alive=0
        for p in "${pids[@]}"; do
            if pid_alive "$p"; then alive=1; fi
        done
        [ "$alive" -eq 0 ] && return 0
        sleep 0.1
    done
    die "postmaster $pid (or its children) still alive after SIGKILL"
}

cmd_kill() {
    existing_state "$1" || die "state dir $1 does not exist"
    kill_cluster "$STATE"
}

cmd_restart() {
    local state owner port pid
    existing_state "$1" || die "state dir $1 does not exist"
    state=$STATE
    [ -f "$state/data/PG_VERSION" ] || die "$state/data is not a PostgreSQL data dir"
    [ -f "$state/port" ] || die "$state/port missing"
    port=$(cat "$state/port")
    owner=$(cluster_owner "$state")

    if pid=$(postmaster_pid "$state"); then
        if pid_alive "$pid" && run_as "$owner" "$PGBIN/pg_ctl" -D "$state/data" status >/dev/null 2>&1; then
            log "postgres already running (pid $pid)"
            wait_accepting "$port" || { log_tail "$state"; die "running postgres does not accept connections"; }
            return 0
        fi
        log "removing stale postmaster.pid (pid $pid is gone)"
        rm -f -- "$state/data/postmaster.pid"
    fi
    # Postgres would also refuse a socket lock file naming a zombie postmaster.
    if [ -f "$state/.s.PGSQL.$port.lock" ]; then
        pid=$(head -n 1 "$state/.s.PGSQL.$port.lock" 2>/dev/null || true)
        if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! pid_alive "$pid"; then
            rm -f -- "$state/.s.PGSQL.$port.lock"
        fi
    fi

    log "restarting postgres on 127.0.0.1:$port (crash recovery may run)"
    if ! run_as "$owner" "$PGBIN/pg_ctl" -D "$state/data" -l "$state/postgres.log" \
            -w -t 300 -o "$(pg_opts "$port" "$state")" start >&2; then
        log_tail "$state"
        die "restart failed"
    fi
    if ! wait_accepting "$port"; then
        log_tail "$state"
        die "postgres does not accept connections on port $port"
    fi
    log "ready on 127.0.0.1:$port"
}

# A clean stop that keeps the data (fast mode: sessions are ended, a checkpoint is written), for a
# database restart under running servers; start-db (restart) brings it back on the same port.
cmd_stop_db() {
    local state owner pid
    existing_state "$1" || die "state dir $1 does not exist"
    state=$STATE
    owner=$(cluster_owner "$state")
    if ! pid=$(postmaster_pid "$state") || ! pid_alive "$pid"; then
        log "postgres in $state is not running"
        return 0
    fi
    log "stopping postgres in $state (fast: sessions end, the data stays)"
    run_as "$owner" "$PGBIN/pg_ctl" -D "$state/data" stop -m fast -w -t 120 >&2 || die "pg_ctl stop failed"
}

# A hot standby of a running cluster of this script: pg_basebackup -R (streaming, with the WAL it
# needs) into a new state dir, started on its own port. The primary's pg_hba.conf (initdb's, trust)
# already lets local replication connections in, and wal_level=replica is PostgreSQL's default.
REPLICA_URL=""
REPLICA_STATE=""
cmd_replica() {
    local primary_state primary_port state owner port attempt started=0
    existing_state "$1" || die "primary state dir $1 does not exist"
    primary_state=$STATE
    [ -f "$primary_state/port" ] || die "$primary_state/port missing: not a running cluster of this script"
    primary_port=$(cat "$primary_state/port")
    owner=$(cluster_owner "$primary_state")
    if [ $# -ge 2 ] && [ -n "$2" ]; then
        mkdir -p -- "$2"
        state=$(abs_dir "$2")
        [ -z "$(ls -A -- "$state")" ] || die "STATE_DIR $state is not empty"
    else
        state=$(abs_dir "$(mktemp -d "${TMPDIR:-/tmp}/kmzb-pg-replica.XXXXXX")")
    fi
    START_STATE=$state
    START_CREATED=1
    START_USER=$owner
    trap start_failed EXIT
    touch "$state/$MARKER"
    if is_root; then chown -R "$owner": "$state"; fi
    chmod 755 "$state"

    log "pg_basebackup -R from 127.0.0.1:$primary_port into $state/data (as $owner)"
    run_as "$owner" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$state/data" \
        -R -X stream -c fast --no-password >"$state/basebackup.log" 2>&1 \
        || { cat "$state/basebackup.log" >&2; die "pg_basebackup failed"; }
    for attempt in 1 2 3; do
        port=$(free_port)
        log "starting the standby on 127.0.0.1:$port (attempt $attempt)"
        if run_as "$owner" "$PGBIN/pg_ctl" -D "$state/data" -l "$state/postgres.log" \
                -w -t 120 -o "$(pg_opts "$port" "$state") -c hot_standby=on" start >&2; then
            started=1; break
        fi
        log "pg_ctl start failed on port $port (see $state/postgres.log)"
    done
    [ "$started" -eq 1 ] || die "the standby did not start"
    echo "$port" >"$state/port"
    wait_accepting "$port" || die "the standby does not accept connections on port $port"
    [ "$(psql_cmd "$port" postgres -tAc 'select pg_is_in_recovery()')" = t ] || die "the new cluster is not in recovery"
    trap - EXIT
    REPLICA_URL="jdbc:postgresql://127.0.0.1:$port/$DB_NAME?user=postgres"
    REPLICA_STATE=$state
    log "standby ready: $REPLICA_URL"
}

[ $# -ge 1 ] || usage
cmd=$1; shift
case "$cmd" in
    start)
        [ $# -le 1 ] || usage
        cmd_start "${1:-}"
        printf '%s\nSTATE_DIR=%s\n' "$START_URL" "$START_STATE" >&3
        ;;
    env)
        [ $# -eq 0 ] || usage
        cmd_start ""
        printf 'export KMZB_TEST_POSTGIS_URL=%q\nexport KMZB_TEST_POSTGIS_STATE=%q\n' \
            "$START_URL" "$START_STATE" >&3
        ;;
    replica)
        if [ $# -lt 1 ] || [ $# -gt 2 ] || [ -z "$1" ]; then usage; fi
        cmd_replica "$@"
        printf '%s\nSTATE_DIR=%s\n' "$REPLICA_URL" "$REPLICA_STATE" >&3
        ;;
    stop|kill|restart)
        if [ $# -ne 1 ] || [ -z "$1" ]; then usage; fi
        "cmd_$cmd" "$1"
        ;;
    stop-db|start-db)
        if [ $# -ne 1 ] || [ -z "$1" ]; then usage; fi
        if [ "$cmd" = stop-db ]; then cmd_stop_db "$1"; else cmd_restart "$1"; fi
        ;;
    *) usage ;;
esac
