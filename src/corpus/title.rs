//! The title of a dispatch: its headline where it has one (a short first
//! line without a final period, possibly glued in web furniture), else its
//! first sentence, shortened on a word boundary.

use super::boilerplate::{self, is_editorial_note};
use super::infer::{self, HEAD_BYTES};

/// A title made of a sentence is cut to this many characters.
pub const MAX_TITLE_CHARS: usize = 90;
/// A line longer than this is a paragraph, not a headline.
const MAX_HEADLINE_CHARS: usize = 160;
/// Hard-wrapped lines are shorter than this; a longer line ends its paragraph.
const WRAP_WIDTH: usize = 100;
/// How much text after the start of the body the first sentence is looked for in.
const SENTENCE_BYTES: usize = 4 * 1024;

pub fn title(text: &str) -> String {
    title_with(text, infer::find_dateline(text).as_ref(), &infer::find_stamps(text))
}

/// [`title`] given the dateline and stamps of `text`.
pub fn title_with(text: &str, dateline: Option<&infer::Dateline>, stamps: &[infer::Stamp]) -> String {
    let head = infer::head(text, HEAD_BYTES);
    let lines = nonblank_lines(head);
    for (i, &(start, end)) in lines.iter().enumerate() {
        if let Some(d) = dateline.filter(|d| d.start < end && d.end > start) {
            return sentence_title(&text[d.end..]);
        }
        let line = &head[start..end];
        if is_editorial_note(line) || infer::is_byline(line) || boilerplate::is_boilerplate_line(line) {
            continue;
        }
        let unstamped = remove_ranges(line, start, stamps.iter().map(|s| (s.start, s.end)));
        let cleaned = boilerplate::strip(&unstamped);
        // "NOUVELLES", "World": a section's name alone on its line is no title
        let section = cleaned.split_whitespace().count() == 1 && i + 1 < lines.len();
        if cleaned.chars().filter(|c| c.is_alphanumeric()).count() < 2 || section {
            continue;
        }
        let next = lines.get(i + 1).map(|&(s, e)| &head[s..e]);
        if is_headline(&cleaned) && !continues(next) {
            return cleaned;
        }
        let body = format!("{cleaned}\n{}", infer::head(&text[end..], SENTENCE_BYTES));
        return sentence_title(&body);
    }
    sentence_title(text)
}

/// Byte ranges of the non-blank lines of `s`.
fn nonblank_lines(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in s.split_inclusive('\n') {
        let end = start + line.trim_end_matches('\n').len();
        if !s[start..end].trim().is_empty() {
            out.push((start, end));
        }
        start += line.len();
    }
    out
}

/// `line` (which starts at `offset` in the text) without the given ranges.
fn remove_ranges(line: &str, offset: usize, ranges: impl Iterator<Item = (usize, usize)>) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (s, e) in ranges {
        let (s, e) = (s.saturating_sub(offset), e.saturating_sub(offset).min(line.len()));
        if s >= line.len() || e <= at || s < at {
            continue;
        }
        out.push_str(&line[at..s]);
        out.push(' ');
        at = e;
    }
    out.push_str(&line[at..]);
    out
}

fn is_headline(line: &str) -> bool {
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    let starts_well =
        line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || "«\"“'".contains(c));
    (12..=MAX_HEADLINE_CHARS).contains(&chars)
        && words >= 3
        && starts_well
        && !line.trim_end().ends_with(['.', ',', ';', ':'])
}

/// Whether the next line carries on this one's sentence (hard wrapping).
fn continues(next: Option<&str>) -> bool {
    next.and_then(|l| l.trim_start().chars().next()).is_some_and(|c| c.is_lowercase())
}

/// The first sentence of `body`, made a title.
fn sentence_title(body: &str) -> String {
    shorten(&first_sentence(&first_paragraph(infer::head(body, SENTENCE_BYTES))))
}

/// The first paragraph, its hard-wrapped lines joined: a paragraph ends after
/// a line ending a sentence or a line too long to be wrapped.
fn first_paragraph(s: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if is_editorial_note(line) || boilerplate::is_boilerplate_line(line) {
            if words.is_empty() {
                continue;
            }
            break;
        }
        words.extend(line.split_whitespace());
        let ends_sentence = line.trim_end_matches(['»', '"', '”', ')', ' ']).ends_with(['.', '!', '?', '…']);
        if ends_sentence || line.chars().count() > WRAP_WIDTH {
            break;
        }
    }
    words.join(" ")
}

const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mgr", "Dr", "Pr", "St", "Ste", "etc", "cf", "p", "No", "n°", "Mr",
    "Mrs", "Ms", "Jr", "Sr", "Gen", "Lt", "Col", "Sgt", "Prof", "Gov", "Sen", "Rep", "U.S", "U.N", "av",
    "J.-C",
];

/// Up to the first end of sentence: `.`, `!`, `?` or `…` followed by a space
/// and a capital (or a quote), not after an abbreviation or an initial.
fn first_sentence(p: &str) -> String {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    for (k, &(b, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let next = chars.get(k + 1).map(|x| x.1);
        let after = chars.get(k + 2).map(|x| x.1);
        let ends = match (next, after) {
            (None, _) => true,
            (Some(' '), Some(a)) => a.is_uppercase() || "«\"“—–-".contains(a),
            _ => false,
        };
        if !ends {
            continue;
        }
        let word = p[..b].rsplit(' ').next().unwrap_or("");
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if c == '.' && (initial || ABBREVIATIONS.contains(&word)) {
            continue;
        }
        return p[..b + c.len_utf8()].to_string();
    }
    p.to_string()
}

/// A sentence made a title: without its final period, cut on a word boundary
/// with "…" when too long.
pub fn shorten(sentence: &str) -> String {
    let s = sentence.trim();
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.chars().count() <= MAX_TITLE_CHARS {
        return s.to_string();
    }
    let cut = s.char_indices().nth(MAX_TITLE_CHARS - 1).map(|(b, _)| b).unwrap_or(s.len());
    let kept = match s[..cut].rfind(' ') {
        Some(space) if space > cut / 2 => &s[..space],
        _ => &s[..cut],
    };
    format!("{}…", kept.trim_end_matches([',', ';', ':', ' ', '-', '–', '(']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_first_line_is_the_headline() {
        let t = "Haut-Karabakh : Arméniens et Azerbaïdjanais se retrouvent à Moscou\n\nPar euronews avec AFP\n\nPeut-être un espoir.";
        assert_eq!(title(t), "Haut-Karabakh : Arméniens et Azerbaïdjanais se retrouvent à Moscou");
    }

    #[test]
    fn a_section_name_and_a_stamp_line_are_no_title() {
        let t = "MONDE\n14/03/2016 09:12 CET | Actualisé 14/05/2016 18:40 CEST\n\nUn attentat fait six morts à Homs\n\nUn attentat a fait six morts.";
        assert_eq!(title(t), "Un attentat fait six morts à Homs");
    }

    #[test]
    fn a_headline_glued_in_web_furniture_and_a_stamp() {
        let t = "Connectez-vous pour conserver cet article et le lire plus tard. Connexion membre Connexion client Haut-Karabakh-Les Etats-Unis tentent à leur tour une médiation Reuters • 23/10/2020 à 10:50\n\n\n\nBAKOU/EREVAN, 23 octobre (Reuters) - Les Etats-Unis tentent vendredi.";
        assert_eq!(title(t), "Haut-Karabakh-Les Etats-Unis tentent à leur tour une médiation");
    }

    #[test]
    fn notes_are_skipped_and_the_dateline_starts_the_sentence_of_wrapped_lines() {
        let t = "ATTENTION - ajoute communiqué ///\n\nMoscou, 21 oct 2020 (AFP) - Le ministre russe a\n\nreçu séparément à Moscou ses homologues, a annoncé M. Lavrov.\n\nSuite.";
        assert_eq!(
            title(t),
            "Le ministre russe a reçu séparément à Moscou ses homologues, a annoncé M. Lavrov"
        );
    }

    #[test]
    fn a_long_first_line_is_a_sentence_shortened_on_a_word() {
        let t = "Alors que le bilan des affrontements entre l'Azerbaïdjan et l'Arménie au Haut-Karabagh risque d'être lourd, le Kremlin appelle à la fin immédiate des hostilités dans la région\nLa situation";
        let got = title(t);
        assert!(got.ends_with('…'), "{got}");
        assert!(got.chars().count() <= MAX_TITLE_CHARS, "{got}");
        assert!(t.starts_with(got.trim_end_matches('…')), "{got}");
        assert_eq!(
            got,
            "Alors que le bilan des affrontements entre l'Azerbaïdjan et l'Arménie au Haut-Karabagh…"
        );
    }

    #[test]
    fn english_headline_and_sentence() {
        assert_eq!(
            title("U.S. tries its hand at Karabakh mediation\n\nBy Jane Doe (AP)\n\nWASHINGTON (AP) — Text."),
            "U.S. tries its hand at Karabakh mediation"
        );
        assert_eq!(
            title("MOSCOW, Oct 21 (Reuters) - Russia's Lavrov met Mr. Bayramov. Then more."),
            "Russia's Lavrov met Mr. Bayramov"
        );
    }

    #[test]
    fn a_wrapped_first_line_is_no_headline() {
        let t = "Les chefs des diplomaties arménienne et azerbaïdjanaise\nétaient attendus vendredi à Moscou. Suite.";
        assert_eq!(
            title(t),
            "Les chefs des diplomaties arménienne et azerbaïdjanaise étaient attendus vendredi à Moscou"
        );
    }

    #[test]
    fn empty_and_blank_texts_have_an_empty_title() {
        assert_eq!(title(""), "");
        assert_eq!(title("\n\n  \n"), "");
    }
}
