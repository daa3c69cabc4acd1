//! The side pane's data: the running timeline as of the current dispatch and
//! the claims by source, from `crate::digest`, flattened into rows the view
//! draws and the selection moves over.

use std::collections::HashSet;

use crate::date::PartialDate;
use crate::digest::{ClaimRow, ClaimsDigest, Inputs, TimelineEntry};

use super::app::App;

/// One timeline entry, and whether it was only known after the current
/// dispatch's date.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineItem {
    pub entry: TimelineEntry,
    pub later: bool,
}

/// What the side pane shows for one article at one annotation revision.
#[derive(Debug, Clone, PartialEq)]
pub struct SideData {
    pub article: usize,
    pub revision: u64,
    pub as_of: Option<PartialDate>,
    pub timeline: Vec<TimelineItem>,
    /// The claims as known on the current dispatch's date.
    pub claims: ClaimsDigest,
    /// The series a chart can show: (what, who, side), most claimed first.
    pub series: Vec<SeriesKey>,
    /// Per series, the chart's lines over every claim (not only those known
    /// on the current date): per claimant, (day number, count).
    pub charts: Vec<Vec<ChartLine>>,
    /// Per group of `claims`: whether a latest figure is disputed (asked
    /// by every frame; a group may hold thousands of figures).
    pub disputed: Vec<bool>,
}

pub use crate::digest::claims::{ChartLine, SeriesKey};

/// A line of the side pane that the selection can stand on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideRow {
    TimelineHeader,
    Event(usize),
    ClaimsHeader,
    /// A claimant: Enter expands its history.
    Group(usize),
    /// Figure `h` of series `s` of group `g`: the latest ones always, the
    /// older ones when the group is expanded.
    Claim(usize, usize, usize),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SideState {
    pub selected: usize,
    pub offset: usize,
    /// Claimants whose history is shown.
    pub expanded: HashSet<String>,
    /// Whether timeline entries known only later are shown (dimmed).
    pub show_later: bool,
    /// The series of the chart (index into `SideData::series`).
    pub series: usize,
}

impl SideState {
    pub fn clamp(&mut self, data: Option<&SideData>) {
        let n = data.map_or(0, |d| d.rows(self).len());
        self.selected = self.selected.min(n.saturating_sub(1));
        if let Some(d) = data {
            self.series = self.series.min(d.series.len().saturating_sub(1));
        }
    }
}

impl SideData {
    /// Computes the digests for the current article of `app`.
    pub fn build(app: &App) -> SideData {
        let project = &app.project;
        let inputs = Inputs::from_kept(project, &app.suggestions);
        let article = project.articles.get(app.current);
        let id = article.map(|a| a.id.as_str());
        let as_of = article.and_then(|a| a.meta.date);
        // An undated dispatch sees the whole timeline, nothing later.
        let timeline = match as_of {
            Some(d) => {
                let (known, all) = crate::digest::timeline::timelines(&inputs, d, id);
                let known: HashSet<(&str, Option<PartialDate>)> =
                    known.iter().map(|k| (k.summary.as_str(), k.date)).collect();
                let later = |e: &TimelineEntry| !known.contains(&(e.summary.as_str(), e.date));
                all.into_iter().map(|entry| TimelineItem { later: later(&entry), entry }).collect()
            }
            None => crate::digest::timeline(&inputs, None, id)
                .into_iter()
                .map(|entry| TimelineItem { entry, later: false })
                .collect(),
        };
        let claims = crate::digest::claims::distinct_claims(&inputs, &app.claimants, as_of, id);
        // The chart shows every claim, not only those known on this date.
        let (series, charts) = crate::digest::claims::charts(&inputs, &app.claimants).into_iter().unzip();
        let disputed = (claims.groups.iter())
            .map(|g| g.series.iter().any(|s| s.latest().iter().any(|c| c.disputed)))
            .collect();
        SideData {
            article: app.current,
            revision: app.revision,
            as_of,
            timeline,
            claims,
            series,
            charts,
            disputed,
        }
    }

    /// The rows shown, given what is expanded and whether later entries show.
    pub fn rows(&self, state: &SideState) -> Vec<SideRow> {
        let mut rows = vec![SideRow::TimelineHeader];
        rows.extend(
            self.timeline
                .iter()
                .enumerate()
                .filter(|(_, t)| state.show_later || !t.later)
                .map(|(i, _)| SideRow::Event(i)),
        );
        rows.push(SideRow::ClaimsHeader);
        for (g, group) in self.claims.groups.iter().enumerate() {
            rows.push(SideRow::Group(g));
            let open = state.expanded.contains(&group.claimant);
            for (s, series) in group.series.iter().enumerate() {
                let from = if open { 0 } else { series.history.len() - series.latest().len() };
                rows.extend((from..series.history.len()).map(|h| SideRow::Claim(g, s, h)));
            }
        }
        rows
    }

    /// A claim, and whether a later figure of its series superseded it.
    pub fn claim(&self, g: usize, s: usize, h: usize) -> Option<(&ClaimRow, bool)> {
        let series = self.claims.groups.get(g)?.series.get(s)?;
        let old = h < series.history.len() - series.latest().len();
        series.history.get(h).map(|c| (c, old))
    }

    /// Where Enter on a row leads: (article id, start, end).
    pub fn passage(&self, row: SideRow) -> Option<(&str, usize, usize)> {
        match row {
            SideRow::Event(i) => {
                let entry = &self.timeline.get(i)?.entry;
                let src = entry.sources.first()?;
                Some((src.article.as_str(), src.start, src.end))
            }
            SideRow::Claim(g, s, h) => self.claim(g, s, h).map(|(c, _)| (&*c.article, c.start, c.end)),
            _ => None,
        }
    }

    /// The chart's lines for series `i`.
    pub fn chart(&self, i: usize) -> &[ChartLine] {
        self.charts.get(i).map_or(&[], Vec::as_slice)
    }
}

/// A series in words: "killed · civilians · armenian".
pub fn series_label(key: &SeriesKey) -> String {
    let parts: Vec<&str> = [key.0.map(|w| w.as_str()), key.1.map(|w| w.as_str()), key.2.map(|s| s.as_str())]
        .into_iter()
        .map(|p| p.unwrap_or("?"))
        .collect();
    parts.join(" · ")
}
