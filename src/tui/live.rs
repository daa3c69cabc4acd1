//! What comes to the reader from the threads beside it, between keys: the
//! index's answer to the filter's words, and the dispatches written,
//! changed or removed in the watched folder (`index::watch`). The reader
//! keeps its place: the article shown, the selection and its row on screen,
//! every scroll position and read mark (by dispatch, not by place).

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::time::Duration;

use super::app::{App, Job, Mode};
use super::list::ListState;
use crate::annotation::Sidecar;
use crate::corpus::Article;
use crate::corpus::places::Place;
use crate::date::PartialDate;
use crate::digest::Kept;
use crate::index::watch::Change;

/// How often the run loop looks for what the threads beside it delivered
/// while no key comes.
pub const TICK: Duration = Duration::from_millis(25);

impl App {
    /// Takes in what the threads beside the reader delivered; true when
    /// something shown changed.
    pub fn take_background(&mut self) -> bool {
        self.ask_for_words();
        let mut changed = false;
        changed |= super::annotate::glue::timed_saves(self);
        if let Some((words, found)) = self.searcher.as_ref().and_then(|s| s.answer()) {
            changed |= self.found_in_texts(words, found);
        }
        let fresh = self.watch.as_ref().map(|w| w.changes()).unwrap_or_default();
        // Changes held back wait for what held them to go, not tried again
        // at every tick.
        if fresh.is_empty() && (self.busy() || (self.held_moves && self.has_history())) {
            return changed;
        }
        let mut changes = std::mem::take(&mut self.held);
        changes.extend(fresh);
        if !changes.is_empty() {
            changed |= self.apply_changes(changes);
        }
        changed
    }

    /// Whether anything beside the reader may still deliver.
    pub fn expects_background(&self) -> bool {
        self.watch.is_some() || self.asked.is_some() || super::annotate::glue::waits_to_save(self)
    }

    /// Waits up to `wait` for the index to answer the filter's words (tests,
    /// benches); false when nothing is asked.
    pub fn wait_for_words(&mut self, wait: Duration) -> bool {
        self.ask_for_words();
        if self.asked.is_none() {
            return false;
        }
        match self.searcher.as_ref().and_then(|s| s.wait(wait)) {
            Some((words, found)) => {
                self.found_in_texts(words, found);
                true
            }
            None => false,
        }
    }

    /// Asks the index for the texts holding the filter's words, once.
    pub fn ask_for_words(&mut self) {
        let (Some(searcher), Some(words)) = (&self.searcher, self.list.wanted_words()) else { return };
        if self.asked.as_ref() != Some(&words) {
            searcher.ask(&words);
            self.asked = Some(words);
        }
    }

    fn found_in_texts(&mut self, words: String, found: Result<HashSet<String>, String>) -> bool {
        if self.asked.as_ref() == Some(&words) {
            self.asked = None;
        }
        let found = found.unwrap_or_else(|e| {
            self.set_error(format!("the index cannot search the texts ({e}): titles only"));
            HashSet::new()
        });
        let articles = &self.project.articles;
        let hits = (0..articles.len())
            .map(|i| found.contains(articles.file_name(i).to_string_lossy().as_ref()))
            .collect();
        if !self.list.found_in_texts(&self.project.articles, words, hits) {
            return false;
        }
        // While typing, the article shown follows the best match, as it
        // does when the texts are searched in memory.
        self.jobs.retain(|j| !matches!(j, Job::Filter { .. }));
        if self.list.filtering() {
            self.jobs.insert(0, Job::Filter { follow: true });
        }
        self.follow_best_match();
        true
    }

    /// Brings the folder's changes in: articles added, replaced, removed,
    /// the reader's state following each dispatch to its new place. Held
    /// back while annotating; one that moves dispatches to other places
    /// also while the undo history holds steps (they name their places).
    pub fn apply_changes(&mut self, changes: Vec<Change>) -> bool {
        self.held_moves = false;
        if self.busy() {
            self.held = changes;
            return false;
        }
        let mut latest: HashMap<OsString, Option<Article>> = HashMap::new();
        for (name, article) in changes.iter().cloned() {
            latest.insert(name, article);
        }
        // A few changes (dispatches arriving one by one in a large archive)
        // are made in place: nothing is made again per dispatch.
        if latest.len() <= FEW && !self.has_history() {
            let counts = self.apply_few(latest);
            return self.said(counts);
        }
        let old_n = self.project.articles.len();
        // Each place of the new list: an old article, or a fresh one (and
        // the old place it replaces).
        let mut replaced: HashMap<OsString, usize> = HashMap::new();
        let mut slots: Vec<Slot> = Vec::with_capacity(old_n + latest.len());
        for i in 0..old_n {
            let name = self.project.articles.file_name(i);
            match latest.contains_key(name) {
                true => drop(replaced.insert(name.to_os_string(), i)),
                false => slots.push(Slot::Old(i)),
            }
        }
        let mut fresh: Vec<(Article, Option<usize>)> = Vec::new();
        let (mut added, mut removed, mut updated) = (0, 0, 0);
        for (name, article) in latest {
            let was = replaced.get(&name).copied();
            match (article, was) {
                (Some(a), was) => {
                    if was.is_some() {
                        updated += 1
                    } else {
                        added += 1
                    }
                    slots.push(Slot::Fresh(fresh.len()));
                    fresh.push((a, was));
                }
                (None, Some(_)) => removed += 1,
                (None, None) => {}
            }
        }
        if added + removed + updated == 0 {
            return false;
        }
        // Sidecars of the fresh: read and applied before sorting (their
        // metadata may move them).
        let fresh: Vec<(Article, Sidecar, Option<usize>)> = fresh
            .into_iter()
            .map(|(mut a, was)| {
                let sc = Sidecar::load(&a);
                crate::project::apply_override(&mut a, &sc);
                (a, sc, was)
            })
            .collect();
        let articles = &self.project.articles;
        let key = |s: &Slot| match *s {
            Slot::Old(i) => articles.sort_key(i),
            Slot::Fresh(k) => crate::corpus::sort_key(&fresh[k].0),
        };
        let slots = in_order(slots, key);
        let old_of = |s: &Slot| match *s {
            Slot::Old(i) => Some(i),
            Slot::Fresh(k) => fresh[k].2,
        };
        let in_place =
            slots.len() >= old_n && slots.iter().take(old_n).enumerate().all(|(p, s)| old_of(s) == Some(p));
        if !in_place && self.has_history() {
            self.held = changes;
            self.held_moves = true;
            return false;
        }
        self.rebuild(slots, fresh);
        self.said((added, removed, updated))
    }

    /// Says what changed in the status bar: (added, removed, updated);
    /// false when nothing did.
    fn said(&mut self, (added, removed, updated): (usize, usize, usize)) -> bool {
        let mut said = Vec::new();
        for (n, what) in [(added, "new"), (updated, "changed"), (removed, "removed")] {
            if n > 0 {
                said.push(format!("{n} {what}"));
            }
        }
        if said.is_empty() {
            return false;
        }
        self.set_status(format!("the folder changed: {}", said.join(", ")));
        true
    }

    /// A few changes made in place: each old place found by its file's
    /// name, removed; each fresh article put at its place in the order.
    /// Every piece of state kept by place follows. (added, removed,
    /// updated).
    fn apply_few(&mut self, latest: HashMap<OsString, Option<Article>>) -> (usize, usize, usize) {
        let (mut added, mut removed, mut updated) = (0, 0, 0);
        let mut gone = Vec::new();
        let mut fresh = Vec::new();
        for (name, article) in latest {
            let was = self.project.articles.place_of_file(&name);
            match (article, was) {
                (Some(a), was) => {
                    if was.is_some() {
                        updated += 1;
                    } else {
                        added += 1;
                    }
                    fresh.push((a, was));
                }
                (None, Some(i)) => {
                    removed += 1;
                    gone.push(i);
                }
                (None, None) => {}
            }
        }
        if added + removed + updated == 0 {
            return (0, 0, 0);
        }
        let id_at = |app: &App, i: Option<usize>| i.map(|i| app.project.articles.id(i).to_string());
        let (current_id, selected_id) =
            (id_at(self, Some(self.current)), id_at(self, self.list.selected_article()));
        let old_current = self.current;
        let mut out: Vec<usize> = gone.iter().copied().chain(fresh.iter().filter_map(|f| f.1)).collect();
        out.sort_unstable_by(|a, b| b.cmp(a));
        out.dedup();
        // Highest first: the places below stay where they are.
        let mut state: HashMap<usize, (bool, usize)> = HashMap::new();
        for &i in &out {
            state.insert(i, (self.read.remove(i), self.reader.tops.remove(i)));
            self.project.articles.remove(i);
            self.project.sidecars.remove(i);
            self.suggestions.remove(i);
        }
        let mut knows_more = false;
        let folder = self.readstate.folder(&self.project.dir);
        let mut fresh_ids = Vec::new();
        for (mut a, was) in fresh {
            let sc = Sidecar::load(&a);
            crate::project::apply_override(&mut a, &sc);
            // A sidecar come with the change may name what the extractor knows.
            knows_more |= !sc.annotations.is_empty();
            let (read, top) = match was.and_then(|i| state.get(&i)) {
                Some(&kept) => kept,
                None => folder.get(&a.id).map_or((false, 0), |e| (e.read, e.top)),
            };
            let p = self.project.articles.place_for(crate::corpus::sort_key(&a));
            fresh_ids.push(a.id.clone());
            self.project.articles.insert(p, a);
            self.project.sidecars.insert(p, sc);
            self.suggestions.insert(p, Kept::default());
            self.read.insert(p, read);
            self.reader.tops.insert(p, top);
        }
        let n = self.project.articles.len();
        let place =
            |app: &App, id: &Option<String>| id.as_deref().and_then(|id| app.project.articles.position(id));
        // The article shown stays; gone, its place is taken by the next.
        self.current = place(self, &current_id).unwrap_or(old_current.min(n.saturating_sub(1)));
        let mut new_of_old = HashMap::new();
        if let (Some(old), Some(new)) = (self.list.selected_article(), place(self, &selected_id)) {
            new_of_old.insert(old, new);
        }
        let to_suggest = fresh_ids.iter().filter_map(|id| self.project.articles.position(id)).collect();
        self.placed_again(&new_of_old, knows_more, to_suggest);
        (added, removed, updated)
    }

    /// Annotating, or with unsaved changes: the folder's changes wait.
    fn busy(&self) -> bool {
        self.mode == Mode::Annotate
            || self.annotation.session.is_some()
            || self.annotation.editor.has_unsaved()
    }

    /// The undo history holds steps, which name dispatches by place.
    fn has_history(&self) -> bool {
        self.annotation.editor.can_undo() || self.annotation.editor.can_redo()
    }

    /// Puts the articles in the order of `slots` and every piece of state
    /// kept by place after them.
    fn rebuild(&mut self, slots: Vec<Slot>, fresh: Vec<(Article, Sidecar, Option<usize>)>) {
        let (rows, old_articles) = std::mem::take(&mut self.project.articles).into_places();
        let mut old_articles: Vec<Option<Place<Article>>> = old_articles.into_iter().map(Some).collect();
        let (sidecar_rows, old_sidecars) = std::mem::take(&mut self.project.sidecars).into_places();
        let mut old_sidecars: Vec<Option<Place<Sidecar>>> = old_sidecars.into_iter().map(Some).collect();
        let mut old_kept: Vec<Kept> = std::mem::take(&mut self.suggestions);
        // A sidecar come with the change may name what the extractor knows.
        let knows_more = fresh.iter().any(|(_, sc, _)| !sc.annotations.is_empty());
        let mut fresh: Vec<Option<(Article, Sidecar, Option<usize>)>> = fresh.into_iter().map(Some).collect();
        let n = slots.len();
        let (mut articles, mut sidecars) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut kept, mut read, mut tops) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        let mut new_of_old: HashMap<usize, usize> = HashMap::new();
        let mut to_suggest = Vec::new();
        let folder = self.readstate.folder(&self.project.dir);
        for (p, slot) in slots.into_iter().enumerate() {
            let (a, sc, old, same) = match slot {
                Slot::Old(i) => (old_articles[i].take(), old_sidecars[i].take(), Some(i), true),
                Slot::Fresh(k) => {
                    let (a, sc, was) = fresh[k].take().expect("each fresh article placed once");
                    if was.is_none() {
                        let e = folder.get(&a.id).copied().unwrap_or_default();
                        read.push(e.read);
                        tops.push(e.top);
                    }
                    (Some(Place::new(a)), Some(Place::new(sc)), was, false)
                }
            };
            let (Some(a), Some(sc)) = (a, sc) else { continue };
            if let Some(i) = old {
                new_of_old.insert(i, p);
                read.push(self.read[i]);
                tops.push(self.reader.tops[i]);
            }
            kept.push(match (old, same) {
                (Some(i), true) => std::mem::take(&mut old_kept[i]),
                _ => {
                    to_suggest.push(p);
                    Kept::default()
                }
            });
            articles.push(a);
            sidecars.push(sc);
        }
        let old_current = self.current;
        let old_n = old_articles.len();
        drop((old_articles, old_sidecars, old_kept));
        self.project.articles = crate::corpus::Articles::from_places(rows, articles);
        self.project.sidecars = crate::annotation::Sidecars::from_places(sidecar_rows, sidecars);
        self.suggestions = kept;
        self.read = read;
        self.reader.tops = tops;
        let n = self.project.articles.len();
        // The article shown stays; gone, its place is taken by the next.
        self.current = match new_of_old.get(&old_current) {
            Some(&p) => p,
            None => (old_current..old_n)
                .chain((0..old_current).rev())
                .find_map(|i| new_of_old.get(&i).copied())
                .unwrap_or(0)
                .min(n.saturating_sub(1)),
        };
        self.placed_again(&new_of_old, knows_more, to_suggest);
    }

    /// After dispatches were put at new places: the list follows (the
    /// selection mapped by `new_of_old`), whatever was cached by place is
    /// made again, the fresh (`to_suggest`) get their suggestions.
    fn placed_again(&mut self, new_of_old: &HashMap<usize, usize>, knows_more: bool, to_suggest: Vec<usize>) {
        self.relist(new_of_old);
        // Whatever was cached by place is made again.
        self.revision += 1;
        self.suggestions_gen += 1;
        if knows_more {
            self.knowledge = None;
        }
        self.claim_counts.borrow_mut().clear();
        self.marks = None;
        self.wrapped = None;
        self.side_data = None;
        self.reader.focus = None;
        self.reader.search = Default::default();
        if let Some(s) = &self.searcher {
            s.stale();
        }
        self.asked = None;
        self.jobs.retain(|j| matches!(j, Job::Filter { .. }));
        // After the frame that shows the change.
        if !self.has_full_suggestions(self.current) {
            self.jobs.insert(0, Job::Current);
        }
        self.jobs.extend(to_suggest.into_iter().map(Job::Fresh));
        // Places moved: what lies outside the digests' scope now goes.
        let n = self.project.articles.len();
        if self.digest_scope().len() < n {
            self.schedule(Job::Forget(0, n));
        }
        self.schedule(Job::Digest);
        self.prepare();
    }

    /// The list after a change of the folder: the same filter and order,
    /// the selection on the same dispatch at the same row on screen.
    fn relist(&mut self, new_of_old: &HashMap<usize, usize>) {
        let old = std::mem::replace(&mut self.list, ListState::new(self.project.articles.len()));
        let row = old.selected.saturating_sub(old.offset);
        let selected =
            old.selected_article().and_then(|a| new_of_old.get(&a).copied()).unwrap_or(self.current);
        self.list.by_index = old.by_index;
        self.list.newest_first = old.newest_first;
        if old.newest_first {
            self.list.order.reverse();
        }
        self.jobs.retain(|j| !matches!(j, Job::Filter { .. }));
        if !old.filter.is_empty() {
            self.list.set_filter_partial(&self.project.articles, &old.filter);
            if self.list.filtering() {
                self.jobs.insert(0, Job::Filter { follow: false });
            }
        }
        self.list.select_article(selected);
        self.list.offset = self.list.selected.saturating_sub(row);
    }
}

/// `slots` in the list's order. The old places come in order (the list
/// was sorted), the fresh ones after them: the fresh are sorted and merged
/// in, ties after the old, as a stable sort of all would place them.
fn in_order<'a>(slots: Vec<Slot>, key: impl Fn(&Slot) -> (bool, Option<PartialDate>, &'a str)) -> Vec<Slot> {
    let split = slots.iter().position(|s| matches!(s, Slot::Fresh(_))).unwrap_or(slots.len());
    let (old, fresh) = slots.split_at(split);
    if !old.is_sorted_by(|a, b| key(a) <= key(b)) {
        let mut slots = slots.clone();
        slots.sort_by(|a, b| key(a).cmp(&key(b)));
        return slots;
    }
    let mut fresh = fresh.to_vec();
    fresh.sort_by(|a, b| key(a).cmp(&key(b)));
    let mut merged = Vec::with_capacity(slots.len());
    let mut old = old.iter().copied().peekable();
    for f in fresh {
        while let Some(o) = old.next_if(|o| key(o) <= key(&f)) {
            merged.push(o);
        }
        merged.push(f);
    }
    merged.extend(old);
    merged
}

/// Up to this many changes at once are made in place.
const FEW: usize = 64;

/// A place in the new list.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Old(usize),
    Fresh(usize),
}

/// For the run loop, before it waits for a key: waits for a key or for
/// something from beside the reader, a tick at a time. True when there is
/// something to draw and no key waiting.
pub fn wait(app: &mut App) -> std::io::Result<bool> {
    if app.take_background() {
        return Ok(true);
    }
    while app.expects_background() {
        if crossterm::event::poll(TICK)? {
            return Ok(false);
        }
        if app.take_background() {
            return Ok(true);
        }
    }
    Ok(false)
}
