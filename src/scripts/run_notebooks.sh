#!/usr/bin/env bash
# Executes the notebooks, several at once, in the profile given, into OUT_DIR (executed .ipynb + .html + .run.json +
# .results.json per notebook; index.html, results.html, results.csv, schedule.json).
#   run_notebooks.sh [--incremental] [--force] [--notebooks DIR] PROFILE OUT_DIR [NN ...]   (options anywhere)
# --incremental  skip a notebook whose last run succeeded and whose inputs did not change (execute_notebook.py)
# --force        run every notebook named (all by default) even when it is up to date
# NN ...         run only these notebooks (by number or file name); the others keep their last run in the report
# UNSUPERVISED_JOBS notebooks run at once (default: the machine's cores), each with OMP_NUM_THREADS = cores / jobs
# (at least 1; an OMP_NUM_THREADS you set is kept) and 1/jobs of the kernel's memory, in the order DIR/ORDER
# declares: a notebook starts after the notebooks whose models it reuses, the longest chains first. Every line a
# notebook prints starts with its number, e.g. [06]. Notebooks named without the ones they reuse run one after
# another where they share them, so that the first trains the model and the next loads it.
# The new report is built in OUT_DIR.partial (a copy of the previous one) and replaces OUT_DIR only once its
# index is written. Keeps going after a failing notebook, so that nothing else is lost, and exits 1 at the end
# if any failed. Each notebook gets UNSUPERVISED_NOTEBOOK_MINUTES minutes (default: 180 full, 20 smoke). Ctrl-C or
# kill stops the running notebooks, which save what ran; the index is written and the run exits 130 (143 on kill).
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

# --- The schedule: how many at once, how many threads each, in which order.
cores=$(nproc)
jobs=${UNSUPERVISED_JOBS:-$cores}
if ! [[ $jobs =~ ^[1-9][0-9]*$ ]]; then
  echo "UNSUPERVISED_JOBS must be a whole number of at least 1 (notebooks run at once), not '$jobs'" >&2
  exit 2
fi
if [ -n "${OMP_NUM_THREADS:-}" ]; then
  threads=$OMP_NUM_THREADS threads_from="OMP_NUM_THREADS, as set"
else
  threads=$((cores / jobs > 0 ? cores / jobs : 1)) threads_from="$cores cores / $jobs jobs"
fi
export OMP_NUM_THREADS=$threads PYTHONUNBUFFERED=1
# Memory: setup.sh sized the kernel (heap, ND4J's off-heap arrays, the process cap) for one notebook at a time.
# Notebooks running at once share the machine, so each kernel gets 1/share of each, through a kernelspec of this
# run's own (share: the jobs, or the notebooks named if fewer). Without it two kernels could each grow to three
# quarters of the machine: 06 reached 15.7 GB beside 05's 8.4 GB on 24 GB, and the OOM killer ended it.
share=$(( jobs < ${#selected[@]} ? jobs : ${#selected[@]} ))
shared_specs=""
if [ "$share" -gt 1 ]; then
  shared_specs=$(mktemp -d)
  trap 'rm -rf "$shared_specs"' EXIT
fi
memory=$("$python" - "$spec" "$share" "$shared_specs" "$KERNEL_NAME" <<'PY'
import json, os, re, sys
source, share, folder, name = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
spec = json.load(open(source))
flag = re.compile(r"^(-Xmx|-Dorg\.bytedeco\.javacpp\.max(?:bytes|PhysicalBytes)=)(\d+)m$")
spec["argv"] = [flag.sub(lambda m: f"{m.group(1)}{max(int(m.group(2)) // share, 512)}m", a) for a in spec["argv"]]
if folder:
    os.makedirs(os.path.join(folder, "kernels", name))
    with open(os.path.join(folder, "kernels", name, "kernel.json"), "w") as out:
        json.dump(spec, out, indent=2)
print(" ".join(a for a in spec["argv"] if flag.match(a)))
PY
) || { echo "could not read or share the kernel's memory settings in $spec" >&2; exit 1; }
[ -z "$shared_specs" ] || export JUPYTER_PATH="$shared_specs:$JUPYTER_PATH"

declare -A path=() minutes=() reuses=() after=() rank=() started_at=() took=() result=()
for notebook in "${selected[@]}"; do path[$(basename "$notebook" | cut -c1-2)]=$notebook; done
order="$notebooks_dir/ORDER"
if [ -f "$order" ]; then
  line_number=0
  while IFS= read -r line || [ -n "$line" ]; do
    line_number=$((line_number + 1))
    read -r number mins uses <<< "${line%%#*}"
    [ -n "${number:-}" ] || continue
    if ! [[ $number =~ ^[0-9][0-9]$ && $mins =~ ^(0|[1-9][0-9]*)$ ]] || [[ -n $uses && ! $uses =~ ^[0-9][0-9]( [0-9][0-9])*$ ]]; then
      echo "$order, line $line_number: expected 'NN MINUTES [NN ...]' (notebook, minutes, the notebooks whose" \
           "models it reuses), found '$line'" >&2
      exit 2
    fi
    for used in $uses; do
      if [ "$used" -ge "$number" ]; then
        echo "$order, line $line_number: notebook $number may only reuse earlier notebooks, not $used" >&2
        exit 2
      fi
    done
    minutes[$number]=$mins reuses[$number]=$uses
  done < "$order"
fi
# A notebook waits for the reused notebooks that run too; where one does not run, the notebooks that reuse it wait
# for each other (in number order), so that one trains its model and the others load it.
declare -A last_user=()
keys=$(printf '%s\n' "${!path[@]}" | sort)
for key in $keys; do
  after[$key]=""
  for used in ${reuses[$key]:-}; do
    if [ -n "${path[$used]:-}" ]; then
      after[$key]+=" $used"
    else
      [ -z "${last_user[$used]:-}" ] || after[$key]+=" ${last_user[$used]}"
      last_user[$used]=$key
    fi
  done
done
# Rank: a notebook's minutes plus the longest chain of notebooks waiting for it.
for key in $(sort -r <<< "$keys"); do
  longest=0
  for other in $keys; do
    [[ " ${after[$other]} " == *" $key "* ]] && [ "${rank[$other]}" -gt "$longest" ] && longest=${rank[$other]}
  done
  rank[$key]=$(( ${minutes[$key]:-1} + longest ))
done
pending=$(for key in $keys; do echo "${rank[$key]} $key"; done | sort -k1,1nr -k2,2n | cut -d' ' -f2)

minutes_limit=${UNSUPERVISED_NOTEBOOK_MINUTES:-$([ "$profile" = smoke ] && echo 20 || echo 180)}
start_time=$(date -u +%Y-%m-%dT%H:%M:%SZ) started=$SECONDS
marker=$(mktemp) && touch "$marker"
echo "Running ${#path[@]} notebook(s), profile $profile: $jobs at a time, OMP_NUM_THREADS=$threads each" \
     "($threads_from), memory each: $memory; order: $(echo $pending)"

declare -A running=()
failed=0 stopping=""
launch() {  # KEY: starts the notebook as a job whose pid is the Python runner's, its lines prefixed by [KEY]
  local key=$1 prefix="/^\\[$1[] ]/!s/^/[$1] /"
  local waited=${after[$key]# }
  echo "[$key] starts $(basename "${path[$key]}") at $((SECONDS - started)) s${waited:+, after ${waited// /, }}"
  (
    trap '' INT  # Ctrl-C reaches the runner, which stops the notebooks in order; the prefixers must outlive it
    exec > >(sed -u "$prefix") 2> >(sed -u "$prefix" >&2)
    UNSUPERVISED_PROFILE=$profile exec "$python" "$ROOT/src/scripts/execute_notebook.py" "${path[$key]}" \
      --out-dir "$stage" --kernel "$KERNEL_NAME" --html --timeout-minutes "$minutes_limit" --tag "$key" \
      "${incremental[@]}"
  ) &
  running[$!]=$key started_at[$key]=$((SECONDS - started))
}
stop() {  # on Ctrl-C or kill: no new notebooks; the running ones save what ran
  stopping=$1
  echo "run_notebooks: stopped by $1: stopping ${running[*]:-nothing} (each saves what ran), starting no other" >&2
  [ ${#running[@]} -eq 0 ] || kill -TERM "${!running[@]}" 2>/dev/null
}
trap 'stop SIGINT' INT
trap 'stop SIGTERM' TERM
while [ -n "$pending" ] || [ ${#running[@]} -gt 0 ]; do
  while [ -z "$stopping" ] && [ ${#running[@]} -lt "$jobs" ]; do
    next=""
    for key in $pending; do
      ready=1
      for waits in ${after[$key]}; do [ -n "${result[$waits]:-}" ] || ready=0; done
      [ $ready = 1 ] && { next=$key; break; }
    done
    [ -n "$next" ] || break
    pending=$(grep -vx "$next" <<< "$pending")
    launch "$next"
  done
  [ -n "$stopping" ] && pending=""
  [ ${#running[@]} -gt 0 ] || break
  finished_pid=""
  wait -n -p finished_pid "${!running[@]}"
  code=$?
  # wait -p unsets the variable first, and a signal (stop() ran) leaves it unset: wait again
  [ -n "${finished_pid:-}" ] || continue
  key=${running[$finished_pid]}
  unset "running[$finished_pid]"
  took[$key]=$((SECONDS - started - started_at[$key]))
  case $code in 0) result[$key]=ok ;; 130|143) result[$key]=interrupted ;; *) result[$key]=failed ;; esac
  [ $code = 0 ] || failed=1
done
wall=$((SECONDS - started))

# What this run did, for the index: wall time, jobs and threads, and when each notebook started and how long it took.
{
  printf '{"profile": "%s", "started": "%s", "seconds": %d, "jobs": %d, "threads": %d, "threads_from": "%s",' \
    "$profile" "$start_time" "$wall" "$jobs" "$threads" "$threads_from"
  printf ' "stopped": %s, "notebooks": [' "$([ -n "$stopping" ] && echo "\"$stopping\"" || echo null)"
  separator=""
  for key in $keys; do
    [ -n "${result[$key]:-}" ] || continue
    name=$(basename "${path[$key]}" .ipynb)
    ran=false
    [ "$stage/$name.run.json" -nt "$marker" ] && ran=true
    printf '%s\n  {"name": "%s", "started": %d, "seconds": %d, "result": "%s", "ran": %s}' "$separator" "$name" \
      "${started_at[$key]}" "${took[$key]}" "${result[$key]}" "$ran"
    separator=,
  done
  printf '\n]}\n'
} > "$stage/schedule.json"
rm -f "$marker"
echo "Notebooks done in $wall s ($jobs at a time, $threads thread(s) each): $(for key in $keys; do
  [ -z "${result[$key]:-}" ] || printf '%s %s %d s; ' "$key" "${result[$key]}" "${took[$key]}"; done)"

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
[ -z "$stopping" ] || exit $([ "$stopping" = SIGINT ] && echo 130 || echo 143)
exit $failed
