//! The connection: TCP, then TLS (from the start, or after STARTTLS), responses read with their literals, and
//! commands sent with a tag. Every read and write waits at most the timeout, so a server that stops answering
//! ends the command instead of hanging cron.

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection, StreamOwned};

use super::parse::{self, Response, State};

/// A response line (without its literals) longer than this is not believed.
const MAX_LINE: usize = 64 * 1024;
/// A literal longer than this is not believed (bodies are fetched at most 2 MiB at a time).
const MAX_LITERAL: usize = 8 * 1024 * 1024;

enum Stream {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ClientConnection, TcpStream>>),
    Closed,
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
            Stream::Closed => Err(io::ErrorKind::NotConnected.into()),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
            Stream::Closed => Err(io::ErrorKind::NotConnected.into()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
            Stream::Closed => Ok(()),
        }
    }
}

/// The end of a command: its state and text.
#[derive(Debug)]
pub struct Done {
    pub state: State,
    pub text: String,
}

/// A piece of a command: text as is, or bytes sent as a literal (after the server's go-ahead).
pub enum Part<'a> {
    Text(&'a str),
    Literal(&'a [u8]),
}

pub struct Wire {
    stream: Stream,
    buf: Vec<u8>,
    start: usize,
    tag: u32,
    host: String,
    timeout: Duration,
}

impl Wire {
    /// Connects to `host:port` within the timeout.
    pub fn connect(host: &str, port: u16, timeout: Duration) -> Result<Wire> {
        let unreachable = |why: String| {
            anyhow!(
                "cannot reach the IMAP server {host}:{port}: {why} (check mail.imap.host and mail.imap.port, and that you are online)"
            )
        };
        let addrs: Vec<_> = (host, port)
            .to_socket_addrs()
            .map_err(|e| unreachable(format!("the name does not resolve ({e})")))?
            .collect();
        let mut last = String::from("the name has no address");
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, timeout) {
                Ok(tcp) => {
                    tcp.set_read_timeout(Some(timeout))?;
                    tcp.set_write_timeout(Some(timeout))?;
                    let _ = tcp.set_nodelay(true);
                    return Ok(Wire {
                        stream: Stream::Plain(tcp),
                        buf: Vec::with_capacity(64 * 1024),
                        start: 0,
                        tag: 0,
                        host: host.to_owned(),
                        timeout,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::TimedOut || e.kind() == io::ErrorKind::WouldBlock => {
                    last = format!("no answer within {} s", timeout.as_secs());
                }
                Err(e) => last = e.to_string(),
            }
        }
        Err(unreachable(last))
    }

    /// Starts TLS on the connection (at once for implicit TLS, after STARTTLS's OK otherwise) and finishes
    /// the handshake, so a certificate problem is reported here.
    pub fn start_tls(&mut self, config: Arc<ClientConfig>) -> Result<()> {
        if self.start < self.buf.len() {
            // Bytes sent before the handshake would be read as if they came over TLS.
            bail!(
                "the IMAP server {} sent data before TLS started, which is not allowed (check mail.imap.tls)",
                self.host
            );
        }
        let Stream::Plain(mut tcp) = std::mem::replace(&mut self.stream, Stream::Closed) else {
            bail!("TLS was already started");
        };
        let name = ServerName::try_from(self.host.clone()).map_err(|_| {
            anyhow!(
                "{:?} is not a host name TLS can check (check mail.imap.host)",
                self.host
            )
        })?;
        let mut conn = ClientConnection::new(config, name)?;
        while conn.is_handshaking() {
            conn.complete_io(&mut tcp)
                .map_err(|e| super::tls::handshake_error(&self.host, e, self.timeout))?;
        }
        self.stream = Stream::Tls(Box::new(StreamOwned::new(conn, tcp)));
        Ok(())
    }

    fn io_error(&self, e: io::Error) -> anyhow::Error {
        match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => anyhow!(
                "the IMAP server {} stopped answering (nothing for {} s; try again later, or raise mail.imap.timeout_secs)",
                self.host,
                self.timeout.as_secs()
            ),
            io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe => {
                anyhow!("the IMAP server {} closed the connection (try again later)", self.host)
            }
            _ => match e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
                Some(tls) => anyhow!("TLS with the IMAP server {} failed: {tls} (try again later)", self.host),
                None => anyhow!(
                    "reading from the IMAP server {} failed: {e} (try again later)",
                    self.host
                ),
            },
        }
    }

    /// More bytes into the buffer; an error at the end of the stream.
    fn fill(&mut self) -> Result<()> {
        if self.start > 0 && self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
        }
        let mut chunk = [0u8; 16 * 1024];
        let n = loop {
            match self.stream.read(&mut chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.io_error(e)),
            }
        };
        if n == 0 {
            return Err(self.io_error(io::ErrorKind::UnexpectedEof.into()));
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    /// Takes `n` bytes off the buffer, reading more as needed.
    fn take(&mut self, n: usize, into: &mut Vec<u8>) -> Result<()> {
        while self.buf.len() - self.start < n {
            self.fill()?;
        }
        into.extend_from_slice(&self.buf[self.start..self.start + n]);
        self.start += n;
        Ok(())
    }

    /// One line, with its CRLF.
    fn line(&mut self, into: &mut Vec<u8>) -> Result<()> {
        let mut searched = 0;
        loop {
            let pending = &self.buf[self.start..];
            if let Some(at) = pending[searched..].windows(2).position(|w| w == b"\r\n") {
                let end = searched + at + 2;
                into.extend_from_slice(&pending[..end]);
                self.start += end;
                return Ok(());
            }
            searched = pending.len().saturating_sub(1);
            if pending.len() > MAX_LINE {
                bail!(
                    "the IMAP server {} sent a line longer than 64 KiB (try again later)",
                    self.host
                );
            }
            self.fill()?;
        }
    }

    /// One response's bytes: a line, and for each literal it announces the literal and the line after it.
    pub fn read_raw(&mut self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let from = out.len();
            self.line(&mut out)?;
            let line = &out[from..out.len() - 2];
            match literal_length(line) {
                Some(n) if n > MAX_LITERAL => bail!(
                    "the IMAP server {} announced {n} bytes at once, more than tracker reads (try again later)",
                    self.host
                ),
                Some(n) => self.take(n, &mut out)?,
                None => break,
            }
        }
        out.truncate(out.len() - 2);
        Ok(out)
    }

    pub fn read(&mut self) -> Result<Response> {
        let raw = self.read_raw()?;
        parse::response(&raw).map_err(|why| {
            anyhow!(
                "the IMAP server {} sent a response tracker cannot read ({why}; try again later)",
                self.host
            )
        })
    }

    fn send(&mut self, bytes: &[u8]) -> Result<()> {
        let written = self.stream.write_all(bytes).and_then(|()| self.stream.flush());
        written.map_err(|e| self.io_error(e))
    }

    /// Sends a command and hands every untagged response to `each` until the command is done.
    pub fn run(&mut self, parts: &[Part<'_>], each: &mut dyn FnMut(Response) -> Result<()>) -> Result<Done> {
        self.tag += 1;
        let tag = format!("t{}", self.tag);
        let mut pending = format!("{tag} ").into_bytes();
        for part in parts {
            match part {
                Part::Text(text) => pending.extend_from_slice(text.as_bytes()),
                Part::Literal(bytes) => {
                    pending.extend_from_slice(format!("{{{}}}\r\n", bytes.len()).as_bytes());
                    self.send(&std::mem::take(&mut pending))?;
                    loop {
                        match self.read()? {
                            Response::Continue => break,
                            Response::Done { state, text, .. } => return Ok(Done { state, text }),
                            other => self.untagged(other, each)?,
                        }
                    }
                    self.send(bytes)?;
                }
            }
        }
        pending.extend_from_slice(b"\r\n");
        self.send(&pending)?;
        loop {
            match self.read()? {
                Response::Done {
                    tag: done, state, text, ..
                } if done == tag => return Ok(Done { state, text }),
                Response::Done { tag: other, .. } => bail!(
                    "the IMAP server {} answered a command tracker did not send ({other}; try again later)",
                    self.host
                ),
                Response::Continue => bail!(
                    "the IMAP server {} asked for more than the command holds (try again later)",
                    self.host
                ),
                other => self.untagged(other, each)?,
            }
        }
    }

    fn untagged(&self, response: Response, each: &mut dyn FnMut(Response) -> Result<()>) -> Result<()> {
        if let Response::Status {
            state: State::Bye,
            text,
            ..
        } = &response
        {
            bail!(
                "the IMAP server {} closed the connection: {text} (try again later)",
                self.host
            );
        }
        each(response)
    }

    /// The greeting: OK (log in next), PREAUTH, or BYE.
    pub fn greeting(&mut self) -> Result<State> {
        match self.read()? {
            Response::Status {
                state: State::Bye,
                text,
                ..
            } => {
                bail!(
                    "the IMAP server {} refused the connection: {text} (try again later)",
                    self.host
                )
            }
            Response::Status { state, .. } => Ok(state),
            _ => bail!(
                "{} did not greet like an IMAP server (check mail.imap.host and mail.imap.port)",
                self.host
            ),
        }
    }

    pub fn close(&mut self) {
        if let Stream::Tls(tls) = &mut self.stream {
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
        self.stream = Stream::Closed;
    }
}

/// `{123}` or `{123+}` at the end of a line.
fn literal_length(line: &[u8]) -> Option<usize> {
    let inner = line.strip_suffix(b"}")?;
    let open = inner.iter().rposition(|c| *c == b'{')?;
    let digits = &inner[open + 1..];
    let digits = digits.strip_suffix(b"+").unwrap_or(digits);
    if digits.is_empty() || digits.len() > 12 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::literal_length;

    #[test]
    fn literal_lengths_at_the_end_of_a_line() {
        assert_eq!(literal_length(b"* 1 FETCH (BODY[] {42}"), Some(42));
        assert_eq!(literal_length(b"a {7+}"), Some(7));
        assert_eq!(literal_length(b"* OK {x}"), None);
        assert_eq!(literal_length(b"* OK {}"), None);
        assert_eq!(literal_length(b"* OK {99999999999999999999}"), None);
        assert_eq!(literal_length(b"* OK done"), None);
    }
}
