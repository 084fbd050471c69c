# Shared by setup.sh, report.sh and test.sh: where things are, and which Python has Jupyter's tools.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KERNEL_NAME=java-unsupervised
export JUPYTER_PATH="$ROOT/.jupyter"
# Debian's Jupyter lives in /usr/bin/python3; a pyenv or venv python3 earlier on PATH usually lacks it.
jupyter_python() {
  local candidate
  for candidate in ${UNSUPERVISED_PYTHON:-} ${CONDA_PREFIX:+$CONDA_PREFIX/bin/python3} /usr/bin/python3 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import nbclient, nbconvert' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "No Python with nbclient and nbconvert found: run 'bash src/scripts/setup.sh' (Debian/Ubuntu)" \
       "or 'conda env create -f environment.yml && conda activate unsupervised-java'." >&2
  return 1
}
step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
