#!/usr/bin/env bash
# The main job on the bundled example inbox: two consecutive years of one (fictional-figures) district.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db=${1:-warehouse/example.duckdb}
.venv/bin/pledgetrack run --inbox examples/inbox --db "$db"
.venv/bin/pledgetrack status --db "$db"
