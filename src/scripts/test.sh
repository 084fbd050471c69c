#!/usr/bin/env bash
# The tests: set up what is missing, run the unit tests, start the kernel many times, interrupt and restart it,
# execute every notebook in the smoke profile and check what they produced, then drive the notebooks in a browser.
# Every step runs even when an earlier one failed; a table at the end gives each step's result and time, and the
# command fails if any step did. KERNEL_STARTS (100) and BROWSER_OPENS (10) set the counts; TEST_STEPS, a regular
# expression over the step names, runs only the steps it matches (e.g. TEST_STEPS='Unit|Checker').
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

names=() results=() times=()
run_step() {
  local name=$1 started=$SECONDS status
  shift
  if [ -n "${TEST_STEPS:-}" ] && ! [[ $name =~ $TEST_STEPS ]]; then
    return 0
  fi
  step "$name"
  ( set -Eeuo pipefail; "$@" )
  status=$?
  names+=("$name")
  results+=("$([ "$status" -eq 0 ] && echo passed || echo "FAILED ($status)")")
  times+=($((SECONDS - started)))
}
summary() {
  local i failed=0 width=4
  for i in "${!names[@]}"; do width=$((${#names[$i]} > width ? ${#names[$i]} : width)); done
  printf '\n==> Summary\n%-*s  %-12s %8s\n' "$width" step result seconds
  for i in "${!names[@]}"; do
    printf '%-*s  %-12s %8d\n' "$width" "${names[$i]}" "${results[$i]}" "${times[$i]}"
    [ "${results[$i]}" = passed ] || failed=$((failed + 1))
  done
  echo "tests: $((${#names[@]} - failed)) steps passed, $failed failed"
  [ "$failed" -eq 0 ]
}
# Ctrl-C or a kill still shows what ran so far.
trap 'summary; exit 130' INT TERM

run_step "Set-up (src/scripts/setup.sh)" bash src/scripts/setup.sh
python=$(jupyter_python) || python=no-python-with-jupyter
JAVA_HOME=$(find_jdk) && export JAVA_HOME || unset JAVA_HOME

run_step "Unit tests (Maven)" mvn -B -C verify

run_step "Kernel start-up: ${KERNEL_STARTS:-100} starts, one kernel_info_request each, as a Jupyter server sends it" \
  "$python" src/test/kernel/kernel_start_stress.py --starts "${KERNEL_STARTS:-100}" --kernel "$KERNEL_NAME"

run_step "Kernel interrupt (a training cell) and restart" \
  "$python" src/test/kernel/kernel_interrupt.py --kernel "$KERNEL_NAME"

smoke_notebooks() {
  bash src/scripts/run_notebooks.sh smoke "$ROOT/target/smoke"
  "$python" src/test/kernel/check_notebooks.py "$ROOT/notebooks" "$ROOT/target/smoke"
}
run_step "Notebooks, smoke profile, and checks on what they produced" smoke_notebooks

# The sections that read studies (notebooks/measured/) run once more, on studies made in the smoke profile
# (src/test/resources/measured, by src/test/make_measured_fixtures.sh), so that the smoke run goes through them
# whether or not the full studies are measured in this checkout; every one of those studies must show as measured.
measured_sections() {
  local fixtures="$ROOT/src/test/resources/measured" out="$ROOT/target/smoke-measured" readers
  readers=$(grep -l 'Measured.of(' notebooks/*.ipynb | sed 's#.*/\([0-9][0-9]\)-[^/]*#\1#' | tr '\n' ' ')
  UNSUPERVISED_MEASURED="$fixtures" bash src/scripts/run_notebooks.sh smoke "$out" $readers
  "$python" src/test/kernel/check_notebooks.py "$ROOT/notebooks" "$out" $readers
  "$python" - "$fixtures" "$out" <<'PY'
import glob, os, sys
studies = sorted(os.path.basename(f)[:-len(".json")] for f in glob.glob(os.path.join(sys.argv[1], "*.json")))
shown = "".join(open(f, encoding="utf-8").read() for f in glob.glob(os.path.join(sys.argv[2], "*.ipynb")))
unread = [s for s in studies if f"{s}: measured by" not in shown]
print(f"{len(studies) - len(unread)} of {len(studies)} smoke studies shown as measured; not shown: {unread or 'none'}")
sys.exit(1 if unread or not studies else 0)
PY
}
run_step "Study sections of the notebooks, on smoke-profile studies" measured_sections

# Report tooling (issues 11 and 12): the checker and the runner must fail broken notebooks, naming notebook, cell and
# reason; notebooks rerun in a fresh kernel must reproduce the smoke run's results and figures.
run_step "Checker and runner on deliberately broken notebooks" "$python" -m unittest src/test/kernel/test_checks.py

run_step "Identical reruns: 01, 02 and 11 again, compared with the smoke run" \
  env UNSUPERVISED_PROFILE=smoke "$python" src/test/kernel/rerun_identical.py "$ROOT/target/rerun" \
  notebooks/01-*.ipynb notebooks/02-*.ipynb notebooks/11-*.ipynb --against "$ROOT/target/smoke"

run_step "Committed notebook outputs" "$python" src/test/kernel/check_notebooks.py --committed "$ROOT/notebooks"

browser() {
  local packages=()
  command -v chromium >/dev/null || packages+=(chromium)
  command -v npm >/dev/null || packages+=(npm)
  if [ ${#packages[@]} -gt 0 ]; then
    apt_get update && apt_get install -y --no-install-recommends "${packages[@]}" ||
      { echo "Could not install ${packages[*]} for the browser test: install them (apt-get install ${packages[*]})." >&2; return 1; }
  fi
  (cd src/test/browser && npm ci --no-audit --no-fund)
  node src/test/browser/notebook_browser_test.js --out "$ROOT/target/smoke" --opens "${BROWSER_OPENS:-10}"
}
run_step "Browser: Jupyter Notebook in chromium, fresh kernels, Run All, live progress, interrupt" browser

trap - INT TERM
summary
