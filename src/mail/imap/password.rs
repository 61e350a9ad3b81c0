//! `mail.imap.password_command`: run without a shell, with nothing of the password in any argument or
//! variable; the first line of its output is the password, which is never printed.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};

const KEY: &str = "mail.imap.password_command";

/// Runs the command (split at white space; no quoting, no shell) and returns its first line of output.
pub fn run(command: &str, timeout: Duration) -> Result<String> {
    let mut words = command.split_whitespace();
    let program = words
        .next()
        .ok_or_else(|| anyhow!("{KEY} is empty (set it with: tracker config set {KEY} \"pass show mail/imap\")"))?;
    let mut child = Command::new(program)
        .args(words)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| anyhow!("cannot run {KEY} {program:?}: {e} (check it with: tracker config get {KEY})"))?;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.by_ref().take(64 * 1024).read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.by_ref().take(64 * 1024).read_to_end(&mut bytes);
        bytes
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{KEY} {program:?} did not finish within {} s (it may be waiting for input it cannot get; check it in a terminal)",
                timeout.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    if !status.success() {
        let said = String::from_utf8_lossy(&err);
        let said = said.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
        let said: String = said.chars().filter(|c| !c.is_control()).take(200).collect();
        let how = status
            .code()
            .map_or_else(|| "was killed".to_owned(), |code| format!("exited with status {code}"));
        let said = if said.is_empty() {
            String::new()
        } else {
            format!(": {said}")
        };
        bail!("{KEY} {program:?} {how}{said} (check it with: tracker config get {KEY})");
    }
    let text = String::from_utf8(out)
        .map_err(|_| anyhow!("{KEY} {program:?} printed something that is not text (it should print the password)"))?;
    let password = text.lines().next().unwrap_or("").to_owned();
    if password.is_empty() {
        bail!("{KEY} {program:?} printed no password (its first line of output should be the password)");
    }
    Ok(password)
}
