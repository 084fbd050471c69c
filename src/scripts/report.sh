#!/usr/bin/env bash
# The main job: set up what is missing, execute the notebooks in the full profile (or UNSUPERVISED_PROFILE) into
# target/report (HTML, index, results page and CSV), then check what they show.
#   report.sh [--force] [NN ...]
# A notebook whose last run succeeded and whose inputs (source, jar, kernelspec, settings, data) did not change is
# skipped, and says so; --force runs it anyway. NN ... (e.g. 05) runs only those notebooks.
set -euo pipefail
source "$(dirname "$0")/common.sh"
bash "$ROOT/src/scripts/setup.sh"
python=$(jupyter_python)
status=0
bash "$ROOT/src/scripts/run_notebooks.sh" --incremental "${UNSUPERVISED_PROFILE:-full}" "$ROOT/target/report" "$@" || status=$?
step "Checks on the report"
names=()
for arg in "$@"; do [[ $arg == -* ]] || names+=("$arg"); done
"$python" "$ROOT/src/test/kernel/check_notebooks.py" "$ROOT/notebooks" "$ROOT/target/report" "${names[@]}" || status=1
exit $status
