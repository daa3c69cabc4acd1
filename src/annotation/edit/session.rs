//! One annotate session on one dispatch: the cursor, the selection, the
//! pending count, the suggestions, the index of what is where, and the open
//! form. `handle_key` / `handle` turn keys and actions into edits through the
//! [`Editor`]; saving is the caller's next step when [`Effect::Save`] comes
//! back (the run loop owns the disk).

use std::collections::HashMap;

use super::action::{AnnotateAction, DigitContext};
use super::change::{Change, Op, new_annotation};
use super::editor::Editor;
use super::index::{Entry, Source, SpanIndex, mark_entries, sidecar_at, suggestion_spans};
use super::motions::{Doc, Motion, ScreenLines};
use super::refusal::{Refusal, Said};
use super::selection::{Edge, Selection, Step};
use crate::annotation::{Annotation, Attrs, Kind, Party, Status};
use crate::date::PartialDate;
use crate::project::Project;

/// What a change did, with what the editor has to say about the undo
/// history (a step dropped, a file not written: a problem to show as one).
fn with_note(done: String, editor: &mut Editor) -> Said {
    match editor.take_note() {
        Some(n) => Said::Failed(format!("{done} · {n}")),
        None => Said::Done(done),
    }
}

/// The one annotation a change replaced, as applied: (before, after).
type Replaced<'a> = (Option<&'a Annotation>, Option<&'a Annotation>);

/// The single annotation of `article` that `ops` replaced (`undone`: the
/// ops were applied backwards); `None` when they did anything else.
fn replaced(ops: &[Op], article: usize, undone: bool) -> Option<Replaced<'_>> {
    match ops {
        [Op::Ann { article: a, before, after }] if *a == article => {
            Some(if undone { (after.as_ref(), before.as_ref()) } else { (before.as_ref(), after.as_ref()) })
        }
        _ => None,
    }
}

/// How many annotations of `a`'s span sort before it in `list` (sorted by
/// (start, end, id)): the rank its index entry carries.
fn rank_in(list: &[Annotation], a: &Annotation) -> usize {
    list.partition_point(|x| x.sort_key() < a.sort_key())
        - list.partition_point(|x| (x.start, x.end) < (a.start, a.end))
}

/// What the caller must do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Something changed: save through the store now.
    Save,
    /// Leave annotate mode.
    Leave,
    /// A change waits for the undo history of the dispatches it reaches:
    /// the run loop reads it, then [`Session::resume`] makes the change.
    ReadHistory,
}

/// What waits for its fields from the annotator (the terminal opens a
/// form for it and hands the values back through [`Session::fill`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// A new annotation (from a label key) waiting for its fields.
    Create(Annotation),
    /// A suggestion being accepted with its fields.
    Accept(Annotation),
    /// An existing annotation's fields.
    Edit(Annotation),
    Meta,
}

/// The fields the annotator gave for a [`Purpose`].
#[derive(Debug, Clone, PartialEq)]
pub enum Filled {
    /// The annotation's attributes (claim, event, figure, entity, tag).
    Attrs(Attrs),
    /// The dispatch's metadata override.
    Meta(crate::annotation::MetaOverride),
}

/// What the corpus already names, offered as completions in a claim's
/// fields, most frequent first.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub claimants: Vec<String>,
    /// Parties, `both` and `unknown` last.
    pub parties: Vec<String>,
}

/// One item under the cursor or on screen, resolved for the view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed<'a> {
    pub start: usize,
    pub end: usize,
    pub annotation: &'a Annotation,
    pub suggested: bool,
}

#[derive(Debug)]
pub struct Session {
    pub article: usize,
    pub doc: Doc,
    pub cursor: usize,
    pub selection: Option<Selection>,
    count: Option<usize>,
    cycle: usize,
    /// The extractor's suggestions for this dispatch (status `suggested`).
    pub suggestions: Vec<Annotation>,
    index: SpanIndex,
    indexed: Option<u64>,
    /// The spans of the usable suggestions in text order, (start, end,
    /// index), built once: a sync walks these, not the annotations.
    suggestion_spans: Vec<(usize, usize, usize)>,
    spans_of: Option<usize>,
    open: usize,
    /// A change that waits for its fields (a claim's, an event's…): the
    /// terminal takes it and asks for them.
    pub fields_wanted: Option<Purpose>,
    /// The last thing done, refused or asked, for the status bar.
    pub said: Option<Said>,
    /// A change waiting for the undo history to be read (see
    /// [`Effect::ReadHistory`]).
    parked: Option<Change>,
    /// The label last given: the one `A` and `*` use when nothing is focused.
    pub last_label: Option<String>,
    /// The annotation `V` selected: a label key on that same span relabels it.
    selected_annotation: Option<String>,
    /// A change that waits for a yes (`*` says what it will do first).
    pub confirm: Option<Confirm>,
    /// The annotator said yes to undoing into an earlier session.
    earlier_ok: bool,
}

/// Something asked about before it is done: the question, and what a yes does.
#[derive(Debug)]
pub struct Confirm {
    pub question: String,
    pub pending: Pending,
}

#[derive(Debug)]
pub enum Pending {
    /// Make this change (`*`).
    Change(Box<Change>),
    /// Undo a change of an earlier session.
    Undo,
}

impl Session {
    pub fn new(project: &Project, article: usize, suggestions: Vec<Annotation>, editor: &Editor) -> Session {
        let doc = Doc::new(&project.articles[article].text);
        let cursor = doc.snap(0);
        let mut s = Session {
            article,
            doc,
            cursor,
            selection: None,
            count: None,
            cycle: 0,
            suggestions,
            index: SpanIndex::default(),
            indexed: None,
            suggestion_spans: Vec::new(),
            spans_of: None,
            open: 0,
            fields_wanted: None,
            said: None,
            parked: None,
            last_label: None,
            selected_annotation: None,
            confirm: None,
            earlier_ok: false,
        };
        s.sync(project, editor);
        s
    }

    /// Rebuilds the position index when annotations changed (a change, an
    /// undo, a save that merged another program's edits).
    pub fn sync(&mut self, project: &Project, editor: &Editor) {
        if self.indexed == Some(editor.revision()) {
            return;
        }
        let sc = &project.sidecars[self.article];
        // The suggestions are the session's own, set when it opens; a new
        // list (a test's) is a new length.
        if self.spans_of != Some(self.suggestions.len()) {
            self.spans_of = Some(self.suggestions.len());
            self.suggestion_spans = suggestion_spans(&self.suggestions, self.doc.len());
        }
        let entries = mark_entries(&sc.annotations, &self.suggestions, &self.suggestion_spans);
        self.open = entries.iter().filter(|e| matches!(e.source, Source::Suggestion(_))).count();
        self.index = SpanIndex::build(entries);
        self.indexed = Some(editor.revision());
        self.cycle = 0;
    }

    /// Brings the index up to date after the editor applied one change,
    /// undo or redo: a single annotation replaced is patched in place (the
    /// index was current just before); anything bigger is rebuilt.
    fn sync_after(&mut self, project: &Project, editor: &Editor, applied: Option<Replaced<'_>>) {
        let fresh = self.indexed.is_some_and(|r| r + 1 == editor.revision())
            && self.spans_of == Some(self.suggestions.len());
        match applied {
            Some((before, after)) if fresh => {
                self.patch(project, before, after);
                self.indexed = Some(editor.revision());
                self.cycle = 0;
                #[cfg(debug_assertions)]
                {
                    let patched = (self.index.clone(), self.open);
                    self.indexed = None;
                    self.sync(project, editor);
                    debug_assert_eq!(patched, (self.index.clone(), self.open), "patched index differs");
                    debug_assert!(patched.0.is_consistent(), "patched index out of order");
                }
            }
            _ => self.sync(project, editor),
        }
    }

    fn patch(&mut self, project: &Project, before: Option<&Annotation>, after: Option<&Annotation>) {
        let list = &project.sidecars[self.article].annotations;
        // A relabel or an edit of fields keeps its place and its entry.
        let in_place = matches!((before, after), (Some(b), Some(a))
            if b.sort_key() == a.sort_key() && b.status == a.status);
        // Sidecar entries are ranked within their span: only the entries of
        // the spans of `before` and `after` are renumbered.
        if let Some(b) = before.filter(|_| !in_place) {
            // Its rank in the old list: those of its span before it, where
            // the new list holds `after` instead of it.
            let mut rank = rank_in(list, b);
            if after.is_some_and(|a| (a.start, a.end) == (b.start, b.end) && a.id < b.id) {
                rank -= 1;
            }
            if b.status == Status::Accepted {
                self.index.remove(Entry { start: b.start, end: b.end, source: Source::Sidecar(rank) });
            }
            self.index.shift_sidecar(b.start, b.end, rank + 1, -1);
        }
        if let Some(a) = after.filter(|_| !in_place) {
            let rank = rank_in(list, a);
            self.index.shift_sidecar(a.start, a.end, rank, 1);
            if a.status == Status::Accepted {
                self.index.insert(Entry { start: a.start, end: a.end, source: Source::Sidecar(rank) });
            }
        }
        // The suggestions of the spans touched: decided or open again.
        let mut spans: Vec<(usize, usize)> =
            [before, after].into_iter().flatten().map(|a| (a.start, a.end)).collect();
        spans.dedup();
        for (s, e) in spans {
            let lo = self.suggestion_spans.partition_point(|t| (t.0, t.1) < (s, e));
            let from = list.partition_point(|a| (a.start, a.end) < (s, e));
            let here = || list[from..].iter().take_while(|a| a.start == s && a.end == e);
            for &(_, _, i) in self.suggestion_spans[lo..].iter().take_while(|t| (t.0, t.1) == (s, e)) {
                let decided = here().any(|a| a.label == self.suggestions[i].label);
                let entry = Entry { start: s, end: e, source: Source::Suggestion(i) };
                let open = self.index.contains(entry);
                if open && decided {
                    self.index.remove(entry);
                    self.open -= 1;
                } else if !open && !decided {
                    self.index.insert(entry);
                    self.open += 1;
                }
            }
        }
    }

    /// The ranges the reader folds: the cursor leaves them, a selection
    /// reaching into them is dropped.
    pub fn set_hidden(&mut self, hidden: Vec<(usize, usize)>) {
        if self.doc.hidden() == hidden.as_slice() {
            return;
        }
        self.doc.set_hidden(hidden);
        if self.doc.is_hidden(self.cursor) {
            self.cursor = self.doc.snap(self.cursor);
        }
        if self.selection.is_some_and(|s| self.doc.hides_any(s.start, s.end)) {
            self.selection = None;
        }
    }

    /// Whether `start..end` reaches into folded text; says so if it does.
    fn refuse_hidden(&mut self, start: usize, end: usize) -> bool {
        let hidden = self.doc.hides_any(start, end);
        if hidden {
            self.count = None;
            self.said = Some(Said::Refused(Refusal::FoldedText));
        }
        hidden
    }

    /// The answer to a question asked by [`Self::confirm`]: yes makes the
    /// change, anything else drops it.
    pub fn answer(&mut self, yes: bool, project: &mut Project, editor: &mut Editor) -> Effect {
        self.said = None;
        let Some(c) = self.confirm.take() else { return Effect::None };
        if !yes {
            self.refuse(Refusal::Cancelled);
            return Effect::None;
        }
        match c.pending {
            Pending::Change(change) => {
                self.selection = None;
                self.commit(project, editor, *change)
            }
            Pending::Undo => {
                self.earlier_ok = true;
                self.undo_redo(true, project, editor)
            }
        }
    }

    /// Moves the cursor (or the selection's active edge) to the word at `cp`.
    pub fn go_to(&mut self, cp: usize) {
        let q = self.doc.snap(cp);
        match &mut self.selection {
            Some(sel) => sel.extend_to(&self.doc, q, true),
            None => self.cursor = q,
        }
        self.cycle = 0;
    }

    fn undo_redo(&mut self, undo: bool, project: &mut Project, editor: &mut Editor) -> Effect {
        if undo
            && !self.earlier_ok
            && let Some(what) = editor.next_undo_from_earlier()
        {
            let question = format!(
                "y to undo a change of an earlier session (\"{}\"), any other key keeps it",
                crate::text::inert_line(what)
            );
            self.said = Some(Said::Asked(question.clone()));
            self.confirm = Some(Confirm { question, pending: Pending::Undo });
            return Effect::None;
        }
        let r = if undo { editor.undo(project) } else { editor.redo(project) };
        match r {
            Ok(what) => {
                self.said = Some(with_note(what, editor));
                let last = if undo { editor.last_undone() } else { editor.last_done() };
                let applied = last.and_then(|c| replaced(&c.ops, self.article, undo));
                self.sync_after(project, editor, applied);
                Effect::Save
            }
            Err(e) => {
                let e = e.to_string();
                self.said =
                    Some(Said::Failed(editor.take_note().map_or(e.clone(), |n| format!("{e} · {n}"))));
                // A dropped step changes the history file, not the sidecar:
                // written with the next save, by the run loop.
                self.sync(project, editor);
                if editor.has_pending_writes() { Effect::Save } else { Effect::None }
            }
        }
    }

    pub fn index(&self) -> &SpanIndex {
        &self.index
    }

    /// The suggestions not yet accepted or rejected, counted when the index
    /// was built (cheap enough for every frame's hints).
    pub fn open_suggestions(&self) -> usize {
        self.open
    }

    /// The annotation an index entry points at.
    pub fn resolve<'a>(&'a self, project: &'a Project, e: &Entry) -> Placed<'a> {
        let (annotation, suggested) = match e.source {
            Source::Sidecar(k) => (sidecar_at(&project.sidecars[self.article].annotations, e, k), false),
            Source::Suggestion(i) => (&self.suggestions[i], true),
        };
        Placed { start: e.start, end: e.end, annotation, suggested }
    }

    /// The accepted annotations and open suggestions overlapping
    /// `start..end` (for styling a visible line), from the index.
    pub fn marks_in<'a>(
        &'a self,
        project: &'a Project,
        start: usize,
        end: usize,
    ) -> Vec<(&'a Annotation, bool)> {
        self.index
            .overlapping(start, end)
            .iter()
            .map(|e| {
                let p = self.resolve(project, e);
                (p.annotation, p.suggested)
            })
            .collect()
    }

    /// Where the cursor shows: the selection's active edge, else the cursor.
    pub fn head(&self) -> usize {
        self.selection.map(|s| s.head()).unwrap_or(self.cursor)
    }

    /// What lies under the cursor, innermost first.
    pub fn under_cursor(&self) -> Vec<Entry> {
        self.index.at(self.head())
    }

    /// The one of them the cursor has cycled to.
    pub fn focused(&self) -> Option<Entry> {
        let under = self.under_cursor();
        (!under.is_empty()).then(|| under[self.cycle % under.len()])
    }

    pub fn pending_count(&self) -> Option<usize> {
        self.count
    }

    /// Whether an accepted annotation lies under the cursor.
    pub fn on_annotation(&self) -> bool {
        self.under_cursor().iter().any(|e| matches!(e.source, Source::Sidecar(_)))
    }

    /// What decides a digit's meaning (see [`super::keys::digit_action`]).
    pub fn digit_context(&self) -> DigitContext {
        DigitContext { selecting: self.selection.is_some(), counting: self.count.is_some() }
    }

    /// The selected text, for the status bar.
    pub fn selected_text(&self) -> Option<String> {
        self.selection.map(|s| s.text(&self.doc))
    }

    fn take_count(&mut self) -> usize {
        self.count.take().unwrap_or(1)
    }

    /// Makes `change` once the undo history of every dispatch it reaches
    /// is read; until then it waits ([`Effect::ReadHistory`], [`Self::resume`]).
    fn commit(&mut self, project: &mut Project, editor: &mut Editor, change: Change) -> Effect {
        if editor.needs_history(&change) {
            self.parked = Some(change);
            return Effect::ReadHistory;
        }
        self.make(project, editor, change)
    }

    /// Makes `change` through the editor and says what it did.
    fn make(&mut self, project: &mut Project, editor: &mut Editor, change: Change) -> Effect {
        let what = change.what.clone();
        match editor.commit(project, change) {
            Ok(()) => {
                self.said = Some(with_note(what, editor));
                let applied = editor.last_done().and_then(|c| replaced(&c.ops, self.article, false));
                self.sync_after(project, editor, applied);
                Effect::Save
            }
            Err(e) => {
                self.said = Some(Said::Failed(e.to_string()));
                Effect::None
            }
        }
    }

    /// The change that waited for the undo history (read now by the run
    /// loop, or found unreadable): made now.
    pub fn resume(&mut self, project: &mut Project, editor: &mut Editor) -> Effect {
        let Some(change) = self.parked.take() else { return Effect::None };
        self.make(project, editor, change)
    }

    /// Whether a change waits for the undo history (see [`Self::resume`]).
    pub fn has_parked(&self) -> bool {
        self.parked.is_some()
    }

    /// Says why nothing changed.
    fn refuse(&mut self, why: Refusal) {
        self.said = Some(Said::Refused(why));
    }

    /// A motion (with the pending count) over the reader's display lines:
    /// `j`/`k` go by the lines shown, not by the source's lines.
    pub fn move_on_screen(&mut self, m: Motion, lines: &mut dyn ScreenLines) {
        self.said = None;
        let n = self.take_count();
        self.move_to(m, n, Some(lines));
    }

    fn move_to(&mut self, m: Motion, n: usize, lines: Option<&mut dyn ScreenLines>) {
        let q = match (m, lines) {
            (Motion::LineDown | Motion::LineUp, Some(lines)) => {
                self.doc.vertical_on(self.head(), m == Motion::LineDown, n, lines)
            }
            _ => self.doc.apply_n(self.head(), m, n),
        };
        match &mut self.selection {
            Some(sel) => sel.extend_to(&self.doc, q, m.snaps()),
            None => self.cursor = q,
        }
        self.cycle = 0;
    }

    pub fn handle(&mut self, action: AnnotateAction, project: &mut Project, editor: &mut Editor) -> Effect {
        use AnnotateAction as A;
        self.sync(project, editor);
        if !matches!(action, A::Count(_)) {
            self.said = None;
        }
        let effect = match action {
            A::Count(d) => {
                self.count = Some((self.count.unwrap_or(0) * 10 + d as usize).min(9999));
                Effect::None
            }
            A::Move(m) => {
                let n = self.take_count();
                self.move_to(m, n, None);
                Effect::None
            }
            A::ToggleSelection => {
                self.count = None;
                self.selected_annotation = None;
                self.selection = match self.selection {
                    Some(_) => None,
                    None if self.doc.is_empty() => None,
                    None => Some(Selection::at(&self.doc, self.cursor)),
                };
                Effect::None
            }
            A::SelectAnnotation => {
                self.count = None;
                match self.focused() {
                    Some(e) => {
                        let a = self.resolve(project, &e).annotation;
                        self.selected_annotation =
                            (!matches!(e.source, Source::Suggestion(_))).then(|| a.id.clone());
                        self.selection = Some(Selection::span(e.start, e.end));
                    }
                    None => self.refuse(Refusal::NoAnnotationHere),
                }
                Effect::None
            }
            A::SwapEdge => {
                if let Some(s) = &mut self.selection {
                    s.swap_edge();
                }
                Effect::None
            }
            A::MoveEdge { edge, forward, step } => {
                let n = self.take_count();
                for _ in 0..n {
                    match &mut self.selection {
                        Some(s) => s.move_edge(&self.doc, edge, forward, step),
                        None => {
                            let m = match (step, forward) {
                                (Step::Char, true) => Motion::CharNext,
                                (Step::Char, false) => Motion::CharPrev,
                                (Step::Word, true) => Motion::WordNext,
                                (Step::Word, false) => Motion::WordPrev,
                            };
                            self.cursor = self.doc.apply(self.cursor, m);
                        }
                    }
                }
                self.cycle = 0;
                Effect::None
            }
            A::CycleUnder => {
                self.cycle = self.cycle.wrapping_add(1);
                Effect::None
            }
            A::Label(label) => self.label(&label, project, editor),
            A::Accept => self.accept_focused(project, editor),
            A::Reject => self.reject_focused(project, editor),
            A::NextSuggestion | A::PrevSuggestion => {
                let fwd = action == A::NextSuggestion;
                self.jump(fwd, |e| matches!(e.source, Source::Suggestion(_)), Refusal::NoSuggestionLeft)
            }
            A::NextAnnotation | A::PrevAnnotation => {
                let fwd = action == A::NextAnnotation;
                self.jump(fwd, |e| matches!(e.source, Source::Sidecar(_)), Refusal::NoAnnotationLeft)
            }
            A::NextOfLabel | A::PrevOfLabel => self.jump_of_label(action == A::NextOfLabel, project),
            A::NextUnannotatedFigure | A::PrevUnannotatedFigure => {
                self.jump_to_figure(action == A::NextUnannotatedFigure, project)
            }
            A::AcceptAllOfLabel => self.accept_all_of_label(project, editor),
            A::MarkAllOccurrences => self.mark_all_occurrences(project),
            A::Edit => self.edit_focused(project),
            A::Delete => self.delete_focused(project, editor),
            A::Undo | A::Redo => self.undo_redo(action == A::Undo, project, editor),
            A::EditMeta => {
                self.fields_wanted = Some(Purpose::Meta);
                Effect::None
            }
            A::RetrySave => {
                if editor.has_unsaved() {
                    Effect::Save
                } else {
                    self.refuse(Refusal::NothingToSave);
                    Effect::None
                }
            }
            A::Back => {
                if self.count.take().is_some() || self.selection.take().is_some() {
                    Effect::None
                } else {
                    Effect::Leave
                }
            }
        };
        if !matches!(effect, Effect::Save) {
            self.sync(project, editor);
        }
        effect
    }

    fn jump(&mut self, forward: bool, keep: impl Fn(&Entry) -> bool, none: Refusal) -> Effect {
        self.count = None;
        match self.index.next_from(self.head(), forward, keep) {
            Some(e) => {
                self.selection = None;
                self.cursor = e.start;
                self.cycle = self.under_cursor().iter().position(|x| *x == e).unwrap_or(0);
            }
            None => self.refuse(none),
        }
        Effect::None
    }

    fn jump_of_label(&mut self, forward: bool, project: &Project) -> Effect {
        let label = match self.focused() {
            Some(e) => Some(self.resolve(project, &e).annotation.label.clone()),
            None => self.last_label.clone(),
        };
        let Some(label) = label else {
            self.count = None;
            self.refuse(Refusal::NoLabel { on_suggestion: false });
            return Effect::None;
        };
        let list = &project.sidecars[self.article].annotations;
        let keep =
            |e: &Entry| matches!(e.source, Source::Sidecar(k) if sidecar_at(list, e, k).label == label);
        // The walk wraps around: finding the focused one again means alone.
        let alone =
            self.index.next_from(self.head(), forward, keep).is_some_and(|e| Some(e) == self.focused());
        if alone {
            self.count = None;
            self.refuse(Refusal::OnlyOneOfLabel(label));
            return Effect::None;
        }
        self.jump(forward, keep, Refusal::NoneOfLabel(label.clone()))
    }

    /// The figures of the dispatch no figure, claim or date annotation
    /// (accepted or rejected) covers: the words holding a digit and the
    /// open figure and claim suggestions (numbers in words: "onze civils").
    pub fn unannotated_figures(&self, project: &Project) -> Vec<(usize, usize)> {
        let covers = |k: Kind| matches!(k, Kind::Figure | Kind::Claim | Kind::Date);
        let covered: Vec<(usize, usize)> = project.sidecars[self.article]
            .annotations
            .iter()
            .filter(|a| covers(a.kind))
            .map(|a| (a.start, a.end))
            .collect();
        // Sorted by start (the sidecar's order): the largest end so far
        // answers "does anything starting before `e` reach past `s`".
        let mut reach = Vec::with_capacity(covered.len());
        let mut max = 0;
        for &(_, e) in &covered {
            max = max.max(e);
            reach.push(max);
        }
        let free = |&(s, e): &(usize, usize)| {
            let n = covered.partition_point(|c| c.0 < e);
            n == 0 || reach[n - 1] <= s
        };
        let mut figures = self.doc.number_words();
        figures.extend(self.index.iter().filter_map(|e| match e.source {
            Source::Suggestion(i) if matches!(self.suggestions[i].kind, Kind::Figure | Kind::Claim) => {
                Some((e.start, e.end))
            }
            _ => None,
        }));
        figures.sort_unstable();
        figures.dedup();
        figures.retain(free);
        figures
    }

    /// To the first unannotated figure of the next (previous) sentence
    /// that has one.
    fn jump_to_figure(&mut self, forward: bool, project: &Project) -> Effect {
        self.count = None;
        let figures = self.unannotated_figures(project);
        let here = self.head();
        let target = if forward {
            let from = self.doc.sentence_end(here);
            figures.iter().find(|f| f.0 >= from).copied()
        } else {
            let before = self.doc.sentence_start(here);
            figures.iter().rev().find(|f| f.0 < before).map(|f| {
                let start = self.doc.sentence_start(f.0);
                *figures.iter().find(|g| g.0 >= start).unwrap_or(f)
            })
        };
        match target {
            Some((s, _)) => {
                self.selection = None;
                self.cursor = s;
                self.cycle = 0;
            }
            None => self.refuse(Refusal::NoFigureFurther { forward }),
        }
        Effect::None
    }

    fn kind_of(project: &Project, label: &str) -> Kind {
        project.labels.kind_of(label)
    }

    /// A label key: on the selection; without one, on the annotation under
    /// the cursor (relabel), a suggestion there (accept as this label), or
    /// the word under the cursor.
    fn label(&mut self, label: &str, project: &mut Project, editor: &mut Editor) -> Effect {
        self.count = None;
        self.last_label = Some(label.to_string());
        let kind = Self::kind_of(project, label);
        let (start, end) = match self.selection {
            Some(s) => {
                let chosen = self.selected_annotation.take().and_then(|id| {
                    project.sidecars[self.article]
                        .annotations
                        .iter()
                        .find(|a| a.id == id && a.start == s.start && a.end == s.end)
                        .cloned()
                });
                if self.refuse_hidden(s.start, s.end) {
                    return Effect::None;
                }
                if let Some(a) = chosen {
                    self.selection = None;
                    return self.relabel(a, label, kind, project, editor);
                }
                (s.start, s.end)
            }
            None => match self.focused().map(|e| (e, self.resolve(project, &e).annotation.clone())) {
                Some((_, a)) if self.doc.hides_any(a.start, a.end) => {
                    self.refuse_hidden(a.start, a.end);
                    return Effect::None;
                }
                Some((e, a)) if !matches!(e.source, Source::Suggestion(_)) => {
                    return self.relabel(a, label, kind, project, editor);
                }
                Some((_, a)) => (a.start, a.end),
                None if self.doc.is_empty() => return Effect::None,
                None => self.doc.unit_at(self.cursor),
            },
        };
        self.selection = None;
        // The sidecar is sorted by span: a binary search, not a scan.
        let list = &project.sidecars[self.article].annotations;
        let from = list.partition_point(|a| (a.start, a.end) < (start, end));
        if let Some(same) = list[from..]
            .iter()
            .take_while(|a| a.start == start && a.end == end)
            .find(|a| a.status == Status::Accepted && a.label == label)
        {
            let quote = Some(same.quote.exact.clone());
            self.refuse(Refusal::AlreadyLabelled { label: label.to_string(), quote });
            return Effect::None;
        }
        let mut a = new_annotation(&project.articles[self.article], kind, label, start, end);
        // A suggestion of the same span brings its fields along.
        let lo = self.suggestion_spans.partition_point(|t| (t.0, t.1) < (start, end));
        let same_span = self.suggestion_spans[lo..].iter().take_while(|t| (t.0, t.1) == (start, end));
        if let Some(s) = same_span.map(|t| &self.suggestions[t.2]).find(|s| s.kind == kind) {
            a.attrs = s.attrs.clone();
        }
        self.cursor = start;
        if matches!(kind, Kind::Claim | Kind::Event) {
            self.want_fields(Purpose::Create(a));
            return Effect::None;
        }
        let what = format!("{label} added: \"{}\"", a.quote.exact);
        self.commit(project, editor, Change::new(what).add(self.article, a))
    }

    fn relabel(
        &mut self,
        a: Annotation,
        label: &str,
        kind: Kind,
        project: &mut Project,
        editor: &mut Editor,
    ) -> Effect {
        if a.label == label {
            self.refuse(Refusal::AlreadyLabelled { label: label.to_string(), quote: None });
            return Effect::None;
        }
        let after = Annotation { label: label.to_string(), kind, ..a.clone() };
        // read after "undone: " and "redone: " as well as alone
        let what = format!("relabel \"{}\" from {} to {label}", a.quote.exact, a.label);
        let effect = self.commit(project, editor, Change::new(what).update(self.article, a, after.clone()));
        if matches!(kind, Kind::Claim | Kind::Event) && effect == Effect::Save {
            let current =
                project.sidecars[self.article].annotations.iter().find(|x| x.id == after.id).cloned();
            if let Some(current) = current {
                self.want_fields(Purpose::Edit(current));
            }
        }
        effect
    }

    /// Claimants and parties already known: accepted claims of the corpus
    /// and the suggestions at hand, most frequent first.
    pub fn known(&self, project: &Project) -> Known {
        let mut claimants: HashMap<&str, usize> = HashMap::new();
        let mut parties: HashMap<Party, usize> = HashMap::new();
        let all = project
            .sidecars
            .iter()
            .flat_map(|s| s.annotations.iter())
            .filter(|a| a.status == Status::Accepted);
        for a in all.chain(self.suggestions.iter()) {
            for c in [a.attrs.claimant.as_deref(), a.attrs.denied_by.as_deref()].into_iter().flatten() {
                if !c.is_empty() {
                    *claimants.entry(c).or_default() += 1;
                }
            }
            if let Some(p) = a.attrs.side.filter(|p| p.is_named()) {
                *parties.entry(p).or_default() += 1;
            }
        }
        fn by_frequency<T: Ord + Copy>(freq: HashMap<T, usize>) -> Vec<T> {
            let mut v: Vec<(T, usize)> = freq.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v.into_iter().map(|(c, _)| c).collect()
        }
        let mut parties: Vec<String> = by_frequency(parties).iter().map(|p| p.to_string()).collect();
        parties.extend([Party::BOTH, Party::UNKNOWN].map(|p| p.to_string()));
        Known { claimants: by_frequency(claimants).iter().map(|c| c.to_string()).collect(), parties }
    }

    pub fn article_date(&self, project: &Project) -> Option<PartialDate> {
        project.articles[self.article].meta.date
    }

    /// Asks the annotator for the fields of `purpose` (see [`Self::fields_wanted`]).
    fn want_fields(&mut self, purpose: Purpose) {
        self.fields_wanted = Some(purpose);
    }

    /// The fields the annotator gave for `purpose`: the change they make.
    pub fn fill(
        &mut self,
        purpose: Purpose,
        filled: Filled,
        project: &mut Project,
        editor: &mut Editor,
    ) -> Effect {
        self.said = None;
        let change = match (purpose, filled) {
            (Purpose::Create(mut a), Filled::Attrs(attrs)) => {
                a.attrs = attrs;
                Change::new(format!("{} added: \"{}\"", a.label, a.quote.exact)).add(self.article, a)
            }
            (Purpose::Accept(mut a), Filled::Attrs(attrs)) => {
                a.attrs = attrs;
                Change::new(format!("{} accepted: \"{}\"", a.label, a.quote.exact)).add(self.article, a)
            }
            (Purpose::Edit(before), Filled::Attrs(attrs)) => {
                let after = Annotation { attrs, ..before.clone() };
                if after == before {
                    self.refuse(Refusal::NoFieldChanged);
                    return Effect::None;
                }
                Change::new(format!("{} edited: \"{}\"", before.label, before.quote.exact)).update(
                    self.article,
                    before,
                    after,
                )
            }
            (Purpose::Meta, Filled::Meta(over)) => {
                if over == project.sidecars[self.article].header.meta {
                    self.refuse(Refusal::NoFieldChanged);
                    return Effect::None;
                }
                Editor::meta_change(project, self.article, over)
            }
            (_, _) => return Effect::None,
        };
        self.commit(project, editor, change)
    }

    fn focused_suggestion(&self) -> Option<(usize, Entry)> {
        let focused = self.focused();
        let pick = match focused {
            Some(e @ Entry { source: Source::Suggestion(_), .. }) => Some(e),
            _ => self.under_cursor().into_iter().find(|e| matches!(e.source, Source::Suggestion(_))),
        };
        pick.and_then(|e| match e.source {
            Source::Suggestion(i) => Some((i, e)),
            Source::Sidecar(_) => None,
        })
    }

    fn accepted_copy(&self, s: &Annotation, project: &Project, status: Status) -> Annotation {
        let mut a = new_annotation(&project.articles[self.article], s.kind, &s.label, s.start, s.end);
        a.attrs = s.attrs.clone();
        a.status = status;
        a
    }

    fn accept_focused(&mut self, project: &mut Project, editor: &mut Editor) -> Effect {
        let Some((i, _)) = self.focused_suggestion() else {
            self.refuse(Refusal::NoSuggestionToAccept);
            return Effect::None;
        };
        let s = self.suggestions[i].clone();
        if self.refuse_hidden(s.start, s.end) {
            return Effect::None;
        }
        let a = self.accepted_copy(&s, project, Status::Accepted);
        self.last_label = Some(s.label.clone());
        if matches!(s.kind, Kind::Claim | Kind::Event) {
            self.want_fields(Purpose::Accept(a));
            return Effect::None;
        }
        self.commit(
            project,
            editor,
            Change::new(format!("{} accepted: \"{}\"", a.label, a.quote.exact)).add(self.article, a),
        )
    }

    fn reject_focused(&mut self, project: &mut Project, editor: &mut Editor) -> Effect {
        let Some((i, _)) = self.focused_suggestion() else {
            self.refuse(Refusal::NoSuggestionToReject);
            return Effect::None;
        };
        let s = self.suggestions[i].clone();
        let a = self.accepted_copy(&s, project, Status::Rejected);
        self.commit(
            project,
            editor,
            Change::new(format!("{} rejected: \"{}\"", a.label, a.quote.exact)).add(self.article, a),
        )
    }

    fn accept_all_of_label(&mut self, project: &mut Project, editor: &mut Editor) -> Effect {
        let label = match self.focused() {
            Some(e) => Some(self.resolve(project, &e).annotation.label.clone()),
            None => self.last_label.clone(),
        };
        let Some(label) = label else {
            self.refuse(Refusal::NoLabel { on_suggestion: true });
            return Effect::None;
        };
        let open: Vec<Annotation> = self
            .index
            .iter()
            .filter_map(|e| match e.source {
                Source::Suggestion(i) if self.suggestions[i].label == label => {
                    Some(self.suggestions[i].clone())
                }
                _ => None,
            })
            .collect();
        if open.is_empty() {
            self.refuse(Refusal::NoOpenSuggestionOf(label));
            return Effect::None;
        }
        self.last_label = Some(label.clone());
        let mut change = Change::new(format!("{} {label} suggestions accepted", open.len()));
        for s in &open {
            change = change.add(self.article, self.accepted_copy(s, project, Status::Accepted));
        }
        self.commit(project, editor, change)
    }

    fn mark_all_occurrences(&mut self, project: &Project) -> Effect {
        let focused_label = self.focused().map(|e| self.resolve(project, &e).annotation.label.clone());
        let Some(label) = self.last_label.clone().or(focused_label) else {
            self.refuse(Refusal::NoLabelToRepeat);
            return Effect::None;
        };
        let (s, e) = match self.selection {
            Some(sel) => (sel.start, sel.end),
            None => self.doc.unit_at(self.cursor),
        };
        if self.refuse_hidden(s, e) {
            return Effect::None;
        }
        let kind = Self::kind_of(project, &label);
        if matches!(kind, Kind::Claim | Kind::Event) {
            self.refuse(Refusal::FieldsMissing(label));
            return Effect::None;
        }
        let needle = self.doc.slice(s, e);
        let change = super::editor::mark_all(project, &needle, &label, kind);
        if change.is_empty() {
            self.refuse(Refusal::EveryOccurrenceLabelled { needle, label });
            return Effect::None;
        }
        let mut articles: Vec<usize> = change.ops.iter().map(|o| o.article()).collect();
        articles.sort_unstable();
        articles.dedup();
        let n = change.ops.len();
        let shown: String = crate::text::inert_line(&needle).chars().take(24).collect();
        let disp = if articles.len() == 1 { "" } else { "es" };
        let question = format!(
            "y to label {n} more \"{shown}\" as {label} ({} dispatch{disp}), any other key: no",
            articles.len()
        );
        self.said = Some(Said::Asked(question.clone()));
        self.confirm = Some(Confirm { question, pending: Pending::Change(Box::new(change)) });
        Effect::None
    }

    fn edit_focused(&mut self, project: &Project) -> Effect {
        match self.focused() {
            Some(e @ Entry { source: Source::Sidecar(_), .. }) => {
                let a = self.resolve(project, &e).annotation.clone();
                self.want_fields(Purpose::Edit(a));
            }
            Some(e) => {
                let s = self.resolve(project, &e).annotation.clone();
                let a = self.accepted_copy(&s, project, Status::Accepted);
                self.want_fields(Purpose::Accept(a));
            }
            None => self.refuse(Refusal::NoAnnotationHere),
        }
        Effect::None
    }

    fn delete_focused(&mut self, project: &mut Project, editor: &mut Editor) -> Effect {
        match self.focused() {
            Some(e @ Entry { source: Source::Sidecar(_), .. }) => {
                let a = self.resolve(project, &e).annotation.clone();
                let what = format!("{} deleted: \"{}\"", a.label, a.quote.exact);
                self.commit(project, editor, Change::new(what).remove(self.article, a))
            }
            Some(_) => {
                self.refuse(Refusal::SuggestionNotDeletable);
                Effect::None
            }
            None => {
                self.refuse(Refusal::NoAnnotationHere);
                Effect::None
            }
        }
    }

    /// The attributes a suggestion or annotation carries, for the status bar.
    pub fn describe(a: &Annotation) -> String {
        let at: &Attrs = &a.attrs;
        let mut parts = vec![a.label.clone()];
        if let Some(c) = &at.claimant {
            parts.push(format!("by {c}"));
        }
        match (at.count_low, at.count_high) {
            (Some(l), Some(h)) if l != h => parts.push(format!("{l}–{h}")),
            (Some(l), _) => parts.push(l.to_string()),
            _ => {}
        }
        for v in [at.what.map(|w| w.as_str()), at.who.map(|w| w.as_str()), at.side.map(|w| w.as_str())]
            .into_iter()
            .flatten()
        {
            parts.push(v.to_string());
        }
        if let Some(d) = at.date.or(at.as_of) {
            parts.push(d.to_string());
        }
        if let Some(s) = at.summary.as_ref().or(at.canonical.as_ref()).or(at.tag.as_ref()) {
            parts.push(s.clone());
        }
        parts.join(" · ")
    }
}

impl Edge {
    pub fn name(self) -> &'static str {
        match self {
            Edge::Start => "start",
            Edge::End => "end",
        }
    }
}
