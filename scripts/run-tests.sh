#!/usr/bin/env bash
# The whole test suite: unit tests (swift test), then end-to-end tests that drive the real binary
# (tmux for the terminal UI, PSPP/R/pandas for exports). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/dependencies.sh
fieldwork_test_dependencies

# Builds every target: fieldwork, the test drivers (fieldwork-testkit) and the test bundles.
swift build --build-tests
export FIELDWORK_BIN="$(swift build --show-bin-path)/fieldwork"
export FIELDWORK_TESTKIT_BIN="$(swift build --show-bin-path)/fieldwork-testkit"

status=0
swift test --skip-build 2>&1 | tee .build/swift-test.log || status=$?
python3 -m pytest Tests/EndToEnd -q -p no:cacheprovider || status=$?
grep -E "Test run with|Executed [0-9]+ tests" .build/swift-test.log | tail -2 || true
exit $status
