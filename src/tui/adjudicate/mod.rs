//! Adjudicate mode: where the annotators of a dispatch differ, the versions
//! under the article, side by side or stacked (author, label, span, fields,
//! what differs marked `≠`) and the curator's keys — keep one (`1`, `2`…), keep both
//! (`b`), merge the fields (`m`, asking field by field where they differ),
//! reject all (`x`), next and previous
//! disagreement (`n`/`N`, `]`/`[`), on to the next dispatch at the end. The
//! decisions are changes of the editor (undone with `u`, saved at once),
//! made by [`crate::team::adjudicate`]; this module only maps keys and
//! keeps the focus.

pub mod keys;
pub mod state;
pub mod view;

use std::borrow::Cow;

use ratatui::style::Style;

use crate::annotation::edit::action::AnnotateAction;
use crate::annotation::edit::change::Op;
use crate::annotation::edit::editor::author_name;
use crate::team::adjudicate::{self as model, AdjudicateAction, Choices, Decision, Disagreement, Progress};
use crate::tui::action::Action;
use crate::tui::app::{App, Job, Mode, Pane};
use crate::tui::effect::Effect;

use state::FoundAt;
pub use state::{AdjudicateState, Merging};

fn found_at(app: &App) -> FoundAt {
    (app.current, app.revision, app.annotation.editor.revision())
}

fn find(app: &App, i: usize) -> Vec<Disagreement> {
    app.project.sidecars.get(i).map_or_else(Vec::new, |sc| model::disagreements(&sc.annotations))
}

/// The current dispatch's open disagreements: as `follow` kept them, or
/// found now (a view drawn without an update).
pub fn current(app: &App) -> Cow<'_, [Disagreement]> {
    match &app.adjudication.list {
        Some((at, list)) if *at == found_at(app) => Cow::Borrowed(list),
        _ => Cow::Owned(find(app, app.current)),
    }
}

/// The disagreement in focus.
pub fn focused(app: &App) -> Option<Disagreement> {
    current(app).get(app.adjudication.focus).cloned()
}

/// How far the adjudication of dispatch `i` is (counted once per change).
pub fn progress(app: &App, i: usize) -> Progress {
    let at = (app.revision, app.annotation.editor.revision());
    // While the dispatch is being annotated its mark waits for the session's
    // end: a label key would count the disagreements of every annotation
    // again (milliseconds on a dispatch of thousands).
    let annotating = app.mode == Mode::Annotate && i == app.current;
    if let Some(&(when, p)) = app.adjudication.progress.borrow().get(&i)
        && (when == at || annotating)
    {
        return p;
    }
    let p = match i < app.project.sidecars.len() {
        true => model::progress(app.project.sidecars.annotations(i)),
        false => Progress::default(),
    };
    app.adjudication.progress.borrow_mut().insert(i, (at, p));
    p
}

/// The list row's mark: `≠2/7 ` (two of seven still open), `≠0/7 ` when
/// every disagreement is decided, nothing where annotators never differed.
pub fn list_mark(app: &App, i: usize) -> (String, Style) {
    let p = progress(app, i);
    if p.total() == 0 {
        return (String::new(), Style::default());
    }
    let style = if p.open > 0 { app.theme.disputed() } else { app.theme.ok() };
    (format!("≠{}/{} ", p.open, p.total()), style)
}

/// The next (previous) dispatch in the list's order with an open
/// disagreement, the current one last.
fn next_dispatch(app: &App, forward: bool) -> Option<usize> {
    let order = &app.list.order;
    let n = order.len();
    let here = order.iter().position(|&a| a == app.current).unwrap_or(0);
    (1..=n)
        .map(|k| if forward { order[(here + k) % n] } else { order[(here + n - k % n) % n] })
        .find(|&i| progress(app, i).open > 0)
}

/// Keeps the list of the current dispatch's disagreements and the focus in
/// step with the annotations (after every update).
pub fn follow(app: &mut App) {
    if app.mode != Mode::Adjudicate {
        return;
    }
    let at = found_at(app);
    if app.adjudication.list.as_ref().is_some_and(|(k, _)| *k == at) {
        return;
    }
    let moved = app.adjudication.list.as_ref().is_none_or(|(k, _)| k.0 != app.current);
    let list = find(app, app.current);
    let st = &mut app.adjudication;
    if moved {
        st.focus = 0;
    }
    st.focus = st.focus.min(list.len().saturating_sub(1));
    let span = list.get(st.focus).map(|d| (d.start, d.end));
    st.list = Some((at, list));
    // What a merge was asking about may have changed under it.
    st.merging = None;
    app.reader.focus = span;
}

/// `a`: adjudicate, from the current dispatch or the next one with a
/// disagreement.
pub fn enter(app: &mut App) -> Vec<Effect> {
    if app.annotation.editor.author.is_empty() || !app.annotator.is_empty() {
        app.annotation.editor.author = author_name(Some(&app.annotator));
    }
    // The undo history lives beside the read marks, as annotate mode keeps
    // it: decisions are undone after a restart too.
    if app.annotation.editor.history().is_none()
        && let Some(data) = app.readstate.path.as_ref().and_then(|p| p.parent())
    {
        app.annotation.editor.set_history_dir(data.join("undo"));
    }
    if progress(app, app.current).open == 0 {
        match next_dispatch(app, true) {
            Some(i) => app.show(i),
            None => {
                let decided: usize = (0..app.project.articles.len()).map(|i| progress(app, i).decided).sum();
                app.set_status(if decided > 0 {
                    format!("nothing left to adjudicate: all {decided} disagreements are decided")
                } else {
                    "nothing to adjudicate: no dispatch here has annotations by two annotators that differ"
                        .to_string()
                });
                return Vec::new();
            }
        }
    }
    app.mode = Mode::Adjudicate;
    app.focus = Pane::Article;
    app.adjudication.list = None;
    follow(app);
    reveal_focused(app);
    let curator = crate::text::inert_line(&app.annotation.editor.author);
    app.set_status(format!("adjudicating as {curator}: the keys are under the versions, ? lists them all"));
    app.annotation.editor.want_history(app.current);
    vec![Effect::ReadHistory]
}

fn leave(app: &mut App) {
    app.mode = Mode::Read;
    app.reader.focus = None;
    app.adjudication.list = None;
    app.set_status("adjudication left: a comes back");
}

/// An action of the adjudicate layer; the reader's own actions (scrolling,
/// panes, help, quit) are handed back.
pub fn update(app: &mut App, action: Action) -> Result<Vec<Effect>, Action> {
    if action != Action::AnnotateKey(AnnotateAction::Undo) {
        app.adjudication.earlier_asked = false;
    }
    match action {
        Action::AdjudicateKey(a) => Ok(act(app, a)),
        Action::AnnotateKey(AnnotateAction::Undo) => Ok(undo_redo(app, true)),
        Action::AnnotateKey(AnnotateAction::Redo) => Ok(undo_redo(app, false)),
        Action::Back if app.adjudication.merging.take().is_some() => {
            app.set_status("merge cancelled: nothing changed");
            Ok(Vec::new())
        }
        Action::Back => {
            leave(app);
            Ok(Vec::new())
        }
        other => Err(other),
    }
}

/// Runs one adjudicate action.
pub fn act(app: &mut App, action: AdjudicateAction) -> Vec<Effect> {
    follow(app);
    if app.adjudication.merging.is_some() {
        match action {
            AdjudicateAction::Pick(n) => return choose(app, usize::from(n.max(1)) - 1),
            // Anything else leaves the merge unmade.
            _ => app.adjudication.merging = None,
        }
    }
    match action.decision() {
        Some(Decision::Merge(_)) => start_merge(app),
        Some(d) => decide(app, d),
        None => step(app, action == AdjudicateAction::Next),
    }
}

/// Whether a hinted key means something now: a decision needs a
/// disagreement in focus (or, merging, a digit its choice).
pub fn hint_relevant(app: &App, a: &AdjudicateAction) -> bool {
    match a {
        AdjudicateAction::Next | AdjudicateAction::Prev => true,
        AdjudicateAction::Pick(_) => !current(app).is_empty(),
        _ => app.adjudication.merging.is_none() && !current(app).is_empty(),
    }
}

fn len(app: &App) -> usize {
    app.adjudication.list.as_ref().map_or(0, |(_, l)| l.len())
}

/// To the next (previous) disagreement, on to the next dispatch that has
/// one after the last (its undo history read, as on entering).
fn step(app: &mut App, forward: bool) -> Vec<Effect> {
    let mut effects = Vec::new();
    let (n, f) = (len(app), app.adjudication.focus);
    if forward && f + 1 < n {
        app.adjudication.focus += 1;
    } else if !forward && f > 0 && n > 0 {
        app.adjudication.focus -= 1;
    } else {
        match next_dispatch(app, forward) {
            Some(i) => {
                let other = i != app.current;
                app.show(i);
                follow(app);
                app.adjudication.focus = if forward { 0 } else { len(app).saturating_sub(1) };
                if other {
                    let id = app.project.articles[i].id.clone();
                    app.set_status(format!("on to {id}: {} to adjudicate", len(app)));
                    app.annotation.editor.want_history(i);
                    effects.push(Effect::ReadHistory);
                }
            }
            None => {
                app.set_status("no disagreement left to adjudicate in this folder");
                return effects;
            }
        }
    }
    reveal_focused(app);
    effects
}

/// `m`: merges at once when the versions set no field differently; else
/// asks, field by field, which version's value to keep.
fn start_merge(app: &mut App) -> Vec<Effect> {
    let Some(d) = focused(app) else { return decide(app, Decision::Merge(Choices::new())) };
    if let Err(refusal) = model::mergeable(&d) {
        app.set_error(refusal.to_string());
        return Vec::new();
    }
    let asks = model::conflicts(&d.versions);
    if asks.is_empty() {
        return decide(app, Decision::Merge(Choices::new()));
    }
    app.adjudication.merging = Some(Merging { asks, chosen: Choices::new() });
    ask(app);
    Vec::new()
}

/// The question of the field a merge asks about now.
fn ask(app: &mut App) {
    let Some(m) = app.adjudication.merging.as_ref() else { return };
    let Some((name, options)) = m.asking() else { return };
    let options: Vec<String> = options.iter().map(|(i, v)| format!("{} \"{}\"", i + 1, fit(v))).collect();
    let k = m.chosen.len() + 1;
    let n = m.asks.len();
    let of = if n > 1 { format!(" ({k} of {n})") } else { String::new() };
    app.set_status(format!("merge{of}: which {name}? {} · Esc cancels", options.join(" or ")));
}

fn fit(v: &str) -> String {
    let v = crate::text::inert_line(v);
    if v.chars().count() > 24 { format!("{}…", v.chars().take(23).collect::<String>()) } else { v }
}

/// A digit while merging: version `k`'s value for the field asked about.
fn choose(app: &mut App, k: usize) -> Vec<Effect> {
    let Some(m) = app.adjudication.merging.as_mut() else { return Vec::new() };
    let Some((name, options)) = m.asking().cloned() else { return Vec::new() };
    if !options.iter().any(|(i, _)| *i == k) {
        let set: Vec<String> = options.iter().map(|(i, _)| (i + 1).to_string()).collect();
        app.set_error(format!("version {} does not set {name}: {}", k + 1, set.join(" or ")));
        return Vec::new();
    }
    m.chosen.insert(name, k);
    if m.chosen.len() < m.asks.len() {
        ask(app);
        return Vec::new();
    }
    let chosen = app.adjudication.merging.take().map(|m| m.chosen).unwrap_or_default();
    decide(app, Decision::Merge(chosen))
}

/// The change of `decision` on the disagreement in focus, through the editor.
fn decide(app: &mut App, decision: Decision) -> Vec<Effect> {
    let Some(d) = focused(app) else {
        app.set_error("nothing to adjudicate in this dispatch: n goes to the next one with a disagreement");
        return Vec::new();
    };
    let i = app.current;
    let change = match model::decide(i, &app.project.articles[i], &d, decision) {
        Ok(c) => c,
        Err(refusal) => {
            app.set_error(refusal.to_string());
            return Vec::new();
        }
    };
    let what = change.what.clone();
    if let Err(e) = app.annotation.editor.commit(&mut app.project, change) {
        app.set_error(e.to_string());
        return Vec::new();
    }
    changed(app);
    follow(app);
    let left = len(app);
    let next =
        if left == 0 { "dispatch done, n: the next one".to_string() } else { format!("{left} left here") };
    app.set_status(format!("{} · {next} · u undoes", crate::text::inert_line(&what)));
    reveal_focused(app);
    vec![Effect::FlushAnnotations]
}

/// `u` and Ctrl-r: the editor's undo and redo, as in annotate mode; the
/// focus goes to the disagreement the step brought back.
fn undo_redo(app: &mut App, undo: bool) -> Vec<Effect> {
    app.adjudication.merging = None;
    let editor = &mut app.annotation.editor;
    if undo
        && !app.adjudication.earlier_asked
        && let Some(what) = editor.next_undo_from_earlier()
    {
        let what = crate::text::inert_line(what);
        app.set_status(format!(
            "u again undoes a change of an earlier session (\"{what}\"), any other key keeps it"
        ));
        app.adjudication.earlier_asked = true;
        return Vec::new();
    }
    app.adjudication.earlier_asked = false;
    let r = if undo { editor.undo(&mut app.project) } else { editor.redo(&mut app.project) };
    match r {
        Ok(what) => {
            let step = if undo { editor.last_undone() } else { editor.last_done() };
            let place = step.and_then(|c| {
                c.ops.iter().find_map(|op| match op {
                    Op::Ann { article, before, after } => {
                        before.as_ref().or(after.as_ref()).map(|a| (*article, a.start, a.end))
                    }
                    Op::Meta { .. } => None,
                })
            });
            changed(app);
            if let Some((article, s, e)) = place {
                app.show(article);
                follow(app);
                if let Some(k) = current(app).iter().position(|d| d.start < e.max(s + 1) && s < d.end) {
                    app.adjudication.focus = k;
                }
            }
            follow(app);
            app.set_status(crate::text::inert_line(&what));
            reveal_focused(app);
            vec![Effect::FlushAnnotations]
        }
        Err(e) => {
            app.set_error(e.to_string());
            if app.annotation.editor.has_pending_writes() {
                vec![Effect::FlushAnnotations]
            } else {
                Vec::new()
            }
        }
    }
}

/// Annotations changed in memory: the side pane and the suggestions are
/// made again in idle time, after the frame that shows the change (as
/// annotate mode does); a boilerplate tag moves the layout.
fn changed(app: &mut App) {
    if app.annotation.editor.last_change_touches_tags() {
        app.revision += 1;
    }
    app.knowledge = None;
    app.jobs.retain(|j| !matches!(j, Job::Suggest(_) | Job::Digest));
    app.jobs.push(Job::Digest);
    app.jobs.push(Job::Suggest(0));
    app.adjudication.list = None;
}

/// Highlights the disagreement in focus and scrolls it into the part of the
/// article the panel leaves free.
fn reveal_focused(app: &mut App) {
    let Some(d) = focused(app) else {
        app.reader.focus = None;
        return;
    };
    app.reader.focus = Some((d.start, d.end));
    app.prepare();
    let free = crate::tui::scroll::article_height(app).saturating_sub(view::panel_height(app)).max(1);
    let i = app.current;
    let App { wrapped, project, reader, .. } = app;
    let (Some(w), Some(article), Some(top)) =
        (wrapped.as_mut().filter(|w| w.key.article == i), project.articles.get(i), reader.tops.get_mut(i))
    else {
        return;
    };
    let first = w.locate(article, *top);
    let last = w.forward(article, first, free.saturating_sub(1));
    let line = w.locate(article, d.start);
    if line < first || line > last {
        let target = w.back(article, line, (free / 3).min(2));
        *top = w.start_cp(target);
    }
}
