#!/usr/bin/env bash
# The fault tests, all of them, including those too slow for the CI test command:
#   - DatabaseRestartTest: PostgreSQL stopped and started under two running servers (503 + Retry-After
#     in each protocol's form, /health degraded, recovery and catch-up without a server restart)
#   - EmbeddedDiskFullTest: the embedded store on a full tmpfs (507 problems, no corruption; root only)
#   - KillDuringIngestTest: kill -9 of a server in a child JVM during ingest, on the embedded store and
#     one of two servers on one PostGIS (both also in the test command)
# and then the 60-second mixed load (bench/mixed-load.sh) unless NO_LOAD=1.
#
#   bench/faults.sh [DEMO_REPORTS=1000000]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
log() { printf 'faults: %s\n' "$*" >&2; }
log "fault tests (uptime: $(uptime | sed 's/.*load/load/'))"
mvn -B -q -pl server/app -am test -Dkmzb.slow-faults=true -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest='DatabaseRestartTest,EmbeddedDiskFullTest,KillDuringIngestTest'
grep -h "Tests run" server/app/target/surefire-reports/pl.kmzb.app.{DatabaseRestart,EmbeddedDiskFull,KillDuringIngest}Test.txt >&2
if [ "${NO_LOAD:-0}" != 1 ]; then
    mvn -B -q -pl server/app -am package -DskipTests
    bench/mixed-load.sh "embedded postgis" "${1:-1000000}" 60 8
fi
