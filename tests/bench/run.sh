#!/usr/bin/env bash
# Benchmarks on a release build, as recorded in BENCHMARKS.md. Needs python3 and hyperfine
# (Debian: apt-get install hyperfine). Prints the median of each command in milliseconds.
#
#   tests/bench/run.sh            # 100,000 applications
#   tests/bench/run.sh 20000      # another size
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
cargo build --release --quiet
BIN=$PWD/target/release/tracker
WORK=$(mktemp -d "$PWD/target/bench.XXXXXX")   # on the same disk as the project, not a tmpfs
trap 'rm -rf "$WORK"' EXIT
python3 tests/bench/generate.py "$N" >"$WORK/apps.json"

export TRACKER_DB=$WORK/bench.db TRACKER_CONFIG=$WORK/config.toml TRACKER_NOW=2026-11-27 TZ=UTC
median() { python3 tests/bench/median.py "$1" "$BIN"; }

hyperfine -N --runs 5 --prepare "rm -f $WORK/bench.db $WORK/bench.db-wal $WORK/bench.db-shm" \
  --export-json "$WORK/import.json" "$BIN import $WORK/apps.json" >/dev/null
rm -f "$WORK"/bench.db*
"$BIN" import "$WORK/apps.json" >/dev/null

ID=$((N / 2 + 2))   # a ghosted application; the reject benchmark alternates it between withdrawn and rejected
hyperfine -N --warmup 10 --runs 200 --export-json "$WORK/read.json" \
  "$BIN list --limit 50" "$BIN list --limit 50 --json" "$BIN show $ID" "$BIN show $ID --json" >/dev/null
hyperfine -N --warmup 10 --runs 200 --export-json "$WORK/add.json" "$BIN add Benchco Engineer --force" >/dev/null
hyperfine -N --warmup 10 --runs 200 --prepare "$BIN status $ID withdrawn" --export-json "$WORK/reject.json" \
  "$BIN reject $ID" >/dev/null

echo "due finds $("$BIN" due --json | grep -c \"id\") follow-ups of $("$BIN" due --all --json | grep -c \"id\") open ones" >&2
hyperfine -N --warmup 10 --runs 200 --export-json "$WORK/due.json" "$BIN due" "$BIN due --json" \
  "$BIN due --all --json" "$BIN due --kind checkin --json" "$BIN upcoming" >/dev/null

echo "$N applications, $(nproc) cores, $(uname -sr)"
for f in import read add reject due; do [ -f "$WORK/$f.json" ] && median "$WORK/$f.json" "$BIN"; done
