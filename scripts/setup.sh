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
"${UV[@]}" sync --frozen --quiet --compile-bytecode
