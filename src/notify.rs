//! The desktop-notification boundary: sending through notify-rust with a bounded wait, and turning the
//! ways it fails into one sentence that says what to do.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use notify_rust::{Notification, Timeout};

use crate::output::inert;

/// How long to wait for the notification server. A server that owns its bus name but never answers would
/// otherwise block forever: neither zbus nor the bus daemon time the call out.
pub const WAIT: Duration = Duration::from_secs(3);

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub title: String,
    pub body: String,
}

impl Message {
    /// Field text made inert for a notification: control characters escaped, and the `<`, `>` and `&` that
    /// some servers read as markup written as entities.
    pub fn new(title: &str, body: &str) -> Message {
        Message {
            title: inert(title).into_owned(),
            body: markup_escape(&inert(body)),
        }
    }
}

fn markup_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Shows `messages` in order and returns how many were shown before the first failure, with that failure
/// explained. The whole batch shares one deadline.
pub fn send(messages: &[Message], wait: Duration) -> (usize, Option<String>) {
    let (results, receive) = mpsc::channel();
    let batch = messages.to_vec();
    // The sender thread may stay blocked on a frozen server; the process exits without waiting for it.
    thread::spawn(move || {
        for message in batch {
            let shown = Notification::new()
                .appname("tracker")
                .summary(&message.title)
                .body(&message.body)
                .timeout(Timeout::Default)
                .show()
                .map(|_| ())
                .map_err(|e| e.to_string());
            let failed = shown.is_err();
            if results.send(shown).is_err() || failed {
                return;
            }
        }
    });
    let deadline = Instant::now() + wait;
    for shown in 0..messages.len() {
        match receive.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Ok(())) => {}
            Ok(Err(error)) => return (shown, Some(explain(&error))),
            Err(_) => {
                let message = format!(
                    "the notification server did not answer within {} s (is it frozen? restart it, e.g. your desktop's notification daemon or dunst)",
                    wait.as_secs()
                );
                return (shown, Some(message));
            }
        }
    }
    (messages.len(), None)
}

/// One sentence for each way notify-rust fails here.
fn explain(error: &str) -> String {
    let reason = if error.contains("ServiceUnknown") || error.contains("org.freedesktop.Notifications") {
        "no notification server is running on the session bus (start your desktop's notification daemon, e.g. dunst)"
            .to_owned()
    } else if error.contains("failed to connect")
        || error.contains("No such file")
        || error.contains("Connection refused")
    {
        format!(
            "cannot reach the D-Bus session bus ({}); from cron, run as the logged-in user, or set DBUS_SESSION_BUS_ADDRESS (usually unix:path=/run/user/$(id -u)/bus)",
            inert(error)
        )
    } else if error.contains("address") || error.contains("Address") {
        format!(
            "DBUS_SESSION_BUS_ADDRESS is not a usable bus address ({})",
            inert(error)
        )
    } else {
        inert(error).into_owned()
    };
    format!("cannot show a desktop notification: {reason}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_text_cannot_become_markup_or_escapes() {
        let message = Message::new("Acme\u{1b}[2J", "<b>x</b> & \u{7}");
        assert_eq!(message.title, "Acme\\u{1b}[2J");
        assert_eq!(message.body, "&lt;b&gt;x&lt;/b&gt; &amp; \\u{7}");
    }

    #[test]
    fn failures_are_explained() {
        let unknown = explain("org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable");
        assert!(unknown.contains("no notification server is running"), "{unknown}");
        let no_bus = explain("failed to connect to unix:path=/run/user/0/bus: No such file or directory");
        assert!(no_bus.contains("cannot reach the D-Bus session bus"), "{no_bus}");
        let bad = explain("address error: Invalid address");
        assert!(
            bad.contains("DBUS_SESSION_BUS_ADDRESS is not a usable bus address"),
            "{bad}"
        );
    }
}
