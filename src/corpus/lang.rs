//! French or English, by counting the words each language cannot do without.

use super::Lang;

/// Enough text to tell; a 20 MB dispatch is not read to the end for this.
const SAMPLE_BYTES: usize = 64 * 1024;

/// The language whose word this is (already lowercase), if it is one of
/// the short words each language cannot do without.
fn stopword(w: &str) -> Option<Lang> {
    match w {
        "le" | "la" | "les" | "des" | "du" | "de" | "et" | "un" | "une" | "est" | "pour" | "dans" | "que"
        | "qui" | "sur" | "au" | "aux" | "avec" | "pas" | "ne" | "se" | "ce" | "il" | "elle" | "ont"
        | "été" | "sont" | "par" | "mais" | "ou" | "selon" | "leur" | "après" => Some(Lang::Fr),
        "the" | "of" | "and" | "to" | "in" | "is" | "that" | "for" | "on" | "with" | "was" | "as" | "by"
        | "it" | "at" | "from" | "he" | "she" | "has" | "have" | "are" | "were" | "said" | "but" | "or"
        | "its" | "their" | "after" | "which" | "this" | "be" => Some(Lang::En),
        _ => None,
    }
}

/// The language with more of its stopwords; French when none is seen (the
/// corpus's own language).
pub fn detect(text: &str) -> Lang {
    let sample = super::infer::head(text, SAMPLE_BYTES);
    let (mut fr, mut en) = (0usize, 0usize);
    // Lowercased on the stack: a word is at most 6 bytes, its lowercase at
    // most three times that.
    let mut buf = [0u8; 18];
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty() && w.len() <= 6) {
        let mut n = 0;
        if word.is_ascii() {
            n = word.len();
            buf[..n].copy_from_slice(word.as_bytes());
            buf[..n].make_ascii_lowercase();
        } else {
            for c in word.chars().flat_map(char::to_lowercase) {
                n += c.encode_utf8(&mut buf[n..]).len();
            }
        }
        let lower = std::str::from_utf8(&buf[..n]).expect("lowercase chars encoded whole");
        match stopword(lower) {
            Some(Lang::Fr) => fr += 1,
            Some(Lang::En) => en += 1,
            None => {}
        }
    }
    if en > fr { Lang::En } else { Lang::Fr }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_dispatches() {
        assert_eq!(
            detect(
                "Moscou, 21 oct 2020 (AFP) - Le ministre russe des Affaires étrangères a reçu séparément ses homologues."
            ),
            Lang::Fr
        );
        assert_eq!(
            detect(
                "MOSCOW, Oct 21 (Reuters) - Russia's foreign minister met his Armenian and Azerbaijani counterparts in Moscow, the ministry said."
            ),
            Lang::En
        );
    }

    #[test]
    fn no_words_means_the_corpus_default() {
        assert_eq!(detect(""), Lang::Fr);
        assert_eq!(detect("12 345 — 678"), Lang::Fr);
    }
}
