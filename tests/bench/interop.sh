#!/usr/bin/env bash
# The import and export benchmarks of BENCHMARKS.md, on a release build. Needs python3 and hyperfine.
#
#   tests/bench/interop.sh            # 100,000 rows
#   tests/bench/interop.sh 20000      # another size
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
cargo build --release --quiet
BIN=$PWD/target/release/tracker
WORK=$(mktemp -d "$PWD/target/bench.XXXXXX")   # on the same disk as the project, not a tmpfs
trap 'rm -rf "$WORK"' EXIT
python3 tests/bench/make_sheet.py "$N" >"$WORK/sheet.csv"
export TRACKER_DB=$WORK/bench.db TRACKER_CONFIG=$WORK/config.toml TRACKER_NOW=2026-11-27 TZ=UTC
clean="rm -f $WORK/bench.db $WORK/bench.db-wal $WORK/bench.db-shm"

# A spreadsheet into an empty database, and into the database that holds it already (every row a duplicate).
hyperfine -N --runs 5 --prepare "$clean" --export-json "$WORK/import.json" "$BIN import $WORK/sheet.csv" >/dev/null
$clean
"$BIN" import "$WORK/sheet.csv" >/dev/null 2>&1
hyperfine -N --runs 5 --export-json "$WORK/reimport.json" "$BIN import $WORK/sheet.csv" >/dev/null

# The CSV export, and tracker's own CSV read back into an empty database.
hyperfine -N --warmup 2 --runs 10 --export-json "$WORK/export.json" "$BIN export --format csv" \
  "$BIN export" >/dev/null
"$BIN" export --format csv >"$WORK/export.csv"
hyperfine -N --runs 5 --prepare "$clean" --export-json "$WORK/own.json" "$BIN import $WORK/export.csv" >/dev/null

echo "$N rows, $(nproc) cores, $(uname -sr)"
for f in import reimport export own; do python3 tests/bench/median.py "$WORK/$f.json" "$BIN"; done
