//! What a file's name says of its dispatch: collections name files
//! `2020-10-30_reuters_slug.txt` (date, outlet, words of the headline) or
//! `ID_outlet_slug.txt`. The date is a segment that reads as one; the outlet
//! is a segment before the slug whose words name a known outlet
//! (`afp-armenews` names AFP first).

use crate::corpus::outlets;
use crate::date::PartialDate;

/// The date and the outlet a file name gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FromName {
    pub date: Option<PartialDate>,
    pub outlet: Option<&'static str>,
}

pub fn read(stem: &str) -> FromName {
    let segments: Vec<&str> = stem.split('_').filter(|s| !s.is_empty()).collect();
    let date = segments.iter().find_map(|s| date_of(s));
    // The last segment is the slug (words of the headline) when there are
    // three or more; with two, the second names an outlet only as a whole
    // ("2020-10-30_rt-france", not "2020-10-30_un-journaliste-de-reuters").
    let outlet = match segments.len() {
        0 | 1 => None,
        2 => outlets::from_slug(segments[1]),
        n => segments[..n - 1]
            .iter()
            .filter(|s| date_of(s).is_none())
            .find_map(|s| outlets::from_slug(s).or_else(|| s.split('-').find_map(outlets::from_slug))),
    };
    FromName { date, outlet }
}

/// `2020-10-30`, `20201030`, `2020-10`, also after a prefix
/// (`copie-2020-10-30`): a date; anything else is not.
fn date_of(segment: &str) -> Option<PartialDate> {
    let starts = std::iter::once(0).chain(segment.match_indices('-').map(|(i, _)| i + 1));
    starts.filter_map(|i| whole_date(&segment[i..])).next()
}

/// A segment that is a date and nothing else.
fn whole_date(segment: &str) -> Option<PartialDate> {
    let b = segment.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let n = |r: std::ops::Range<usize>| segment[r].parse::<u32>().ok();
    let date = match b.len() {
        10 if digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10) => {
            PartialDate::day(n(0..4)? as i32, n(5..7)?, n(8..10)?)
        }
        8 if digits(0..8) => PartialDate::day(n(0..4)? as i32, n(4..6)?, n(6..8)?),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => PartialDate::month(n(0..4)? as i32, n(5..7)?),
        _ => None,
    }?;
    // A plausible year for a dispatch, not a serial number.
    (1900..=2100).contains(&date.year).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<PartialDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn a_dated_name_gives_its_day_and_outlet() {
        let f = read("2021-03-05_reuters_talks-stall-in-geneva");
        assert_eq!((f.date, f.outlet), (d("2021-03-05"), Some("Reuters")));
        let f = read("20210305_lemonde_la-treve-rompue");
        assert_eq!((f.date, f.outlet), (d("2021-03-05"), Some("Le Monde")));
        assert_eq!(read("2021-03_afp_bilan").date, d("2021-03"));
        assert_eq!(read("copie-2021-03-05_afp_bilan").date, d("2021-03-05"));
    }

    #[test]
    fn an_id_and_an_outlet_give_the_outlet_only() {
        let f = read("K17_afp-lorientlejour_trois-morts");
        assert_eq!((f.date, f.outlet), (None, Some("AFP")));
        assert_eq!(read("K18_lorientlejour_trois-morts").outlet, Some("L'Orient-Le Jour"));
    }

    #[test]
    fn the_slug_and_unknown_words_name_no_outlet() {
        assert_eq!(read("2021-03-05_un-journaliste-de-reuters").outlet, None);
        assert_eq!(read("notes_de_voyage").outlet, None);
        assert_eq!(read("article"), FromName::default());
        assert_eq!(read("12345678_x_y").date, None, "no month 56");
    }
}
