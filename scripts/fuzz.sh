#!/usr/bin/env bash
# Builds and runs one libFuzzer harness: scripts/fuzz.sh TARGET SECONDS [extra libFuzzer options]
#
# TARGET is questionnaire, expression, scenario, journal, sample or engine (Fuzz/Harnesses/TARGET.swift).
# The package's modules are compiled straight with swiftc -sanitize=fuzzer,address into
# .build-fuzz/ (outside SwiftPM, so `swift build` never sees the fuzzer flags); the seed corpus
# comes from the bundled files and is copied into .build-fuzz/corpus/TARGET, where libFuzzer
# keeps what it finds. Crashes are written to .build-fuzz/crashes/TARGET/. docs/hardening.md.
set -euo pipefail

TARGET=${1:?usage: scripts/fuzz.sh questionnaire|expression|scenario|journal|sample|engine SECONDS}
SECONDS_TO_RUN=${2:-60}
shift $(( $# >= 2 ? 2 : $# ))
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/.build-fuzz
FLAGS=(-sanitize=fuzzer,address -O -g -parse-as-library -wmo)
mkdir -p "$OUT/lib" "$OUT/corpus/$TARGET" "$OUT/crashes/$TARGET"
# swiftc leaves module files for the harness in the working folder: keep them in .build-fuzz.
cd "$OUT"

swift_sources() { find "$@" -name '*.swift' | sort; }

# Compiles module $1 from folder $2 into a static library, unless it is newer than its sources and
# than every module built before it (modules are built in dependency order): a library built
# against an older module's interface fails to link, or worse.
BUILT_EARLIER=()
build_module() {
    local name=$1 dir=$2
    local library=$OUT/lib/lib$name.a
    local stale=""
    if [[ -f $library ]]; then
        stale=$(find "$dir" -name '*.swift' -newer "$library" | head -1)
        for earlier in "${BUILT_EARLIER[@]}"; do [[ $earlier -nt $library ]] && stale=$earlier; done
    fi
    BUILT_EARLIER+=("$library")
    if [[ -f $library && -z $stale ]]; then return; fi
    echo "fuzz: compiling $name" >&2
    swiftc "${FLAGS[@]}" -module-name "$name" -emit-library -static -emit-module \
        -emit-module-path "$OUT/lib/$name.swiftmodule" -I "$OUT/lib" -o "$library" $(swift_sources "$dir")
}

CORE=(FieldworkBasics FieldworkDiagnostics PositionedJSON FieldworkExpressions FieldworkModel FieldworkChecker FieldworkEngine)
for module in "${CORE[@]}"; do build_module "$module" "$ROOT/Sources/Core/$module"; done
# Static libraries in link order: each before the ones it uses.
CORE_LINK=(-lFieldworkEngine -lFieldworkChecker -lFieldworkModel -lFieldworkExpressions -lPositionedJSON -lFieldworkDiagnostics -lFieldworkBasics)

HARNESS=$ROOT/Fuzz/Harnesses/$TARGET.swift
[[ -f $HARNESS ]] || { echo "fuzz: no harness $HARNESS" >&2; exit 2; }
BINARY=$OUT/fuzz-$TARGET
SEEDS=$OUT/corpus/$TARGET
case $TARGET in
    journal)
        # The harness joins FieldworkJournal's own sources, to reach its internal line parser and the
        # codec's fast path. Its one library, swift-crypto (SHA-256 of questionnaires), is taken
        # from the package's ordinary debug build, uninstrumented.
        DEBUG=$(cd "$ROOT" && swift build --show-bin-path)
        if [[ ! -f $DEBUG/Modules/Crypto.swiftmodule ]]; then
            (cd "$ROOT" && swift build --product fieldwork >&2)
        fi
        CRYPTO_SOURCES=$(find "$ROOT/.build/checkouts/swift-crypto/Sources" -name module.modulemap | sed 's/^/-Xcc -fmodule-map-file=/')
        CRYPTO_OBJECTS=$(find "$DEBUG"/{Crypto,CryptoBoringWrapper,CCryptoBoringSSL,CCryptoBoringSSLShims}.build -name '*.o')
        if [[ ! -f $BINARY || -n $(find "$ROOT/Sources" "$HARNESS" -name '*.swift' -newer "$BINARY" | head -1) ]]; then
            echo "fuzz: compiling fuzz-journal" >&2
            # shellcheck disable=SC2086
            swiftc "${FLAGS[@]}" -module-name FieldworkJournal -I "$OUT/lib" -I "$DEBUG/Modules" $CRYPTO_SOURCES \
                -L "$OUT/lib" "${CORE_LINK[@]}" $CRYPTO_OBJECTS -o "$BINARY" \
                "$HARNESS" $(swift_sources "$ROOT/Sources/Shells/FieldworkJournal")
        fi
        # Seeds: the golden journal, whole and one record's data per file.
        python3 - "$ROOT/Tests/FieldworkJournalTests/JournalGoldenTests.swift" "$SEEDS" <<'PY'
import json, sys, pathlib
lines = [l.strip() for l in open(sys.argv[1]) if l.strip().startswith('{"v":1')]
out = pathlib.Path(sys.argv[2])
(out / "seed-golden-journal").write_text("\n".join(lines) + "\n")
for i, line in enumerate(lines):
    data = line[line.index('"data":') + 7:-18]
    (out / f"seed-data-{i}").write_text(data)
PY
        ;;
    sample)
        # The harness joins the sample-reading sources of FieldworkCases (not the case store, which
        # needs GRDB); their one library, CSV.swift, comes from the package's ordinary debug build.
        DEBUG=$(cd "$ROOT" && swift build --show-bin-path)
        if [[ ! -f $DEBUG/Modules/CSV.swiftmodule ]]; then
            (cd "$ROOT" && swift build --product fieldwork >&2)
        fi
        CASES=$ROOT/Sources/Shells/FieldworkCases
        SAMPLE_SOURCES=()
        for file in SampleImporter SampleCase SampleProblem SampleSchema SampleValidation CSVTable UnterminatedQuote OversizedCell InvalidUTF8Position; do
            SAMPLE_SOURCES+=("$CASES/$file.swift")
        done
        if [[ ! -f $BINARY || -n $(find "$CASES" "$HARNESS" -name '*.swift' -newer "$BINARY" | head -1) ]]; then
            echo "fuzz: compiling fuzz-sample" >&2
            # shellcheck disable=SC2046
            swiftc "${FLAGS[@]}" -module-name FieldworkCases -I "$OUT/lib" -I "$DEBUG/Modules" -L "$OUT/lib" -lFieldworkBasics \
                $(find "$DEBUG/CSV.build" -name '*.o') -o "$BINARY" "$HARNESS" "${SAMPLE_SOURCES[@]}"
        fi
        for f in "$ROOT"/Questionnaires/samples/*.csv; do cp "$f" "$SEEDS/seed-$(basename "$f")"; done
        ;;
    questionnaire|expression|scenario)
        if [[ ! -f $BINARY || $HARNESS -nt $BINARY || -n $(find "$OUT/lib" -name '*.a' -newer "$BINARY" | head -1) ]]; then
            echo "fuzz: compiling fuzz-$TARGET" >&2
            swiftc "${FLAGS[@]}" -module-name "Fuzz_$TARGET" -I "$OUT/lib" -L "$OUT/lib" "${CORE_LINK[@]}" -o "$BINARY" "$HARNESS"
        fi
        case $TARGET in
            questionnaire)
                for f in "$ROOT"/Questionnaires/*.json "$ROOT"/Tests/FieldworkCheckerTests/Corpus/*.json "$ROOT"/Tests/EndToEnd/fixtures/*.json; do
                    cp "$f" "$SEEDS/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
                done ;;
            expression)
                # Every condition, check and computed expression of the bundled questionnaires.
                python3 - "$SEEDS" "$ROOT"/Questionnaires/*.json "$ROOT"/Tests/EndToEnd/fixtures/*.json <<'PY'
import json, sys, pathlib, hashlib
out = pathlib.Path(sys.argv[1])
def walk(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("askIf", "showIf", "passIf", "require", "expression") and isinstance(item, str):
                yield item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value: yield from walk(item)
for path in sys.argv[2:]:
    for text in walk(json.load(open(path))):
        (out / ("seed-" + hashlib.sha1(text.encode()).hexdigest()[:12])).write_text(text)
PY
                ;;
            scenario)
                export FIELDWORK_FUZZ_QUESTIONNAIRE=${FIELDWORK_FUZZ_QUESTIONNAIRE:-$ROOT/Questionnaires/bas.json}
                for f in "$ROOT"/Questionnaires/scenarios/*.scenario; do cp "$f" "$SEEDS/seed-$(basename "$f")"; done ;;
        esac ;;
    engine)
        # The harness, its questionnaire sketcher (Fuzz/Engine) and the export's row-building code
        # (AnswerCells and what it needs, from FieldworkExport; plain Swift over the core modules),
        # so the off-path invariant is checked with the very code the exports use.
        EXPORT=$ROOT/Sources/Shells/FieldworkExport
        ENGINE_SOURCES=("$HARNESS" $(swift_sources "$ROOT/Fuzz/Engine") "$EXPORT/SurveyExport/AnswerCells.swift"
                        "$EXPORT/SurveyExport/PathAnswers.swift" "$EXPORT/ExportCell.swift" "$EXPORT/ExportVariable.swift")
        if [[ ! -f $BINARY || -n $(find "${ENGINE_SOURCES[@]}" -newer "$BINARY" | head -1) || -n $(find "$OUT/lib" -name '*.a' -newer "$BINARY" | head -1) ]]; then
            echo "fuzz: compiling fuzz-engine" >&2
            swiftc "${FLAGS[@]}" -module-name Fuzz_engine -I "$OUT/lib" -L "$OUT/lib" "${CORE_LINK[@]}" -o "$BINARY" "${ENGINE_SOURCES[@]}"
        fi
        QUESTIONNAIRES=("$ROOT"/Questionnaires/*.json "$ROOT"/Tests/EndToEnd/fixtures/*.json)
        export FIELDWORK_FUZZ_QUESTIONNAIRES=${FIELDWORK_FUZZ_QUESTIONNAIRES:-$(IFS=:; echo "${QUESTIONNAIRES[*]}")}
        # Seeds (Fuzz/Engine/seeds.py): each bundled questionnaire by number and inline, and sketches,
        # each followed by commands.
        python3 "$ROOT/Fuzz/Engine/seeds.py" "$SEEDS" "${QUESTIONNAIRES[@]}"
        ;;
    *) echo "fuzz: unknown target $TARGET (questionnaire, expression, scenario, journal, sample, engine)" >&2; exit 2 ;;
esac

echo "fuzz: running fuzz-$TARGET for $SECONDS_TO_RUN s" >&2
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# Swift's own crash reporter reads memory ASan has poisoned and buries the report: leave crashes
# to libFuzzer and ASan, whose stack traces name the same lines.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
exec "$BINARY" "$SEEDS" -dict="$ROOT/Fuzz/Dictionaries/fieldwork.dict" -max_total_time="$SECONDS_TO_RUN" \
    -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$OUT/crashes/$TARGET/" "$@"
