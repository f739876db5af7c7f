#!/usr/bin/env bash
# Kept for existing notes: the callback benchmark is bench/run now (rates, queryInstance of 100 real instances,
# the pgbench ceiling, target/bench/report.md). This runs it at one rate.
#   bench/callbacks.sh [rate] [duration]      e.g. bench/callbacks.sh 300 30s
set -euo pipefail
exec "$(dirname "$0")/run" --rates "${1:-300}" --duration "${2:-30s}"
