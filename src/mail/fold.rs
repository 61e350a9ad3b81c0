//! Text folding for matching phrases and names: lower case, one space for any run of white space, curly quotes
//! and dashes made straight, invisible characters dropped, accents removed. Phrases and mail are folded the same
//! way, so a phrase written with `ä` matches mail written with `ae` and the other way round.

/// How letters with diacritics fold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Umlauts {
    /// `ä` → `ae`, `ö` → `oe`, `ü` → `ue` (German spelling without umlauts): for phrases and mail text.
    Spelled,
    /// `ä` → `a`: for company names ("accents removed").
    Dropped,
}

/// Folds `text` (see the module documentation).
pub(crate) fn fold(text: &str, umlauts: Umlauts) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        let mapped: Option<&str> = match c {
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => continue,
            '’' | '‘' | 'ʼ' | '´' | '`' | '′' | '‚' => Some("'"),
            '“' | '”' | '„' | '«' | '»' | '″' => Some("\""),
            '–' | '—' | '‐' | '‑' | '‒' | '−' | '―' => Some("-"),
            '…' => Some("..."),
            'ß' | 'ẞ' => Some("ss"),
            'æ' | 'Æ' => Some("ae"),
            'œ' | 'Œ' => Some("oe"),
            'ø' | 'Ø' => Some("o"),
            'đ' | 'Đ' => Some("d"),
            'ł' | 'Ł' => Some("l"),
            'ä' | 'Ä' if umlauts == Umlauts::Spelled => Some("ae"),
            'ö' | 'Ö' if umlauts == Umlauts::Spelled => Some("oe"),
            'ü' | 'Ü' if umlauts == Umlauts::Spelled => Some("ue"),
            _ => None,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match mapped {
            Some(s) => out.push_str(s),
            None => {
                for lower in c.to_lowercase() {
                    out.push(base_letter(lower));
                }
            }
        }
    }
    out
}

/// The letter without its accent, for the Latin letters mail commonly carries.
fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ľ' | 'ĺ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// Whether a byte of folded text is part of a word (ASCII letters and digits, and every byte of a non-ASCII
/// character).
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The sentences of a text: split at line ends and after `.`, `!`, `?` or `:` followed by white space; trimmed,
/// empty ones left out.
pub(crate) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            let end = b == b'\n'
                || (matches!(b, b'.' | b'!' | b'?' | b':') && bytes.get(i).is_none_or(|n| n.is_ascii_whitespace()));
            if end {
                let sentence = text[start..i].trim();
                start = i;
                if !sentence.is_empty() {
                    return Some(sentence);
                }
            }
        }
        if start < bytes.len() {
            let sentence = text[start..].trim();
            start = bytes.len();
            if !sentence.is_empty() {
                return Some(sentence);
            }
        }
        None
    })
}

/// `text` cut to at most `max` characters (an ellipsis marks a cut).
pub(crate) fn at_most(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_makes_spellings_equal() {
        assert_eq!(fold("  We’re  SORRY\u{a0}–\tok ", Umlauts::Spelled), "we're sorry - ok");
        assert_eq!(fold("Eingangsbestätigung", Umlauts::Spelled), "eingangsbestaetigung");
        assert_eq!(fold("Straße Müller", Umlauts::Spelled), "strasse mueller");
        assert_eq!(
            fold("Société Générale Müller", Umlauts::Dropped),
            "societe generale muller"
        );
        assert_eq!(fold("in\u{200b}vite", Umlauts::Spelled), "invite");
    }

    #[test]
    fn sentences_split_at_ends() {
        let got: Vec<&str> = sentences("Hello Sam,\nWe regret. To inform you! Version 1.2 ok\n\n").collect();
        assert_eq!(got, ["Hello Sam,", "We regret.", "To inform you!", "Version 1.2 ok"]);
    }

    #[test]
    fn cut_counts_characters() {
        assert_eq!(at_most("äöü", 3), "äöü");
        assert_eq!(at_most("äöüx", 3), "äö…");
    }
}
