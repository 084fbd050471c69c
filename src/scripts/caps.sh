#!/usr/bin/env bash
# What a cap of the full profile costs, measured once (unsupervised.course.Caps): trains without the cap and writes
# notebooks/measured/STUDY.json, which the notebook reads and labels as measured here, with this command, commit,
# machine and date. Hours on a 2-core machine: a study ended early (Ctrl-C, a session's limit) resumes from its
# checkpoint when run again, and a finished one rewrites its file in seconds.
#   caps.sh deep-epochs [MAX_EPOCHS]                06's deep autoencoder beyond its 20 epochs
#   caps.sh sparse-epochs [MAX_EPOCHS]              06's sparse autoencoder (1e-9) beyond its 20 epochs
#   caps.sh vae-epochs [MAX_EPOCHS]                 08's 10-d VAE beyond its 60 epochs
#   caps.sh denoiser [MAX_EPOCHS] [BATCH] [fresh|once] [20000|all]
#                                                   07's convolutional denoiser beyond its 10 epochs, at another
#                                                   batch, with the noise drawn once, or on all 60,000 images
#                                                   (writes denoiser-bBATCH-NOISE[-all].json)
#   caps.sh pretraining-protocol [SEEDS]            05's classifiers under the article's protocol (test-set stopping)
#   caps.sh dec-article [ITERATIONS]                09's DEC on 06's autoencoders up to 20,000 iterations
#   caps.sh dec-keras SEED [PRETRAIN_EPOCHS]        DEC-keras's recipe (writes dec-keras-seedSEED.json)
#   caps.sh idec SEED [PRETRAIN_EPOCHS]             IDEC from that recipe's autoencoder (writes idec-seedSEED.json)
# UNSUPERVISED_MEASURED sets another folder for the file; UNSUPERVISED_PROFILE=smoke runs a study on the smoke
# profile's few images, which only tests use (src/test/make_measured_fixtures.sh); any other profile is the full one.
set -euo pipefail
source "$(dirname "$0")/common.sh"
[ $# -ge 1 ] || {
  echo "usage: caps.sh deep-epochs|sparse-epochs [MAX_EPOCHS] | caps.sh vae-epochs [MAX_EPOCHS] |" \
       "caps.sh denoiser [MAX_EPOCHS] [BATCH] [fresh|once] [20000|all] | caps.sh pretraining-protocol [SEEDS] |" \
       "caps.sh dec-article [ITERATIONS] | caps.sh dec-keras|idec SEED [PRETRAIN_EPOCHS]" >&2; exit 2; }
study=$1; shift
spec="$JUPYTER_PATH/kernels/$KERNEL_NAME/kernel.json"
[ -f "$spec" ] && [ -f "$ROOT/target/unsupervised-java.jar" ] || {
  echo "caps.sh: no support jar or kernelspec: run 'bash src/scripts/setup.sh' first" >&2; exit 1; }
python=$(jupyter_python)
# The kernel's Java and its JVM options (memory; OneDNN helpers on: without them a convolution takes ~10x the time
# and memory) and OpenBLAS settings, so that the study trains as the notebooks do. Studies run side by
# side (UNSUPERVISED_JOBS of them, default 1) share the memory and the cores, as the report's notebooks do.
jobs=${UNSUPERVISED_JOBS:-1}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "caps.sh: UNSUPERVISED_JOBS must be a whole number from 1, not '$jobs'" >&2; exit 2; }
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$(( $(nproc) / jobs > 0 ? $(nproc) / jobs : 1 ))}
read -r -a java_and_memory < <("$python" -c 'import json, re, sys; a = json.load(open(sys.argv[1]))["argv"]
share = int(sys.argv[2])
flag = re.compile(r"^(-Xmx|-Dorg\.bytedeco\.javacpp\.max(?:bytes|PhysicalBytes)=)(\d+)m$")
a = [flag.sub(lambda m: f"{m.group(1)}{max(int(m.group(2)) // share, 512)}m", x) for x in a]
print(" ".join([a[0]] + [x for x in a if x.startswith(("-X", "-D"))]))' "$spec" "$jobs")
echo "caps.sh $study: $jobs at once, OMP_NUM_THREADS=$OMP_NUM_THREADS, ${java_and_memory[*]:1}"
eval "$("$python" -c 'import json, shlex, sys
for k, v in json.load(open(sys.argv[1])).get("env", {}).items():
    if k in ("OMP_WAIT_POLICY", "OPENBLAS_CORETYPE"): print(f"export {k}={shlex.quote(v)}")' "$spec")"
case $study in
  dec-keras|idec) name="$study-seed${1:?caps.sh $study needs a SEED}" ;;
  denoiser) name="denoiser-b${2:-256}-${3:-fresh}"; [ "${4:-}" != all ] || name+="-all" ;;
  *) name=$study ;;
esac
out="${UNSUPERVISED_MEASURED:-$ROOT/notebooks/measured}/$name.json"
profile=full
[ "${UNSUPERVISED_PROFILE:-}" != smoke ] || profile=smoke
started=$SECONDS
UNSUPERVISED_PROFILE=$profile "${java_and_memory[@]}" -cp "$ROOT/target/unsupervised-java.jar" unsupervised.course.Caps \
  "$study" "$out" "$@"
"$python" - "$out" "caps.sh $study $*" "$((SECONDS - started))" <<'PY'
import json, os, platform, subprocess, sys
path, command, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = json.load(open(path))
root = os.path.dirname(os.path.dirname(os.path.abspath(path)))
commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
data.update({"command": f"bash src/scripts/{command.strip()}", "commit": commit or "unknown",
             "machine": f"{os.cpu_count()} cores, {cpu}", "this_run_seconds": seconds})
with open(path, "w") as out:
    json.dump(data, out, indent=1)
print("measured:", path, "(commit", data["commit"] + ")")
PY
