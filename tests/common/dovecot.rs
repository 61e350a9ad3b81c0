//! A real IMAP server for the tests: a private Dovecot with a throwaway CA and server certificate, TLS
//! required (implicit on one port, STARTTLS on another), one user with Maildir storage, and Sent and Drafts
//! folders marked with SPECIAL-USE. The test owns the process group and stops it.

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process_group};

pub const USER: &str = "ana@example.org";
pub const PASSWORD: &str = "s3cret-Pa55word-7d1e";

pub struct Dovecot {
    pub dir: tempfile::TempDir,
    pub imaps_port: u16,
    pub imap_port: u16,
    child: Child,
    uid: u32,
    gid: u32,
}

fn installed(program: &str) -> bool {
    ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        .iter()
        .any(|dir| Path::new(dir).join(program).exists())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn run(program: &str, args: &[&str], dir: &Path) {
    let out = Command::new(program).args(args).current_dir(dir).output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Ids of the unprivileged user the mail belongs to: `dovenull` when the tests run as root, else ourselves.
fn mail_owner() -> (u32, u32, String) {
    let uid = rustix::process::getuid().as_raw();
    if uid != 0 {
        let name = std::env::var("USER").unwrap_or_else(|_| "nobody".into());
        return (uid, rustix::process::getgid().as_raw(), name);
    }
    let passwd = fs::read_to_string("/etc/passwd").unwrap();
    let line = passwd
        .lines()
        .find(|l| l.starts_with("dovenull:"))
        .expect("user dovenull");
    let fields: Vec<&str> = line.split(':').collect();
    (
        fields[2].parse().unwrap(),
        fields[3].parse().unwrap(),
        "dovenull".into(),
    )
}

impl Dovecot {
    /// A running server; `None` (after saying why) without Dovecot and openssl, a panic under `CI=true`.
    pub fn start() -> Option<Dovecot> {
        let absent: Vec<&str> = ["dovecot", "openssl"].into_iter().filter(|p| !installed(p)).collect();
        if !absent.is_empty() {
            let reason = format!("needs {} (apt-get install dovecot-imapd openssl)", absent.join(", "));
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI must run the IMAP tests, but it {reason}"
            );
            super::skip(&format!("it {reason}"));
            return None;
        }
        let dir = tempfile::Builder::new().prefix("dc").tempdir_in("/tmp").unwrap();
        // The mail processes run as the mail owner and must reach the Maildir below this folder.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o711)).unwrap();
        let d = dir.path();
        certificates(d);
        let (uid, gid, owner) = mail_owner();
        let maildir = d.join("mail");
        for sub in ["", "cur", "new", "tmp"] {
            fs::create_dir_all(maildir.join(sub)).unwrap();
            std::os::unix::fs::chown(maildir.join(sub), Some(uid), Some(gid)).unwrap();
        }
        fs::write(d.join("passwd"), format!("{USER}:{{PLAIN}}{PASSWORD}::::::\n")).unwrap();
        let (imaps_port, imap_port) = (free_port(), free_port());
        let config = format!(
            r#"base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
instance_name = tracker-test-{imaps_port}
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{d}/server.pem
ssl_key = <{d}/server.key
disable_plaintext_auth = yes
auth_failure_delay = 0
auth_verbose = yes
mail_max_userip_connections = 1000
default_login_user = {owner}
default_internal_user = {owner}
first_valid_uid = {uid}
mail_location = maildir:{d}/mail
imap_logout_format = in=%i out=%o fetch_hdr_count=%{{fetch_hdr_count}} fetch_body_count=%{{fetch_body_count}} appended=%{{appended}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/mail
}}
# No growing delay for logins after a failed one (the failure tests log in right after).
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \Drafts
    auto = subscribe
  }}
}}
"#,
            d = d.display()
        );
        fs::write(d.join("dovecot.conf"), config).unwrap();
        let child = Command::new(if installed("dovecot") && Path::new("/usr/sbin/dovecot").exists() {
            "/usr/sbin/dovecot"
        } else {
            "dovecot"
        })
        .args(["-F", "-c"])
        .arg(d.join("dovecot.conf"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(fs::File::create(d.join("stderr.log")).unwrap())
        .process_group(0)
        .spawn()
        .expect("start dovecot");
        let server = Dovecot {
            dir,
            imaps_port,
            imap_port,
            child,
            uid,
            gid,
        };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", imaps_port)).is_err()
            || TcpStream::connect(("127.0.0.1", imap_port)).is_err()
        {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "dovecot did not start: {}{}",
                fs::read_to_string(server.dir.path().join("stderr.log")).unwrap_or_default(),
                server.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(server)
    }

    pub fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    /// The Maildir of a folder (`INBOX`, `Sent`, `Drafts`).
    pub fn folder(&self, name: &str) -> PathBuf {
        let root = self.dir.path().join("mail");
        if name == "INBOX" {
            root
        } else {
            root.join(format!(".{name}"))
        }
    }

    /// Puts a message into a folder, unread (or with `flags` such as `S`), as a delivery agent would.
    pub fn deliver(&self, folder: &str, name: &str, message: &str, flags: &str) {
        let dir = self.folder(folder);
        for sub in ["", "cur", "new", "tmp"] {
            let path = dir.join(sub);
            if !path.exists() {
                fs::create_dir_all(&path).unwrap();
                self.own(&path);
            }
        }
        let path = dir.join("cur").join(format!("{name}.tracker-test:2,{flags}"));
        fs::write(&path, message.replace('\n', "\r\n").replace("\r\r\n", "\r\n")).unwrap();
        self.own(&path);
    }

    fn own(&self, path: &Path) {
        std::os::unix::fs::chown(path, Some(self.uid), Some(self.gid)).unwrap();
    }

    /// Every message file of a folder, as (name without flags, flags), sorted: the flags are in the names.
    pub fn flags(&self, folder: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for sub in ["cur", "new"] {
            let Ok(entries) = fs::read_dir(self.folder(folder).join(sub)) else {
                continue;
            };
            for entry in entries {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                let (base, flags) = name.split_once(":2,").unwrap_or((&name, ""));
                let base = base.split(',').next().unwrap_or(base).to_owned();
                out.push((base, flags.to_owned()));
            }
        }
        out.sort();
        out
    }

    /// The messages of a folder, as stored.
    pub fn messages(&self, folder: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for sub in ["cur", "new"] {
            let Ok(entries) = fs::read_dir(self.folder(folder).join(sub)) else {
                continue;
            };
            for entry in entries {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy().into_owned();
                out.push((name, fs::read_to_string(entry.path()).unwrap()));
            }
        }
        out
    }

    /// The process group of the whole server.
    pub fn group(&self) -> u32 {
        self.child.id()
    }

    /// Freezes (`true`) or thaws the whole server.
    pub fn freeze(&self, frozen: bool) {
        let group = Pid::from_raw(self.child.id() as i32).unwrap();
        kill_process_group(group, if frozen { Signal::STOP } else { Signal::CONT }).unwrap();
    }

    /// The (headers, bodies) fetched by each IMAP session so far, once `sessions` have logged out (the log is
    /// written just after the client leaves).
    pub fn fetches(&self, sessions: usize) -> Vec<(u32, u32)> {
        let start = Instant::now();
        loop {
            let log = self.log();
            let lines: Vec<&str> = log.lines().filter(|l| l.contains("fetch_hdr_count=")).collect();
            if lines.len() >= sessions {
                let count = |line: &str, name: &str| -> u32 {
                    let at = line.find(name).unwrap() + name.len();
                    line[at..]
                        .split(|c: char| !c.is_ascii_digit())
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap()
                };
                return lines
                    .iter()
                    .map(|l| (count(l, "fetch_hdr_count="), count(l, "fetch_body_count=")))
                    .collect();
            }
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "{sessions} sessions did not end: {log}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        if let Some(group) = Pid::from_raw(self.child.id() as i32) {
            let _ = kill_process_group(group, Signal::CONT);
            let _ = kill_process_group(group, Signal::TERM);
        }
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if let Some(group) = Pid::from_raw(self.child.id() as i32) {
            let _ = kill_process_group(group, Signal::KILL);
        }
        let _ = self.child.wait();
    }
}

/// A throwaway CA, and a certificate for localhost and 127.0.0.1 signed by it.
fn certificates(d: &Path) {
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    let mut ca = vec!["req", "-x509"];
    ca.extend(ec);
    ca.extend([
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "30",
        "-subj",
        "/CN=tracker test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    run("openssl", &ca, d);
    let mut req = vec!["req"];
    req.extend(ec);
    req.extend(["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]);
    run("openssl", &req, d);
    fs::write(
        d.join("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "30",
            "-extfile",
            "ext.cnf",
        ],
        d,
    );
    // Dovecot reads the key as root before dropping privileges; the rest may stay private.
    fs::set_permissions(d.join("server.key"), fs::Permissions::from_mode(0o600)).unwrap();
}

/// A second, independent CA: a server signed by it must not be trusted.
pub fn other_ca(dir: &Path) -> PathBuf {
    run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            "other.key",
            "-out",
            "other.pem",
            "-days",
            "30",
            "-subj",
            "/CN=another CA",
        ],
        dir,
    );
    dir.join("other.pem")
}
