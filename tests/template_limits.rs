//! Custom templates that would never end, write gigabytes, or are not files at all: each ends quickly with one
//! line naming the file and the fix, and `templates list` marks it broken.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Env;

fn rejected() -> (Env, PathBuf) {
    let env = Env::new();
    env.set_user();
    env.add("Acme", "Engineer", &[]);
    env.ok(&["reject", "1"]);
    let dir = env.config.parent().unwrap().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    (env, dir)
}

/// Runs `followup 1` and `templates list`; both must end within a few seconds. Returns the error line.
fn followup_fails(env: &Env, path: &Path) -> String {
    let start = Instant::now();
    let err = env.fails(1, &["followup", "1"]);
    let out = env.run(&["templates", "list"]).output();
    assert_eq!(out.code, 1, "a broken template fails the listing");
    assert_eq!(
        out.stderr,
        "tracker: 1 template is broken (fix it or remove it to use the built-in one)\n"
    );
    let listed = out.stdout;
    let took = start.elapsed();
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let line = listed.lines().find(|l| l.starts_with("combined ")).unwrap();
    assert!(
        line.starts_with(&format!("combined  {}  BROKEN: template ", path.display())),
        "{listed}"
    );
    assert!(
        err.starts_with(&format!("tracker: template {} ", path.display())),
        "{err}"
    );
    assert!(err.ends_with("or remove it to use the built-in one)"), "{err}");
    err
}

#[test]
fn a_template_that_never_ends_runs_out_of_fuel() {
    let (env, dir) = rejected();
    let path = dir.join("combined.txt");
    std::fs::write(
        &path,
        "{% for a in \"x\" * 100000 %}{% for b in \"x\" * 100000 %}{% endfor %}{% endfor %}Hi {{ greeting }}\n",
    )
    .unwrap();
    let err = followup_fails(&env, &path);
    assert!(err.contains("did not finish: it ran out of its work budget"), "{err}");
}

#[test]
fn a_template_that_writes_too_much_is_stopped() {
    let (env, dir) = rejected();
    let path = dir.join("combined.txt");
    std::fs::write(&path, "{% for a in \"x\" * 2000 %}{{ \"x\" * 10000 }}{% endfor %}\n").unwrap();
    let err = followup_fails(&env, &path);
    assert!(err.contains("produced more than 1 MiB"), "{err}");
}

#[test]
fn an_oversized_template_file_is_not_read() {
    let (env, dir) = rejected();
    let path = dir.join("combined.txt");
    std::fs::write(&path, format!("Hi {{{{ greeting }}}}\n{}", "x".repeat(64 * 1024))).unwrap();
    let err = followup_fails(&env, &path);
    assert!(err.contains("is larger than 64 KiB (shorten it, "), "{err}");
}

#[test]
fn a_folder_named_like_a_template_is_refused() {
    let (env, dir) = rejected();
    let path = dir.join("combined.txt");
    std::fs::create_dir(&path).unwrap();
    let err = followup_fails(&env, &path);
    assert!(err.contains("is not a regular file (make it a text file, "), "{err}");
}

#[test]
fn a_fifo_named_like_a_template_is_refused_without_waiting() {
    let (env, dir) = rejected();
    let path = dir.join("combined.txt");
    let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success());
    // Should tracker block opening the FIFO, a writer opens it after 10 s so the test ends (and fails on time).
    let unblock = path.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(10));
        use std::os::unix::fs::OpenOptionsExt;
        for _ in 0..4 {
            let _ = std::fs::OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(&unblock);
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    let err = followup_fails(&env, &path);
    assert!(err.contains("is not a regular file (make it a text file, "), "{err}");
}
