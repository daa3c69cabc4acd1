//! Annotate mode inside the reader's application: the key table installed in
//! the keymap, keys routed to the open form, the quit guard or the session,
//! the cursor and selection handed to the article view, the save state and
//! messages handed to the status bar, and the side pane rebuilt after each
//! change.

use crossterm::event::KeyCode;

use super::guard::{GuardOutcome, QuitGuard};
use super::keys::{self, digit_action};
use super::session::{Effect as SessionEffect, Session};
pub use super::state::AnnotateState;
use crate::annotation::LabelSchema;
use crate::annotation::edit::action::AnnotateAction;
use crate::annotation::edit::editor::{SaveStatus, author_name};
use crate::annotation::edit::history::FileWrite;
use crate::annotation::edit::motions::{LineId, Motion, ScreenLines};
use crate::annotation::edit::refusal::Said;
use crate::corpus::Article;
use crate::tui::action::Action;
use crate::tui::app::{App, ArticleOverlay, Mode, Pane, SaveState};
use crate::tui::effect::{self, Effect};
use crate::tui::keymap::{Key, Keymap, Layer};
use crate::tui::scroll::{reveal, step_hit};
use crate::tui::wrap::{At, WrapKey, Wrapped};

/// The reader's layout as the lines `j`/`k` walk.
struct Screen<'a> {
    wrapped: &'a mut Wrapped,
    article: &'a Article,
}

impl ScreenLines for Screen<'_> {
    fn line_of(&mut self, cp: usize) -> Option<LineId> {
        let at = self.wrapped.locate(self.article, cp);
        Some(LineId { block: at.block, line: at.line })
    }

    fn step(&mut self, line: LineId, down: bool) -> Option<LineId> {
        let at = At { block: line.block, line: line.line };
        let next = if down {
            self.wrapped.forward(self.article, at, 1)
        } else {
            self.wrapped.back(self.article, at, 1)
        };
        (next != at).then_some(LineId { block: next.block, line: next.line })
    }

    fn offsets(&self, line: LineId) -> Vec<usize> {
        let Some(b) = self.wrapped.block(line.block) else { return Vec::new() };
        b.lines.get(line.line).map(|l| b.offsets(l).to_vec()).unwrap_or_default()
    }
}

/// The ranges the reader folds in the current article, from its layout.
fn folded(app: &App) -> Option<(WrapKey, Vec<(usize, usize)>)> {
    let w = app.wrapped.as_ref().filter(|w| w.key.article == app.current)?;
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    if !w.key.show_boilerplate {
        // Folded paragraphs in a row are one fold (and one range: the blank
        // lines between them are not shown either).
        let mut last_folded = false;
        for p in &w.paras {
            match (p.boilerplate, last_folded, ranges.last_mut()) {
                (true, true, Some(r)) => r.1 = p.end(),
                (true, _, _) => ranges.push((p.start(), p.end())),
                _ => {}
            }
            last_folded = p.boilerplate;
        }
    }
    Some((w.key, ranges))
}

/// Keeps the session's folded ranges those of the layout shown (after `z`,
/// a resize, a boilerplate tag): folded text is never a target.
pub fn follow_layout(app: &mut App) {
    let Some(session) = app.annotation.session.as_ref() else { return };
    let key = app.wrapped.as_ref().map(|w| w.key);
    let same = |k: &WrapKey, at: &WrapKey| {
        k.article == at.article && k.revision == at.revision && k.show_boilerplate == at.show_boilerplate
    };
    if session.article != app.current
        || key.is_none_or(|k| app.annotation.folded_at.is_some_and(|f| same(&k, &f)))
    {
        return;
    }
    if let Some((key, ranges)) = folded(app)
        && let Some(s) = app.annotation.session.as_mut()
    {
        s.set_hidden(ranges);
        app.annotation.folded_at = Some(key);
        refresh_overlay(app);
    }
}

/// Whether a hinted annotate key means something now: while selecting the
/// selected text needs the room, without suggestions `a` and `n` do nothing.
/// Asked on every frame: the session's counts, never a scan.
pub fn hint_relevant(app: &App, a: &AnnotateAction) -> bool {
    let session = app.annotation.session.as_ref();
    let selecting = session.is_some_and(|s| s.selection.is_some());
    match a {
        AnnotateAction::Back => true,
        AnnotateAction::Accept | AnnotateAction::NextSuggestion => {
            !selecting && session.is_some_and(|s| s.open_suggestions() > 0)
        }
        _ => !selecting,
    }
}

/// Fills the keymap's annotate layer from the label schema (see [`keys`]).
pub fn install_keys(keymap: &mut Keymap, labels: &LabelSchema) {
    *keymap.table_mut(Layer::Annotate) = keys::table(labels);
}

/// `i`: annotate the current dispatch, the cursor on the first word shown.
pub fn enter(app: &mut App) -> Vec<Effect> {
    let i = app.current;
    if app.project.articles.get(i).is_none() {
        return Vec::new();
    }
    if app.annotation.editor.author.is_empty() || !app.annotator.is_empty() {
        app.annotation.editor.author = author_name(Some(&app.annotator));
    }
    if !app.has_full_suggestions(i) {
        app.compute_suggestions(i);
    }
    // The undo history lives beside the read marks, in the user's data
    // folder; a run that keeps no read marks (a test) keeps no history.
    if app.annotation.editor.history().is_none()
        && let Some(data) = app.readstate.path.as_ref().and_then(|p| p.parent())
    {
        app.annotation.editor.set_history_dir(data.join("undo"));
    }
    let mut session =
        Session::new(&app.project, i, app.suggestions[i].full().to_vec(), &app.annotation.editor);
    let top = app.reader.tops.get(i).copied().unwrap_or(0);
    app.annotation.folded_at = None;
    if let Some((key, ranges)) = folded(app) {
        session.set_hidden(ranges);
        app.annotation.folded_at = Some(key);
    }
    session.cursor = session.doc.snap(top);
    app.annotation.session = Some(session);
    app.mode = Mode::Annotate;
    app.focus = Pane::Article;
    refresh(app);
    // After the status words of the cursor's place: the greeting shows when
    // the cursor has nothing to say.
    match app.project.sidecars[i].error() {
        Some(e) => app.save = SaveState::ReadOnly(e.to_string()),
        None if app.status.is_none() => {
            app.set_status("annotate: v selects, a label key labels, ? lists every key")
        }
        None => {}
    }
    app.annotation.editor.want_history(i);
    vec![Effect::ReadHistory]
}

/// The run loop's side of [`Effect::ReadHistory`]: reads the undo history
/// files the editor asks for (the dispatch annotate mode opened on, those a
/// change reaches), writes back those that lost steps, says what it found,
/// then makes the change that waited for them.
pub fn read_history(app: &mut App) -> Vec<Effect> {
    let note = sync_history(app);
    let Some(s) = app.annotation.session.as_mut() else {
        if let Some(n) = note {
            app.annotation.editor.history_note(n);
        }
        return Vec::new();
    };
    s.sync(&app.project, &app.annotation.editor);
    if s.has_parked() {
        // Said with the change that waited for it.
        if let Some(n) = note {
            app.annotation.editor.history_note(n);
        }
        let effect = s.resume(&mut app.project, &mut app.annotation.editor);
        return after(app, effect);
    }
    if let Some(n) = note {
        // Steps dropped or a file unreadable: a problem to show as one.
        s.said = Some(Said::Failed(n));
        refresh(app);
    }
    Vec::new()
}

/// The undo history's disk, for the run loop: reads the files the editor
/// asks for, then writes the files it returns ([`effect::write_files`]).
/// What went wrong, in words.
fn sync_history(app: &mut App) -> Option<String> {
    let (editor, project) = (&mut app.annotation.editor, &app.project);
    let mut notes = Vec::new();
    loop {
        let reads = editor.history_reads(project);
        if reads.is_empty() {
            break;
        }
        for (i, path) in reads {
            notes.extend(editor.history_read(project, i, effect::read_text(&path)));
        }
    }
    let plan = editor.history_writes(project);
    notes.extend(effect::write_files(&plan).into_iter().map(|e| format!("undo history {e}")));
    (!notes.is_empty()).then(|| notes.join("; "))
}

fn leave(app: &mut App) {
    app.annotation.session = None;
    app.mode = Mode::Read;
    app.overlay = ArticleOverlay::default();
    app.status = None;
}

/// A key, before the reader's keymap: the quit guard, the open form, the
/// annotate session. `None` lets the reader handle it.
pub fn handle_key(app: &mut App, key: Key) -> Option<Vec<Effect>> {
    if app.annotation.guard.is_some() {
        return Some(guard_key(app, key));
    }
    let wanted = app.keymap.lookup(app.top_layer(), key);
    if wanted == Some(Action::Quit) && app.annotation.editor.has_unsaved() {
        // A last save, then the question if something is still not on disk.
        return Some(vec![Effect::SaveNow, Effect::QuitIfSaved]);
    }
    if app.mode != Mode::Annotate || !app.overlays.is_empty() {
        return None;
    }
    let mut entered = Vec::new();
    if app.annotation.session.as_ref().is_none_or(|s| s.article != app.current) {
        entered = enter(app);
    }
    let mut fx = annotate_key(app, key, wanted)?;
    entered.append(&mut fx);
    Some(entered)
}

/// A key of annotate mode, the session open.
fn annotate_key(app: &mut App, key: Key, wanted: Option<Action>) -> Option<Vec<Effect>> {
    let session = app.annotation.session.as_ref()?;
    if session.confirm.is_some() {
        let yes = key == Key::ch('y') || key == Key::plain(KeyCode::Enter);
        let s = app.annotation.session.as_mut()?;
        let effect = s.answer(yes, &mut app.project, &mut app.annotation.editor);
        return Some(after(app, effect));
    }
    if session.form.is_some() {
        let s = app.annotation.session.as_mut()?;
        let effect = s.form_key(key, &mut app.project, &mut app.annotation.editor);
        return Some(after(app, effect));
    }
    // A digit is a count or a label key, by one rule (keys::digit_action).
    if let (KeyCode::Char(d @ '0'..='9'), true) = (key.code, key.mods.is_empty()) {
        let is_label = matches!(wanted, Some(Action::AnnotateKey(AnnotateAction::Label(_))));
        if let Some(count) = digit_action(d, is_label, session.digit_context()) {
            return Some(act(app, count));
        }
    }
    // While a search is on, n and N walk its hits and Esc clears it first.
    if !app.reader.search.hits.is_empty() {
        match &wanted {
            Some(Action::AnnotateKey(
                a @ (AnnotateAction::NextSuggestion | AnnotateAction::PrevSuggestion),
            )) => {
                let forward = *a == AnnotateAction::NextSuggestion;
                step_hit(app, forward);
                cursor_to_hit(app);
                return Some(Vec::new());
            }
            Some(Action::AnnotateKey(AnnotateAction::Back)) => {
                app.reader.search = Default::default();
                app.set_status("search cleared: n and N walk the suggestions again");
                return Some(Vec::new());
            }
            _ => {}
        }
    }
    match wanted {
        // The digits' help line: a digit that is no label here does nothing.
        Some(Action::AnnotateKey(AnnotateAction::Count(_))) => Some(Vec::new()),
        Some(Action::AnnotateKey(a)) => Some(act(app, a)),
        _ => None,
    }
}

/// The cursor to the current search hit (annotate mode).
pub fn cursor_to_hit(app: &mut App) {
    let search = &app.reader.search;
    let Some((start, _)) = search.current.and_then(|c| search.hits.get(c)).copied() else { return };
    let Some(s) = app.annotation.session.as_mut().filter(|s| s.article == app.current) else { return };
    s.go_to(start);
    refresh_overlay(app);
    reveal(app, start);
}

/// Runs one annotate action on the current session.
pub fn act(app: &mut App, action: AnnotateAction) -> Vec<Effect> {
    if let AnnotateAction::Move(m @ (Motion::LineDown | Motion::LineUp)) = action {
        let App { annotation, project, wrapped, current, .. } = app;
        let (Some(session), Some(article)) = (annotation.session.as_mut(), project.articles.get(*current))
        else {
            return Vec::new();
        };
        match wrapped.as_mut().filter(|w| w.key.article == *current) {
            Some(wrapped) => session.move_on_screen(m, &mut Screen { wrapped, article }),
            None => {
                session.handle(action, project, &mut annotation.editor);
            }
        }
        return after(app, SessionEffect::None);
    }
    let Some(session) = app.annotation.session.as_mut() else { return Vec::new() };
    let effect = session.handle(action, &mut app.project, &mut app.annotation.editor);
    after(app, effect)
}

fn after(app: &mut App, effect: SessionEffect) -> Vec<Effect> {
    match effect {
        SessionEffect::Leave => {
            leave(app);
            Vec::new()
        }
        SessionEffect::Save => {
            changed(app);
            refresh(app);
            vec![Effect::FlushAnnotations]
        }
        SessionEffect::None => {
            refresh(app);
            Vec::new()
        }
        SessionEffect::ReadHistory => {
            refresh(app);
            vec![Effect::ReadHistory]
        }
    }
}

/// Annotations changed in memory: the layout key (only when boilerplate
/// tags moved, so a label key never re-wraps a long dispatch), what the
/// extractor knows, and the side pane, rebuilt by the idle job that runs
/// right after the frame showing the change.
fn changed(app: &mut App) {
    let known = app.annotation.tags.as_ref().is_some_and(|(i, _)| *i == app.current);
    // Only a change of a tag can move them: no scan of every annotation.
    if !known || app.annotation.editor.last_change_touches_tags() {
        let tags = app.boilerplate_tags(app.current);
        let same = app.annotation.tags.as_ref().is_some_and(|(i, t)| *i == app.current && *t == tags);
        if !same {
            if app.annotation.tags.is_some() {
                app.revision += 1;
            }
            app.annotation.tags = Some((app.current, tags));
        }
    }
    app.knowledge = None;
    use crate::tui::app::Job;
    app.jobs.retain(|j| !matches!(j, Job::Suggest(_) | Job::Digest));
    if app.annotation.editor.last_change_feeds_digests() {
        // A claim or an event shows in the side pane on the next frame: the
        // digests are the first idle job after the frame that shows the
        // change, never work between the key and that frame.
        app.jobs.insert(0, Job::Digest);
    } else {
        // Entities only name things in the timeline: after the suggestions.
        app.jobs.push(Job::Digest);
    }
    app.jobs.push(Job::Suggest(0));
    app.prepare();
}

/// Hands the cursor, the selection and the words of the moment to the view.
fn refresh(app: &mut App) {
    let Some(head) = refresh_overlay(app) else { return };
    let text = status_text(app);
    match text {
        Some((t, true)) => app.set_error(t),
        Some((t, false)) => app.set_status(t),
        None => app.status = None,
    }
    reveal(app, head);
}

/// The cursor and the selection as the view draws them; the cursor's place.
fn refresh_overlay(app: &mut App) -> Option<usize> {
    let s = app.annotation.session.as_ref()?;
    let head = s.head();
    app.overlay = ArticleOverlay {
        cursor: (!s.doc.is_empty()).then(|| s.doc.unit_at(head)),
        selection: s.selection.map(|sel| (sel.start, sel.end)),
    };
    Some(head)
}

/// The status words: the form's purpose, the selection, the message, or
/// what lies under the cursor.
fn status_text(app: &App) -> Option<(String, bool)> {
    let s = app.annotation.session.as_ref()?;
    let inert = |t: &str| crate::text::inert_line(t);
    if let Some(count) = s.pending_count() {
        return Some((format!("{count}…"), false));
    }
    if let Some(sel) = s.selection {
        let text: String = s.doc.slice(sel.start, sel.end);
        let shown: String = inert(&text).chars().take(60).collect();
        let more = if text.chars().count() > 60 { "…" } else { "" };
        let msg = s.message().map(|m| format!("  ·  {m}")).unwrap_or_default();
        return Some((format!("selected «{shown}{more}» ({} characters){msg}", sel.end - sel.start), false));
    }
    if let Some(said) = &s.said {
        let (text, problem) = super::said::words(said);
        return Some((inert(&text), problem));
    }
    let under = s.under_cursor();
    if under.is_empty() {
        return None;
    }
    let focused = s.focused()?;
    let p = s.resolve(&app.project, &focused);
    let what = if p.suggested { "suggested" } else { "annotated" };
    let more =
        if under.len() > 1 { format!("  ·  {} here, Tab cycles", under.len()) } else { String::new() };
    Some((
        format!(
            "{what}: {}{more}",
            inert(&crate::annotation::edit::session::Session::describe(p.annotation))
        ),
        false,
    ))
}

/// The run loop's side of [`Effect::FlushAnnotations`]: save through the store.
/// What the run loop does between keys for the saves: a save's file looked
/// at again (an older version another program wrote over it is merged
/// back), a failed save tried again. True when there is something to draw.
pub fn timed_saves(app: &mut App) -> bool {
    let now = std::time::Instant::now();
    let mut changed = false;
    if app.annotation.verify.as_ref().is_some_and(|(at, _)| now >= *at)
        && let Some((_, saved)) = app.annotation.verify.take()
    {
        changed |= restore_overwritten(app, &saved);
    }
    // Written after the next frame.
    if app.annotation.retry.is_some_and(|(at, _)| now >= at) && !app.annotation.flush_pending {
        app.annotation.flush_pending = true;
        changed = true;
    }
    changed
}

/// Whether [`timed_saves`] has something to do later.
pub fn waits_to_save(app: &App) -> bool {
    app.annotation.retry.is_some() || app.annotation.verify.is_some()
}

/// The sidecars of `saved` read again: one another program replaced
/// with a version made from the file before the save gets the save's
/// changes back. True when one did.
fn restore_overwritten(app: &mut App, saved: &[usize]) -> bool {
    let mut restored = Vec::new();
    for &i in saved {
        let (Some(article), Some(sidecar)) = (app.project.articles.get(i), app.project.sidecars.get_mut(i))
        else {
            continue;
        };
        match sidecar.restore_if_overwritten(article) {
            Ok(true) => restored.push(article.id.clone()),
            Ok(false) => {}
            Err(e) => app.set_error(e.to_string()),
        }
    }
    if restored.is_empty() {
        return false;
    }
    app.annotation.editor.sidecars_changed();
    if let Some(s) = app.annotation.session.as_mut() {
        s.sync(&app.project, &app.annotation.editor);
    }
    app.revision += 1;
    app.set_status(format!(
        "another program put an older version over {}: your changes are back in it",
        restored.join(", ")
    ));
    true
}

/// How long after a save the file is looked at again: another program's
/// write racing it shows by then.
const VERIFY_AFTER: std::time::Duration = std::time::Duration::from_millis(300);

/// The first wait before a failed save is tried again unasked…
const RETRY_FIRST: std::time::Duration = std::time::Duration::from_millis(200);
/// …and the longest, as failures go on.
const RETRY_AT_MOST: std::time::Duration = std::time::Duration::from_secs(5);

pub fn flush(app: &mut App) {
    app.annotation.flush_pending = false;
    // The undo history first (a step written is a step kept), then the
    // sidecars through the store.
    if let Some(n) = sync_history(app) {
        app.annotation.editor.history_note(n);
    }
    let saving: Vec<usize> = app.annotation.editor.unsaved().collect();
    let status = app.annotation.editor.flush(&mut app.project).clone();
    let still: std::collections::HashSet<usize> = app.annotation.editor.unsaved().collect();
    let saved: Vec<usize> = saving.into_iter().filter(|i| !still.contains(i)).collect();
    if !saved.is_empty() {
        app.annotation.verify = Some((std::time::Instant::now() + VERIFY_AFTER, saved));
    }
    if let Some(s) = app.annotation.session.as_mut() {
        s.sync(&app.project, &app.annotation.editor);
    }
    match status {
        SaveStatus::Saved(note) => {
            app.save = SaveState::Saved;
            if let Some(n) = note {
                // Another program's changes came in: draw them.
                app.revision += 1;
                app.set_status(n);
            }
        }
        SaveStatus::Failed(why) => {
            app.save = SaveState::Failed(why.clone());
            app.set_error(format!("{why} — Ctrl-s retries; q asks what to do"));
        }
        SaveStatus::Elsewhere(w) => app.save = SaveState::Failed(w),
        SaveStatus::Clean => {}
    }
    // What failed is tried again unasked, sooner the first times.
    let wait = match (&app.save, app.annotation.editor.has_unsaved(), app.annotation.retry) {
        (SaveState::Failed(_), true, Some((_, wait))) => Some((wait * 2).min(RETRY_AT_MOST)),
        (SaveState::Failed(_), true, None) => Some(RETRY_FIRST),
        _ => None,
    };
    app.annotation.retry = wait.map(|w| (std::time::Instant::now() + w, w));
    let reason = unsaved_reason(app);
    if let Some(g) = app.annotation.guard.as_mut() {
        g.reason = reason;
    }
}

fn unsaved_reason(app: &App) -> String {
    let ids: Vec<&str> =
        app.annotation.editor.unsaved().map(|i| app.project.articles[i].id.as_str()).collect();
    let why = match &app.save {
        SaveState::Failed(w) => format!(" ({w})"),
        _ => String::new(),
    };
    format!("Changes to {} are not on disk{why}.", ids.join(", "))
}

fn open_guard(app: &mut App) {
    app.annotation.guard = Some(QuitGuard::new(unsaved_reason(app)));
}

fn quit(app: &mut App) -> Vec<Effect> {
    app.annotation.guard = None;
    app.quit = true;
    app.store_readstate();
    vec![Effect::SaveReadState, Effect::Quit]
}

fn guard_key(app: &mut App, key: Key) -> Vec<Effect> {
    let Some(guard) = app.annotation.guard.as_mut() else { return Vec::new() };
    match guard.handle_key(key) {
        GuardOutcome::Pending => Vec::new(),
        GuardOutcome::Stay => {
            app.annotation.guard = None;
            Vec::new()
        }
        GuardOutcome::Retry => vec![Effect::SaveNow, Effect::QuitIfSaved],
        GuardOutcome::SaveElsewhere(path) => vec![Effect::SaveElsewhere(path)],
        GuardOutcome::Discard => vec![Effect::DiscardAndQuit],
    }
}

/// The run loop's side of [`Effect::QuitIfSaved`].
pub fn quit_if_saved(app: &mut App) -> Vec<Effect> {
    if !app.annotation.editor.has_unsaved() {
        return quit(app);
    }
    let reason = unsaved_reason(app);
    match app.annotation.guard.as_mut() {
        Some(g) => g.reason = reason,
        None => open_guard(app),
    }
    Vec::new()
}

/// The run loop's side of [`Effect::SaveElsewhere`]: the unsaved dispatches
/// as the complete JSON Lines of `depeche export` (each one's header, then
/// its annotations; `depeche import --from jsonl` reads it back), written
/// atomically like every other save.
pub fn save_elsewhere(app: &mut App, path: &std::path::Path) -> Vec<Effect> {
    let (editor, project) = (&app.annotation.editor, &app.project);
    let mut text = String::new();
    for i in editor.unsaved() {
        crate::export::jsonl::complete_dispatch(&mut text, &project.articles[i], &project.sidecars[i]);
    }
    let copy = FileWrite { path: path.to_path_buf(), bytes: text.into_bytes() };
    match effect::write_files(&[copy]).first() {
        None => {
            app.annotation.editor.saved_elsewhere(path);
            quit(app)
        }
        Some(e) => {
            let reason = format!("{e}. {}", unsaved_reason(app));
            app.annotation.guard = Some(QuitGuard::new(reason));
            Vec::new()
        }
    }
}

/// The run loop's side of [`Effect::DiscardAndQuit`].
pub fn discard_and_quit(app: &mut App) -> Vec<Effect> {
    app.annotation.editor.discard_unsaved(&mut app.project);
    quit(app)
}
