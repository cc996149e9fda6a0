#!/usr/bin/env bash
# The whole test suite: unit tests (swift test), then end-to-end tests that drive the real binary
# (tmux for the terminal UI, PSPP/R/pandas for exports). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/dependencies.sh
source scripts/lib/postgres.sh
fieldwork_test_dependencies

# A throwaway PostgreSQL cluster for the PostgreSQL store tests (FIELDWORK_TEST_POSTGRES_URL),
# stopped and removed when this script ends. Those tests skip, loudly, only when the server cannot
# be started here; on CI that is a failure.
trap fieldwork_postgres_stop EXIT
if ! fieldwork_postgres_start; then
    if [ "${CI:-}" = "true" ]; then
        echo "PostgreSQL could not be started on CI: failing the run" >&2
        exit 1
    fi
    echo "WARNING: PostgreSQL could not be started; the PostgreSQL tests will be SKIPPED" >&2
fi

# Builds every target: fieldwork, the test drivers (fieldwork-testkit) and the test bundles.
swift build --build-tests
export FIELDWORK_BIN="$(swift build --show-bin-path)/fieldwork"
export FIELDWORK_TESTKIT_BIN="$(swift build --show-bin-path)/fieldwork-testkit"

status=0
swift test --skip-build 2>&1 | tee .build/swift-test.log || status=$?
python3 -m pytest Tests/EndToEnd -q -p no:cacheprovider || status=$?
grep -E "Test run with|Executed [0-9]+ tests" .build/swift-test.log | tail -2 || true
exit $status
