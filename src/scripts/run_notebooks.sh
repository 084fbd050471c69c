#!/usr/bin/env bash
# Executes every notebook in order, in the profile given, into OUT_DIR (executed .ipynb + .html + index.html).
# Keeps going after a failing notebook, so that nothing else is lost, and exits 1 at the end if any failed.
#   run_notebooks.sh PROFILE OUT_DIR
set -uo pipefail
source "$(dirname "$0")/common.sh"
profile=$1 out=$2
python=$(jupyter_python) || exit 1
rm -rf "$out" && mkdir -p "$out"
failed=0
for notebook in "$ROOT"/notebooks/[0-9][0-9]-*.ipynb; do
  step "$(basename "$notebook") ($profile)"
  UNSUPERVISED_PROFILE=$profile "$python" "$ROOT/src/scripts/execute_notebook.py" "$notebook" \
    --out-dir "$out" --kernel "$KERNEL_NAME" --html --record "$out/runs.tsv" || failed=1
done
kernel_version=$(sed -n 's:.*<rjk.version>\(.*\)</rjk.version>.*:\1:p' "$ROOT/pom.xml")
java -Dunsupervised.kernel="rapaio-jupyter-kernel $kernel_version" \
  -cp "$ROOT/target/unsupervised-java.jar:$ROOT/target/lib/*" unsupervised.report.ReportIndex "$out" "$profile"
column -t -s $'\t' "$out/runs.tsv"
exit $failed
