#!/usr/bin/env bash
# The stats and list benchmarks of BENCHMARKS.md ("Stats and a list that scales"), on a release build.
# Needs python3 and hyperfine. Prints the median of each command in milliseconds.
#
#   tests/bench/stats.sh            # 100,000 applications
#   tests/bench/stats.sh 1000000    # a million
#   TRACKER_BIN=path/to/tracker tests/bench/stats.sh    # a binary already built (no cargo run)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
if [ -z "${TRACKER_BIN:-}" ]; then cargo build --release --quiet; fi
BIN=${TRACKER_BIN:-$PWD/target/release/tracker}
WORK=$(mktemp -d "$PWD/target/bench.XXXXXX")   # on the same disk as the project, not a tmpfs
trap 'rm -rf "$WORK"' EXIT
python3 tests/bench/make_stats.py "$N" >"$WORK/apps.json"
export TRACKER_DB=$WORK/bench.db TRACKER_CONFIG=$WORK/config.toml TRACKER_NOW=2026-11-27 TZ=UTC
/usr/bin/time -f "import of $N applications: %e s" "$BIN" import "$WORK/apps.json" >/dev/null
echo "list --search acme finds $("$BIN" list --search acme --json | grep -c '"id"'), --tag remote $("$BIN" list --tag remote --json | grep -c '"id"')" >&2

RUNS=$(( N > 200000 ? 20 : 100 ))
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$WORK/stats.json" \
  "$BIN stats" "$BIN stats --json" "$BIN stats --by source" "$BIN stats --sankey" \
  "$BIN list --search acme --limit 50" "$BIN list --tag remote --limit 50" \
  "$BIN list --search acme --tag remote --limit 50" "$BIN list --open --sort applied --limit 50" \
  "$BIN feedback --json" >/dev/null
echo "$N applications, $(nproc) cores, $(uname -sr)"
python3 tests/bench/median.py "$WORK/stats.json" "$BIN"
