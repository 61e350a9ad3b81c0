#!/usr/bin/env bash
# The `tracker mail scan` benchmark recorded in BENCHMARKS.md: a first scan and a rescan of a 10,000-message
# mbox (about 100 MB), and the peak memory of a scan. Needs python3, hyperfine and GNU time.
#
#   tests/bench/mail.sh           # 10,000 messages
#   tests/bench/mail.sh 40000     # another size (memory must not grow with it)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
cargo build --release --quiet
BIN=$PWD/target/release/tracker
WORK=$(mktemp -d "$PWD/target/bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
python3 tests/bench/make_mbox.py "$N" >"$WORK/big.mbox"
export TRACKER_DB=$WORK/mail.db TRACKER_CONFIG=$WORK/config.toml TRACKER_NOW=2026-11-27 TZ=UTC
"$BIN" import - <<<'[]' >/dev/null
echo "$N messages, $(du -m "$WORK/big.mbox" | cut -f1) MB, $(nproc) cores, $(uname -sr)"
fresh="rm -f $WORK/mail.db $WORK/mail.db-wal $WORK/mail.db-shm; echo '[]' | $BIN import - >/dev/null"
hyperfine --runs 5 --prepare "$fresh" "$BIN mail scan --mbox $WORK/big.mbox --quiet"
"$BIN" mail scan --mbox "$WORK/big.mbox" --quiet
hyperfine -N --warmup 2 --runs 20 "$BIN mail scan --mbox $WORK/big.mbox --quiet"
eval "$fresh"
/usr/bin/time -f "peak memory of a first scan: %M KiB" "$BIN" mail scan --mbox "$WORK/big.mbox" --quiet
