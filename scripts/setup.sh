#!/usr/bin/env bash
# Set up .venv from the committed uv.lock. Needs only Python 3.11+ and pip: uv is installed with pip if absent.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if command -v uv >/dev/null 2>&1; then
  UV=(uv)
else
  "$PY" -m uv --version >/dev/null 2>&1 || "$PY" -m pip install --quiet "uv>=0.5"
  UV=("$PY" -m uv)
fi
# $PYTHON, when set, is also the interpreter of .venv (uv otherwise picks the first Python 3.11+ it finds).
# A build with profile-guided optimisation (distribution packages such as Debian's python3.11) runs
# parse and extract about a quarter faster than one without (pyenv's default build): see benchmarks/README.md.
"${UV[@]}" sync --frozen --quiet --compile-bytecode ${PYTHON:+--python "$PYTHON"}
