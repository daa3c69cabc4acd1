//! Every colour and text attribute of the screen. With NO_COLOR the theme is
//! monochrome and bold, underline, italic and reverse carry the meaning.

use std::collections::BTreeMap;

use ratatui::style::{Color, Modifier, Style};

use crate::annotation::{Kind, LabelSchema};

/// The colour slots a config file may set, besides label names.
pub const SLOTS: &[&str] = &["accent", "dim", "hit", "selection", "error", "ok", "unread", "date", "outlet"];

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub mono: bool,
    accent: Color,
    dim: Color,
    hit: Color,
    selection: Color,
    error: Color,
    ok: Color,
    unread: Color,
    date: Color,
    outlet: Color,
    labels: BTreeMap<String, Color>,
    /// Without colour, what tells entity labels apart: bold, bold italic,
    /// bold underlined, in the schema's order (PER, LOC, ORG by default).
    entity_marks: BTreeMap<String, Modifier>,
}

/// The looks of entity labels without colour, in the schema's order. Dates
/// are italic alone, claims underlined over a reversed figure: none of
/// these is confused with them.
const ENTITY_MARKS: [Modifier; 3] =
    [Modifier::BOLD, Modifier::BOLD.union(Modifier::ITALIC), Modifier::BOLD.union(Modifier::UNDERLINED)];

/// What a span of article text is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark<'a> {
    pub label: &'a str,
    pub kind: Kind,
    pub suggested: bool,
}

impl Theme {
    /// The default theme, with the label colours of the schema.
    pub fn new(schema: &LabelSchema, mono: bool) -> Theme {
        let labels =
            schema.labels.iter().map(|l| (l.name.clone(), l.color.parse().unwrap_or(Color::Reset))).collect();
        let entity_marks = (schema.labels.iter().filter(|l| l.kind == Kind::Entity))
            .zip(ENTITY_MARKS.iter().cycle())
            .map(|(l, m)| (l.name.clone(), *m))
            .collect();
        Theme {
            mono,
            accent: Color::Cyan,
            dim: Color::DarkGray,
            hit: Color::Yellow,
            selection: Color::Blue,
            error: Color::LightRed,
            ok: Color::Green,
            unread: Color::LightYellow,
            date: Color::LightBlue,
            outlet: Color::Gray,
            labels,
            entity_marks,
        }
    }

    /// Whether the environment asks for no colour (https://no-color.org).
    pub fn no_color_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// Sets a slot or a label's colour from the config file.
    pub fn set(&mut self, slot: &str, value: &str) -> Result<(), String> {
        let color: Color = value
            .parse()
            .map_err(|_| format!("'{value}' is not a colour (a name like light-blue, or #rrggbb)"))?;
        let field = match slot {
            "accent" => &mut self.accent,
            "dim" => &mut self.dim,
            "hit" => &mut self.hit,
            "selection" => &mut self.selection,
            "error" => &mut self.error,
            "ok" => &mut self.ok,
            "unread" => &mut self.unread,
            "date" => &mut self.date,
            "outlet" => &mut self.outlet,
            label if self.labels.contains_key(label) => self.labels.get_mut(label).expect("checked"),
            other => {
                let labels: Vec<&str> = self.labels.keys().map(String::as_str).collect();
                return Err(format!(
                    "unknown colour '{other}' (known: {}, and the labels {})",
                    SLOTS.join(", "),
                    labels.join(", ")
                ));
            }
        };
        *field = color;
        Ok(())
    }

    fn fg(&self, c: Color) -> Style {
        if self.mono { Style::new() } else { Style::new().fg(c) }
    }

    pub fn text(&self) -> Style {
        Style::new()
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.mono) {
            (true, true) => Style::new().add_modifier(Modifier::BOLD),
            (true, false) => Style::new().fg(self.accent),
            (false, _) => self.fg(self.dim),
        }
    }

    pub fn title(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.mono { Style::new().add_modifier(Modifier::DIM) } else { Style::new().fg(self.dim) }
    }

    pub fn boilerplate(&self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }

    pub fn date(&self) -> Style {
        self.fg(self.date)
    }

    pub fn outlet(&self) -> Style {
        self.fg(self.outlet).add_modifier(Modifier::BOLD)
    }

    pub fn unread(&self) -> Style {
        self.fg(self.unread).add_modifier(Modifier::BOLD)
    }

    /// The selected row of the focused list (reverse in both themes).
    pub fn selected(&self, focused: bool) -> Style {
        match (focused, self.mono) {
            (true, true) => Style::new().add_modifier(Modifier::REVERSED),
            (true, false) => Style::new().bg(self.selection).fg(Color::White),
            (false, true) => Style::new().add_modifier(Modifier::UNDERLINED),
            (false, false) => Style::new().bg(Color::DarkGray).fg(Color::White),
        }
    }

    pub fn error(&self) -> Style {
        self.fg(self.error).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(self.ok)
    }

    pub fn mode(&self, annotate: bool) -> Style {
        let c = if annotate { self.hit } else { self.accent };
        if self.mono {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().bg(c).fg(Color::Black).add_modifier(Modifier::BOLD)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    /// A search hit; `current` is the one `n`/`N` stands on.
    pub fn hit(&self, current: bool) -> Style {
        match (self.mono, current) {
            (true, false) => Style::new().add_modifier(Modifier::REVERSED),
            (true, true) => {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
            }
            (false, false) => Style::new().bg(self.hit).fg(Color::Black),
            (false, true) => Style::new().bg(Color::LightRed).fg(Color::Black).add_modifier(Modifier::BOLD),
        }
    }

    /// The entity or figure `w`/`b` stands on, and the annotate cursor.
    pub fn focus_mark(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().bg(self.accent).fg(Color::Black)
        }
    }

    /// The annotate selection.
    pub fn selection(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::ITALIC)
        } else {
            Style::new().bg(self.selection).fg(Color::White)
        }
    }

    /// The style a mark adds to text: label colour for entities, figures
    /// stand out (bold; reverse without colour), claims underlined, dates
    /// italic; suggested entities, figures and dates dimmer than accepted.
    pub fn mark(&self, m: Mark<'_>) -> Style {
        let color = self.labels.get(m.label).copied().unwrap_or(Color::Reset);
        let mut s = match m.kind {
            Kind::Entity if self.mono => {
                Style::new().add_modifier(self.entity_marks.get(m.label).copied().unwrap_or(Modifier::BOLD))
            }
            Kind::Entity => Style::new().fg(color),
            Kind::Figure if self.mono => Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            Kind::Figure => Style::new().fg(color).add_modifier(Modifier::BOLD),
            Kind::Claim => Style::new().add_modifier(Modifier::UNDERLINED),
            Kind::Date => self.fg(color).add_modifier(Modifier::ITALIC),
            // Events span whole sentences: the timeline shows them, and Enter
            // there highlights the passage; styling them would drown the text.
            Kind::Event | Kind::Tag => return Style::new(),
        };
        // Dimming a long claim would dim the text; its figure shows dim instead.
        if m.suggested && m.kind != Kind::Claim {
            s = s.add_modifier(Modifier::DIM);
            if m.kind == Kind::Figure && self.mono {
                s = s.remove_modifier(Modifier::REVERSED);
            }
        }
        s
    }

    /// A label's own colour (legend, side pane); without colour, an entity
    /// label's own look.
    pub fn label(&self, name: &str) -> Style {
        match self.entity_marks.get(name) {
            Some(m) if self.mono => Style::new().add_modifier(*m),
            _ => self.fg(self.labels.get(name).copied().unwrap_or(Color::Reset)),
        }
    }

    /// An entry of the timeline that belongs to the current dispatch.
    pub fn own(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    /// A claim that others contradict.
    pub fn disputed(&self) -> Style {
        self.fg(self.error).add_modifier(Modifier::BOLD)
    }

    /// Colours for the lines of a chart, one per claimant.
    pub fn series(&self, i: usize) -> Style {
        const COLORS: [Color; 6] = [
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
        ];
        if self.mono { Style::new() } else { Style::new().fg(COLORS[i % COLORS.len()]) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_has_no_colour_but_keeps_meaning() {
        let t = Theme::new(&LabelSchema::default(), true);
        let fig = t.mark(Mark { label: "FIGURE", kind: Kind::Figure, suggested: false });
        assert_eq!(fig.fg, None);
        assert!(fig.add_modifier.contains(Modifier::REVERSED));
        let claim = t.mark(Mark { label: "CLAIM", kind: Kind::Claim, suggested: true });
        assert!(claim.add_modifier.contains(Modifier::UNDERLINED));
        let per = t.mark(Mark { label: "PER", kind: Kind::Entity, suggested: true });
        assert!(per.add_modifier.contains(Modifier::BOLD | Modifier::DIM));
        assert_eq!(t.hit(false).bg, None);
        // PER, LOC and ORG each look their own, and so does their legend
        let look = |label| t.mark(Mark { label, kind: Kind::Entity, suggested: false }).add_modifier;
        let looks = [look("PER"), look("LOC"), look("ORG")];
        assert!(looks[0] != looks[1] && looks[1] != looks[2] && looks[0] != looks[2], "{looks:?}");
        assert_eq!(t.label("LOC").add_modifier, looks[1]);
    }

    #[test]
    fn config_colours_are_checked() {
        let mut t = Theme::new(&LabelSchema::default(), false);
        t.set("PER", "#ff0000").unwrap();
        assert_eq!(t.label("PER").fg, Some(Color::Rgb(255, 0, 0)));
        assert!(t.set("accent", "blurple").unwrap_err().contains("not a colour"));
        assert!(t.set("sky", "red").unwrap_err().contains("unknown colour 'sky'"));
    }
}
