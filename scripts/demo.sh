#!/usr/bin/env bash
# The main job on the bundled example inbox: two consecutive years of one (fictional-figures) district.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db=${1:-warehouse/example.duckdb}
.venv/bin/pledgetrack run --inbox examples/inbox --db "$db"
.venv/bin/pledgetrack status --db "$db"
echo
echo "What a reader came for: the 2023 targets, judged by the 2024 report"
.venv/bin/pledgetrack scorecard --db "$db" --year 2023
.venv/bin/pledgetrack verdicts --db "$db" --year 2023 --format table
echo
echo "Pages: ${db%.duckdb}.pages/index.html"
echo "More: .venv/bin/pledgetrack verdicts --db $db --status missed    (every command takes --db $db)"
