//! Word-level normalisation shared by the digests: case and accent folding,
//! function words, a light stemmer. French and English.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The base letter(s) of a Latin letter with a diacritic, lowercase; `None`
/// for a letter without one. Covers Latin-1 and Latin Extended-A, where the
/// names of this war's outlets and places live (French, Azerbaijani, Turkish,
/// transliterated Armenian and Russian).
fn base_of(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ə' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'œ' => "oe",
        'æ' => "ae",
        'ß' => "ss",
        _ => return None,
    })
}

/// One character lowercased and without its accent, one for one (so that
/// offsets in a folded text are offsets in the text): `É` is `e`; a letter
/// that folds to two (`œ`) stays itself.
pub fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match base_of(lower) {
        Some(base) if base.len() == 1 => base.chars().next().unwrap_or(lower),
        _ => lower,
    }
}

/// Lowercase, accents removed, every run of non-alphanumeric characters
/// (apostrophes, hyphens, punctuation) a single space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_to(s, &mut out);
    out
}

/// As `fold`, into `out` (emptied first): one buffer for many strings.
pub fn fold_to(s: &str, out: &mut String) {
    out.clear();
    let mut space = true;
    for c in s.chars() {
        // ASCII (most of the text): no accent, one lowercase letter.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        fold_into(c, out, &mut space);
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// `fold` of one character beyond ASCII, appended to `out`.
fn fold_into(c: char, out: &mut String, space: &mut bool) {
    for c in c.to_lowercase() {
        if let Some(base) = base_of(c) {
            out.push_str(base);
            *space = false;
        } else if c.is_alphanumeric() {
            out.push(c);
            *space = false;
        } else if !*space {
            out.push(' ');
            *space = true;
        }
    }
}

/// Function words of French and English (folded), never content.
const STOPWORDS: &[&str] = &[
    // French
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle", "en",
    "entre", "est", "et", "etait", "il", "ils", "l", "la", "le", "les", "leur", "leurs", "lui", "mais", "ne",
    "ni", "on", "ont", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sous",
    "sur", "un", "une", "y", "ete", "avait", "sont", "plus", "selon", "apres", "avant", "depuis", "contre",
    "chez", "vers", "leurs", "tout", "tous", "toute", "toutes", "aussi", "deja", "ainsi", "dont", "meme",
    "n", "j", "m", "c", "t", // English
    "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "had", "has", "have", "he", "her",
    "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "them", "they", "this",
    "to", "was", "were", "will", "with", "after", "before", "since", "than", "who",
];

/// A set, not a scan of the list: the timeline asks for every word of
/// every event of the folder.
static STOPWORD_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| STOPWORDS.iter().copied().collect());

pub fn is_stopword(word: &str) -> bool {
    STOPWORD_SET.contains(word)
}

/// Folded words that only say when (weekdays, months, relative days): the
/// timeline compares dates separately, so they are not evidence of sameness.
const TIME_WORDS: &[&str] = &[
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "hier",
    "aujourd",
    "hui",
    "demain",
    "lendemain",
    "veille",
    "soir",
    "matin",
    "nuit",
    "journee",
    "jour",
    "semaine",
    "mois",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "yesterday",
    "today",
    "tomorrow",
    "day",
    "week",
    "month",
    "night",
    "morning",
    "evening",
];

static TIME_WORD_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| TIME_WORDS.iter().copied().collect());

pub fn is_time_word(word: &str) -> bool {
    TIME_WORD_SET.contains(word)
}

/// Truncation stemming: plural `s`/`x` dropped, then at most six letters.
/// Crude, but it makes "négociations"/"négocier", "rencontre"/"rencontré",
/// "hostilités"/"hostilité" meet, in French and English alike.
pub fn stem(word: &str) -> String {
    stem_of(word).to_string()
}

/// `stem` without a copy: a prefix of `word`.
pub fn stem_of(word: &str) -> &str {
    let w = if word.chars().nth(3).is_some() { word.trim_end_matches(['s', 'x']) } else { word };
    match w.char_indices().nth(6) {
        Some((end, _)) => &w[..end],
        None => w,
    }
}

/// The content stems of a text: folded, without function words, time words
/// or bare numbers, stemmed, sorted and deduplicated.
pub fn content_stems(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut stems: Vec<String> = content_words(&folded).map(str::to_string).collect();
    stems.sort();
    stems.dedup();
    stems
}

/// The stems of `content_stems` of a text already folded, in text order,
/// repeats kept.
pub fn content_words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(' ')
        .filter(|w| w.chars().nth(1).is_some())
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !is_stopword(w) && !is_time_word(w))
        .map(stem_of)
}

/// How many items two sorted, deduplicated slices share.
pub fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Ministère de la Défense d'Azerbaïdjan"), "ministere de la defense d azerbaidjan");
        assert_eq!(fold("  Haut-Karabakh ; Œuvre  "), "haut karabakh oeuvre");
        assert_eq!(fold("Bakı, Şuşa"), "baki susa");
    }

    #[test]
    fn content_stems_drop_function_and_time_words() {
        let s = content_stems("Reprise des hostilités le 27 septembre au Nagorny Karabakh");
        assert_eq!(s, vec!["hostil", "karaba", "nagorn", "repris"]);
        assert_eq!(content_stems("négociations"), content_stems("négocier"));
    }

    #[test]
    fn counts_shared_items_of_sorted_slices() {
        assert_eq!(shared(&[1, 3, 5, 7], &[2, 3, 4, 7, 9]), 2);
        assert_eq!(shared::<u8>(&[], &[1]), 0);
    }
}
