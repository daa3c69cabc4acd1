//! Dates as dispatches know them: to the day, the month, the year, or not at all.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a date is really known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Year,
    Unknown,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Unknown => "unknown",
        }
    }

    /// Higher is more precise.
    pub fn rank(self) -> u8 {
        match self {
            Precision::Day => 3,
            Precision::Month => 2,
            Precision::Year => 1,
            Precision::Unknown => 0,
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A date known to the year, the month or the day; ISO form `2020`, `2020-10`,
/// `2020-10-21`. Orders a month before the days within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct DateParseError(pub String);

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate { year, month: Some(month), day: None })
    }

    pub fn day(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self::from)
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The full date when known to the day.
    pub fn naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// The first day this date can mean.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("a PartialDate is always valid")
    }

    /// The last day this date can mean.
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d).expect("valid"),
            (Some(m), None) => {
                let (y, m2) = if m == 12 { (self.year + 1, 1) } else { (self.year, m + 1) };
                NaiveDate::from_ymd_opt(y, m2, 1).expect("valid").pred_opt().expect("valid")
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31).expect("valid"),
        }
    }

    /// Drops what is more precise than `precision`.
    pub fn truncate(&self, precision: Precision) -> Self {
        match precision {
            Precision::Day => *self,
            Precision::Month => PartialDate { day: None, ..*self },
            _ => PartialDate::year(self.year),
        }
    }

    /// Whether `self` could be the same date as `other` (one contains the other).
    pub fn overlaps(&self, other: &PartialDate) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> Self {
        PartialDate { year: d.year(), month: Some(d.month()), day: Some(d.day()) }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(iso) = self.iso_in(&mut [0u8; 10]) {
            return f.write_str(iso);
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateParseError(s.to_string());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DateParseError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        match parts.as_slice() {
            [y] => Ok(PartialDate::year(num(y, 4)? as i32)),
            [y, m] => PartialDate::month(num(y, 4)? as i32, num(m, 2)?).ok_or_else(err),
            [y, m, d] => PartialDate::day(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?).ok_or_else(err),
            _ => Err(err()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Made in place, without the formatting machinery (a digest writes
        // dates by the hundred thousand): `Display`'s text.
        match self.iso_in(&mut [0u8; 10]) {
            Some(iso) => s.serialize_str(iso),
            None => s.collect_str(self),
        }
    }
}

impl PartialDate {
    /// The ISO form in `buf`, for a year of four digits and a month and
    /// day of at most two (every date of a dispatch); `None` otherwise,
    /// which `Display` writes the long way.
    fn iso_in(self, buf: &mut [u8; 10]) -> Option<&str> {
        let year = u32::try_from(self.year).ok().filter(|&y| y <= 9999)?;
        let digits = |n: u32| [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
        buf[..2].copy_from_slice(&digits(year / 100));
        buf[2..4].copy_from_slice(&digits(year));
        let mut len = 4;
        for part in [self.month, self.month.and(self.day)].into_iter().map_while(|p| p) {
            if part > 99 {
                return None;
            }
            buf[len] = b'-';
            buf[len + 1..len + 3].copy_from_slice(&digits(part));
            len += 3;
        }
        std::str::from_utf8(&buf[..len]).ok()
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A date as shown to a person, unknown parts as `??`: `2020-10-21`,
/// `2020-10-??`, `2020-??-??`, `????-??-??`. The one place for this format.
pub fn label(date: Option<PartialDate>) -> String {
    match date {
        None => "????-??-??".into(),
        Some(d) => match (d.month, d.day) {
            (Some(m), Some(day)) => format!("{:04}-{m:02}-{day:02}", d.year),
            (Some(m), None) => format!("{:04}-{m:02}-??", d.year),
            _ => format!("{:04}-??-??", d.year),
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_show_what_is_unknown() {
        let l = |s: &str| super::label(s.parse().ok());
        assert_eq!(l("2020-10-21"), "2020-10-21");
        assert_eq!(l("2020-10"), "2020-10-??");
        assert_eq!(l("2020"), "2020-??-??");
        assert_eq!(super::label(None), "????-??-??");
    }

    use super::*;

    #[test]
    fn parses_and_prints_each_precision() {
        for s in ["2020", "2020-10", "2020-10-21"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
        assert_eq!("2020-10".parse::<PartialDate>().unwrap().precision(), Precision::Month);
        assert!("2020-13".parse::<PartialDate>().is_err());
        assert!("2020-02-30".parse::<PartialDate>().is_err());
        assert!("20-1".parse::<PartialDate>().is_err());
    }

    #[test]
    fn a_date_prints_and_serializes_padded_at_any_year() {
        let d = |year, month, day| PartialDate { year, month, day };
        let cases = [
            (PartialDate::year(0), "0000"),
            (PartialDate::year(7), "0007"),
            (PartialDate::year(9999), "9999"),
            (PartialDate::year(10000), "10000"),
            (PartialDate::year(-44), "-044"),
            (d(1999, Some(1), None), "1999-01"),
            (d(305, Some(3), Some(9)), "0305-03-09"),
            (d(2021, Some(12), Some(31)), "2021-12-31"),
            (d(2020, Some(100), Some(1)), "2020-100-01"),
            (d(2020, Some(10), Some(123)), "2020-10-123"),
            (d(2020, None, Some(5)), "2020"),
        ];
        for (date, text) in cases {
            assert_eq!(date.to_string(), text, "{date:?}");
            assert_eq!(serde_json::to_string(&date).unwrap(), format!("\"{text}\""), "{date:?}");
        }
        let min = PartialDate::year(i32::MIN);
        assert_eq!(serde_json::to_string(&min).unwrap(), format!("\"{min}\""));
    }

    #[test]
    fn a_month_sorts_before_its_days_and_spans_them() {
        let m: PartialDate = "2020-10".parse().unwrap();
        let d: PartialDate = "2020-10-01".parse().unwrap();
        assert!(m < d);
        assert!(m.overlaps(&d));
        assert_eq!(m.last_day().to_string(), "2020-10-31");
        assert!(!d.overlaps(&"2020-11".parse().unwrap()));
    }
}
