#!/usr/bin/env bash
# The main job: set up what is missing, execute the notebooks in the full profile (or UNSUPERVISED_PROFILE) into
# target/report (HTML, index, results page and CSV), then check what they show.
#   report.sh [--force] [NN ...]
# A notebook whose last run succeeded and whose inputs (source, jar, kernelspec, settings, data) did not change is
# skipped, and says so; --force runs it anyway. NN ... (e.g. 05) runs only those notebooks (each trains the models
# it reuses when their notebook is not run). UNSUPERVISED_JOBS notebooks run at once (default: the machine's cores),
# in the order notebooks/ORDER declares (see run_notebooks.sh).
set -euo pipefail
source "$(dirname "$0")/common.sh"
# Names first: a notebook that does not exist is said before a set-up that can take minutes.
names=()
for arg in "$@"; do
  case $arg in
    --force) ;;
    -*) echo "report.sh: unknown option '$arg' (usage: report.sh [--force] [NN ...])" >&2; exit 2 ;;
    *) names+=("$arg")
       compgen -G "$ROOT/notebooks/${arg%.ipynb}*.ipynb" >/dev/null || {
         echo "report.sh: no notebook '$arg' in $ROOT/notebooks (there are:" \
              "$(cd "$ROOT/notebooks" && ls [0-9][0-9]-*.ipynb | cut -c1-2 | tr '\n' ' '| sed 's/ $//'))" >&2
         exit 2; } ;;
  esac
done
bash "$ROOT/src/scripts/setup.sh"
python=$(jupyter_python)
status=0
bash "$ROOT/src/scripts/run_notebooks.sh" --incremental "${UNSUPERVISED_PROFILE:-full}" "$ROOT/target/report" "$@" || status=$?
case $status in
  2) exit 2 ;;  # bad arguments or settings: run_notebooks.sh said which; nothing ran to check
  130|143) echo "report.sh: stopped; the notebooks that ran are in $ROOT/target/report (not checked)" >&2; exit $status ;;
esac
step "Checks on the report"
"$python" "$ROOT/src/test/kernel/check_notebooks.py" "$ROOT/notebooks" "$ROOT/target/report" "${names[@]}" || status=1
exit $status
