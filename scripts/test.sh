#!/usr/bin/env bash
# The whole test suite (corpus tests read ../shared/corpus, or $PLEDGETRACK_CORPUS), then the linter.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pytest "$@"
.venv/bin/ruff check .
