//! An mbox file, streamed: one message in memory at a time (at most `MAX_MESSAGE` of it), lines read with a
//! bound, so a file of any size, or of binary garbage without line breaks, is read in bounded memory.
//! Messages start at a `From ` line at the top of the file or after an empty line; mboxrd's `>From `
//! escaping is undone.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::source::{MAX_MESSAGE, Problem, Raw, Source, open_quietly};

/// The longest piece of a line read at once; a longer line is read in pieces.
const MAX_LINE: u64 = 64 * 1024;

pub struct Mbox {
    path: PathBuf,
}

impl Mbox {
    pub fn new(path: &Path) -> Result<Mbox> {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
                "mbox file {} does not exist (check the path given with --mbox or in mail.mbox)",
                path.display()
            ),
            Err(e) => return Err(e).with_context(|| format!("cannot read mbox {}", path.display())),
        };
        if !meta.is_file() {
            bail!(
                "{} is not an mbox file (give a file such as ~/mail/inbox.mbox; for a Maildir folder use --maildir)",
                path.display()
            );
        }
        Ok(Mbox { path: path.to_owned() })
    }
}

impl Source for Mbox {
    fn name(&self) -> String {
        format!("mbox:{}", self.path.display())
    }

    fn each(&mut self, each: &mut dyn FnMut(Result<Raw, Problem>) -> Result<()>) -> Result<()> {
        let file = open_quietly(&self.path).with_context(|| format!("cannot read mbox {}", self.path.display()))?;
        read(BufReader::with_capacity(256 * 1024, file), &self.name(), each)
    }
}

/// Splits `reader` into messages; `name` prefixes each message's place (`name#N`, N from 1).
pub fn read(
    mut reader: impl BufRead,
    name: &str,
    each: &mut dyn FnMut(Result<Raw, Problem>) -> Result<()>,
) -> Result<()> {
    let mut line = Vec::with_capacity(1024);
    let mut message: Option<Vec<u8>> = None;
    let (mut count, mut at_line_start, mut previous_empty, mut started) = (0usize, true, true, false);
    loop {
        line.clear();
        let read = reader
            .by_ref()
            .take(MAX_LINE)
            .read_until(b'\n', &mut line)
            .with_context(|| format!("cannot read {name}"))?;
        if read == 0 {
            break;
        }
        let whole_line = line.ends_with(b"\n");
        let separator = at_line_start && previous_empty && line.starts_with(b"From ");
        if separator {
            if let Some(done) = message.take() {
                count += 1;
                each(Ok(Raw {
                    place: format!("{name}#{count}"),
                    bytes: done,
                }))?;
            }
            message = Some(Vec::new());
            started = true;
        } else if let Some(body) = message.as_mut() {
            let content: &[u8] = if at_line_start && is_escaped_from(&line) {
                &line[1..]
            } else {
                &line
            };
            if body.len() + content.len() <= MAX_MESSAGE {
                body.extend_from_slice(content);
            }
        } else if !started && at_line_start && !line.iter().all(u8::is_ascii_whitespace) {
            bail!(
                "{} is not an mbox file (it does not start with a \"From \" line)",
                name.strip_prefix("mbox:").unwrap_or(name)
            );
        }
        if at_line_start {
            previous_empty = line == b"\n" || line == b"\r\n";
        } else if whole_line {
            previous_empty = false;
        }
        at_line_start = whole_line;
    }
    if let Some(done) = message {
        count += 1;
        each(Ok(Raw {
            place: format!("{name}#{count}"),
            bytes: done,
        }))?;
    }
    Ok(())
}

/// `>From `, `>>From `, ...: a body line mboxrd escaped.
fn is_escaped_from(line: &[u8]) -> bool {
    let quotes = line.iter().take_while(|b| **b == b'>').count();
    quotes > 0 && line[quotes..].starts_with(b"From ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &[u8]) -> Result<Vec<Vec<u8>>> {
        let mut out = Vec::new();
        read(text, "mbox:t", &mut |raw| {
            out.push(raw.unwrap().bytes);
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn messages_split_at_from_lines_after_an_empty_line() {
        let mbox = b"From a@b Mon Nov 2 10:00:00 2026\nSubject: one\n\nbody\nFrom here on, not a separator\n\nFrom c@d Mon Nov 2 11:00:00 2026\nSubject: two\n\n>From escaped\n>>From twice\n";
        let messages = split(mbox).unwrap();
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0], b"Subject: one\n\nbody\nFrom here on, not a separator\n\n");
        assert_eq!(messages[1], b"Subject: two\n\nFrom escaped\n>From twice\n");
    }

    #[test]
    fn a_file_that_is_not_an_mbox_is_an_error() {
        let err = split(b"Subject: no separator\n\nhello\n").unwrap_err().to_string();
        assert_eq!(err, "t is not an mbox file (it does not start with a \"From \" line)");
        assert_eq!(split(b"").unwrap().len(), 0);
    }

    #[test]
    fn long_lines_and_large_messages_are_bounded() {
        let mut mbox = b"From x\nSubject: big\n\n".to_vec();
        mbox.extend(std::iter::repeat_n(b'a', 3 * MAX_MESSAGE));
        mbox.extend_from_slice(b"\n\nFrom y\nSubject: next\n\nok\n");
        let messages = split(&mbox).unwrap();
        assert_eq!(messages.len(), 2);
        assert!(messages[0].len() <= MAX_MESSAGE);
        assert!(messages[0].starts_with(b"Subject: big\n\naaaa"));
        assert_eq!(messages[1], b"Subject: next\n\nok\n");
    }

    #[test]
    fn a_from_inside_a_long_line_is_not_a_separator() {
        let mut mbox = b"From x\nSubject: a\n\n".to_vec();
        mbox.extend(std::iter::repeat_n(b'b', MAX_LINE as usize));
        mbox.extend_from_slice(b"From not a separator\n");
        assert_eq!(split(&mbox).unwrap().len(), 1);
    }
}
