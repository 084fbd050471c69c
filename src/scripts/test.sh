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
