#!/usr/bin/env bash
# The soak test of a busy call centre, long: scripts/soak.sh MINUTES [--postgres] [more soak.py options]
#
# Twenty headless interviewers (fieldwork-testkit soak-worker) work one survey for MINUTES while
# random ones are killed with SIGKILL and started again; then scripts/lib/soak.py checks verify, the
# leases, the acknowledged answers, the dispositions and the exports, and prints the figures.
# With --postgres the survey keeps its cases and journals on a throwaway PostgreSQL server
# (scripts/lib/postgres.sh) that is restarted half way. Uses the debug build (swift build first);
# FIELDWORK_BIN overrides it. The survey, logs and exports stay in a folder it names. docs/hardening.md.
set -euo pipefail

MINUTES=${1:?usage: scripts/soak.sh MINUTES [--postgres] [soak.py options]}
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${FIELDWORK_BIN:-$ROOT/.build/debug/fieldwork}
[ -x "$BIN" ] || { echo "soak: $BIN is missing; run swift build first" >&2; exit 1; }
OUT=$(mktemp -d /tmp/fieldwork-soak.XXXXXX)
EXTRA=()
if [ "${1:-}" = "--postgres" ]; then
    shift
    # shellcheck source=lib/postgres.sh
    source "$ROOT/scripts/lib/dependencies.sh"
    source "$ROOT/scripts/lib/postgres.sh"
    fieldwork_postgres_start
    trap fieldwork_postgres_stop EXIT
    # Half way: the server is stopped as a crash stops it (`-m immediate`: every server process is
    # killed, no shutdown checkpoint, so it replays its write-ahead log on start) and started again
    # (pg_ctl keeps the options it was started with). Every connection the workers hold drops.
    RESTART="'$FIELDWORK_POSTGRES_BIN/pg_ctl' -D '$FIELDWORK_POSTGRES_DIR/data' -l '$FIELDWORK_POSTGRES_DIR/server.log' -m immediate -w -t 60 restart >/dev/null"
    [ "$(id -u)" -eq 0 ] && RESTART="su postgres -s /bin/sh -c \"$RESTART\""
    EXTRA=(--store "$FIELDWORK_TEST_POSTGRES_URL" --restart-server "$RESTART")
fi
python3 "$ROOT/scripts/lib/soak.py" --seconds "$((MINUTES * 60))" --out "$OUT" --fieldwork "$BIN" "${EXTRA[@]}" "$@"
