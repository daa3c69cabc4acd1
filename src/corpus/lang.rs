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

/// A lead this large in stopwords settles the language: the rest of the
/// sample is not read.
const DECISIVE_LEAD: usize = 16;

/// The language with more of its stopwords; French when none is seen (the
/// corpus's own language).
pub fn detect(text: &str) -> Lang {
    let sample = super::infer::head(text, SAMPLE_BYTES);
    let (mut fr, mut en) = (0usize, 0usize);
    for word in words(sample).filter(|w| w.len() <= 6) {
        match stopword(lowercase(word, &mut [0u8; 18])) {
            Some(Lang::Fr) => fr += 1,
            Some(Lang::En) => en += 1,
            None => continue,
        }
        if fr.abs_diff(en) >= DECISIVE_LEAD {
            break;
        }
    }
    if en > fr { Lang::En } else { Lang::Fr }
}

/// The runs of alphabetic characters of `s`. ASCII bytes are told apart
/// without decoding; only other characters are looked up.
fn words(s: &str) -> impl Iterator<Item = &str> {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let letter_at = |i: usize| -> (bool, usize) {
            let b = bytes[i];
            if b.is_ascii() {
                return (b.is_ascii_alphabetic(), 1);
            }
            let c = s[i..].chars().next().expect("i is on a character boundary");
            (c.is_alphabetic(), c.len_utf8())
        };
        while i < bytes.len() {
            let (letter, len) = letter_at(i);
            if letter {
                break;
            }
            i += len;
        }
        let start = i;
        while i < bytes.len() {
            let (letter, len) = letter_at(i);
            if !letter {
                break;
            }
            i += len;
        }
        (i > start).then(|| &s[start..i])
    })
}

/// `word` in lowercase, in `buf` (a word of at most 6 bytes lowercases to
/// at most three times that).
fn lowercase<'b>(word: &str, buf: &'b mut [u8; 18]) -> &'b str {
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
    std::str::from_utf8(&buf[..n]).expect("lowercase chars encoded whole")
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
    fn words_are_the_alphabetic_runs() {
        let s = "L’armée « azérie » a tiré 12 obus—selon Bakou.";
        let want: Vec<&str> = s.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
        assert_eq!(words(s).collect::<Vec<_>>(), want);
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" 12 — ").count(), 0);
    }

    #[test]
    fn a_long_french_text_quoting_english_stays_french() {
        let fr = "Le ministre a dit que les forces de la région sont dans une impasse. ".repeat(4);
        let en = "The minister said that the forces of the region are in a stalemate. ".repeat(2);
        assert_eq!(detect(&format!("{fr}{en}")), Lang::Fr);
        assert_eq!(detect(&format!("{en}{en}{en}{fr}")), Lang::En);
    }

    #[test]
    fn no_words_means_the_corpus_default() {
        assert_eq!(detect(""), Lang::Fr);
        assert_eq!(detect("12 345 — 678"), Lang::Fr);
    }
}
