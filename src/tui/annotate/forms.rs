//! The small forms of annotate mode: a claim's fields, an event's, an
//! entity's canonical name, a tag, and the dispatch's metadata. A form is a
//! widget with state: `handle_key` -> [`FormOutcome`], `render` into a buffer.
//! Tab / Shift-Tab move between fields, Enter saves when every field is
//! valid (else the first invalid one takes the focus and says why), Esc
//! cancels and changes nothing. Text fields are ratatui-textarea lines.

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use ratatui_textarea::TextArea;

use crate::annotation::{Attrs, MetaOverride, Party, Qualifier, Scope, What, Who};
use crate::corpus::{ArticleMeta, Lang};
use crate::date::{PartialDate, Precision};
use crate::tui::keymap::Key;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    /// The key was used; the form stays open.
    Pending,
    Cancelled,
    /// Every field is valid: read the values and close.
    Submitted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Claim,
    Figure,
    Event,
    Entity,
    Tag,
    Meta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Free,
    Required,
    Count,
    Date,
    RequiredDate,
}

#[derive(Debug)]
enum Input {
    Text {
        area: Box<TextArea<'static>>,
        check: Check,
        completions: Vec<String>,
        picked: Option<usize>,
    },
    /// One of `options`; "" means not set.
    Choice {
        options: Vec<&'static str>,
        selected: usize,
    },
}

#[derive(Debug)]
struct Field {
    name: &'static str,
    label: &'static str,
    input: Input,
    error: Option<String>,
}

#[derive(Debug)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    fields: Vec<Field>,
    focus: usize,
}

fn text_area(value: &str) -> Box<TextArea<'static>> {
    let mut t = Box::new(TextArea::new(vec![value.to_string()]));
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t.set_cursor_line_style(Style::default());
    t
}

fn text(name: &'static str, label: &'static str, value: &str, check: Check) -> Field {
    Field {
        name,
        label,
        input: Input::Text { area: text_area(value), check, completions: Vec::new(), picked: None },
        error: None,
    }
}

fn choice(name: &'static str, label: &'static str, options: Vec<&'static str>, value: Option<&str>) -> Field {
    let selected = value.and_then(|v| options.iter().position(|o| *o == v)).unwrap_or(0);
    Field { name, label, input: Input::Choice { options, selected }, error: None }
}

fn with_none(values: impl IntoIterator<Item = &'static str>) -> Vec<&'static str> {
    std::iter::once("").chain(values).collect()
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

/// "5 000", "5.000", "5,000" and "5000" are 5000.
pub fn parse_count(s: &str) -> Result<Option<u64>, String> {
    let digits: String =
        s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | ',' | '_')).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    digits
        .parse::<u64>()
        .map(Some)
        .map_err(|_| format!("'{}' is not a whole number (like 400 or 5 000)", s.trim()))
}

fn parse_date(s: &str) -> Result<Option<PartialDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<PartialDate>().map(Some).map_err(|e| e.to_string())
}

impl Check {
    fn validate(self, s: &str) -> Result<(), String> {
        match self {
            Check::Free => Ok(()),
            Check::Required if s.trim().is_empty() => Err("required".into()),
            Check::Required => Ok(()),
            Check::Count => parse_count(s).map(|_| ()),
            Check::Date => parse_date(s).map(|_| ()),
            Check::RequiredDate => match parse_date(s)? {
                None => Err("required: YYYY, YYYY-MM or YYYY-MM-DD".into()),
                Some(_) => Ok(()),
            },
        }
    }
}

pub use crate::annotation::edit::session::Known;

impl Form {
    /// A claim's fields, prefilled from `attrs` (a suggestion's or the
    /// annotation's); the claimants and parties `known` in the corpus
    /// complete the claimant, party and denied-by fields.
    pub fn claim(attrs: &Attrs, known: Known, as_of_default: Option<PartialDate>) -> Form {
        let completed = |name, label, value: &str, check, with: &Vec<String>| {
            let mut field = text(name, label, value, check);
            if let Input::Text { completions, .. } = &mut field.input {
                *completions = with.clone();
            }
            field
        };
        let claimant = completed(
            "claimant",
            "claimant",
            attrs.claimant.as_deref().unwrap_or(""),
            Check::Required,
            &known.claimants,
        );
        let party =
            completed("side", "party", attrs.side.map_or("", |p| p.as_str()), Check::Free, &known.parties);
        let denied_by = completed(
            "denied_by",
            "denied by",
            attrs.denied_by.as_deref().unwrap_or(""),
            Check::Free,
            &known.claimants,
        );
        let fields = vec![
            claimant,
            text("count_low", "count from", &opt(&attrs.count_low), Check::Count),
            text("count_high", "count to", &opt(&attrs.count_high), Check::Count),
            choice(
                "qualifier",
                "qualifier",
                with_none(Qualifier::ALL.iter().map(|q| q.as_str())),
                attrs.qualifier.map(|q| q.as_str()),
            ),
            choice(
                "what",
                "what",
                with_none(What::ALL.iter().map(|q| q.as_str())),
                attrs.what.map(|q| q.as_str()),
            ),
            choice(
                "who",
                "who",
                with_none(Who::ALL.iter().map(|q| q.as_str())),
                attrs.who.map(|q| q.as_str()),
            ),
            party,
            choice(
                "scope",
                "scope",
                with_none(Scope::ALL.iter().map(|q| q.as_str())),
                attrs.scope.map(|q| q.as_str()),
            ),
            text("as_of", "as of", &opt(&attrs.as_of.or(as_of_default)), Check::Date),
            denied_by,
        ];
        Form { kind: FormKind::Claim, title: "Claim".into(), fields, focus: 0 }
    }

    pub fn event(attrs: &Attrs, date_default: Option<PartialDate>) -> Form {
        let date = attrs.date.or(date_default);
        let precision = attrs.precision.or(date.map(|d| d.precision())).map(|p| p.as_str());
        let fields = vec![
            text("date", "date", &opt(&date), Check::RequiredDate),
            choice("precision", "precision", vec!["day", "month", "year"], precision),
            text("summary", "summary", attrs.summary.as_deref().unwrap_or(""), Check::Required),
        ];
        Form { kind: FormKind::Event, title: "Event".into(), fields, focus: 0 }
    }

    /// A figure's value: the count (or its range) and its qualifier.
    pub fn figure(attrs: &Attrs) -> Form {
        let fields = vec![
            text("count_low", "count from", &opt(&attrs.count_low), Check::Count),
            text("count_high", "count to", &opt(&attrs.count_high), Check::Count),
            choice(
                "qualifier",
                "qualifier",
                with_none(Qualifier::ALL.iter().map(|q| q.as_str())),
                attrs.qualifier.map(|q| q.as_str()),
            ),
        ];
        Form { kind: FormKind::Figure, title: "Figure".into(), fields, focus: 0 }
    }

    pub fn entity(attrs: &Attrs) -> Form {
        let fields =
            vec![text("canonical", "canonical", attrs.canonical.as_deref().unwrap_or(""), Check::Free)];
        Form { kind: FormKind::Entity, title: "Entity".into(), fields, focus: 0 }
    }

    pub fn tag(attrs: &Attrs) -> Form {
        let fields = vec![text("tag", "tag", attrs.tag.as_deref().unwrap_or(""), Check::Free)];
        Form {
            kind: FormKind::Tag, title: "Tag (boilerplate, quote, correction…)".into(), fields, focus: 0
        }
    }

    /// The dispatch's metadata: the override if set, else what is shown.
    pub fn meta(over: &MetaOverride, shown: &ArticleMeta) -> Form {
        let date = over.date.or(shown.date);
        let precision = over.precision.or(date.map(|d| d.precision())).map(|p| p.as_str());
        let lang = over.lang.unwrap_or(shown.lang).as_str();
        let fields = vec![
            text("date", "date", &opt(&date), Check::Date),
            choice(
                "precision",
                "precision",
                vec!["day", "month", "year", "unknown"],
                precision.or(Some("unknown")),
            ),
            text(
                "outlet",
                "outlet",
                over.outlet.as_deref().or(shown.outlet.as_deref()).unwrap_or(""),
                Check::Free,
            ),
            text("title", "title", over.title.as_deref().unwrap_or(&shown.title), Check::Free),
            choice("lang", "language", vec!["fr", "en"], Some(lang)),
        ];
        Form { kind: FormKind::Meta, title: "Dispatch metadata".into(), fields, focus: 0 }
    }

    /// The value of field `name` as typed or chosen ("" when unset).
    pub fn value(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| match &f.input {
                Input::Text { area, .. } => area.lines().join(" ").trim().to_string(),
                Input::Choice { options, selected } => options[*selected].to_string(),
            })
            .unwrap_or_default()
    }

    pub fn focused(&self) -> &'static str {
        self.fields[self.focus].name
    }

    /// The error shown beside `name`, if any.
    pub fn error(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|f| f.name == name).and_then(|f| f.error.as_deref())
    }

    fn field_check(&self, i: usize) -> Result<(), String> {
        let f = &self.fields[i];
        if let Input::Text { check, .. } = &f.input {
            check.validate(&self.value(f.name))?;
        }
        // Checks across fields.
        match (self.kind, f.name) {
            (FormKind::Claim | FormKind::Figure, "count_high") => {
                if let (Ok(Some(lo)), Ok(Some(hi))) =
                    (parse_count(&self.value("count_low")), parse_count(&self.value("count_high")))
                    && hi < lo
                {
                    return Err(format!("{hi} is below the count from ({lo})"));
                }
            }
            (FormKind::Event | FormKind::Meta, "precision") => {
                if let Ok(Some(d)) = parse_date(&self.value("date")) {
                    let p = precision_of(&self.value("precision"));
                    if p.rank() > d.precision().rank() {
                        return Err(format!("{d} is known only to the {}", d.precision()));
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Checks every field, marks errors in place; true when all are valid.
    pub fn validate(&mut self) -> bool {
        let mut first_bad = None;
        for i in 0..self.fields.len() {
            let r = self.field_check(i);
            if r.is_err() && first_bad.is_none() {
                first_bad = Some(i);
            }
            self.fields[i].error = r.err();
        }
        if let Some(i) = first_bad {
            self.focus = i;
        }
        first_bad.is_none()
    }

    fn refresh_error(&mut self, i: usize) {
        self.fields[i].error = self.field_check(i).err();
    }

    pub fn handle_key(&mut self, key: Key) -> FormOutcome {
        let ctrl = key.mods.contains(KeyModifiers::CONTROL);
        let shift = key.mods.contains(KeyModifiers::SHIFT);
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancelled,
            KeyCode::Enter => {
                return if self.validate() { FormOutcome::Submitted } else { FormOutcome::Pending };
            }
            KeyCode::Tab if !shift => {
                self.refresh_error(self.focus);
                self.focus = (self.focus + 1) % self.fields.len();
                return FormOutcome::Pending;
            }
            KeyCode::Tab | KeyCode::BackTab => {
                self.refresh_error(self.focus);
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
                return FormOutcome::Pending;
            }
            KeyCode::Char('m' | 'j') if ctrl => return FormOutcome::Pending,
            _ => {}
        }
        let focus = self.focus;
        match &mut self.fields[focus].input {
            Input::Choice { options, selected } => {
                let n = options.len();
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') | KeyCode::Down => *selected = (*selected + 1) % n,
                    KeyCode::Left | KeyCode::Up => *selected = (*selected + n - 1) % n,
                    KeyCode::Backspace | KeyCode::Delete => *selected = 0,
                    KeyCode::Char(c) => {
                        // Jump to the next option starting with the letter typed.
                        let c = c.to_ascii_lowercase();
                        if let Some(i) =
                            (1..=n).map(|d| (*selected + d) % n).find(|&i| options[i].starts_with(c))
                        {
                            *selected = i;
                        }
                    }
                    _ => {}
                }
            }
            Input::Text { area, completions, picked, .. } => match key.code {
                KeyCode::Down | KeyCode::Up if !completions.is_empty() => {
                    let typed = area.lines().join(" ");
                    let matches = completion_matches(completions, if picked.is_some() { "" } else { &typed });
                    if !matches.is_empty() {
                        let n = matches.len();
                        let next = match (*picked, key.code) {
                            (None, KeyCode::Down) => 0,
                            (None, _) => n - 1,
                            (Some(p), KeyCode::Down) => (p + 1) % n,
                            (Some(p), _) => (p + n - 1) % n,
                        };
                        *picked = Some(next);
                        *area = text_area(&matches[next]);
                    }
                }
                _ => {
                    if area.input(key.to_event()) {
                        *picked = None;
                    }
                }
            },
        }
        self.refresh_error(focus);
        FormOutcome::Pending
    }

    /// The claim attributes of a submitted claim form over `base`.
    pub fn claim_attrs(&self, base: &Attrs) -> Attrs {
        let v = |n: &str| self.value(n);
        Attrs {
            claimant: Some(v("claimant")).filter(|s| !s.is_empty()),
            count_low: parse_count(&v("count_low")).ok().flatten(),
            count_high: parse_count(&v("count_high")).ok().flatten(),
            qualifier: Qualifier::parse(&v("qualifier")),
            what: What::parse(&v("what")),
            who: Who::parse(&v("who")),
            side: Party::parse(&v("side")),
            scope: Scope::parse(&v("scope")),
            denied_by: Some(v("denied_by").trim().to_string()).filter(|s| !s.is_empty()),
            as_of: parse_date(&v("as_of")).ok().flatten(),
            ..base.clone()
        }
    }

    pub fn event_attrs(&self, base: &Attrs) -> Attrs {
        let precision = precision_of(&self.value("precision"));
        let date = parse_date(&self.value("date")).ok().flatten().map(|d| d.truncate(precision));
        Attrs {
            date,
            precision: Some(precision),
            summary: Some(self.value("summary")).filter(|s| !s.is_empty()),
            ..base.clone()
        }
    }

    /// The attributes the form edits, whatever its kind, over `base`.
    pub fn attrs(&self, base: &Attrs) -> Attrs {
        match self.kind {
            FormKind::Claim => self.claim_attrs(base),
            FormKind::Figure => Attrs {
                count_low: parse_count(&self.value("count_low")).ok().flatten(),
                count_high: parse_count(&self.value("count_high")).ok().flatten(),
                qualifier: Qualifier::parse(&self.value("qualifier")),
                ..base.clone()
            },
            FormKind::Event => self.event_attrs(base),
            FormKind::Entity => {
                Attrs { canonical: Some(self.value("canonical")).filter(|s| !s.is_empty()), ..base.clone() }
            }
            FormKind::Tag => Attrs { tag: Some(self.value("tag")).filter(|s| !s.is_empty()), ..base.clone() },
            FormKind::Meta => base.clone(),
        }
    }

    /// The metadata override of a submitted metadata form. A field is set
    /// when it was set before or now differs from what is shown (inferred),
    /// so that an untouched inferred value stays inferred.
    pub fn meta_override(&self, shown: &ArticleMeta, current: &MetaOverride) -> MetaOverride {
        let typed = parse_date(&self.value("date")).ok().flatten();
        // A date typed while the precision reads "unknown" is known to its
        // own precision (2021-03-05: the day).
        let precision = match precision_of(&self.value("precision")) {
            Precision::Unknown => typed.map_or(Precision::Unknown, |d| d.precision()),
            p => p,
        };
        let date = typed.map(|d| d.truncate(precision));
        let date = if precision == Precision::Unknown { None } else { date };
        let outlet = Some(self.value("outlet")).filter(|s| !s.is_empty());
        let title = Some(self.value("title")).filter(|s| !s.is_empty());
        let lang = if self.value("lang") == "en" { Lang::En } else { Lang::Fr };
        let date = date.filter(|d| current.date.is_some() || Some(*d) != shown.date);
        MetaOverride {
            date,
            precision: date.map(|_| precision),
            outlet: outlet.filter(|o| current.outlet.is_some() || Some(o) != shown.outlet.as_ref()),
            title: title.filter(|t| current.title.is_some() || *t != shown.title),
            lang: (current.lang.is_some() || lang != shown.lang).then_some(lang),
        }
    }

    /// Rows the form needs, borders included.
    pub fn height(&self) -> u16 {
        let errors = self.fields.iter().filter(|f| f.error.is_some()).count();
        (self.fields.len() + errors + self.completion_rows().len() + 3) as u16
    }

    fn completion_rows(&self) -> Vec<String> {
        match &self.fields[self.focus].input {
            Input::Text { completions, area, picked, .. } if !completions.is_empty() => {
                let typed = area.lines().join(" ");
                let mut m = completion_matches(completions, if picked.is_some() { "" } else { &typed });
                m.truncate(4);
                m
            }
            _ => Vec::new(),
        }
    }

    /// Draws the form over `area` (cleared first), the focused field's
    /// text cursor included.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let block = Block::default().borders(Borders::ALL).title(format!(" {} ", self.title)).title_bottom(
            Line::from(" Tab next · Shift-Tab previous · ↑↓ choose · Enter save · Esc cancel ")
                .right_aligned(),
        );
        let inner = block.inner(area);
        block.render(area, buf);
        let label_w = 12u16;
        let mut y = inner.y;
        let bottom = inner.y + inner.height;
        for (i, f) in self.fields.iter().enumerate() {
            if y >= bottom {
                break;
            }
            let focused = i == self.focus;
            let label_style = if focused {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default().fg(Color::Gray)
            };
            let marker = if focused { "▸" } else { " " };
            buf.set_line(
                inner.x,
                y,
                &Line::from(Span::styled(format!("{marker}{:>10} ", f.label), label_style)),
                label_w,
            );
            let value_area =
                Rect { x: inner.x + label_w, y, width: inner.width.saturating_sub(label_w), height: 1 };
            match &f.input {
                Input::Text { area: t, .. } => {
                    let mut t = t.clone();
                    let cursor = if focused {
                        Style::default().add_modifier(Modifier::REVERSED)
                    } else {
                        Style::default()
                    };
                    t.set_cursor_style(cursor);
                    if focused {
                        t.set_style(Style::default().add_modifier(Modifier::UNDERLINED));
                    }
                    (&t).render(value_area, buf);
                }
                Input::Choice { options, selected } => {
                    let v = if options[*selected].is_empty() { "—" } else { options[*selected] };
                    let style = if focused {
                        Style::default().add_modifier(Modifier::REVERSED)
                    } else {
                        Style::default()
                    };
                    buf.set_line(
                        value_area.x,
                        y,
                        &Line::from(vec![Span::raw("◂ "), Span::styled(v, style), Span::raw(" ▸")]),
                        value_area.width,
                    );
                }
            }
            y += 1;
            if let Some(e) = &f.error
                && y < bottom
            {
                buf.set_line(
                    value_area.x,
                    y,
                    &Line::from(Span::styled(format!("↳ {e}"), Style::default().fg(Color::LightRed))),
                    value_area.width,
                );
                y += 1;
            }
            if focused {
                for c in self.completion_rows() {
                    if y >= bottom {
                        break;
                    }
                    buf.set_line(
                        value_area.x,
                        y,
                        &Line::from(Span::styled(format!("  {c}"), Style::default().fg(Color::Cyan))),
                        value_area.width,
                    );
                    y += 1;
                }
            }
        }
    }
}

fn precision_of(s: &str) -> Precision {
    match s {
        "day" => Precision::Day,
        "month" => Precision::Month,
        "year" => Precision::Year,
        _ => Precision::Unknown,
    }
}

/// Known values containing `typed` (case-insensitive), prefix matches first.
pub fn completion_matches(all: &[String], typed: &str) -> Vec<String> {
    let t = typed.trim().to_lowercase();
    let mut m: Vec<&String> = all.iter().filter(|c| c.to_lowercase().contains(&t)).collect();
    m.sort_by_key(|c| (!c.to_lowercase().starts_with(&t), c.len()));
    m.into_iter().cloned().collect()
}
