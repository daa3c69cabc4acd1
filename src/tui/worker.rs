//! Suggestions of a long dispatch read on a worker thread: the reader goes
//! on answering keys (`q`, Ctrl-C, moves) while a dispatch of megabytes is
//! read, says in the status line how far it is, and drops work nobody
//! waits for any more (a newer revision of the annotations, another long
//! dispatch shown, the reader closed). Shorter dispatches take less than a
//! frame and are read at once, as before.

use std::sync::{Arc, mpsc};
use std::time::Duration;

use crate::annotation::{Annotation, Sidecar};
use crate::corpus::Article;
use crate::extract::{Knowledge, Progress};
use crate::tui::app::App;

/// Dispatches longer than this go to the worker: about 50 ms of reading at
/// 0.2 s a megabyte.
pub const LONG: usize = 256 * 1024;

/// How often the run loop looks at the worker while it reads.
pub const TICK: Duration = Duration::from_millis(100);

/// Whether `article` is read on the worker.
pub fn is_long(article: &Article) -> bool {
    article.text.len() > LONG
}

struct Request {
    article: Article,
    sidecar: Sidecar,
    knowledge: Knowledge,
    progress: Arc<Progress>,
    key: Key,
}

struct Done {
    key: Key,
    /// `None`: cancelled.
    suggestions: Option<Vec<Annotation>>,
}

/// Which article, at which revision of the annotations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    article: usize,
    revision: u64,
}

struct Asked {
    key: Key,
    progress: Arc<Progress>,
    /// Asked for the article shown (not for the digests in the background).
    shown: bool,
}

/// The worker thread (started on the first long dispatch) and the work
/// asked of it and not yet delivered.
#[derive(Default)]
pub struct Worker {
    channel: Option<(mpsc::Sender<Request>, mpsc::Receiver<Done>)>,
    asked: Vec<Asked>,
    /// The progress line last put in the status bar.
    status: Option<String>,
}

impl Worker {
    /// Whether something asked is not delivered yet.
    pub fn busy(&self) -> bool {
        !self.asked.is_empty()
    }

    /// Asks for the suggestions of `article` (index `i`) at annotation
    /// `revision`; nothing new when that is asked already. Older revisions
    /// of it are dropped, and for the article `shown` any other article
    /// asked for showing (the reader has moved on).
    pub fn ask(
        &mut self,
        i: usize,
        revision: u64,
        shown: bool,
        article: &Article,
        sidecar: &Sidecar,
        knowledge: &Knowledge,
    ) {
        let key = Key { article: i, revision };
        if self.asked.iter().any(|a| a.key == key) {
            return;
        }
        for a in &self.asked {
            if a.key.article == i || (shown && a.shown) {
                a.progress.cancel();
            }
        }
        let progress = Arc::new(Progress::default());
        let request = Request {
            article: article.clone(),
            sidecar: sidecar.clone(),
            knowledge: knowledge.clone(),
            progress: progress.clone(),
            key,
        };
        let (tx, _) = self.channel.get_or_insert_with(spawn);
        if tx.send(request).is_ok() {
            self.asked.push(Asked { key, progress, shown });
        }
    }

    /// What the worker finished, without waiting (`wait`: for the next
    /// one, if any is asked).
    fn delivered(&mut self, wait: bool) -> Vec<Done> {
        let Some((_, rx)) = &self.channel else { return Vec::new() };
        let mut done = Vec::new();
        let mut gone = false;
        if wait && self.busy() {
            match rx.recv() {
                Ok(d) => done.push(d),
                Err(_) => gone = true,
            }
        }
        loop {
            match rx.try_recv() {
                Ok(d) => done.push(d),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    gone = true;
                    break;
                }
            }
        }
        // a worker that died (a bug in the rules) delivers nothing more
        if gone {
            self.asked.clear();
            self.channel = None;
        }
        self.asked.retain(|a| !done.iter().any(|d| d.key == a.key));
        done
    }

    /// The progress line of the work asked for the article shown.
    fn progress_line(&self, app: &App) -> Option<String> {
        let a = self.asked.iter().find(|a| a.key.article == app.current && !a.progress.is_cancelled())?;
        let article = app.project.articles.get(a.key.article)?;
        Some(format!(
            "suggestions of this dispatch ({:.1} MB): {} %",
            article.text.len() as f64 / 1e6,
            a.progress.permille() / 10
        ))
    }
}

impl Drop for Worker {
    /// Nobody waits for the work left: the thread stops at its next step.
    fn drop(&mut self) {
        for a in &self.asked {
            a.progress.cancel();
        }
    }
}

/// The worker thread: one request at a time, in the order asked, skipping
/// those cancelled meanwhile; it ends with the reader's side of the channel.
fn spawn() -> (mpsc::Sender<Request>, mpsc::Receiver<Done>) {
    let (tx, requests) = mpsc::channel::<Request>();
    let (done, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("suggestions".into())
        .spawn(move || {
            for r in requests {
                let suggestions = if r.progress.is_cancelled() {
                    None
                } else {
                    crate::extract::suggest_with(&r.article, &r.sidecar, &r.knowledge, &r.progress)
                };
                if done.send(Done { key: r.key, suggestions }).is_err() {
                    return;
                }
            }
        })
        .expect("a thread for the suggestions");
    (tx, rx)
}

/// Takes in what the worker delivered and updates the progress line;
/// whether anything changed on screen.
fn take_in(app: &mut App, wait: bool) -> bool {
    let done = app.worker.delivered(wait);
    let mut changed = false;
    for d in done {
        // work for an older revision of the annotations is stale
        if let Some(list) = d.suggestions.filter(|_| d.key.revision == app.revision) {
            app.install_suggestions(d.key.article, list);
            app.side_data = None;
            app.schedule(crate::tui::app::Job::Digest);
            changed = true;
        }
    }
    let line = app.worker.progress_line(app);
    if line != app.worker.status {
        // the progress line goes when done, unless something else replaced it
        let ours = app.status.as_ref().map(|s| &s.text) == app.worker.status.as_ref();
        match &line {
            Some(l) => app.set_status(l.clone()),
            None if ours => app.status = None,
            None => {}
        }
        app.worker.status = line;
        changed = true;
    }
    changed
}

/// For the run loop, while the worker reads: waits for a key or for
/// something to draw (progress, suggestions delivered), a tick at a time.
/// True when there is something to draw and no key waiting.
pub fn wait(app: &mut App) -> std::io::Result<bool> {
    while app.worker.busy() {
        if crossterm::event::poll(TICK)? {
            return Ok(false);
        }
        if take_in(app, false) {
            return Ok(true);
        }
    }
    // what came with the last delivery
    Ok(take_in(app, false))
}

/// Waits for the worker to deliver the next piece of work asked (tests,
/// benches: everything computed); false when none is asked.
pub fn finish_one(app: &mut App) -> bool {
    if !app.worker.busy() {
        return false;
    }
    take_in(app, true);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::readstate::ReadState;

    /// A folder with a short dispatch and one over `LONG`.
    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let mut long = String::from(" date 2021-06-01 Un long dossier\n\n");
        let mut i = 0;
        while long.len() <= LONG + 1000 {
            long.push_str(&format!(
                "Selon la police, {} civils ont été tués dans la province de Kandahar.\n\n",
                3 + i % 90
            ));
            i += 1;
        }
        std::fs::write(dir.path().join("2021-06-01_long.txt"), long).unwrap();
        let short = " date 2021-06-02 Bref\n\nAu moins 12 soldats ont été tués, selon l'armée.\n";
        std::fs::write(dir.path().join("2021-06-02_short.txt"), short).unwrap();
        dir
    }

    fn app(dir: &std::path::Path) -> App {
        let readstate = ReadState { path: Some(dir.join("readstate.json")), ..Default::default() };
        crate::tui::open(dir, &Default::default(), readstate).unwrap()
    }

    #[test]
    fn a_long_dispatch_is_read_on_the_worker_and_delivered() {
        let dir = folder();
        let mut app = app(dir.path());
        let long = app.project.articles.iter().position(|a| a.id.contains("long")).unwrap();
        crate::tui::update::show(&mut app, long);
        // the job asks the worker and returns at once; nothing delivered yet
        while app.run_job() {}
        assert!(app.worker.busy());
        app.run_all_jobs();
        assert!(!app.worker.busy());
        assert!(app.has_full_suggestions(long));
        assert!(app.suggestions[long].len() > 1000, "{}", app.suggestions[long].len());
        // the same as read at once
        let (a, sc) = (&app.project.articles[long], &app.project.sidecars[long]);
        let knowledge = crate::extract::Knowledge::from_project(&app.project);
        assert_eq!(app.suggestions[long].len(), crate::extract::suggest(a, sc, &knowledge).len());
    }

    #[test]
    fn work_for_an_older_revision_is_cancelled_and_dropped() {
        let dir = folder();
        let mut app = app(dir.path());
        let long = app.project.articles.iter().position(|a| a.id.contains("long")).unwrap();
        crate::tui::update::show(&mut app, long);
        app.compute_suggestions(long);
        let first = app.worker.asked[0].progress.clone();
        app.revision += 1;
        app.compute_suggestions(long);
        assert!(first.is_cancelled(), "the older revision's work stops");
        assert_eq!(app.worker.asked.len(), 2);
        app.run_all_jobs();
        assert!(app.has_full_suggestions(long), "the newer one is delivered");
    }
}
