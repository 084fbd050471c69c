#!/usr/bin/env bash
# The main job: set up what is missing, execute every notebook in the full profile, write the HTML report.
set -euo pipefail
source "$(dirname "$0")/common.sh"
bash "$ROOT/src/scripts/setup.sh"
bash "$ROOT/src/scripts/run_notebooks.sh" full "$ROOT/target/report"
