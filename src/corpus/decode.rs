//! From a file's bytes to text: BOM, encoding (UTF-8, else a guess such as
//! Windows-1252, flagged), line endings, and the refusal of binary files.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// How many bytes the encoding detector looks at: enough for any dispatch,
/// bounded for a huge file.
const DETECT_PREFIX: usize = 64 * 1024;

/// Above this share of control characters, a file is not text.
const MAX_CONTROL_SHARE: f64 = 0.10;

/// A file decoded to text with `\n` line endings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name as encoding_rs spells it: "UTF-8", "windows-1252"…
    pub encoding: &'static str,
    /// Whether a byte order mark was removed.
    pub had_bom: bool,
}

/// Why a file is not a dispatch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("it looks binary (a NUL byte on line {line}), so it was skipped")]
    Nul { line: usize },
    #[error("it cannot be decoded as text in {encoding}, so it was skipped")]
    Undecodable { encoding: &'static str },
    #[error("it looks binary ({percent}% control characters), so it was skipped")]
    Controls { percent: usize },
}

/// The encoding name of UTF-8 text whose few invalid byte sequences were
/// each replaced by U+FFFD (`check` names the lines).
pub const UTF8_REPAIRED: &str = "UTF-8 (invalid bytes replaced)";

/// A file is read as UTF-8 with replacements when it holds at least this many
/// valid multi-byte sequences for each invalid one: a Windows-1252 file has
/// almost none, a UTF-8 file cut mid-character or with a stray byte pasted
/// in has many.
const UTF8_EVIDENCE_PER_ERROR: usize = 4;

/// Decodes a file: BOM first (UTF-8 or UTF-16), else UTF-8 when valid (or
/// valid but for a few bytes, replaced), else the encoding chardetng
/// guesses; then CRLF and lone CR become `\n`.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_owned(bytes.to_vec())
}

/// [`decode`] taking the bytes: a UTF-8 file with `\n` line endings (the
/// usual dispatch) becomes its text without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let (text, encoding, had_bom) = match Encoding::for_bom(&bytes) {
        Some((enc, bom_len)) => {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                return Err(DecodeError::Undecodable { encoding: enc.name() });
            }
            (text.into_owned(), enc, true)
        }
        None => {
            if let Some(at) = memchr_nul(&bytes) {
                return Err(DecodeError::Nul { line: line_of(&bytes, at) });
            }
            match String::from_utf8(bytes) {
                Ok(s) => (s, UTF_8, false),
                Err(e) => {
                    let bytes = e.into_bytes();
                    if let Some(text) = repaired_utf8(&bytes) {
                        check_controls(&text)?;
                        return Ok(Decoded {
                            text: normalise_newlines_owned(text),
                            encoding: UTF8_REPAIRED,
                            had_bom: false,
                        });
                    }
                    let enc = guess(&bytes);
                    let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
                    if had_errors {
                        return Err(DecodeError::Undecodable { encoding: enc.name() });
                    }
                    // Decoded text was not searched for NUL yet.
                    if let Some(at) = text.find('\0') {
                        return Err(DecodeError::Nul { line: line_of(text.as_bytes(), at) });
                    }
                    (text.into_owned(), enc, false)
                }
            }
        }
    };
    if had_bom && let Some(at) = text.find('\0') {
        return Err(DecodeError::Nul { line: line_of(text.as_bytes(), at) });
    }
    check_controls(&text)?;
    Ok(Decoded { text: normalise_newlines_owned(text), encoding: encoding.name(), had_bom })
}

/// The text of bytes that are UTF-8 but for a few invalid sequences, each
/// replaced by U+FFFD; `None` when there are too many for UTF-8 to be the
/// file's encoding (decoding it whole as another one is then right).
fn repaired_utf8(bytes: &[u8]) -> Option<String> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().bytes().filter(|&b| b >= 0xc0).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (invalid > 0 && invalid * UTF8_EVIDENCE_PER_ERROR <= multibyte)
        .then(|| String::from_utf8_lossy(bytes).into_owned())
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    // `contains` is core's word-at-a-time memchr; the position only for the
    // rare file that has one.
    bytes.contains(&0).then(|| bytes.iter().position(|&b| b == 0)).flatten()
}

/// 1-based line of byte `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()
}

/// The encoding of bytes that are not UTF-8, guessed on a prefix.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let prefix = &bytes[..bytes.len().min(DETECT_PREFIX)];
    detector.feed(prefix, prefix.len() == bytes.len());
    detector.guess(None, Utf8Detection::Deny)
}

/// A text of many control characters (a binary file decoded as a single-byte
/// encoding) is refused; escape sequences in a dispatch are kept.
fn check_controls(text: &str) -> Result<(), DecodeError> {
    // Counted on bytes, over the first DETECT_PREFIX characters: a character
    // starts at every byte that is not a UTF-8 continuation byte, and the
    // control characters (Cc) are the bytes below 0x20, 0x7f, and U+0080 to
    // U+009F, encoded 0xc2 0x80..=0x9f.
    let bytes = text.as_bytes();
    let prefix = &bytes[..bytes.len().min(4 * DETECT_PREFIX)];
    let c1_at = |i: usize| prefix.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
    if !prefix.iter().enumerate().any(|(i, &b)| MAYBE_CONTROL[b as usize] && (b != 0xc2 || c1_at(i))) {
        return Ok(());
    }
    let (mut total, mut controls) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xc0 == 0x80 {
            continue;
        }
        if total == DETECT_PREFIX {
            break;
        }
        total += 1;
        // Escape sequences (ESC, BEL ending OSC, backspace overstrikes) are the
        // dirt of text copied from terminals: kept. Other controls, in number,
        // are the mark of binary (random bytes are about 12% C0 controls).
        let control = match b {
            b'\n' | b'\r' | b'\t' | 0x0c | 0x1b | 0x07 | 0x08 => false,
            0..0x20 | 0x7f => true,
            0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
            _ => false,
        };
        controls += control as usize;
    }
    if total >= 64 && controls as f64 > total as f64 * MAX_CONTROL_SHARE {
        return Err(DecodeError::Controls { percent: controls * 100 / total });
    }
    Ok(())
}

/// The bytes that can be, or start, a counted control character: the text
/// of a usual dispatch has none but 0xc2 (no-break space, guillemets), and
/// a table lookup per byte rules them out fast.
static MAYBE_CONTROL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !matches!(b as u8, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b | 0x07 | 0x08);
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t
};

/// [`normalise_newlines`] keeping the string when it has no CR.
fn normalise_newlines_owned(s: String) -> String {
    if s.contains('\r') { normalise_newlines(&s) } else { s }
}

/// CRLF and lone CR become `\n`, in one pass.
pub fn normalise_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_removed_and_flagged() {
        let d = decode("\u{feff}Bakou, le 9".as_bytes()).unwrap();
        assert_eq!(d.text, "Bakou, le 9");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.had_bom);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Erevan é".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Erevan é");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        assert_eq!(normalise_newlines("a\r\nb\rc\n\r\nd\r"), "a\nb\nc\n\nd\n");
        assert_eq!(normalise_newlines("sans retour"), "sans retour");
    }

    #[test]
    fn windows_1252_is_guessed_and_named() {
        let utf8 = "Le ministère arménien a annoncé la mort d’environ 200 militaires « azéris » à l’aube, œuvre des séparatistes.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(utf8);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, utf8);
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_is_utf8_with_replacements() {
        let good = "L’armée a annoncé jeudi « une trêve » à Donetsk, près de la ligne de front.\n";
        // A stray Windows-1252 byte (an 'é') pasted in on the second line.
        let mut bytes = good.as_bytes().to_vec();
        bytes.extend_from_slice(b"Le pr\xe9sident est arriv");
        bytes.extend_from_slice("é à Kyiv.".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, UTF8_REPAIRED);
        assert!(d.text.starts_with(good), "the valid text is kept whole: {}", d.text);
        assert!(d.text.contains("Le pr\u{fffd}sident est arrivé à Kyiv."), "{}", d.text);
        // Mostly Windows-1252: decoded whole as it, as before.
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode("Le président a été reçu à Genève.");
        assert_eq!(decode(&cp1252).unwrap().encoding, "windows-1252");
    }

    #[test]
    fn nul_bytes_mean_binary_with_the_line() {
        let err = decode(b"ligne un\nligne deux\x00\x01").unwrap_err();
        assert_eq!(err, DecodeError::Nul { line: 2 });
        assert!(err.to_string().contains("line 2"));
    }

    #[test]
    fn noise_without_nul_is_refused_as_binary() {
        let noise: Vec<u8> = (0..4096u32).map(|i| ((i * 7919 + 13) % 255 + 1) as u8).collect();
        assert!(matches!(
            decode(&noise),
            Err(DecodeError::Controls { .. } | DecodeError::Undecodable { .. })
        ));
    }

    /// `check_controls` as first written, on characters.
    fn controls_by_chars(text: &str) -> Result<(), DecodeError> {
        let sample: &str = match text.char_indices().nth(DETECT_PREFIX) {
            Some((b, _)) => &text[..b],
            None => text,
        };
        let total = sample.chars().count();
        let controls = sample
            .chars()
            .filter(|&c| {
                c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c' | '\x1b' | '\x07' | '\x08')
            })
            .count();
        if total >= 64 && controls as f64 > total as f64 * MAX_CONTROL_SHARE {
            return Err(DecodeError::Controls { percent: controls * 100 / total });
        }
        Ok(())
    }

    #[test]
    fn controls_are_counted_on_bytes_as_on_characters() {
        let text = ['a', ' ', 'é', '\u{a0}', '\x1b', '\n', '€', '😀', 'Ā', '\u{a1}'];
        let controls = ['\u{85}', '\u{9f}', '\u{80}', '\u{1}', '\u{7f}', '\u{1f}'];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..3000 {
            let (n, share) = (rng.usize(0..400), rng.f64() * 0.2);
            let pick = |rng: &mut fastrand::Rng| match rng.f64() < share {
                true => controls[rng.usize(..controls.len())],
                false => text[rng.usize(..text.len())],
            };
            let s: String = (0..n).map(|_| pick(&mut rng)).collect();
            assert_eq!(check_controls(&s), controls_by_chars(&s), "{s:?}");
        }
        let long = format!("{}{}", "é".repeat(DETECT_PREFIX), "\u{1}".repeat(DETECT_PREFIX));
        assert_eq!(check_controls(&long), Ok(()));
        assert_eq!(controls_by_chars(&long), Ok(()));
    }

    #[test]
    fn a_few_escape_sequences_are_kept() {
        let text =
            "Moscou, 21 oct 2020 (AFP) - Le ministre \x1b[2J a reçu \x1b]52;c;aGk=\x07 ses homologues.";
        assert_eq!(decode(text.as_bytes()).unwrap().text, text);
    }
}
