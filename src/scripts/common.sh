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
# STEP_NAME names the running step in error messages (setup.sh's ERR trap).
step() { STEP_NAME="$*"; printf '\n==> %s\n' "$*"; }
# Root directly, else through sudo; with neither, says what to run as root instead of failing on a missing sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "Not root and no sudo: run as root: $*" >&2
    return 1
  fi
}
# apt-get as root, non-interactive, waiting up to 5 minutes for another apt or dpkg (e.g. unattended upgrades).
apt_get() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q "$@"
}
# The major version of a java binary (8 for 1.8), empty when it does not run.
java_major() {
  local version
  version=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  version=${version#1.}
  echo "${version%%.*}"
}
# The home of a JDK 17+ (java and javac): $JAVA_HOME, else the java on PATH, else one in /usr/lib/jvm (17 first).
# Prints nothing and fails when there is none.
find_jdk() {
  local java home candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  java=$(command -v java 2>/dev/null) && candidates+=("$(readlink -f "$java")")
  candidates+=(/usr/lib/jvm/java-17-*/bin/java /usr/lib/jvm/*/bin/java)
  for java in "${candidates[@]}"; do
    home=$(dirname "$(dirname "$java")")
    if [ -x "$java" ] && [ -x "$home/bin/javac" ] && [ "$(java_major "$java")" -ge 17 ] 2>/dev/null; then
      echo "$home"
      return 0
    fi
  done
  return 1
}
