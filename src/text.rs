//! The Unicode characters tracker treats specially: the ones a reader cannot see, and the ones that move or
//! break the text around them. One list, used by the terminal escaping and by the duplicate check.

/// Zero-width characters: they change nothing a reader sees, so `Acme` and `Ac\u{200b}me` look the same.
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{180e}'
    )
}

/// Bidirectional controls: they reorder the text around them (`evil\u{202e}txt.exe` shows as `evilexe.txt`).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Characters that draw nothing: zero-width characters and bidirectional controls.
pub fn is_invisible(c: char) -> bool {
    is_zero_width(c) || is_bidi_control(c)
}

/// The Unicode line and paragraph separators, which some terminals and most editors break lines at.
pub fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Text with nothing visible in it: only white space and invisible characters.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// The text without its invisible characters.
pub fn visible(text: &str) -> String {
    text.chars().filter(|c| !is_invisible(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_blank(" \t\u{200b}\u{feff}\u{2028}"));
        assert!(!is_blank(" a "));
        assert_eq!(visible("Ac\u{200b}me\u{202e}"), "Acme");
        assert!(is_invisible('\u{2066}') && is_invisible('\u{2060}') && !is_invisible('a'));
        assert!(is_line_separator('\u{2029}') && !is_line_separator('\n'));
    }
}
