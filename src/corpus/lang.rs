//! French or English, by counting the words each language cannot do without.

use super::Lang;

/// Enough text to tell; a 20 MB dispatch is not read to the end for this.
const SAMPLE_BYTES: usize = 64 * 1024;

const FR: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "et", "un", "une", "est", "pour", "dans", "que", "qui", "sur",
    "au", "aux", "avec", "pas", "ne", "se", "ce", "il", "elle", "ont", "été", "sont", "par", "mais", "ou",
    "selon", "leur", "après",
];
const EN: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "was", "as", "by", "it", "at", "from",
    "he", "she", "has", "have", "are", "were", "said", "but", "or", "its", "their", "after", "which", "this",
    "be",
];

/// The language with more of its stopwords; French when none is seen (the
/// corpus's own language).
pub fn detect(text: &str) -> Lang {
    let sample = super::infer::head(text, SAMPLE_BYTES);
    let (mut fr, mut en) = (0usize, 0usize);
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty() && w.len() <= 6) {
        let w = word.to_lowercase();
        fr += FR.contains(&w.as_str()) as usize;
        en += EN.contains(&w.as_str()) as usize;
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
