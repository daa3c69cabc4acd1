//! Where each pane goes for a terminal size: three panes from 80 columns,
//! two below, the focused one alone when narrower still, and a one-line
//! message when nothing fits. Shared by `update` (mouse, scrolling) and `view`.

use ratatui::layout::Rect;

/// The three panes of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Article,
    Side,
}

/// What the layout depends on: the terminal's size and the focused pane.
/// The application state gives both; the layout knows nothing else of it.
pub trait Viewport {
    fn size(&self) -> (u16, u16);
    fn focus(&self) -> Pane;
}

/// Smallest terminal that shows a pane.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub list: Option<Rect>,
    pub article: Option<Rect>,
    pub side: Option<Rect>,
    pub status: Option<Rect>,
    /// Set when the terminal is too small for any pane.
    pub too_small: bool,
}

impl Panes {
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Article => self.article,
            Pane::Side => self.side,
        }
    }

    /// The pane under a screen cell.
    pub fn at(&self, col: u16, row: u16) -> Option<Pane> {
        let hit =
            |r: Option<Rect>| r.is_some_and(|r| r.contains(ratatui::layout::Position { x: col, y: row }));
        [Pane::List, Pane::Article, Pane::Side].into_iter().find(|p| hit(self.get(*p)))
    }
}

pub fn panes(app: &impl Viewport) -> Panes {
    let (w, h) = app.size();
    compute(Rect::new(0, 0, w, h), app.focus())
}

/// A rectangle of `w`×`h` centred in `area` (clamped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// The columns of text in the article pane `area` (borders and margins off).
pub fn text_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).max(1)
}

/// The lines of text in the article pane `area`.
pub fn text_height(area: Rect) -> u16 {
    area.height.saturating_sub(2).max(1)
}

pub fn compute(area: Rect, focus: Pane) -> Panes {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes { too_small: true, ..Default::default() };
    }
    let main = Rect { height: area.height - 1, ..area };
    let status = Some(Rect { y: area.y + area.height - 1, height: 1, ..area });
    let w = main.width;
    let mut p = Panes { status, ..Default::default() };
    let split = |left: u16| -> (Rect, Rect) {
        (Rect { width: left, ..main }, Rect { x: main.x + left, width: w - left, ..main })
    };
    if w >= 80 {
        let list = (w * 22 / 100).clamp(22, 40);
        let side = (w * 27 / 100).clamp(24, 48);
        let (l, rest) = split(list);
        let art = Rect { width: rest.width - side, ..rest };
        let s = Rect { x: art.x + art.width, width: side, ..rest };
        p.list = Some(l);
        p.article = Some(art);
        p.side = Some(s);
    } else if w >= 56 {
        // Two panes: the list or the side pane beside the article.
        let narrow = (w * 36 / 100).max(20);
        match focus {
            Pane::Side => {
                let (a, s) = split(w - narrow);
                p.article = Some(a);
                p.side = Some(s);
            }
            _ => {
                let (l, a) = split(narrow);
                p.list = Some(l);
                p.article = Some(a);
            }
        }
    } else {
        match focus {
            Pane::List => p.list = Some(main),
            Pane::Article => p.article = Some(main),
            Pane::Side => p.side = Some(main),
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_with_the_width_and_never_overflows() {
        for w in 0..200u16 {
            for h in [0u16, 1, 5, 6, 24] {
                let area = Rect::new(0, 0, w, h);
                for focus in [Pane::List, Pane::Article, Pane::Side] {
                    let p = compute(area, focus);
                    for r in [p.list, p.article, p.side, p.status].into_iter().flatten() {
                        assert!(
                            area.contains(r.as_position())
                                && r.right() <= area.right()
                                && r.bottom() <= area.bottom()
                        );
                    }
                    assert_eq!(p.too_small, w < MIN_WIDTH || h < MIN_HEIGHT);
                    if !p.too_small {
                        assert!(p.get(focus).is_some() || (focus == Pane::List && w >= 56));
                    }
                }
            }
        }
        let p = compute(Rect::new(0, 0, 80, 24), Pane::List);
        assert!(p.list.is_some() && p.article.is_some() && p.side.is_some());
    }
}
