#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image (Ubuntu 22.04 by
# default). It installs bubblewrap (the strongest sandbox), Python 3.11 (the grader needs
# 3.11 or newer; Ubuntu 22.04's own python3 is 3.10, so a python3.11 from Ubuntu's
# universe, else from the deadsnakes PPA, goes beside it), and the grader from the wheel
# in this zip, in a virtual environment of its own, with its dependencies pinned to the
# versions the instructor built the zip with. `grade` ends up on PATH.
#
# For a test outside Gradescope: GRADE_PYTHON=python3.11 uses that Python, GRADE_PREFIX
# sets where the environment goes, GRADE_BIN where `grade` is linked, GRADE_APT=skip
# installs nothing with apt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${GRADE_PREFIX:-/opt/grade}"
bin="${GRADE_BIN:-/usr/local/bin}"
export DEBIAN_FRONTEND=noninteractive

apt_install() {
  [ "${GRADE_APT:-}" = skip ] && return 1
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ "${GRADE_APT:-}" != skip ]; then
  apt-get update -qq
  apt_install bubblewrap || echo "setup.sh: no bubblewrap; the grader will use another sandbox"
fi

python="${GRADE_PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null && "$candidate" -m venv --help >/dev/null 2>&1; then
      python="$candidate"
      break
    fi
  done
fi
if [ -z "$python" ]; then
  if ! apt_install python3.11 python3.11-venv; then
    apt_install software-properties-common
    add-apt-repository -y ppa:deadsnakes/ppa
    apt-get update -qq
    apt_install python3.11 python3.11-venv
  fi
  python=python3.11
fi

"$python" -m venv "$prefix"
"$prefix/bin/python" -m pip install --quiet --upgrade pip
"$prefix/bin/python" -m pip install --quiet -r "$here/requirements.txt" "$here"/wheels/*.whl
mkdir -p "$bin"
ln -sf "$prefix/bin/grade" "$bin/grade"
"$bin/grade" --version
