//! The day of a dispatch whose month alone is known (the collector's
//! ` date 2020-11` marker), from the text's own day words:
//!
//! - a weekday with its day, "samedi 14 novembre", "Sunday, Nov. 15": that
//!   day (the latest of them, when several fall in the month);
//! - a toll given "as of" a day of the month ("Au 21 juillet", "up until the
//!   seventh of July") and a weekday ("mardi"): the weekday in the week from
//!   that day on, since a count is published within days of its date;
//! - a weekday alone ("jeudi") only when exactly one day of the month has
//!   that weekday and is not before a day the text names in that month.
//!
//! Anything else leaves the month: precision stays what is really known.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use chrono::{Datelike, NaiveDate};

use super::month_number;

const WEEKDAYS: [(&str, u32); 14] = [
    ("lundi", 0),
    ("mardi", 1),
    ("mercredi", 2),
    ("jeudi", 3),
    ("vendredi", 4),
    ("samedi", 5),
    ("dimanche", 6),
    ("monday", 0),
    ("tuesday", 1),
    ("wednesday", 2),
    ("thursday", 3),
    ("friday", 4),
    ("saturday", 5),
    ("sunday", 6),
];

/// Month names as running text writes them ("juillet", "July", "Oct.").
const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
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
    "janv",
    "févr",
    "avr",
    "juil",
    "sept",
    "oct",
    "nov",
    "déc",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "dec",
];

/// Whether `word` is a month's name or abbreviation ("juillet", "Sep").
pub fn is_month(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(w) || m.to_lowercase() == w.to_lowercase())
}

/// English ordinals written out ("the seventh of July").
const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
    "twenty-second",
    "twenty-third",
    "twenty-fourth",
    "twenty-fifth",
    "twenty-sixth",
    "twenty-seventh",
    "twenty-eighth",
    "twenty-ninth",
    "thirtieth",
    "thirty-first",
];

/// Words before a day that make it the date a count stands at.
const AS_OF_BEFORE: &[&str] = &[
    "au ",
    "jusqu'au ",
    "jusqu’au ",
    "en date du ",
    "à la date du ",
    "as of ",
    "as at ",
    "until ",
    "up until ",
    "up to ",
    "through ",
];

/// Words that move a weekday out of the current week ("jeudi dernier").
const SHIFT_AFTER: &[&str] = &["dernier", "prochain", "précédent", "suivant"];
const SHIFT_BEFORE: &[&str] = &["last ", "next ", "previous ", "following "];

static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words = WEEKDAYS.iter().map(|w| w.0).chain(MONTHS.iter().copied());
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(words)
        .expect("the day words build an automaton")
});

/// What the text says about days, read once.
#[derive(Debug, Default)]
struct DayWords {
    /// Weekdays (0 = Monday) named without a day number or a shift.
    weekdays: Vec<u32>,
    /// (weekday, day, month if written) written together.
    pinned: Vec<(u32, u32, Option<u32>)>,
    /// (day, month, year if written) named without a weekday, and whether a
    /// count is given "as of" it.
    days: Vec<(u32, u32, Option<i32>, bool)>,
}

/// The day of `year`-`month` the text's day words settle on, if exactly one.
pub fn narrow(text: &str, year: i32, month: u32) -> Option<u32> {
    let words = read(text);
    let date = |d: u32| NaiveDate::from_ymd_opt(year, month, d);
    let weekday_of = |d: u32| date(d).map(|n| n.weekday().num_days_from_monday());

    let pinned = words
        .pinned
        .iter()
        .filter(|&&(w, d, m)| m.is_none_or(|m| m == month) && weekday_of(d) == Some(w))
        .map(|p| p.1)
        .max();
    if pinned.is_some() {
        return pinned;
    }
    if words.weekdays.is_empty() {
        return None;
    }
    let in_month: Vec<_> =
        words.days.iter().filter(|&&(_, m, y, _)| m == month && y.is_none_or(|y| y == year)).collect();
    let named = |d: u32| weekday_of(d).is_some_and(|w| words.weekdays.contains(&w));
    if let Some(anchor) = in_month.iter().filter(|x| x.3).map(|x| x.0).max() {
        return (anchor..anchor + 7).filter(|&d| named(d)).max();
    }
    let from = in_month.iter().map(|x| x.0).max().unwrap_or(1);
    let mut fits = (from..=31).filter(|&d| named(d));
    match (fits.next(), fits.next()) {
        (Some(d), None) => Some(d),
        _ => None,
    }
}

fn read(text: &str) -> DayWords {
    let mut out = DayWords::default();
    let lower_weekday = |s: &str| WEEKDAYS.iter().find(|w| w.0.eq_ignore_ascii_case(s)).map(|w| w.1);
    for m in WORDS.find_iter(text) {
        if !crate::corpus::outlets::is_word_at(text, m.start(), m.len()) {
            continue;
        }
        let word = &text[m.start()..m.end()];
        let after = &text[m.end()..];
        let before = &text[..m.start()];
        if let Some(w) = lower_weekday(word) {
            if let Some((day, month)) = day_after_weekday(after) {
                // "le vote prévu mardi 17 novembre" is no day of the news.
                if !announced(before) {
                    out.pinned.push((w, day, month));
                }
            } else if !shifted(before, after) {
                out.weekdays.push(w);
            }
            continue;
        }
        let Some(month) = month_number(word) else { continue };
        let (found, lead) = match day_before_month(before) {
            Some((day, start)) => (Some(day), &before[..start]),
            None => (number_at(after.trim_start_matches(['.', ' '])), before),
        };
        let Some(day) = found.filter(|d| (1..=31).contains(d)) else { continue };
        if announced(lead) {
            continue;
        }
        out.days.push((day, month, year_after(after), as_of(lead)));
    }
    out
}

/// "14 novembre", "le 14", "Nov. 14", "14" after a weekday: the day and the
/// month when written.
fn day_after_weekday(after: &str) -> Option<(u32, Option<u32>)> {
    let rest = after.trim_start_matches([',', ' ']);
    let rest = rest.strip_prefix("le ").unwrap_or(rest);
    let month_of = |w: &str| Some(w).filter(|w| is_month(w)).and_then(month_number);
    if let Some((len, day)) = leading_day(rest) {
        let next = first_word(rest[len..].trim_start());
        let month = next.and_then(month_of);
        if month.is_none() {
            // "samedi, 14 personnes ont été tuées": a count, not a day.
            let comma = after.trim_start().starts_with(',');
            let counted = next.is_some_and(|w| {
                w.starts_with(char::is_lowercase)
                    && !["au", "à", "et", "dans", "en", "matin", "soir"].contains(&w)
            });
            if comma || counted {
                return None;
            }
        }
        return Some((day, month));
    }
    // English: "Sunday, March 30" / "Sunday, Nov. 15".
    let word = first_word(rest)?;
    let month = month_of(word)?;
    let rest = rest[word.len()..].trim_start_matches(['.', ' ']);
    leading_day(rest).map(|(_, day)| (day, Some(month)))
}

/// Words just before a day that put it in the future of the dispatch.
const FUTURE_BEFORE: &[&str] = &[
    "prévu ",
    "prévue ",
    "prévus ",
    "prévues ",
    "aura lieu ",
    "auront lieu ",
    "doit ",
    "doivent ",
    "devrait ",
    "devraient ",
    "à partir d",
    "d'ici ",
    "d’ici ",
    "will ",
    "scheduled ",
    "expected ",
    "planned ",
    "due ",
    "from ",
    "starting ",
];

/// Whether the words before a day announce it ("prévu le", "scheduled
/// for"): a day to come is no day of the news.
fn announced(before: &str) -> bool {
    let tail = tail_chars(before, 32).to_lowercase();
    let tail = tail.trim_end();
    let tail = ["le", "la", "for", "on", "the", "ce", "this", "next", "dès", "to be held"]
        .iter()
        .find_map(|w| tail.strip_suffix(w).filter(|t| t.is_empty() || t.ends_with(' ')))
        .unwrap_or(tail);
    let tail = format!("{} ", tail.trim_end());
    FUTURE_BEFORE.iter().any(|w| tail.ends_with(w) || tail.contains(&format!(" {w}")))
}

/// Whether a weekday is qualified out of the current week.
fn shifted(before: &str, after: &str) -> bool {
    let next = first_word(after.trim_start()).unwrap_or("").to_lowercase();
    let tail = tail_chars(before, 12).to_lowercase();
    SHIFT_AFTER.contains(&next.as_str()) || SHIFT_BEFORE.iter().any(|w| tail.ends_with(w))
}

/// The day written just before a month name ("21 ", "1er ", "7th of ",
/// "seventh of "), and where its phrase starts in `before`.
fn day_before_month(before: &str) -> Option<(u32, usize)> {
    let b = before.trim_end_matches(' ');
    let b = b.strip_suffix(" of").or_else(|| b.strip_suffix(" de")).unwrap_or(b).trim_end();
    let start = b
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '(' || c == '\'' || c == '’')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let start = start + b[start..].find(|c: char| c.is_alphanumeric()).unwrap_or(0);
    let word = &b[start..];
    if let Some(i) = ORDINALS.iter().position(|o| o.eq_ignore_ascii_case(word)) {
        return Some((i as u32 + 1, start));
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let ok = ["", "er", "st", "nd", "rd", "th"].contains(&suffix) && (1..=2).contains(&digits.len());
    let day: u32 = digits.parse().ok().filter(|_| ok && digits.bytes().all(|b| b.is_ascii_digit()))?;
    Some((day, start))
}

/// A day number at the start of `s` ("30", "1er", "7th"), standing alone.
fn number_at(s: &str) -> Option<u32> {
    leading_day(s).map(|(_, d)| d)
}

/// (bytes, day) of a day number at the start of `s`.
fn leading_day(s: &str) -> Option<(usize, u32)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let day: u32 = s[..digits].parse().ok()?;
    let rest = &s[digits..];
    let suffix = ["er", "st", "nd", "rd", "th"].iter().find(|x| rest.starts_with(*x)).map_or(0, |x| x.len());
    let end = digits + suffix;
    // "14h30", "14.000", "14/10": not a day.
    let glued = s[end..].chars().next().is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | ':'));
    let decimal = s[end..].starts_with('.') && s[end + 1..].starts_with(|c: char| c.is_ascii_digit());
    ((1..=31).contains(&day) && !glued && !decimal).then_some((end, day))
}

/// A four-digit year right after a date: "21 juillet 2025", "July 7, 2025".
fn year_after(after: &str) -> Option<i32> {
    let rest = after.trim_start_matches(['.', ' ']);
    let rest = match leading_day(rest) {
        Some((len, _)) => &rest[len..],
        None => rest,
    };
    let rest = rest.trim_start_matches([',', ' ']);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits == 4).then(|| rest[..4].parse().ok()).flatten()
}

/// Whether the words before a date ("… 40 morts au ", "… as of the ") give
/// a count as of it.
fn as_of(lead: &str) -> bool {
    let tail = tail_chars(lead, 24).to_lowercase();
    let tail = tail.strip_suffix("the ").or_else(|| tail.strip_suffix("le ")).unwrap_or(&tail);
    AS_OF_BEFORE.iter().any(|w| {
        tail.ends_with(w) && {
            let at = tail.len() - w.len();
            at == 0 || !tail[..at].ends_with(|c: char| c.is_alphanumeric())
        }
    })
}

fn first_word(s: &str) -> Option<&str> {
    let end = s.find(|c: char| !c.is_alphanumeric() && c != 'é' && c != 'û').unwrap_or(s.len());
    (end > 0).then(|| &s[..end])
}

/// The last `n` characters of `s`.
fn tail_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weekday_with_its_day_is_that_day() {
        // 2020-11-14 is a Saturday.
        let t = "Des milliers de manifestants ont défilé samedi 14 novembre à Lyon.";
        assert_eq!(narrow(t, 2020, 11), Some(14));
        let t = "The ministry said on Sunday, Nov. 15 that two convoys had left.";
        assert_eq!(narrow(t, 2020, 11), Some(15));
        let t = "Le conseil s'est réuni ce lundi 16.";
        assert_eq!(narrow(t, 2020, 11), Some(16));
    }

    #[test]
    fn a_count_after_a_weekday_is_no_day() {
        // 2021-03-13 is a Saturday.
        assert_eq!(narrow("Samedi, 13 personnes ont été blessées.", 2021, 3), None);
        assert_eq!(narrow("Samedi 13 personnes ont été blessées.", 2021, 3), None);
        assert_eq!(narrow("Le cortège de samedi 13 au soir.", 2021, 3), Some(13));
        // A month written with the day must be a month: "avec" is no April.
        assert_eq!(day_after_weekday(" 13 avec eux"), None);
        assert_eq!(day_after_weekday(" 13 mars"), Some((13, Some(3))));
    }

    #[test]
    fn a_weekday_that_does_not_fit_its_day_is_ignored() {
        // 2020-11-14 is no Friday.
        assert_eq!(narrow("Le cortège de vendredi 14 novembre.", 2020, 11), None);
    }

    #[test]
    fn a_weekday_alone_narrows_nothing() {
        assert_eq!(narrow("Le ministre a parlé jeudi à la radio.", 2020, 11), None);
        assert_eq!(narrow("Talks resumed on Monday in Geneva.", 2020, 11), None);
    }

    #[test]
    fn a_count_as_of_a_day_and_a_weekday_give_the_weekday_after_it() {
        // 2021-03-12 is a Friday; the count stands at 9 March.
        let t = "L'agence a publié vendredi un bilan de 40 morts au 9 mars.";
        assert_eq!(narrow(t, 2021, 3), Some(12));
        let t = "The agency said on Tuesday it had counted 300 deaths up until the ninth of March.";
        assert_eq!(narrow(t, 2021, 3), Some(9));
        let t = "On Thursday the office reported 52 dead as of March 9.";
        assert_eq!(narrow(t, 2021, 3), Some(11));
    }

    #[test]
    fn a_weekday_after_a_late_day_of_the_month_can_be_the_only_one() {
        // The 26 March 2021 is the only Friday on or after the 24th.
        let t = "Les pourparlers ouverts le 24 mars ont été suspendus vendredi.";
        assert_eq!(narrow(t, 2021, 3), Some(26));
        // Early in the month, four Fridays fit.
        let t = "Les pourparlers ouverts le 2 mars ont été suspendus vendredi.";
        assert_eq!(narrow(t, 2021, 3), None);
    }

    #[test]
    fn days_of_other_months_and_shifted_weekdays_do_not_count() {
        let t = "Depuis le 24 février, et jeudi dernier encore, les combats continuent.";
        assert_eq!(narrow(t, 2021, 3), None);
        let t = "The strike of 28 February was condemned last Friday.";
        assert_eq!(narrow(t, 2021, 3), None);
    }

    #[test]
    fn days_to_come_do_not_date_the_news() {
        // 2021-03-23 is a Tuesday: a vote announced for then.
        let t = "Le parlement a fixé jeudi le vote, prévu mardi 23 mars.";
        assert_eq!(narrow(t, 2021, 3), None);
        let t = "The talks, scheduled for March 29, were discussed on Friday.";
        assert_eq!(narrow(t, 2021, 3), None, "four Fridays fit without the 29th");
    }

    #[test]
    fn numbers_that_are_not_days_are_skipped() {
        assert_eq!(leading_day("14h30"), None);
        assert_eq!(leading_day("14.000 morts"), None);
        assert_eq!(leading_day("1er mars"), Some((3, 1)));
        assert_eq!(day_before_month("le 7th of "), Some((7, 3)));
        assert_eq!(day_before_month("up until the twenty-first of "), Some((21, 13)));
    }
}
