//! Bytes to text: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"), windows-1252;
//! and the separator a spreadsheet used (`,`, `;` in German locales, tab).

use anyhow::{Result, bail};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The text of a file and the encoding it was read as.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    let (encoding, skip) = match Encoding::for_bom(bytes) {
        Some((encoding, length)) => (Some(encoding), length),
        None => (utf16_without_bom(bytes), 0),
    };
    let body = &bytes[skip..];
    if let Some(encoding) = encoding {
        let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(body) else {
            bail!(
                "the file starts as {} but is not valid {}",
                encoding.name(),
                encoding.name()
            );
        };
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
        });
    }
    // Not UTF-8: a spreadsheet saved in Western Europe's legacy code page, where every byte is a character.
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(body);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: WINDOWS_1252.name(),
    })
}

/// UTF-16 without a byte-order mark: text in Latin letters has a zero byte in every other position.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(200) & !1];
    if head.len() < 4 {
        return None;
    }
    let zeros = |offset: usize| head.iter().skip(offset).step_by(2).filter(|b| **b == 0).count();
    let half = head.len() / 2;
    if zeros(1) * 4 >= half * 3 && zeros(0) == 0 {
        Some(UTF_16LE)
    } else if zeros(0) * 4 >= half * 3 && zeros(1) == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The separator of the header line: the most frequent of `,` `;` and tab outside quotes (`,` when none).
pub fn separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], usize::from(*i == 0))).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

/// A first line `sep=X` (X one of `,` `;` tab `|`): the separator it names and the text after it.
pub fn separator_line(text: &str) -> Option<(u8, &str)> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let named = first.trim_end_matches('\r').strip_prefix("sep=")?;
    match named.as_bytes() {
        [c @ (b',' | b';' | b'\t' | b'|')] => Some((*c, rest)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let d = decode(b"\xef\xbb\xbfFirma\n").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Firma\n", "UTF-8"));
        let d = decode("Café".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Café", "UTF-8"));
        let d = decode(b"Caf\xe9;M\xfcller\x80").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Café;Müller€", "windows-1252"));
        let utf16: Vec<u8> = "\u{feff}Firma\tÖl".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&utf16).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Firma\tÖl", "UTF-16LE"));
        let be: Vec<u8> = "Firma\tÖl".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be).unwrap().text, "Firma\tÖl");
        assert!(decode(b"\xff\xfe\x00\xd8").is_err(), "a lone surrogate");
        assert_eq!(decode(b"").unwrap().text, "");
    }

    #[test]
    fn separators() {
        assert_eq!(separator("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(separator("Firma;Stelle;\"Ort, Land\"\n"), b';');
        assert_eq!(separator("a\tb\tc"), b'\t');
        assert_eq!(separator("company"), b',');
        assert_eq!(separator("a;b,c"), b',');
        assert_eq!(
            separator_line("sep=;\r\nFirma;Stelle\r\n"),
            Some((b';', "Firma;Stelle\r\n"))
        );
        assert_eq!(separator_line("sep=|\nA|B"), Some((b'|', "A|B")));
        assert_eq!(separator_line("Firma;Stelle"), None);
        assert_eq!(separator_line("sep=ab\n"), None);
    }
}
