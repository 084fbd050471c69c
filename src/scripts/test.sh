#!/usr/bin/env bash
# The tests: set up what is missing, run the unit tests, start the kernel many times, interrupt and restart it,
# execute every notebook in the smoke profile and check what they produced, then drive the notebooks in a browser.
set -euo pipefail
source "$(dirname "$0")/common.sh"
bash "$ROOT/src/scripts/setup.sh"
python=$(jupyter_python)
cd "$ROOT"

step "Unit tests (Maven)"
mvn -B -C verify

step "Kernel start-up: ${KERNEL_STARTS:-100} starts, one kernel_info_request each, as a Jupyter server sends it"
"$python" src/test/kernel/kernel_start_stress.py --starts "${KERNEL_STARTS:-100}" --kernel "$KERNEL_NAME"

step "Kernel interrupt (a training cell) and restart"
"$python" src/test/kernel/kernel_interrupt.py --kernel "$KERNEL_NAME"

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

step "Browser: Jupyter Notebook in chromium, fresh kernels, Run All, live progress, interrupt"
browser_packages=()
[ -x /usr/bin/chromium ] || browser_packages+=(chromium)
command -v npm >/dev/null || browser_packages+=(npm)
if [ ${#browser_packages[@]} -gt 0 ]; then
  as_root apt-get -o DPkg::Lock::Timeout=300 update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends \
    "${browser_packages[@]}"
fi
(cd src/test/browser && npm ci --no-audit --no-fund)
node src/test/browser/notebook_browser_test.js --out "$ROOT/target/smoke" --opens "${BROWSER_OPENS:-10}"
