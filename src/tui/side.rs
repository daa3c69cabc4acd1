//! The side pane's data: the running timeline as of the current dispatch and
//! the claims by source, from `crate::digest`, flattened into rows the view
//! draws and the selection moves over.

use std::collections::HashSet;

use crate::date::PartialDate;
use crate::digest::{ClaimRow, ClaimsDigest, Inputs, TimelineEntry};

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
    /// The year shown dates are of, written without it (`10-09`); a date
    /// of another year is written whole (`1994-??-??`, `2023-10-07`).
    pub year: Option<i32>,
    /// In a large folder, how many dispatches around the one shown the
    /// digests cover, and of how many (`None`: all of them).
    pub scope: Option<(usize, usize)>,
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

/// The selected row whole, wrapped to `width`, for the foot of the focused
/// pane: a pane of 24 columns cuts every claim. At most half the pane's
/// `inner` height, with a rule above; none when the pane is not focused
/// or too low to share.
pub fn detail_lines(
    data: &SideData,
    selected: Option<SideRow>,
    width: u16,
    inner: u16,
    focused: bool,
) -> Vec<String> {
    if !focused || inner < 8 {
        return Vec::new();
    }
    let Some(text) = selected.and_then(|r| data.detail(r)) else { return Vec::new() };
    let room = (inner / 2 - 1) as usize;
    let mut lines: Vec<String> =
        textwrap::wrap(&text, width.max(1) as usize).into_iter().map(|l| l.into_owned()).collect();
    if lines.len() > room {
        lines.truncate(room);
        if let Some(last) = lines.last_mut() {
            last.push_str(" …");
        }
    }
    lines
}

/// The rows shown above `detail` lines (and their rule) in `inner` lines.
pub fn list_height(inner: u16, detail: usize) -> u16 {
    if detail == 0 { inner } else { inner.saturating_sub(detail as u16 + 1) }
}

impl SideState {
    pub fn clamp(&mut self, data: Option<&SideData>) {
        let n = data.map_or(0, |d| d.rows(self).len());
        self.selected = self.selected.min(n.saturating_sub(1));
        if let Some(d) = data {
            self.series = self.series.min(d.series.len().saturating_sub(1));
        }
    }

    /// Scrolls so that the selected row is among the `height` shown.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

/// What the side pane is computed from. The application state gives it;
/// the pane knows nothing else of it.
pub trait SideSource {
    fn project(&self) -> &crate::project::Project;
    /// The suggestions kept for each article.
    fn kept(&self) -> &[crate::digest::Kept];
    fn claimants(&self) -> &crate::digest::Claimants;
    /// The article shown.
    fn current(&self) -> usize;
    /// The places whose dispatches the digests read.
    fn scope(&self) -> std::ops::Range<usize>;
    /// The annotations' revision (a cache key).
    fn revision(&self) -> u64;
}

impl SideData {
    /// Computes the digests for the article `app` shows.
    pub fn build(app: &impl SideSource) -> SideData {
        let (scope, n) = (app.scope(), app.project().articles.len());
        let inputs = Inputs::from_kept_in(app.project(), app.kept(), scope.clone());
        let mut data =
            SideData::from_inputs(inputs, app.project(), app.claimants(), app.current(), app.revision());
        data.scope = (scope.len() < n).then_some((scope.len(), n));
        data
    }

    /// Computes the digests for article `current` of `project`, with the
    /// suggestions kept for each article; `revision` is the annotations'.
    pub fn from_parts(
        project: &crate::project::Project,
        suggestions: &[crate::digest::Kept],
        claimants: &crate::digest::Claimants,
        current: usize,
        revision: u64,
    ) -> SideData {
        let inputs = Inputs::from_kept(project, suggestions);
        SideData::from_inputs(inputs, project, claimants, current, revision)
    }

    fn from_inputs(
        inputs: Inputs,
        project: &crate::project::Project,
        claimants: &crate::digest::Claimants,
        current: usize,
        revision: u64,
    ) -> SideData {
        let article = project.articles.get(current);
        let id = article.map(|a| a.id.as_str());
        let as_of = article.and_then(|a| a.meta.date);
        // An undated dispatch sees the whole timeline, nothing later.
        let timeline: Vec<TimelineItem> = match as_of {
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
        let claims = crate::digest::claims::distinct_claims(&inputs, claimants, as_of, id);
        // The chart shows every claim, not only those known on this date.
        let (series, charts) = crate::digest::claims::charts(&inputs, claimants).into_iter().unzip();
        let disputed = (claims.groups.iter())
            .map(|g| g.series.iter().any(|s| s.latest().iter().any(|c| c.disputed)))
            .collect();
        // the year most dates are of: the pane's as-of, else the commonest
        let year = as_of.map(|d| d.year).or_else(|| {
            let mut count: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
            for d in timeline.iter().filter_map(|t| t.entry.date) {
                *count.entry(d.year).or_default() += 1;
            }
            count.into_iter().max_by_key(|&(y, n)| (n, y)).map(|(y, _)| y)
        });
        SideData {
            article: current,
            revision,
            as_of,
            timeline,
            claims,
            series,
            charts,
            disputed,
            year,
            scope: None,
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

    /// A row in full, in words, for the detail lines: a claim with its
    /// claimant, party, scope, date, reporting outlet, denial and disputes;
    /// an event with its date and sources.
    pub fn detail(&self, row: SideRow) -> Option<String> {
        match row {
            SideRow::Event(i) => {
                let e = &self.timeline.get(i)?.entry;
                let n = e.sources.len();
                let sources = if n == 1 { "1 source".to_string() } else { format!("{n} sources") };
                Some(format!("{}: {} ({sources})", e.date_label(), e.summary))
            }
            SideRow::Group(g) => {
                let group = self.claims.groups.get(g)?;
                let n: usize = group.series.iter().map(|s| s.history.len()).sum();
                let figures = if n == 1 { "1 figure".to_string() } else { format!("{n} figures") };
                Some(format!("{} — {figures}", group.claimant))
            }
            SideRow::Claim(g, s, h) => self.claim(g, s, h).map(|(c, _)| claim_in_words(c)),
            SideRow::TimelineHeader | SideRow::ClaimsHeader => None,
        }
    }

    /// The chart's lines for series `i`.
    pub fn chart(&self, i: usize) -> &[ChartLine] {
        self.charts.get(i).map_or(&[], Vec::as_slice)
    }
}

/// "ministère arménien de la Défense: 200 killed, military, party Azerbaïdjan,
/// as of 2020-10-05; reported by TASS; denied by …; disputed by …".
pub fn claim_in_words(c: &ClaimRow) -> String {
    let mut what: Vec<String> = Vec::new();
    what.extend(c.what.map(|w| w.to_string()));
    what.extend(c.who.map(|w| w.to_string()));
    let party = match c.side {
        Some(p) if p.is_named() => format!("party {p}"),
        Some(p) if p == crate::annotation::Party::BOTH => "every party".to_string(),
        _ => "party unknown".to_string(),
    };
    let each = if c.scope == crate::annotation::Scope::Each { " (each)" } else { "" };
    let copies = if c.copies > 1 { format!(" ×{} dispatches", c.copies) } else { String::new() };
    let mut s = format!(
        "{}: {}{copies} {}, {party}{each}, as of {}",
        c.claimant,
        c.figure(),
        what.join(", "),
        crate::date::label(c.as_of)
    );
    if let Some(outlet) = &c.reported_by {
        s.push_str(&format!("; reported by {outlet}"));
    }
    if let Some(d) = &c.denied_by {
        s.push_str(&format!("; denied by {d}"));
    }
    if !c.disputed_with.is_empty() {
        s.push_str(&format!("; disputed by {}", c.disputed_with.join(", ")));
    }
    s
}

/// A series in words: "killed · civilians · Arménie".
pub fn series_label(key: &SeriesKey) -> String {
    let mut parts: Vec<&str> =
        [key.0.map(|w| w.as_str()), key.1.map(|w| w.as_str()), key.2.map(|s| s.as_str())]
            .into_iter()
            .map(|p| p.unwrap_or("?"))
            .collect();
    if key.3 == crate::annotation::Scope::Each {
        parts.push("each");
    }
    parts.join(" · ")
}
