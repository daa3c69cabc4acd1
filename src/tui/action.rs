//! What a key (or a mouse event) asks for. Named variants can be bound in the
//! config file and are listed by the help overlay under the same names.

/// One step of the application. `update` gives every variant its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    /// Open the selected dispatch, expand a claimant, jump to a passage.
    Open,
    /// Close the top layer, leave a mode, clear a search.
    Back,
    NextMark,
    PrevMark,
    /// Filter the list (list pane) or search the article (other panes).
    Find,
    Filter,
    Search,
    SearchNext,
    SearchPrev,
    ToggleSort,
    NextUnread,
    ToggleRead,
    ToggleBoilerplate,
    ToggleLater,
    Chart,
    NextSeries,
    PrevSeries,
    Help,
    Annotate,
    /// A key of annotate mode (see `tui::annotate::keys`).
    AnnotateKey(crate::annotation::edit::action::AnnotateAction),
    /// Adjudicate where the annotators of a dispatch differ.
    Adjudicate,
    /// A key of adjudicate mode (see `tui::adjudicate::keys`).
    AdjudicateKey(crate::team::adjudicate::AdjudicateAction),
    // Text input layers (filter, search).
    Insert(char),
    DeleteBack,
    Accept,
    // Events that no key produces.
    Click {
        col: u16,
        row: u16,
    },
    Wheel {
        col: u16,
        row: u16,
        down: bool,
    },
    Resize(u16, u16),
    Paste(String),
}

/// The variants a key can be bound to, with their names in config and help.
pub const NAMED: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("down", Action::Down),
    ("up", Action::Up),
    ("page_down", Action::PageDown),
    ("page_up", Action::PageUp),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("next_pane", Action::NextPane),
    ("prev_pane", Action::PrevPane),
    ("open", Action::Open),
    ("back", Action::Back),
    ("next_mark", Action::NextMark),
    ("prev_mark", Action::PrevMark),
    ("find", Action::Find),
    ("filter", Action::Filter),
    ("search", Action::Search),
    ("search_next", Action::SearchNext),
    ("search_prev", Action::SearchPrev),
    ("toggle_sort", Action::ToggleSort),
    ("next_unread", Action::NextUnread),
    ("toggle_read", Action::ToggleRead),
    ("toggle_boilerplate", Action::ToggleBoilerplate),
    ("toggle_later", Action::ToggleLater),
    ("chart", Action::Chart),
    ("next_series", Action::NextSeries),
    ("prev_series", Action::PrevSeries),
    ("help", Action::Help),
    ("annotate", Action::Annotate),
    ("adjudicate", Action::Adjudicate),
    ("delete_back", Action::DeleteBack),
    ("accept", Action::Accept),
];

impl Action {
    /// The config name of a bindable action.
    pub fn name(&self) -> Option<&'static str> {
        NAMED.iter().find(|(_, a)| a == self).map(|(n, _)| *n)
    }

    /// The name the config file binds, annotate actions included
    /// (`undo`, `label:PER`); none for what no key can be bound to.
    pub fn config_name(&self) -> Option<String> {
        match self {
            Action::AnnotateKey(crate::annotation::edit::action::AnnotateAction::Count(_)) => None,
            Action::AnnotateKey(a) => Some(a.name()),
            Action::AdjudicateKey(a) => Some(a.name()),
            other => other.name().map(str::to_string),
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        NAMED.iter().find(|(n, _)| *n == name).map(|(_, a)| a.clone()).or_else(|| {
            crate::annotation::edit::action::AnnotateAction::from_name(name).map(Action::AnnotateKey).or_else(
                || crate::team::adjudicate::AdjudicateAction::from_name(name).map(Action::AdjudicateKey),
            )
        })
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        NAMED.iter().map(|(n, _)| *n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_action_round_trips_and_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (name, action) in NAMED {
            assert!(seen.insert(*name), "{name} twice");
            assert_eq!(Action::from_name(name).as_ref(), Some(action));
            assert_eq!(action.name(), Some(*name));
        }
        assert_eq!(Action::Insert('x').name(), None);
    }
}
