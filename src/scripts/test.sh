#!/usr/bin/env bash
# The tests: set up what is missing, run the unit tests, start the kernel many times, execute every notebook in
# the smoke profile and check what they produced.
set -euo pipefail
source "$(dirname "$0")/common.sh"
bash "$ROOT/src/scripts/setup.sh"
python=$(jupyter_python)
cd "$ROOT"

step "Unit tests (Maven)"
mvn -B -C verify

step "Kernel start-up: ${KERNEL_STARTS:-50} starts"
"$python" src/test/kernel/kernel_start_stress.py --starts "${KERNEL_STARTS:-50}" --kernel "$KERNEL_NAME"

step "Notebooks, smoke profile"
bash src/scripts/run_notebooks.sh smoke "$ROOT/target/smoke"
"$python" src/test/kernel/check_notebooks.py "$ROOT/notebooks" "$ROOT/target/smoke"

# --- Report tooling (issues 11 and 12): the checker and the runner must fail broken notebooks, naming notebook,
# cell and reason; notebooks 01 and 02 rerun in a fresh kernel must reproduce the smoke run's results and figures.
step "Checker and runner on deliberately broken notebooks"
"$python" -m unittest src/test/kernel/test_checks.py
step "Identical reruns: 01 and 02 again, compared with the smoke run"
UNSUPERVISED_PROFILE=smoke "$python" src/test/kernel/rerun_identical.py "$ROOT/target/rerun" \
  notebooks/01-*.ipynb notebooks/02-*.ipynb --against "$ROOT/target/smoke"
