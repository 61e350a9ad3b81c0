#!/usr/bin/env bash
# The `tracker mail scan --imap` benchmark recorded in BENCHMARKS.md: a first scan and a rescan of a
# 5,000-message INBOX on a local Dovecot over TLS. Needs dovecot-imapd, openssl, python3 and hyperfine; run as
# root (the mail belongs to the dovenull user, as in tests/common/dovecot.rs).
#
#   tests/bench/imap.sh           # 5,000 messages
#   tests/bench/imap.sh 50000     # another size
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-5000}
cargo build --release --quiet
BIN=$PWD/target/release/tracker
WORK=$(mktemp -d /tmp/imapbench.XXXXXX)
chmod 711 "$WORK"
cleanup() { [ -n "${DOVECOT:-}" ] && kill "$DOVECOT" 2>/dev/null; sleep 1; rm -rf "$WORK"; }
trap cleanup EXIT
cd "$WORK"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.pem -days 2 \
  -subj "/CN=bench CA" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.key -out server.csr \
  -subj /CN=localhost 2>/dev/null
printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >ext.cnf
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 \
  -extfile ext.cnf 2>/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo 'bench@example.org:{PLAIN}bench-password::::::' >passwd
echo bench-password >password
UID_=$(id -u dovenull) GID_=$(id -g dovenull)
cat >dovecot.conf <<CONF
base_dir = $WORK/run
state_dir = $WORK/state
log_path = $WORK/dovecot.log
instance_name = tracker-bench-$PORT
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <$WORK/server.pem
ssl_key = <$WORK/server.key
default_login_user = dovenull
default_internal_user = dovenull
first_valid_uid = $UID_
mail_location = maildir:$WORK/mail
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $WORK/passwd
}
userdb {
  driver = static
  args = uid=$UID_ gid=$GID_ home=$WORK/mail
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $PORT
    ssl = yes
  }
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \Sent
    auto = subscribe
  }
}
CONF
python3 "$OLDPWD/tests/bench/make_mbox.py" "$N" >big.mbox
python3 - <<'PY'
import mailbox
box = mailbox.Maildir("mail", create=True)
for message in mailbox.mbox("big.mbox"):
    box.add(message)
PY
chown -R dovenull:dovenull mail
dovecot -F -c dovecot.conf &
DOVECOT=$!
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT))" 2>/dev/null; do sleep 0.1; done
export TRACKER_DB=$WORK/mail.db TRACKER_CONFIG=$WORK/config.toml TRACKER_NOW=2026-11-27 TZ=UTC
"$BIN" config set mail.imap.host localhost
"$BIN" config set mail.imap.port "$PORT"
"$BIN" config set mail.imap.user bench@example.org
"$BIN" config set mail.imap.password_command "cat $WORK/password"
"$BIN" config set mail.imap.ca_file "$WORK/ca.pem"
"$BIN" import - <<<'[]' >/dev/null
echo "$N messages in INBOX ($(du -sm mail | cut -f1) MB), $(nproc) cores, $(uname -sr)"
fresh="rm -f $WORK/mail.db $WORK/mail.db-wal $WORK/mail.db-shm; echo '[]' | $BIN import - >/dev/null"
hyperfine --runs 5 --prepare "$fresh" "$BIN mail scan --imap --quiet"
eval "$fresh"
"$BIN" mail scan --imap --json | python3 -c 'import json, sys; r = json.load(sys.stdin)
print("first scan: read", r["read"], "skipped", r["skipped"], "bodies fetched", r["fetched"], "proposals", len(r["proposals"]))'
hyperfine -N --warmup 2 --runs 20 "$BIN mail scan --imap --quiet"
