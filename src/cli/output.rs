//! Where command output goes: colour decisions, a closed pipe, JSON that no
//! terminal can be fooled by, and columns measured in terminal cells.

use std::io::IsTerminal;

use unicode_width::UnicodeWidthStr;

use super::{CliError, CliResult, EXIT_OK};
use crate::text::inert_char;

/// ANSI colours only on a terminal, and never with NO_COLOR set.
pub fn color_wanted() -> bool {
    no_color_unset(std::env::var_os("NO_COLOR")) && std::io::stdout().is_terminal()
}

/// NO_COLOR counts when set to anything but the empty string (no-color.org).
fn no_color_unset(v: Option<std::ffi::OsString>) -> bool {
    v.is_none_or(|v| v.is_empty())
}

/// Whether an error is the reader of a pipe having gone (`| head`).
pub fn is_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

/// The end of a subcommand that wrote to stdout: a closed pipe ends it
/// quietly, any other write error is said in words.
pub fn finish(written: std::io::Result<u8>) -> CliResult {
    match written {
        Ok(code) => Ok(code),
        Err(e) if is_broken_pipe(&e) => Ok(EXIT_OK),
        Err(e) => Err(CliError::new(format!("cannot write the output: {e}."))),
    }
}

/// The longest error line printed: a file quoted whole in a message (one
/// line of 200 KB of brackets) would otherwise flood the terminal.
pub const MAX_ERROR_CHARS: usize = 1000;

/// An error message for the terminal: inert, on one line, cut at
/// [`MAX_ERROR_CHARS`] with the number of characters left out.
pub fn error_line(message: &str) -> String {
    let line = crate::text::inert_line(message);
    let n = line.chars().count();
    if n <= MAX_ERROR_CHARS {
        return line;
    }
    let kept: String = line.chars().take(MAX_ERROR_CHARS).collect();
    format!("{kept}… ({} more characters)", n - MAX_ERROR_CHARS)
}

/// Pretty JSON in which every character that a terminal would act on
/// (C1 controls, DEL, bidi overrides; serde_json already escapes C0) is
/// written as a `\uXXXX` escape: the same JSON value, inert when printed.
pub fn to_json_inert<T: serde::Serialize>(value: &T) -> String {
    let json = serde_json::to_string_pretty(value).expect("plain data serialises");
    String::from_utf8(inert_json(json.into_bytes())).expect("UTF-8 in, UTF-8 out")
}

/// JSON bytes (serde_json's: valid UTF-8, C0 already escaped) with every
/// character a terminal acts on written as `\uXXXX`. Only the characters
/// at the bytes that may start one (DEL, and the lead bytes of C1 controls,
/// U+061C and the bidi marks) are looked at, the runs between them copied
/// whole, and only once one is escaped (most output has none).
pub fn inert_json(json: Vec<u8>) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0;
    let mut at = next_lead(&json, 0);
    while let Some(lead) = at {
        // DEL is one byte, C2 and D8 lead two, E2 three
        let len = match json[lead] {
            0x7f => 1,
            0xc2 | 0xd8 => 2,
            _ => 3,
        };
        let c = json.get(lead..lead + len).and_then(|b| std::str::from_utf8(b).ok()?.chars().next());
        if let Some(c) = c.filter(|&c| inert_char(c).is_some()) {
            if out.is_empty() {
                out.reserve(json.len() + 16);
            }
            out.extend_from_slice(&json[copied..lead]);
            out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes());
            copied = lead + len;
        }
        at = next_lead(&json, lead + 1);
    }
    if copied == 0 {
        return json;
    }
    out.extend_from_slice(&json[copied..]);
    out
}

/// The first byte from `from` on that `inert_json` looks at, eight bytes
/// at a time: a word with no byte at DEL or above (most of the JSON) at
/// once, another compared with the four bytes at once.
fn next_lead(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The bytes of `w` equal to `b`, as their high bits: exact up to the
    // first (a borrow only runs up from a byte equal to `b`).
    let equal = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let lead = |b: u8| matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2);
    let mut at = from;
    while at + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        // A byte at 0x7f or above sets its high bit in w or in w + 1 (a
        // carry only comes from a byte that already has it).
        if (w | w.wrapping_add(ONES)) & HIGH != 0 {
            let found = equal(w, 0x7f) | equal(w, 0xc2) | equal(w, 0xd8) | equal(w, 0xe2);
            if found != 0 {
                return Some(at + (found.trailing_zeros() / 8) as usize);
            }
        }
        at += 8;
    }
    bytes[at.min(bytes.len())..].iter().position(|&b| lead(b)).map(|i| at + i)
}

/// `s` cut to `width` terminal cells, with "…" when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` fitted and padded with spaces to exactly `width` cells.
pub fn pad(s: &str, width: usize) -> String {
    let s = fit(s, width);
    let fill = width.saturating_sub(s.width());
    format!("{s}{}", " ".repeat(fill))
}

/// The SGR parameters of a label colour of the schema ("light-magenta",
/// "gray", "#aa5500"); the terminal's default colour for a name we do not know.
pub fn sgr_color(name: &str) -> String {
    let n = name.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    if let Some(hex) = n.strip_prefix('#')
        && hex.len() == 6
        && let Ok(v) = u32::from_str_radix(hex, 16)
    {
        return format!("38;2;{};{};{}", v >> 16, (v >> 8) & 0xff, v & 0xff);
    }
    let code = match n.as_str() {
        "black" => 30,
        "red" => 31,
        "green" => 32,
        "yellow" => 33,
        "blue" => 34,
        "magenta" => 35,
        "cyan" => 36,
        "gray" | "grey" => 37,
        "dark-gray" | "dark-grey" | "darkgray" | "darkgrey" => 90,
        "light-red" | "lightred" => 91,
        "light-green" | "lightgreen" => 92,
        "light-yellow" | "lightyellow" => 93,
        "light-blue" | "lightblue" => 94,
        "light-magenta" | "lightmagenta" => 95,
        "light-cyan" | "lightcyan" => 96,
        "white" => 97,
        _ => 39,
    };
    code.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `inert_json` does, a character at a time.
    fn char_by_char(json: Vec<u8>) -> Vec<u8> {
        let text = String::from_utf8(json).unwrap();
        let mut out = String::new();
        for c in text.chars() {
            match inert_char(c) {
                Some(_) => out.push_str(&format!("\\u{:04x}", c as u32)),
                None => out.push(c),
            }
        }
        out.into_bytes()
    }

    #[test]
    fn json_made_inert_by_its_lead_bytes_is_json_made_inert_char_by_char() {
        let texts = [
            "",
            "plain",
            "é’«»\u{a0}",
            "a\u{7f}b\u{85}c\u{202e}d\u{61c}e\u{200f}",
            "\u{9f}\u{2069}💥\u{2028}x",
            "a long line of text with nothing to escape until the very end \u{7f}",
            "\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}~~~~~~~~~~~~~~~~~\u{202e}",
        ];
        for t in texts {
            let json = serde_json::to_vec_pretty(&[t, t]).unwrap();
            assert_eq!(inert_json(json.clone()), char_by_char(json), "{t:?}");
        }
        // Each character escaped or not at each place of an eight-byte
        // word, after accented letters (bytes above DEL that lead nothing
        // escaped) and before others.
        for c in ['\u{7f}', '\u{85}', '\u{a0}', '\u{61c}', '\u{600}', '\u{200e}', '\u{2019}', '\u{2066}', 'é']
        {
            for before in 0..10 {
                let t = format!("{}{}{c}ç{c}", "é".repeat(before % 3), "x".repeat(before));
                let json = serde_json::to_vec_pretty(&[&t]).unwrap();
                assert_eq!(inert_json(json.clone()), char_by_char(json), "{t:?}");
            }
        }
    }

    #[test]
    fn no_color_is_respected_unless_empty() {
        assert!(no_color_unset(None));
        assert!(no_color_unset(Some("".into())));
        assert!(!no_color_unset(Some("1".into())));
    }

    #[test]
    fn json_keeps_values_and_escapes_what_a_terminal_acts_on() {
        let v = vec!["a\u{1b}]52;c;aGk=\u{7}b\u{202e}c\u{9b}d\u{7f}é"];
        let json = to_json_inert(&v);
        assert!(!json.chars().any(|c| c != '\n' && inert_char(c).is_some()), "{json}");
        assert!(json.contains("\\u202e") && json.contains("é"), "{json}");
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn fitting_counts_cells() {
        assert_eq!(fit("Haut-Karabakh", 20), "Haut-Karabakh");
        assert_eq!(fit("Haut-Karabakh", 6), "Haut-…");
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
        assert_eq!(pad("AFP", 6), "AFP   ");
    }

    #[test]
    fn colours_by_name_and_hex() {
        assert_eq!(sgr_color("light-magenta"), "95");
        assert_eq!(sgr_color("Light_Green"), "92");
        assert_eq!(sgr_color("#aa5500"), "38;2;170;85;0");
        assert_eq!(sgr_color("no such colour"), "39");
    }

    #[test]
    fn a_broken_pipe_ends_quietly() {
        let e = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert_eq!(finish(Err(e)).unwrap(), EXIT_OK);
        let e = std::io::Error::other("disk full");
        assert!(finish(Err(e)).unwrap_err().to_string().contains("disk full"));
    }
}
