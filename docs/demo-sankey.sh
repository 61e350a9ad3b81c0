#!/usr/bin/env bash
# Makes docs/demo-sankey.svg and docs/demo-sankey.png, the picture in the README: the tour of `tracker demo`
# replayed on a throwaway database, drawn by `tracker stats --svg` and rendered by rsvg-convert
# (Debian: librsvg2-bin).
#
#   docs/demo-sankey.sh [path/to/tracker]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-$PWD/target/release/tracker}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TRACKER_DB=$WORK/demo.db TRACKER_CONFIG=$WORK/config.toml TRACKER_NOW=2026-11-27 TZ=UTC
t() { "$BIN" "$@" >/dev/null; }
t config set user.name "Sam Taylor"
t add Acme "Backend Engineer" --on "20 days ago" --contact "Dana Rivera" --email dana@acme.example --salutation "Ms. Rivera"
t add Globex "Platform Engineer" --on "15 days ago"
t add Initech "Site Reliability Engineer" --on "12 days ago"
t add Umbrella "Data Engineer" --on "2 days ago"
t interview 1 --on "10 days ago"
t reject 1 --on "4 days ago"
t reject 2 --on yesterday
t followup 1 --sent
"$BIN" stats --svg docs/demo-sankey.svg
rsvg-convert --background-color white docs/demo-sankey.svg -o docs/demo-sankey.png
