//! The state of the application. `update` changes it, `view` draws it; only
//! the run loop touches the terminal and the disk.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::annotation::{Annotation, Kind, Status};
use crate::digest::{Brief, Kept};
use crate::project::Project;

use super::keymap::{Keymap, Layer};
use super::list::ListState;
use super::readstate::{Entry, ReadState};
use super::side::{SideData, SideState};
use super::theme::Theme;
use super::wrap::{WrapKey, Wrapped};
use crate::annotation::edit::index::Marks;

/// The base layer: reading, or annotating (built in `tui::annotate`).
/// What a cached claim count was counted at: (the editor's claims
/// revision, suggestions). Only the editor changes annotations.
type CountedAt = (u64, usize);

/// What the reader's marks index was built from: (article, app revision,
/// editor revision, suggestions generation).
type MarksKey = (usize, u64, u64, u64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Read,
    Annotate,
    /// Where annotators differ, a curator picks a version (`tui::adjudicate`).
    Adjudicate,
}

/// Layers over the mode; the top one sees keys first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: u16 },
    Filter,
    Search,
    Chart,
}

impl Overlay {
    pub fn layer(&self) -> Layer {
        match self {
            Overlay::Help { .. } => Layer::Help,
            Overlay::Filter => Layer::Filter,
            Overlay::Search => Layer::Search,
            Overlay::Chart => Layer::Chart,
        }
    }
}

pub use super::layout::Pane;

impl super::side::SideSource for App {
    fn project(&self) -> &Project {
        &self.project
    }

    fn kept(&self) -> &[Kept] {
        &self.suggestions
    }

    fn claimants(&self) -> &crate::digest::Claimants {
        &self.claimants
    }

    fn current(&self) -> usize {
        self.current
    }

    fn scope(&self) -> std::ops::Range<usize> {
        self.digest_scope()
    }

    fn revision(&self) -> u64 {
        self.revision
    }
}

impl super::layout::Viewport for App {
    fn size(&self) -> (u16, u16) {
        self.size
    }

    fn focus(&self) -> Pane {
        self.focus
    }
}

/// Whether the annotations are safely on disk (the annotator sets it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Unsaved,
    ReadOnly(String),
    Failed(String),
}

/// A message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub error: bool,
}

/// A search in the current article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// Code point ranges of the hits, in order.
    pub hits: Vec<(usize, usize)>,
    pub current: Option<usize>,
}

/// Ranges the annotate mode wants drawn over the article (code points).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleOverlay {
    pub cursor: Option<(usize, usize)>,
    pub selection: Option<(usize, usize)>,
}

/// Where the reader stands in the current article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    /// Code point offset of the first line shown, per article.
    pub tops: Vec<usize>,
    pub show_boilerplate: bool,
    /// The entity, figure or passage `w`/`b`/Enter stands on.
    pub focus: Option<(usize, usize)>,
    pub search: Search,
}

/// Digests taking this long are felt by a key that waits for them.
const SLOW_DIGEST: std::time::Duration = std::time::Duration::from_millis(16);

/// In a folder larger than this, the side pane's digests (and the idle
/// work that feeds them) cover the dispatches around the one shown: most of
/// them before it (what was known by its date), some after. The pane says
/// so. A million dispatches' claims would neither fit in memory nor be
/// digested between two keys.
pub const SCOPE: usize = 6_000;
const SCOPE_AFTER: usize = 1_000;
/// The scope moves by steps this long, not at each dispatch shown.
const SCOPE_STEP: usize = 1_000;

/// The places the digests cover when place `current` of `n` is shown.
pub fn scope_around(current: usize, n: usize) -> std::ops::Range<usize> {
    if n <= SCOPE {
        return 0..n;
    }
    let wanted = (current + SCOPE_AFTER + 1).saturating_sub(SCOPE);
    let start = (wanted / SCOPE_STEP * SCOPE_STEP).min(n - SCOPE);
    start..start + SCOPE
}

/// How long a piece of idle work runs before the loop looks for keys again.
const SLICE: std::time::Duration = std::time::Duration::from_millis(4);

/// Work left for idle time, so the first frame comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Suggestions for the article shown: it is drawn first, without them.
    Current,
    /// The rest of a filter of the list (the first matches came at once);
    /// with `follow`, the article shown follows the best match.
    Filter { follow: bool },
    /// Suggestions for the articles from this index on.
    Suggest(usize),
    /// The side pane's digests for the current article.
    Digest,
    /// An article left the screen: its suggestions shrink to what the
    /// digests read (after the frame, not in the key that left it).
    Trim(usize),
    /// Suggestions for one article (come into the folder, or changed).
    Fresh(usize),
    /// The digests' scope moved off these places: their suggestions go
    /// (after the frame: a key that moves it frees thousands of them).
    Forget(usize, usize),
}

pub struct App {
    pub project: Project,
    /// `suggestions[i]` belongs to `project.articles[i]`; computed lazily,
    /// in full for the current article, else only what the digests read.
    pub suggestions: Vec<Kept>,
    /// What the corpus knows, for the extractor; rebuilt after a change.
    pub knowledge: Option<crate::extract::Knowledge>,
    pub claimants: crate::digest::Claimants,
    /// The article shown (index into `project.articles`).
    pub current: usize,
    pub mode: Mode,
    pub overlays: Vec<Overlay>,
    pub focus: Pane,
    pub list: ListState,
    pub reader: Reader,
    pub side: SideState,
    pub side_data: Option<SideData>,
    pub read: Vec<bool>,
    pub readstate: ReadState,
    pub status: Option<StatusLine>,
    pub save: SaveState,
    pub keymap: Keymap,
    pub theme: Theme,
    pub annotator: String,
    /// The terminal size, as last reported.
    pub size: (u16, u16),
    /// Bumped on every annotation change: the key of cached layouts.
    pub revision: u64,
    pub wrapped: Option<Wrapped>,
    pub overlay: ArticleOverlay,
    pub jobs: Vec<Job>,
    /// Claims counted per article for the list, with what they were counted
    /// at (editor claims revision, suggestions): every frame draws the
    /// list, and a count is a scan of a dispatch's annotations.
    pub(super) claim_counts: RefCell<HashMap<usize, (CountedAt, usize)>>,
    pub quit: bool,
    /// How long the last side pane digests took.
    pub(super) digest_took: std::time::Duration,
    /// The current article's marks by position while reading, with what
    /// they were built from (article, revisions, suggestions generation).
    pub(super) marks: Option<(MarksKey, Marks)>,
    /// Bumped whenever an article's suggestions are recomputed or trimmed.
    pub(super) suggestions_gen: u64,
    /// Annotate mode: the session, the editor (undo, saves), the quit guard.
    pub annotation: crate::tui::annotate::state::AnnotateState,
    /// Adjudicate mode: the disagreement in focus, the list's progress marks.
    pub adjudication: crate::tui::adjudicate::state::AdjudicateState,
    /// Reads the suggestions of long dispatches off the run loop.
    pub worker: super::worker::Worker,
    /// Finds the filter's words in the texts through the folder's index,
    /// when the texts are read only when shown (`Project::index`).
    pub searcher: Option<crate::index::search::Searcher>,
    /// The words last asked of the searcher.
    pub(super) asked: Option<String>,
    /// The opened folder, watched: dispatches written, changed or removed
    /// come in between keys (`tui::run` starts it).
    pub watch: Option<crate::index::watch::Watch>,
    /// Every text has been read (see `App::prepare`).
    all_texts: bool,
    /// Changes held back while annotating (the article being annotated
    /// and the editor's unsaved work keep their places until then).
    pub(super) held: Vec<crate::index::watch::Change>,
    /// The changes held would move dispatches to other places (they wait
    /// for the undo history to empty, not only for the annotator).
    pub(super) held_moves: bool,
}

impl App {
    /// An app over `project`. Suggestions and digests wait for idle time.
    pub fn new(project: Project, theme: Theme, keymap: Keymap, readstate: ReadState) -> App {
        let n = project.articles.len();
        let folder = readstate.folder(&project.dir);
        // Each dispatch with a read mark or a position kept is found by its
        // id: nothing is read of the others (a million rows).
        let (mut read, mut tops) = (vec![false; n], vec![0; n]);
        let places = project.articles.places_of(folder.keys().map(String::as_str));
        for ((_, e), place) in folder.iter().zip(places) {
            if let Some(i) = place {
                read[i] = e.read;
                // A text not read yet is clamped once read (`App::prepare`).
                tops[i] = match project.has_text(i) {
                    false => e.top,
                    true => e.top.min(project.articles[i].len_chars()),
                };
            }
        }
        let claimants = crate::digest::Claimants::load(&project.dir);
        let mut status = None;
        let claimants = match claimants {
            Ok(c) => c,
            Err(e) => {
                status = Some(StatusLine { text: e.to_string(), error: true });
                Default::default()
            }
        };
        if let Some(w) = project.warnings.first() {
            status = Some(StatusLine { text: w.to_string(), error: true });
        }
        let mut list = ListState::new(n);
        list.by_index = project.index.is_some();
        let searcher =
            project.index.clone().map(|i| crate::index::search::Searcher::start(i, project.dir.clone()));
        let mut app = App {
            suggestions: vec![Kept::default(); n],
            knowledge: None,
            claimants,
            current: 0,
            mode: Mode::Read,
            overlays: Vec::new(),
            focus: Pane::List,
            list,
            reader: Reader { tops, ..Default::default() },
            side: SideState::default(),
            side_data: None,
            read,
            readstate,
            status,
            save: SaveState::Saved,
            keymap,
            theme,
            annotator: String::new(),
            size: (80, 24),
            revision: 0,
            wrapped: None,
            overlay: ArticleOverlay::default(),
            jobs: vec![Job::Current, Job::Suggest(0), Job::Digest],
            claim_counts: RefCell::default(),
            quit: false,
            digest_took: std::time::Duration::ZERO,
            annotation: Default::default(),
            adjudication: Default::default(),
            worker: Default::default(),
            marks: None,
            suggestions_gen: 0,
            searcher,
            asked: None,
            watch: None,
            held: Vec::new(),
            held_moves: false,
            all_texts: false,
            project,
        };
        // Start on the first unread dispatch, else the latest.
        let start = app.read.iter().position(|r| !r).unwrap_or(n.saturating_sub(1));
        app.current = start;
        app.list.select_article(start);
        app.load_current();
        app
    }

    /// Reads the current article's text if it was left to be read when
    /// shown, and keeps its scroll position inside it.
    fn load_current(&mut self) {
        let i = self.current;
        if self.project.has_text(i) || !self.project.load_text(i) {
            return;
        }
        let len = self.project.articles[i].len_chars();
        if let Some(top) = self.reader.tops.get_mut(i) {
            *top = (*top).min(len);
        }
    }

    pub fn article(&self) -> Option<&crate::corpus::Article> {
        self.project.articles.get(self.current)
    }

    /// The layer that sees keys first.
    pub fn top_layer(&self) -> Layer {
        match self.overlays.last() {
            Some(o) => o.layer(),
            None => match self.mode {
                Mode::Read => Layer::Read,
                Mode::Annotate => Layer::Annotate,
                Mode::Adjudicate => Layer::Adjudicate,
            },
        }
    }

    pub fn has_overlay(&self, f: impl Fn(&Overlay) -> bool) -> bool {
        self.overlays.iter().any(f)
    }

    pub fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine { text: text.into(), error: false });
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine { text: text.into(), error: true });
    }

    /// To call after a sidecar changed: its suggestions, the layout key and
    /// the side pane's digests are recomputed.
    pub fn sidecar_changed(&mut self, article: usize) {
        self.revision += 1;
        self.knowledge = None;
        self.compute_suggestions(article);
        self.side_data = None;
        self.prepare();
        // What was accepted here is a pattern for every other dispatch.
        self.jobs.retain(|j| !matches!(j, Job::Suggest(_)));
        self.jobs.insert(0, Job::Suggest(0));
        self.schedule(Job::Digest);
    }

    pub fn schedule(&mut self, job: Job) {
        if !self.jobs.contains(&job) {
            self.jobs.push(job);
        }
    }

    /// Suggestions for one article, minus what its sidecar settled: all of
    /// them for the current article, what the digests read for the others.
    pub fn compute_suggestions(&mut self, i: usize) {
        let knowledge =
            self.knowledge.get_or_insert_with(|| crate::extract::Knowledge::from_project(&self.project));
        // A text left to be read when shown is read for the moment.
        // An empty sidecar is not kept for it (a large folder's idle work).
        if let (Some(a), Some(sc)) = (self.project.full_article(i), self.project.sidecars.peek(i)) {
            let sc = &*sc;
            if super::worker::is_long(&a) {
                self.worker.ask(i, self.revision, i == self.current, &a, sc, knowledge);
                return;
            }
            let suggestions = crate::extract::suggest(&a, sc, knowledge);
            self.install_suggestions(i, suggestions);
        }
    }

    /// The suggestions of article `i`, in full if it is shown.
    pub fn install_suggestions(&mut self, i: usize, suggestions: Vec<Annotation>) {
        if i < self.project.sidecars.len() {
            let annotations = self.project.sidecars.annotations(i);
            self.suggestions[i] = if i == self.current {
                Kept::full_of(suggestions)
            } else if self.project.has_text(i) {
                Kept::Brief(Box::new(Brief::new(&suggestions, annotations)))
            } else {
                // Its text is read when shown: the digests' quotes kept.
                Kept::Brief(Box::new(Brief::quoted(&suggestions, annotations)))
            };
            self.claim_counts.borrow_mut().remove(&i);
            self.suggestions_gen += 1;
        }
    }

    /// Whether article `i` has its suggestions in full (not only what the
    /// digests read, nor none yet).
    pub fn has_full_suggestions(&self, i: usize) -> bool {
        matches!(self.suggestions.get(i), Some(Kept::Full { .. }))
    }

    /// Article `i` left the screen: it keeps only what the digests read
    /// (the same claims and events, so the digests stand as they are).
    fn trim_suggestions(&mut self, i: usize) {
        if let Some(Kept::Full { list, .. }) = self.suggestions.get(i) {
            let brief = Brief::new(list, &self.project.sidecars[i].annotations);
            self.suggestions[i] = Kept::Brief(Box::new(brief));
            self.suggestions_gen += 1;
        }
    }

    /// Runs one piece of deferred work; false when there is none left.
    pub fn run_job(&mut self) -> bool {
        let Some(job) = self.jobs.first().copied() else { return false };
        match job {
            Job::Filter { follow } => {
                self.jobs.remove(0);
                if self.list.filter_step(&self.project.articles, SLICE) {
                    self.jobs.insert(0, Job::Filter { follow });
                }
                self.ask_for_words();
                if follow {
                    self.follow_best_match();
                }
            }
            Job::Current => {
                self.jobs.remove(0);
                if self.needs_full_suggestions() {
                    self.compute_suggestions(self.current);
                }
            }
            Job::Suggest(from) => {
                // The current article first, then the rest in slices of a
                // few milliseconds, so that a key pressed meanwhile waits
                // at most one slice.
                if self.needs_full_suggestions() {
                    self.compute_suggestions(self.current);
                }
                let started = std::time::Instant::now();
                let scope = self.digest_scope();
                let n = scope.end;
                let from = from.max(scope.start);
                let mut end = from;
                while end < n && (end == from || started.elapsed() < SLICE) {
                    if end != self.current || !self.has_full_suggestions(end) {
                        self.compute_suggestions(end);
                    }
                    end += 1;
                }
                self.jobs.remove(0);
                if end < n {
                    self.jobs.insert(0, Job::Suggest(end));
                } else {
                    self.side_data = None;
                    self.schedule(Job::Digest);
                }
            }
            Job::Digest => {
                self.jobs.remove(0);
                let started = std::time::Instant::now();
                self.side_data = Some(SideData::build(self));
                self.digest_took = started.elapsed();
                self.side.clamp(self.side_data.as_ref());
            }
            Job::Forget(from, to) => {
                self.jobs.remove(0);
                let scope = self.digest_scope();
                let keep = |i: &usize| scope.contains(i) || *i == self.current;
                for i in (from..to.min(self.suggestions.len())).filter(|i| !keep(i)) {
                    self.suggestions[i] = Kept::default();
                }
            }
            Job::Fresh(i) => {
                self.jobs.remove(0);
                if i != self.current || !self.has_full_suggestions(i) {
                    self.compute_suggestions(i);
                }
                if !self.jobs.iter().any(|j| matches!(j, Job::Fresh(_))) {
                    self.side_data = None;
                    self.schedule(Job::Digest);
                }
            }
            Job::Trim(i) => {
                self.jobs.remove(0);
                if i != self.current {
                    self.trim_suggestions(i);
                }
            }
        }
        true
    }

    /// Whether the next job is the side pane's digests and the last ones
    /// took long enough to be felt (a few hundred milliseconds on 10,000
    /// dispatches; one on the bundled five, which need not wait for anything).
    pub fn next_job_is_slow_digest(&self) -> bool {
        self.jobs.first() == Some(&Job::Digest) && self.digest_took >= SLOW_DIGEST
    }

    /// Whether the article shown waits for its suggestions in full.
    fn needs_full_suggestions(&self) -> bool {
        self.current < self.project.articles.len() && !self.has_full_suggestions(self.current)
    }

    pub fn run_all_jobs(&mut self) {
        loop {
            while self.run_job() {}
            while super::worker::finish_one(self) {
                while self.run_job() {}
            }
            // The index's answer to the filter's words, waited for.
            if !self.wait_for_words(std::time::Duration::from_secs(60)) {
                return;
            }
        }
    }

    /// The accepted and suggested annotations of the current article that
    /// overlap `start..end`, suggestions covered by an annotation left out.
    pub fn marks_in(&self, start: usize, end: usize) -> Vec<(&Annotation, bool)> {
        // Annotating: the session's position index, patched change by change.
        if let Some(s) = self.annotation.session.as_ref().filter(|s| s.article == self.current) {
            return s.marks_in(&self.project, start, end);
        }
        let (Some(sc), Some(kept)) =
            (self.project.sidecars.get(self.current), self.suggestions.get(self.current))
        else {
            return Vec::new();
        };
        // Reading: the same index, built by `prepare` when what it shows changed.
        match self.marks.as_ref().filter(|(k, _)| *k == self.marks_key()) {
            Some((_, marks)) => marks.overlapping(&sc.annotations, kept.full(), start, end),
            None => {
                let len = self.project.articles[self.current].len_chars();
                Marks::build(&sc.annotations, kept.full(), len).overlapping(
                    &sc.annotations,
                    kept.full(),
                    start,
                    end,
                )
            }
        }
    }

    /// What the reader's marks index is built from.
    fn marks_key(&self) -> MarksKey {
        (self.current, self.revision, self.annotation.editor.revision(), self.suggestions_gen)
    }

    /// Builds the reader's marks index if what it shows changed.
    fn prepare_marks(&mut self) {
        if self.annotation.session.as_ref().is_some_and(|s| s.article == self.current) {
            return;
        }
        let key = self.marks_key();
        if self.marks.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let (Some(a), Some(sc), Some(kept)) = (
            self.project.articles.get(self.current),
            self.project.sidecars.get(self.current),
            self.suggestions.get(self.current),
        ) else {
            return;
        };
        self.marks = Some((key, Marks::build(&sc.annotations, kept.full(), a.len_chars())));
    }

    /// Code point ranges tagged as boilerplate by the annotator.
    pub fn boilerplate_tags(&self, i: usize) -> Vec<(usize, usize)> {
        self.project.sidecars.get(i).map_or(Vec::new(), |sc| {
            sc.annotations
                .iter()
                .filter(|a| {
                    a.kind == Kind::Tag
                        && a.status == Status::Accepted
                        && a.attrs.tag.as_deref() == Some("boilerplate")
                })
                .map(|a| (a.start, a.end))
                .collect()
        })
    }

    /// The key of the article's layout at the current size.
    pub fn wrap_key(&self) -> Option<WrapKey> {
        let panes = super::layout::panes(self);
        let area = panes.article?;
        Some(WrapKey {
            article: self.current,
            width: super::layout::text_width(area),
            revision: self.revision,
            show_boilerplate: self.reader.show_boilerplate,
        })
    }

    /// Prepares what the next frame needs (the lines of the article around
    /// its top), so that drawing stays a pure function of the state.
    pub fn prepare(&mut self) {
        self.load_current();
        // Annotating may write any dispatch's sidecar (`*`, its undo): every
        // text is read once, as an index-less start reads them.
        if self.mode == Mode::Annotate && self.project.index.is_some() && !self.all_texts {
            self.project.load_all_texts();
            self.all_texts = true;
        }
        self.prepare_marks();
        let Some(key) = self.wrap_key() else { return };
        let Some(article) = self.project.articles.get(self.current) else { return };
        if self.wrapped.as_ref().is_none_or(|w| w.key != key) {
            // The paragraphs do not depend on the width or the folding, nor
            // the display strings on the width.
            let same_text = |w: &Wrapped| w.key.article == key.article && w.key.revision == key.revision;
            self.wrapped = Some(match self.wrapped.take().filter(same_text) {
                Some(w) => w.rekey(article, key),
                None => Wrapped::build(article, key, &self.boilerplate_tags(self.current)),
            });
        }
        let top = self.reader.tops.get(self.current).copied().unwrap_or(0);
        let height = super::layout::panes(self).article.map_or(1, super::layout::text_height);
        if let Some(w) = self.wrapped.as_mut() {
            w.prepare(article, top, height as usize);
        }
    }

    /// Shows article `i` in the article pane (the list selection follows).
    pub fn show(&mut self, i: usize) {
        if i >= self.project.articles.len() {
            return;
        }
        if self.current != i {
            self.schedule(Job::Trim(self.current));
            self.move_scope(i);
            self.current = i;
            self.load_current();
            self.reader.focus = None;
            self.reader.search = Default::default();
            self.side_data = None;
            self.schedule(Job::Digest);
            // Its suggestions come a frame later, before the digests.
            if !self.has_full_suggestions(i) && !self.jobs.contains(&Job::Current) {
                self.jobs.insert(0, Job::Current);
            }
        }
        self.list.select_article(i);
    }

    /// The places the side pane's digests cover (see [`SCOPE`]).
    pub fn digest_scope(&self) -> std::ops::Range<usize> {
        scope_around(self.current, self.project.articles.len())
    }

    /// Showing place `to` in a large folder may move the digests' scope:
    /// the suggestions left behind are dropped, those come into it made in
    /// idle time.
    fn move_scope(&mut self, to: usize) {
        let (old, new) = (self.digest_scope(), scope_around(to, self.project.articles.len()));
        if old == new {
            return;
        }
        self.schedule(Job::Forget(old.start, old.end));
        self.claim_counts.borrow_mut().clear();
        self.suggestions_gen += 1;
        self.jobs.retain(|j| !matches!(j, Job::Suggest(_)));
        self.jobs.push(Job::Suggest(new.start));
    }

    /// While typing a filter, the article shown is the best match so far.
    pub fn follow_best_match(&mut self) {
        let typing = self.has_overlay(|o| *o == Overlay::Filter);
        if let (true, 0, Some(a)) = (typing, self.list.selected, self.list.selected_article())
            && !self.list.filter.is_empty()
        {
            self.show(a);
        }
    }

    /// The read marks and scroll positions to keep between runs.
    pub fn store_readstate(&mut self) {
        let mut folder: BTreeMap<String, Entry> = self.readstate.folder(&self.project.dir);
        let articles = &self.project.articles;
        let entry = |i: usize| Entry { read: self.read[i], top: self.reader.tops[i] };
        // Those kept before and now back to nothing are forgotten…
        let places = articles.places_of(folder.keys().map(String::as_str));
        let mut places = places.into_iter();
        folder.retain(|_, _| places.next().flatten().is_none_or(|i| entry(i) != Entry::default()));
        // …and those with something to keep, kept (no other id is read).
        for i in (0..articles.len()).filter(|&i| entry(i) != Entry::default()) {
            folder.insert(articles.id(i).to_string(), entry(i));
        }
        self.readstate.set_folder(&self.project.dir, folder);
    }

    /// The number of suggestions still open in the current article.
    pub fn open_suggestions(&self) -> usize {
        // Annotating: the session's count, patched by every accept and
        // reject (the extractor's list is recomputed only after the frame).
        if let Some(s) = self.annotation.session.as_ref().filter(|s| s.article == self.current) {
            return s.open_suggestions();
        }
        // The extractor already left out what the sidecar settled; a change
        // recomputes them right after its frame.
        self.suggestions.get(self.current).map_or(0, |s| s.full().len())
    }

    /// Claims of article `i`: accepted, and suggested not yet settled.
    pub fn claim_count(&self, i: usize) -> usize {
        let at = (self.annotation.editor.claims_revision(), self.suggestions.get(i).map_or(0, Kept::len));
        if let Some(&(key, n)) = self.claim_counts.borrow().get(&i)
            && key == at
        {
            return n;
        }
        let n = self.count_claims(i);
        self.claim_counts.borrow_mut().insert(i, (at, n));
        n
    }

    fn count_claims(&self, i: usize) -> usize {
        let is_claim = |a: &&Annotation| a.kind == Kind::Claim;
        let accepted = self
            .project
            .sidecars
            .annotations(i)
            .iter()
            .filter(is_claim)
            .filter(|a| a.status == Status::Accepted);
        let suggested = self.suggestions.get(i).map_or(0, |s| s.count(Kind::Claim));
        accepted.count() + suggested
    }

    /// Ids of expanded claimant groups (by name, so they survive a recompute).
    pub fn expanded(&self) -> &HashSet<String> {
        &self.side.expanded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digests_cover_a_small_folder_whole_and_a_large_one_around_the_dispatch_shown() {
        assert_eq!(scope_around(0, 5), 0..5);
        assert_eq!(scope_around(SCOPE - 1, SCOPE), 0..SCOPE);
        let n = 1_000_000;
        let mut last = scope_around(0, n);
        for current in (0..n).step_by(997).chain([n - 1]) {
            let s = scope_around(current, n);
            assert_eq!(s.len(), SCOPE);
            assert!(s.contains(&current), "{current} in {s:?}");
            // Mostly what came before: what was known by its date.
            assert!(current - s.start >= (SCOPE - SCOPE_AFTER - SCOPE_STEP).min(current), "{current} {s:?}");
            // It moves by steps, forward as the dispatch shown does.
            assert!(s.start >= last.start && s.start.is_multiple_of(SCOPE_STEP) || s.end == n);
            last = s;
        }
    }
}
