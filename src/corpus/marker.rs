//! The date marker some collections put before the text:
//! ` date 2020-10 Les chefs…` inline, or `date 2020-10` alone on the first line.
//! The marker is metadata: it and the one space or newline after it are not
//! part of the text.

use crate::date::PartialDate;

/// Splits a leading ` date YYYY[-MM[-DD]]` marker from the text. Leading
/// spaces are optional; the marker must be followed by one space, a newline
/// or the end of the text, which goes with it. Anything else is text.
pub fn strip_marker(s: &str) -> (Option<PartialDate>, &str) {
    let t = s.trim_start_matches(' ');
    let Some(rest) = t.strip_prefix("date ") else { return (None, s) };
    let end = rest.find([' ', '\n']).unwrap_or(rest.len());
    let Ok(date) = rest[..end].parse::<PartialDate>() else { return (None, s) };
    let after = &rest[end..];
    let after = after.strip_prefix(' ').or_else(|| after.strip_prefix('\n')).unwrap_or(after);
    (Some(date), after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<PartialDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn inline_marker_with_leading_space() {
        assert_eq!(strip_marker(" date 2020-10 Les chefs"), (d("2020-10"), "Les chefs"));
    }

    #[test]
    fn marker_alone_on_its_line_takes_one_newline() {
        assert_eq!(strip_marker("date 2020-10-21\n\nMoscou"), (d("2020-10-21"), "\nMoscou"));
        assert_eq!(strip_marker("date 2020\nTexte"), (d("2020"), "Texte"));
    }

    #[test]
    fn only_one_space_goes_with_the_marker() {
        assert_eq!(strip_marker("date 2020-10  deux espaces"), (d("2020-10"), " deux espaces"));
    }

    #[test]
    fn marker_at_the_end_of_an_empty_dispatch() {
        assert_eq!(strip_marker(" date 2020-09"), (d("2020-09"), ""));
    }

    #[test]
    fn what_is_not_a_marker_stays_text() {
        for s in [
            "date 2020-13 mois impossible",
            "date 2020-10, virgule",
            "data 2020-10 x",
            "\tdate 2020-10 tabulation",
            "La date 2020-10 au milieu",
            "date\t2020-10 x",
        ] {
            assert_eq!(strip_marker(s), (None, s), "{s:?}");
        }
    }
}
