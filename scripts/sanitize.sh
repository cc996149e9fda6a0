#!/usr/bin/env bash
# Runs the Swift test suite under a sanitizer: scripts/sanitize.sh address|thread [swift test options]
#
#   address  AddressSanitizer (heap/stack overflows, use after free), scratch path .build-asan
#   thread   ThreadSanitizer (data races, lock-order inversions), scratch path .build-tsan
#
# Each is a full build of its own (its own scratch path, so the ordinary .build is untouched),
# then `swift test --skip-build` on it. A throwaway PostgreSQL cluster is started for the
# PostgreSQL store tests, as in scripts/run-tests.sh. Known reports that are not ours are
# suppressed in scripts/sanitizers/ (each with the reason); the log of the run is kept in
# SCRATCH/sanitize.log. Without arguments: the whole Swift suite (time-limited suites on their
# own), then Tests/EndToEnd/test_cases_concurrency.py with the sanitized binaries. Extra arguments
# run only `swift test` with them (e.g. --filter ExportPipelineTests).
# Timings and findings: docs/hardening.md.
set -euo pipefail
SANITIZER=${1:?usage: scripts/sanitize.sh address|thread [swift test options]}
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
case $SANITIZER in
    address) SCRATCH=.build-asan ;;
    thread) SCRATCH=.build-tsan ;;
    *) echo "sanitize: unknown sanitizer $SANITIZER (address or thread)" >&2; exit 2 ;;
esac
source scripts/lib/postgres.sh

# Reports go to the log and fail the run; the suppression files say what is not ours and why.
# ASan: leak checking is off (the Swift runtime's metadata caches and the tests' process-lifetime
# singletons read as leaks; leaks are not what this run is for).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=0}
# TSan: keep going after a report so one run lists every race; the exit status is still non-zero.
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=0:second_deadlock_stack=1:history_size=4:suppressions=$ROOT/scripts/sanitizers/thread.supp}

trap fieldwork_postgres_stop EXIT
if ! fieldwork_postgres_start; then
    echo "WARNING: PostgreSQL could not be started; the PostgreSQL tests will be SKIPPED" >&2
fi

mkdir -p "$SCRATCH"
LOG=$SCRATCH/sanitize.log
started=$(date +%s)
swift build --build-tests --sanitize="$SANITIZER" --scratch-path "$SCRATCH" 2>&1 | tee "$LOG"
built=$(date +%s)
status=0
if [[ $# -gt 0 ]]; then
    swift test --skip-build --sanitize="$SANITIZER" --scratch-path "$SCRATCH" "$@" 2>&1 | tee -a "$LOG" || status=$?
else
    # The suites with a `.timeLimit` (inputs that once took quadratic time) run on their own after
    # the rest: in the parallel run, on a sanitizer's slower code, their wall-clock limit measures
    # the other tests as much as them. Found from the sources, so new ones are picked up.
    TIMED=$(awk '/^(struct|final class|class) [A-Za-z0-9_]+/ { name = $2 } /\.timeLimit\(/ { print name }' \
        $(grep -rl '\.timeLimit(' Tests --include='*.swift') | sort -u | paste -sd'|')
    swift test --skip-build --sanitize="$SANITIZER" --scratch-path "$SCRATCH" ${TIMED:+--skip "$TIMED"} 2>&1 | tee -a "$LOG" || status=$?
    if [[ -n $TIMED ]]; then
        swift test --skip-build --sanitize="$SANITIZER" --scratch-path "$SCRATCH" --filter "$TIMED" 2>&1 | tee -a "$LOG" || status=$?
    fi
    # The case store under many processes: twenty sanitized `fieldwork` processes lease cases from
    # one cases.sqlite at once. A report in any of them makes it exit non-zero, failing the test.
    BIN=$(swift build --sanitize="$SANITIZER" --scratch-path "$SCRATCH" --show-bin-path)
    FIELDWORK_BIN=$BIN/fieldwork FIELDWORK_TESTKIT_BIN=$BIN/fieldwork-testkit \
        python3 -m pytest Tests/EndToEnd/test_cases_concurrency.py -q -p no:cacheprovider 2>&1 | tee -a "$LOG" || status=$?
fi
finished=$(date +%s)
reports=$(grep -cE '^(==[0-9]+==ERROR: AddressSanitizer|WARNING: ThreadSanitizer)' "$LOG" || true)
echo "sanitize $SANITIZER: build $((built - started)) s, tests $((finished - built)) s, $reports sanitizer report(s), exit status $status (log: $LOG)"
[[ $reports -eq 0 ]] || status=${status/#0/1}
exit $status
