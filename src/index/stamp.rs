//! What vouches for a file without reading it: its size and modification
//! time against those the index read it at, dates as the index keeps them,
//! the index's generation of records. Shared by the scan, the catalog and
//! the check after a start.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::date::PartialDate;

/// How close to its reading a file's modification time makes it doubtful.
pub(super) const DOUBT: Duration = Duration::from_secs(2);

/// Whether a file's size and time now vouch for what the index read in it
/// (its size, time and reading time then).
pub(super) fn vouches((size, mtime, indexed_at): (i64, i64, i64), now: (i64, i64)) -> bool {
    (size, mtime) == now && indexed_at - mtime > DOUBT.as_nanos() as i64
}

/// A date as the index keeps it: YYYYMMDD, 00 for a part unknown.
pub(super) fn pack_date(d: PartialDate) -> i64 {
    i64::from(d.year) * 10_000 + i64::from(d.month.unwrap_or(0)) * 100 + i64::from(d.day.unwrap_or(0))
}

/// The date [`pack_date`] made, `None` for a number no date makes.
pub(super) fn unpack_date(v: i64) -> Option<PartialDate> {
    let year = i32::try_from(v / 10_000).ok()?;
    let (month, day) = ((v / 100 % 100) as u32, (v % 100) as u32);
    match (month, day) {
        (0, 0) => Some(PartialDate::year(year)),
        (m, 0) => PartialDate::month(year, m),
        (m, d) => PartialDate::day(year, m, d),
    }
}

/// The generation of the records: moved by each write of records.
pub(super) fn generation(conn: &rusqlite::Connection) -> Option<i64> {
    conn.query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| r.get::<_, String>(0))
        .ok()?
        .parse()
        .ok()
}

pub(super) fn mtime_ns(m: &std::fs::Metadata) -> i64 {
    m.modified().map(ns_since_epoch).unwrap_or(0)
}

pub(super) fn now_ns() -> i64 {
    ns_since_epoch(SystemTime::now())
}

pub(super) fn ns_since_epoch(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as i64).unwrap_or(0)
}
