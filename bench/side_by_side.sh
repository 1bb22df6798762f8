#!/usr/bin/env bash
# Run one benchmark of this checkout and of another (e.g. a worktree of the commit before a
# change) alternately on the same database, so both see the same load: read the ratios.
#
#   git worktree add /tmp/before <commit>
#   DATABASE_URL=postgres://…/ma_bench bench/side_by_side.sh /tmp/before pages.py --repeat 5
#
# ROUNDS (default 2) pairs are run; each run prints the load average before it.
set -euo pipefail
other="$(cd "$1" && pwd)"; script="$2"; shift 2
here="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
for round in $(seq "${ROUNDS:-2}"); do
  for tree in "$other" "$here"; do
    echo "=== round $round: $tree ($(git -C "$tree" rev-parse --short HEAD)), load $(cut -d' ' -f1-3 /proc/loadavg)"
    (cd "$tree" && "$python" "bench/$script" "$@")
  done
done
