//! A real desktop-notification stack for tests: Xvfb, a private D-Bus session bus (no service folders, so
//! nothing is started behind the test's back) and dunst, whose rule script logs every notification it
//! receives. Every process is the test's own and is killed when the `Desktop` is dropped.
//!
//! Needs the Debian packages dbus, dunst and xvfb. Without them a test is skipped with a printed reason,
//! except under `CI=true`, where a skip is a failure.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::wait_until;

pub struct Desktop {
    _dir: tempfile::TempDir,
    children: Vec<Child>,
    dunst: Option<u32>,
    log: PathBuf,
    pub bus: String,
}

/// One notification as dunst received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub app: String,
    pub title: String,
    pub body: String,
}

fn installed(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// `None` (after printing why) when the machine lacks the packages; a panic instead under `CI=true`.
fn missing(programs: &[&str]) -> bool {
    let absent: Vec<&str> = programs.iter().copied().filter(|p| !installed(p)).collect();
    if absent.is_empty() {
        return false;
    }
    let reason = format!("needs {} (apt-get install dbus dunst xvfb)", absent.join(", "));
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI must run the notification tests, but it {reason}"
    );
    super::skip(&format!("it {reason}"));
    true
}

const BUS_CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=@DIR@/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

impl Desktop {
    /// A bus with dunst on it.
    pub fn start() -> Option<Desktop> {
        if missing(&["dbus-daemon", "dbus-send", "Xvfb", "dunst"]) {
            return None;
        }
        let mut desktop = Desktop::bus_only_unchecked();
        desktop.start_dunst();
        desktop.start_monitor();
        Some(desktop)
    }

    /// Watches the bus for Notify calls with dbus-monitor (dunst stacks identical notifications, so what its
    /// script sees is not a count of what was sent).
    fn start_monitor(&mut self) {
        let calls = self.dir().join("calls.log");
        let out = std::fs::File::create(&calls).unwrap();
        let monitor = Command::new("dbus-monitor")
            .args([
                "--address",
                &self.bus,
                "type='method_call',interface='org.freedesktop.Notifications'",
            ])
            .stdout(out)
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-monitor");
        self.children.push(monitor);
        // Once it is a monitor, the bus takes its name away and tells it so.
        wait_until("dbus-monitor to listen", || {
            std::fs::read_to_string(&calls).is_ok_and(|text| text.contains("NameLost"))
        });
    }

    /// How many Notify calls reached the bus so far.
    pub fn notify_calls(&self) -> usize {
        std::fs::read_to_string(self.dir().join("calls.log"))
            .unwrap_or_default()
            .matches("member=Notify")
            .count()
    }

    /// A bus with no notification server on it.
    pub fn bus_only() -> Option<Desktop> {
        if missing(&["dbus-daemon"]) {
            return None;
        }
        Some(Desktop::bus_only_unchecked())
    }

    fn bus_only_unchecked() -> Desktop {
        let dir = tempfile::tempdir().unwrap();
        let config = BUS_CONFIG.replace("@DIR@", &dir.path().display().to_string());
        std::fs::write(dir.path().join("session.conf"), config).unwrap();
        let mut bus = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", dir.path().join("session.conf").display()))
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-daemon");
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        let log = dir.path().join("received.log");
        Desktop {
            _dir: dir,
            children: vec![bus],
            dunst: None,
            log,
            bus: address.trim().to_owned(),
        }
    }

    /// The folder holding the bus socket as `bus`: what `$XDG_RUNTIME_DIR` is in a desktop session.
    pub fn runtime_dir(&self) -> &Path {
        self._dir.path()
    }

    fn dir(&self) -> &Path {
        self._dir.path()
    }

    fn start_dunst(&mut self) {
        // -displayfd 1: Xvfb picks a free display itself and writes its number to stdout once it is ready.
        let mut xvfb = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1024x768x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let mut display = String::new();
        BufReader::new(xvfb.stdout.take().unwrap())
            .read_line(&mut display)
            .unwrap();
        self.children.push(xvfb);
        let display = display.trim().to_owned();
        assert!(
            display.parse::<u32>().is_ok(),
            "Xvfb did not report a display: {display:?}"
        );

        let script = self.dir().join("record.sh");
        // dunst passes appname, summary, body, icon and urgency; one line per notification, fields by tabs.
        let record = format!(
            "#!/bin/sh\nprintf '%s\\t%s\\t%s\\n' \"$1\" \"$2\" \"$3\" >> '{}'\n",
            self.log.display()
        );
        std::fs::write(&script, record).unwrap();
        std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        let mut config = std::fs::read_to_string("/etc/xdg/dunst/dunstrc").unwrap_or_default();
        config.push_str(&format!(
            "\n[zz_record]\n    summary = \"*\"\n    script = {}\n",
            script.display()
        ));
        std::fs::write(self.dir().join("dunstrc"), config).unwrap();
        let dunst = Command::new("dunst")
            .arg("-config")
            .arg(self.dir().join("dunstrc"))
            .env("DISPLAY", format!(":{display}"))
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dunst");
        self.dunst = Some(dunst.id());
        self.children.push(dunst);
        let bus = self.bus.clone();
        wait_until("dunst to own org.freedesktop.Notifications", || {
            Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                ])
                .args([
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.Notifications",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", &bus)
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
        });
    }

    /// Stops dunst with SIGSTOP: it keeps its bus name but never answers.
    pub fn freeze(&self) {
        let pid = self.dunst.expect("dunst runs").to_string();
        assert!(
            Command::new("sh")
                .args(["-c", &format!("kill -STOP {pid}")])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Everything received so far, after waiting (up to 3 s) for at least `at_least` notifications.
    pub fn received(&self, at_least: usize) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let all = self.read_log();
            if all.len() >= at_least || start.elapsed() > Duration::from_secs(3) {
                // dunst runs the script asynchronously: give a late one a moment to show up.
                std::thread::sleep(Duration::from_millis(150));
                return self.read_log();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn read_log(&self) -> Vec<Received> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        text.lines()
            .map(|line| {
                let mut parts = line.splitn(3, '\t');
                let mut next = || parts.next().unwrap_or_default().to_owned();
                Received {
                    app: next(),
                    title: next(),
                    body: next(),
                }
            })
            .collect()
    }
}

impl Drop for Desktop {
    /// Stops every process in reverse order: SIGTERM (so Xvfb removes its lock file and socket), then SIGKILL
    /// whatever has not exited after a second.
    fn drop(&mut self) {
        if let Some(pid) = self.dunst {
            let _ = Command::new("sh").args(["-c", &format!("kill -CONT {pid}")]).status();
        }
        for child in self.children.iter_mut().rev() {
            let _ = Command::new("sh")
                .args(["-c", &format!("kill -TERM {}", child.id())])
                .status();
            let start = Instant::now();
            while child.try_wait().ok().flatten().is_none() && start.elapsed() < Duration::from_secs(1) {
                std::thread::sleep(Duration::from_millis(10));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
