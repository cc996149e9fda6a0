#!/usr/bin/env bash
# The main job: a telephone interview on the bundled BAS questionnaire, in the terminal.
# Installs what is missing, builds, creates ./demo-survey with a synthetic case the first time,
# and opens the interview (running it again resumes the same case).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/dependencies.sh
fieldwork_build_dependencies

swift build --product fieldwork
bin="$(swift build --show-bin-path)/fieldwork"
data="${FIELDWORK_DEMO_DIR:-demo-survey}"

if [ ! -f "$data/fieldwork.json" ]; then
    "$bin" init "$data" --questionnaire Questionnaires/bas.json
    "$bin" cases import Questionnaires/samples/demo-sample.csv --data "$data"
fi
export LANG="${LANG:-C.UTF-8}"
case "${LANG}" in *UTF-8*|*utf8*) ;; *) export LANG=C.UTF-8 ;; esac
exec "$bin" interview --data "$data" --case DEMO-0001 --interviewer demo "$@"
