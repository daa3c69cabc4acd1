//! The selection: a span `start..end` (code points, end exclusive) with an
//! active edge that motions move, snapping to whole words; either edge can
//! also be moved on its own, by a word or by a character (for a stray comma).

use super::motions::{Doc, Motion};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edge {
    Start,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Word,
    Char,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub start: usize,
    pub end: usize,
    pub active: Edge,
}

impl Selection {
    /// The unit under `pos` (a word, or one character).
    pub fn at(doc: &Doc, pos: usize) -> Selection {
        let (start, end) = doc.unit_at(pos);
        Selection { start, end, active: Edge::End }
    }

    pub fn span(start: usize, end: usize) -> Selection {
        Selection { start, end: end.max(start + 1), active: Edge::End }
    }

    /// The character position of the active edge (where the cursor shows).
    pub fn head(&self) -> usize {
        match self.active {
            Edge::Start => self.start,
            Edge::End => self.end - 1,
        }
    }

    pub fn text(&self, doc: &Doc) -> String {
        doc.slice(self.start, self.end)
    }

    pub fn swap_edge(&mut self) {
        self.active = match self.active {
            Edge::Start => Edge::End,
            Edge::End => Edge::Start,
        };
    }

    /// Moves the active edge with `motion`: the span keeps the word at its
    /// fixed edge and reaches the word the motion lands on. Crossing the fixed
    /// edge turns the selection around, as in vim's visual mode.
    pub fn extend(&mut self, doc: &Doc, motion: Motion, count: usize) {
        let q = doc.apply_n(self.head(), motion, count);
        self.extend_to(doc, q, motion.snaps());
    }

    /// Moves the active edge to `q` (its word when `snaps`), as [`Self::extend`].
    pub fn extend_to(&mut self, doc: &Doc, q: usize, snaps: bool) {
        let (ws, we) = if snaps { doc.unit_at(q) } else { (q, q + 1) };
        match self.active {
            Edge::End if q >= self.start => self.end = we.max(self.start + 1),
            Edge::End => {
                self.end = doc.unit_at(self.start).1.max(self.start + 1);
                self.start = ws;
                self.active = Edge::Start;
            }
            Edge::Start if q < self.end => self.start = ws.min(self.end - 1),
            Edge::Start => {
                self.start = doc.unit_at(self.end - 1).0.min(self.end - 1);
                self.end = we;
                self.active = Edge::End;
            }
        }
        self.clamp(doc);
    }

    /// Moves one edge left (`forward == false`) or right by a word or a
    /// character. Moving the start left or the end right grows the span;
    /// the other way shrinks it, never below one character.
    pub fn move_edge(&mut self, doc: &Doc, edge: Edge, forward: bool, step: Step) {
        let len = doc.len();
        match (edge, step) {
            (Edge::Start, Step::Char) => {
                self.start =
                    if forward { (self.start + 1).min(self.end - 1) } else { self.start.saturating_sub(1) }
            }
            (Edge::End, Step::Char) => {
                self.end = if forward { (self.end + 1).min(len) } else { (self.end - 1).max(self.start + 1) }
            }
            (Edge::Start, Step::Word) => {
                let q = doc.apply(self.start, if forward { Motion::WordNext } else { Motion::WordPrev });
                if q < self.end {
                    self.start = q;
                }
            }
            (Edge::End, Step::Word) => {
                if forward {
                    let q = doc.apply(self.end - 1, Motion::WordEnd);
                    self.end = self.end.max(q + 1);
                } else if let Some(i) = (self.start..self.end - 1).rev().find(|&i| {
                    doc.is_word(i) && !doc.is_word(i + 1) && doc.word_at(i).is_some_and(|(_, e)| e < self.end)
                }) {
                    self.end = i + 1;
                }
            }
        }
        self.clamp(doc);
    }

    fn clamp(&mut self, doc: &Doc) {
        let len = doc.len().max(1);
        self.end = self.end.min(len);
        self.start = self.start.min(self.end.saturating_sub(1));
        if self.end <= self.start {
            self.end = self.start + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn motions_extend_by_whole_words_and_turn_around() {
        let d = Doc::new("le groupe de Minsk de l'OSCE, hier");
        let mut s = Selection::at(&d, 3);
        assert_eq!(s.text(&d), "groupe");
        s.extend(&d, Motion::WordNext, 2);
        assert_eq!(s.text(&d), "groupe de Minsk");
        s.extend(&d, Motion::WordPrev, 4);
        assert_eq!(s.text(&d), "le groupe");
        assert_eq!(s.active, Edge::Start);
    }

    #[test]
    fn either_edge_grows_and_shrinks_by_word_and_character() {
        let d = Doc::new("le groupe de Minsk, hier");
        let mut s = Selection::at(&d, 13);
        assert_eq!(s.text(&d), "Minsk");
        s.move_edge(&d, Edge::End, true, Step::Char);
        assert_eq!(s.text(&d), "Minsk,");
        s.move_edge(&d, Edge::End, false, Step::Char);
        s.move_edge(&d, Edge::Start, false, Step::Word);
        s.move_edge(&d, Edge::Start, false, Step::Word);
        assert_eq!(s.text(&d), "groupe de Minsk");
        s.move_edge(&d, Edge::End, true, Step::Word);
        assert_eq!(s.text(&d), "groupe de Minsk, hier");
        s.move_edge(&d, Edge::End, false, Step::Word);
        assert_eq!(s.text(&d), "groupe de Minsk");
        s.move_edge(&d, Edge::Start, true, Step::Word);
        assert_eq!(s.text(&d), "de Minsk");
        s.move_edge(&d, Edge::Start, true, Step::Char);
        assert_eq!(s.text(&d), "e Minsk");
        for _ in 0..20 {
            s.move_edge(&d, Edge::End, false, Step::Char);
        }
        assert_eq!(s.text(&d), "e");
    }
}
