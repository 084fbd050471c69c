#!/usr/bin/env bash
# Executes the notebooks in order, in the profile given, into OUT_DIR (executed .ipynb + .html + .run.json +
# .results.json per notebook; index.html, results.html, results.csv).
#   run_notebooks.sh [--incremental] [--force] [--notebooks DIR] PROFILE OUT_DIR [NN ...]   (options anywhere)
# --incremental  skip a notebook whose last run succeeded and whose inputs did not change (execute_notebook.py)
# --force        run every notebook named (all by default) even when it is up to date
# NN ...         run only these notebooks (by number or file name); the others keep their last run in the report
# The new report is built in OUT_DIR.partial (a copy of the previous one) and replaces OUT_DIR only once its
# index is written. Keeps going after a failing notebook, so that nothing else is lost, and exits 1 at the end
# if any failed. Each notebook gets UNSUPERVISED_NOTEBOOK_MINUTES minutes (default: 180 full, 20 smoke).
set -uo pipefail
source "$(dirname "$0")/common.sh"
incremental=() force=0 notebooks_dir="$ROOT/notebooks" positional=()
while [ $# -gt 0 ]; do
  case $1 in
    --incremental) incremental=(--incremental); shift ;;
    --force) force=1; shift ;;
    --notebooks) notebooks_dir=$2; shift 2 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ $force = 1 ] && incremental=()
if [ ${#positional[@]} -lt 2 ]; then
  echo "usage: run_notebooks.sh [--incremental] [--force] [--notebooks DIR] PROFILE OUT_DIR [NN ...]" >&2
  exit 2
fi
profile=${positional[0]} out=${positional[1]%/}
set -- "${positional[@]:2}"
python=$(jupyter_python) || exit 1

# The index is written by the JDK the kernel runs on, not whatever 'java' comes first on PATH.
spec="$JUPYTER_PATH/kernels/$KERNEL_NAME/kernel.json"
java=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["argv"][0])' "$spec" 2>/dev/null)
if [ ! -x "$java" ]; then
  echo "No kernelspec with a Java at $spec (found '${java:-nothing}'): run 'bash src/scripts/setup.sh' first." >&2
  exit 1
fi

shopt -s nullglob
all=("$notebooks_dir"/[0-9][0-9]-*.ipynb)
[ ${#all[@]} -gt 0 ] || { echo "No notebooks (NN-*.ipynb) in $notebooks_dir" >&2; exit 2; }
selected=()
for wanted in "$@"; do
  match=("$notebooks_dir/${wanted%.ipynb}"*.ipynb)
  [ ${#match[@]} -gt 0 ] || { echo "No notebook '$wanted' in $notebooks_dir" >&2; exit 2; }
  selected+=("${match[@]}")
done
[ ${#selected[@]} -gt 0 ] || selected=("${all[@]}")

stage="$out.partial"
rm -rf "$stage"
if [ -d "$out" ]; then cp -a "$out" "$stage"; else mkdir -p "$stage"; fi
# Drop what belongs to notebooks that no longer exist (renamed or removed).
for record in "$stage"/*.run.json; do
  [ -e "$record" ] || continue
  name=$(basename "$record" .run.json)
  [ -e "$notebooks_dir/$name.ipynb" ] || rm -f "$stage/$name".{ipynb,html,run.json,results.json}
done

minutes=${UNSUPERVISED_NOTEBOOK_MINUTES:-$([ "$profile" = smoke ] && echo 20 || echo 180)}
failed=0 started=$SECONDS
for notebook in "${selected[@]}"; do
  step "$(basename "$notebook") ($profile; $((SECONDS - started)) s since the start)"
  UNSUPERVISED_PROFILE=$profile "$python" "$ROOT/src/scripts/execute_notebook.py" "$notebook" \
    --out-dir "$stage" --kernel "$KERNEL_NAME" --html --timeout-minutes "$minutes" "${incremental[@]}" || failed=1
done

kernel_version=$(sed -n 's:.*<rjk.version>\(.*\)</rjk.version>.*:\1:p' "$ROOT/pom.xml")
if ! "$java" -Dunsupervised.kernel="rapaio-jupyter-kernel $kernel_version" \
     -cp "$ROOT/target/unsupervised-java.jar:$ROOT/target/lib/*" unsupervised.report.ReportIndex "$stage" "$profile"; then
  echo "The report's index could not be written (see above): the new report stays in $stage," \
       "the previous one in $out." >&2
  exit 1
fi
if [ -d "$out" ]; then mv "$out" "$out.old"; fi
mv "$stage" "$out" && rm -rf "$out.old"
echo "report: $out/index.html, results: $out/results.html and results.csv ($((SECONDS - started)) s)"
exit $failed
