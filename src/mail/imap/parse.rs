//! The server's responses (RFC 3501 §7), parsed from one response's bytes, its literals inline. Only what
//! tracker asks for is understood; anything else is `Other`. Nothing here trusts the server: every length,
//! number and nesting depth is checked, and bad input is an error, never a panic.

/// A value in a parenthesised list: an atom (which keeps a `BODY[...]<n>` section with it), a string (quoted
/// or literal), NIL, or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Atom(String),
    Str(Vec<u8>),
    Nil,
    List(Vec<Value>),
}

impl Value {
    pub fn number(&self) -> Option<u32> {
        match self {
            Value::Atom(a) => a.parse().ok(),
            _ => None,
        }
    }

    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Str(s) => Some(s),
            Value::Atom(a) => Some(a.as_bytes()),
            _ => None,
        }
    }
}

/// OK, NO, BAD, BYE or PREAUTH.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Ok,
    No,
    Bad,
    Bye,
    Preauth,
}

/// One response from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// `+ ...`: send the literal.
    Continue,
    /// `TAG OK [CODE] text`: the end of a command.
    Done {
        tag: String,
        state: State,
        code: Option<String>,
        text: String,
    },
    /// `* OK [CODE] text` and its kin.
    Status {
        state: State,
        code: Option<String>,
        text: String,
    },
    Capability(Vec<String>),
    List {
        flags: Vec<String>,
        name: Vec<u8>,
    },
    Fetch(Vec<(String, Value)>),
    /// `* 23 EXISTS`: how many messages the folder holds.
    Exists(u32),
    Other,
}

/// Lists nest at most this deep (BODYSTRUCTURE is not asked for; this only stops a hostile server).
const MAX_DEPTH: usize = 16;

struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

type Parsed<T> = Result<T, String>;

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let yes = self.peek() == Some(byte);
        self.pos += usize::from(yes);
        yes
    }

    fn spaces(&mut self) {
        while self.eat(b' ') {}
    }

    fn rest(&self) -> &'a [u8] {
        &self.buf[self.pos.min(self.buf.len())..]
    }

    /// An atom; a `[...]` inside it (a section such as `BODY[HEADER.FIELDS (DATE)]`) is kept whole.
    fn atom(&mut self) -> Parsed<String> {
        let start = self.pos;
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'[' => depth += 1,
                b']' if depth > 0 => depth -= 1,
                b' ' | b'(' | b')' if depth == 0 => break,
                b'\r' | b'\n' => break,
                b'{' | b'"' if depth == 0 => break,
                _ if c < 0x20 || c == 0x7f => return Err("a control character in an atom".into()),
                _ => {}
            }
            self.pos += 1;
        }
        if depth > 0 {
            return Err("an unclosed [ in an atom".into());
        }
        if self.pos == start {
            return Err("an empty atom".into());
        }
        Ok(String::from_utf8_lossy(&self.buf[start..self.pos]).into_owned())
    }

    fn quoted(&mut self) -> Parsed<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None | Some(b'\r' | b'\n') => return Err("an unterminated quoted string".into()),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(c @ (b'"' | b'\\')) => out.push(c),
                        _ => return Err("a bad escape in a quoted string".into()),
                    }
                }
                Some(c) => out.push(c),
            }
            self.pos += 1;
        }
    }

    /// `{n}\r\n` and n bytes (the reader put them inline).
    fn literal(&mut self) -> Parsed<Vec<u8>> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits = std::str::from_utf8(&self.buf[start..self.pos]).unwrap_or_default();
        let n: usize = digits.parse().map_err(|_| "a bad literal length".to_owned())?;
        self.eat(b'+');
        if !(self.eat(b'}') && self.eat(b'\r') && self.eat(b'\n')) {
            return Err("a literal length not followed by a line end".into());
        }
        let end = self.pos.checked_add(n).filter(|end| *end <= self.buf.len());
        let end = end.ok_or_else(|| "a literal longer than the response".to_owned())?;
        let bytes = self.buf[self.pos..end].to_vec();
        self.pos = end;
        Ok(bytes)
    }

    fn value(&mut self, depth: usize) -> Parsed<Value> {
        match self.peek() {
            None => Err("a value missing at the end".into()),
            Some(b'(') => {
                if depth >= MAX_DEPTH {
                    return Err("lists nested too deeply".into());
                }
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.spaces();
                    if self.eat(b')') {
                        return Ok(Value::List(items));
                    }
                    items.push(self.value(depth + 1)?);
                }
            }
            Some(b'"') => {
                self.pos += 1;
                self.quoted().map(Value::Str)
            }
            Some(b'{') => {
                self.pos += 1;
                self.literal().map(Value::Str)
            }
            Some(_) => {
                let atom = self.atom()?;
                Ok(if atom.eq_ignore_ascii_case("NIL") {
                    Value::Nil
                } else {
                    Value::Atom(atom)
                })
            }
        }
    }

    /// `[CODE ...] text` after a status word.
    fn status(&mut self) -> (Option<String>, String) {
        self.spaces();
        let mut code = None;
        if self.eat(b'[') {
            let rest = self.rest();
            let end = rest.iter().position(|c| *c == b']').unwrap_or(rest.len());
            code = Some(String::from_utf8_lossy(&rest[..end]).into_owned());
            self.pos += (end + 1).min(rest.len());
            self.spaces();
        }
        let text = String::from_utf8_lossy(self.rest());
        (code, text.trim_end().chars().take(300).collect())
    }
}

fn state(word: &str) -> Option<State> {
    match word.to_ascii_uppercase().as_str() {
        "OK" => Some(State::Ok),
        "NO" => Some(State::No),
        "BAD" => Some(State::Bad),
        "BYE" => Some(State::Bye),
        "PREAUTH" => Some(State::Preauth),
        _ => None,
    }
}

/// Parses one response (without its final line end).
pub fn response(buf: &[u8]) -> Parsed<Response> {
    let mut c = Cursor { buf, pos: 0 };
    if c.eat(b'+') {
        return Ok(Response::Continue);
    }
    if !c.eat(b'*') {
        let tag = c.atom()?;
        c.spaces();
        let word = c.atom()?;
        let state = state(&word).ok_or_else(|| format!("a tagged response that is not OK, NO or BAD: {word}"))?;
        let (code, text) = c.status();
        return Ok(Response::Done { tag, state, code, text });
    }
    c.spaces();
    let word = c.atom()?;
    if let Some(state) = state(&word) {
        let (code, text) = c.status();
        return Ok(Response::Status { state, code, text });
    }
    c.spaces();
    match word.to_ascii_uppercase().as_str() {
        "CAPABILITY" => Ok(Response::Capability(
            String::from_utf8_lossy(c.rest())
                .split_ascii_whitespace()
                .map(str::to_ascii_uppercase)
                .collect(),
        )),
        "LIST" => {
            let Value::List(flags) = c.value(0)? else {
                return Err("a LIST response without flags".into());
            };
            let flags = flags
                .iter()
                .filter_map(|f| match f {
                    Value::Atom(a) => Some(a.to_ascii_lowercase()),
                    _ => None,
                })
                .collect();
            c.spaces();
            c.value(0)?; // the hierarchy delimiter
            c.spaces();
            let name = c.value(0)?;
            let name = name.bytes().ok_or("a LIST response without a name")?.to_vec();
            Ok(Response::List { flags, name })
        }
        _ if word.bytes().all(|b| b.is_ascii_digit()) => {
            let what = c.atom()?;
            if what.eq_ignore_ascii_case("EXISTS") {
                return word
                    .parse()
                    .map(Response::Exists)
                    .map_err(|_| "a bad EXISTS count".to_owned());
            }
            if !what.eq_ignore_ascii_case("FETCH") {
                return Ok(Response::Other);
            }
            c.spaces();
            let Value::List(items) = c.value(0)? else {
                return Err("a FETCH response without a list".into());
            };
            let mut pairs = Vec::new();
            let mut items = items.into_iter();
            while let Some(name) = items.next() {
                let Value::Atom(name) = name else {
                    return Err("a FETCH item without a name".into());
                };
                let value = items.next().ok_or("a FETCH item without a value")?;
                pairs.push((name.to_ascii_uppercase(), value));
            }
            Ok(Response::Fetch(pairs))
        }
        _ => Ok(Response::Other),
    }
}

/// The item of a FETCH response whose name starts with `prefix` (`UID`, `FLAGS`, `BODY[`).
pub fn item<'a>(items: &'a [(String, Value)], prefix: &str) -> Option<&'a Value> {
    items
        .iter()
        .find(|(name, _)| name == prefix || (prefix.ends_with('[') && name.starts_with(prefix)))
        .map(|(_, value)| value)
}

/// `UIDVALIDITY 3857529045` from a response code.
pub fn code_number(code: Option<&str>, name: &str) -> Option<u32> {
    let (word, rest) = code?.split_once(' ')?;
    word.eq_ignore_ascii_case(name)
        .then(|| rest.trim().parse().ok())
        .flatten()
}

/// A string as IMAP reads it: quoted when it holds only safe characters, else `None` (send a literal).
pub fn quoted(text: &str) -> Option<String> {
    let safe = text.len() <= 1000
        && text
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\');
    safe.then(|| format!("\"{text}\""))
}

#[cfg(test)]
mod tests;
