#!/usr/bin/env bash
# The speed benchmark (not part of the tests): every course model timed in Deeplearning4j and in a PyTorch twin
# (Debian's python3-torch, the reference only), interleaved, in rounds; prints the table and writes
# target/benchmark/<label>.md and .csv. Takes about 10 minutes on 2 idle cores; holds /tmp/heavy.lock while it runs
# so that other heavy jobs on a shared machine wait. Arguments go to src/bench/run_benchmark.py, e.g.
#   bash src/scripts/benchmark.sh --rounds 3 --models mnist_ae,conv_dae --native linux-x86_64-avx512
# With --jobs-vs-threads first, it measures instead what report.sh's scheduler bets on (src/bench/jobs_vs_threads.py):
# per model, one process on every core against one single-thread process per core side by side, e.g.
#   bash src/scripts/benchmark.sh --jobs-vs-threads --rounds 2 --models fashion_deep_ae,conv_dae
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
if [ "${1:-}" = --jobs-vs-threads ]; then
  shift
  step "Build: the support jar and the benchmark classes"
  mvn -B -q -DskipTests package
  step "Jobs against threads (waits for /tmp/heavy.lock)"
  exec flock /tmp/heavy.lock /usr/bin/python3 src/bench/jobs_vs_threads.py "$@"
fi
/usr/bin/python3 -c "import torch" 2>/dev/null && ls /usr/lib/*-linux-gnu/openblas-pthread >/dev/null 2>&1 || {
  echo "PyTorch or OpenBLAS not found for /usr/bin/python3: sudo apt-get install python3-torch libopenblas0-pthread" \
       "(the benchmark's reference; torch is timed on Debian's OpenBLAS, not the reference BLAS)" >&2
  exit 1
}
step "Build: the support jar and the benchmark classes"
mvn -B -q -DskipTests package
step "Benchmark (waits for /tmp/heavy.lock)"
flock /tmp/heavy.lock /usr/bin/python3 src/bench/run_benchmark.py "$@"
