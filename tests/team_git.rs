//! A team annotating through git: real repositories in temporary folders
//! (a bare origin and clones), sidecars edited the way depeche edits them,
//! pushed and pulled; git runs `depeche merge-driver` as `depeche
//! git-setup` configured it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use depeche::annotation::store::parse;
use depeche::annotation::{Annotation, Kind, Sidecar, Status};
use depeche::corpus::{self, Article};
use depeche::team::merge::ALTERNATIVE_OF;

const BIN: &str = env!("CARGO_BIN_EXE_depeche");
const ID: &str = "2020-10-23_reuters_etats-unis-mediation";

/// The times of the three annotators' edits, in this order.
const T_ANA: &str = "2026-12-01T10:00:00+00:00";
const T_BEN: &str = "2026-12-01T12:00:00+01:00"; // 11:00 UTC
const T_CHLOE: &str = "2026-12-01T12:30:00+00:00";

/// A folder for the repositories and a home of their own, so that no git
/// configuration of the machine plays a part.
struct Team {
    root: tempfile::TempDir,
}

impl Team {
    fn new() -> Team {
        let team = Team { root: tempfile::tempdir().unwrap() };
        std::fs::create_dir(team.home()).unwrap();
        team
    }

    fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    fn command(&self, program: &str, dir: &Path) -> Command {
        let mut c = Command::new(program);
        c.current_dir(dir)
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        c
    }

    fn git(&self, dir: &Path, args: &[&str]) -> Output {
        let out = self.command("git", dir).args(args).output().expect("git runs");
        assert!(out.status.success(), "git {args:?} in {}: {}", dir.display(), text(&out));
        out
    }

    fn depeche(&self, dir: &Path, args: &[&str]) -> Output {
        self.command(BIN, dir).args(args).output().expect("depeche runs")
    }

    /// A bare origin holding one dispatch with its gold sidecar and the
    /// `.gitattributes` of `depeche git-setup`.
    fn origin_with_dispatch(&self) {
        let origin = self.path("origin.git");
        self.git(self.root.path(), &["init", "-q", "--bare", "-b", "main", path_str(&origin)]);
        self.clone("seed");
        let seed = self.path("seed");
        let articles = seed.join("articles");
        std::fs::create_dir(&articles).unwrap();
        let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
        for ext in ["txt", "ann.jsonl"] {
            std::fs::copy(bundled.join(format!("{ID}.{ext}")), articles.join(format!("{ID}.{ext}"))).unwrap();
        }
        self.git(&seed, &["add", "-A"]);
        self.git(&seed, &["commit", "-q", "-m", "one dispatch"]);
        self.git(&seed, &["push", "-q", "origin", "main"]);
    }

    /// A clone of the origin, set up for sidecars.
    fn clone(&self, name: &str) -> PathBuf {
        let dir = self.path(name);
        self.git(self.root.path(), &["clone", "-q", path_str(&self.path("origin.git")), name]);
        self.git(&dir, &["config", "user.name", name]);
        self.git(&dir, &["config", "user.email", &format!("{name}@example.org")]);
        self.git(&dir, &["config", "pull.rebase", "false"]);
        let setup = self.depeche(&dir, &["git-setup"]);
        assert!(setup.status.success(), "{}", text(&setup));
        dir
    }

    fn commit_and_push(&self, dir: &Path, message: &str) {
        self.git(dir, &["commit", "-q", "-am", message]);
        self.git(dir, &["push", "-q", "origin", "main"]);
    }

    /// Pulls (a merge), and says what git and the driver said.
    fn pull(&self, dir: &Path) -> String {
        text(&self.git(dir, &["pull", "--no-edit", "origin", "main"]))
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn article(clone: &Path) -> Article {
    let path = clone.join("articles").join(format!("{ID}.txt"));
    corpus::from_bytes(&path, &std::fs::read(&path).unwrap())
}

fn sidecar_bytes(clone: &Path) -> Vec<u8> {
    std::fs::read(clone.join("articles").join(format!("{ID}.ann.jsonl"))).unwrap()
}

/// Every annotation of a clone's sidecar (the file must read).
fn annotations(clone: &Path) -> Vec<Annotation> {
    parse(Path::new("sidecar"), &sidecar_bytes(clone)).expect("the merged sidecar reads").1
}

/// Edits a clone's sidecar through the library, as the reader does.
fn edit(clone: &Path, change: impl FnOnce(&mut Sidecar, &Article)) {
    let article = article(clone);
    let mut sc = Sidecar::load(&article);
    assert!(sc.is_writable(), "{:?}", sc.error());
    change(&mut sc, &article);
    sc.sort();
    sc.save(&article).unwrap();
}

fn id_of(sc: &Sidecar, label: &str, exact: &str) -> String {
    let found = sc.annotations.iter().find(|a| a.label == label && a.quote.exact == exact);
    found.unwrap_or_else(|| panic!("{label} {exact} is annotated")).id.clone()
}

fn delete(sc: &mut Sidecar, label: &str, exact: &str) -> String {
    let id = id_of(sc, label, exact);
    sc.annotations.retain(|a| a.id != id);
    id
}

fn add(sc: &mut Sidecar, article: &Article, label: &str, exact: &str, author: &str, at: &str) -> String {
    let b = article.text.find(exact).unwrap_or_else(|| panic!("{exact} is in the text"));
    let start = article.text[..b].chars().count();
    let mut a = Annotation::new(&article.text, Kind::Entity, label, start, start + exact.chars().count());
    a.author = author.into();
    a.at = at.into();
    let id = a.id.clone();
    sc.annotations.push(a);
    id
}

/// The annotation "Washington" (LOC), edited by everyone.
fn edit_washington(sc: &mut Sidecar, author: &str, at: &str, change: impl FnOnce(&mut Annotation)) {
    let id = id_of(sc, "LOC", "Washington");
    let a = sc.annotations.iter_mut().find(|a| a.id == id).unwrap();
    change(a);
    a.author = author.into();
    a.at = at.into();
}

fn no_conflict_markers(clone: &Path) {
    let s = String::from_utf8(sidecar_bytes(clone)).unwrap();
    for marker in ["<<<<<<<", "=======", ">>>>>>>"] {
        assert!(!s.contains(marker), "a conflict marker in the sidecar:\n{s}");
    }
}

fn check_is_clean(team: &Team, clone: &Path) {
    let out = team.depeche(clone, &["check", "articles"]);
    assert!(out.status.success(), "depeche check: {}", text(&out));
    assert!(text(&out).contains("no problems"), "{}", text(&out));
}

fn ids(list: &[Annotation]) -> Vec<&str> {
    let mut v: Vec<&str> = list.iter().map(|a| a.id.as_str()).collect();
    v.sort_unstable();
    v
}

#[test]
fn two_clones_annotate_the_same_dispatch_and_merge_without_loss() {
    let team = Team::new();
    team.origin_with_dispatch();
    let (ana, ben) = (team.clone("ana"), team.clone("ben"));
    let gold = annotations(&ana);
    let washington = gold.iter().find(|a| a.quote.exact == "Washington").unwrap().id.clone();

    let mut by_ana = (String::new(), String::new());
    edit(&ana, |sc, article| {
        by_ana.0 = add(sc, article, "LOC", "Martuni", "ana", T_ANA);
        by_ana.1 = delete(sc, "LOC", "Russie");
        edit_washington(sc, "ana", T_ANA, |a| a.label = "ORG".into());
        sc.header.meta.title = Some("Titre d'Ana".into());
    });
    team.commit_and_push(&ana, "ana annotates");

    let mut by_ben = (String::new(), String::new());
    edit(&ben, |sc, article| {
        by_ben.0 = add(sc, article, "LOC", "Moscou", "ben", T_BEN);
        by_ben.1 = delete(sc, "LOC", "France");
        edit_washington(sc, "ben", T_BEN, |a| a.attrs.canonical = Some("Washington, D.C.".into()));
        sc.header.meta.title = Some("Titre de Ben".into());
        sc.header.meta.outlet = Some("Reuters France".into());
    });
    git_commit_only(&team, &ben, "ben annotates");
    let said = team.pull(&ben);

    no_conflict_markers(&ben);
    assert!(said.contains("was edited on both branches"), "{said}");
    let merged = annotations(&ben);
    // Every gold annotation but the two deleted, both additions, and the
    // rejected alternative.
    let mut expected: Vec<&str> = gold.iter().map(|a| a.id.as_str()).collect();
    expected.retain(|id| *id != by_ana.1 && *id != by_ben.1);
    expected.extend([by_ana.0.as_str(), by_ben.0.as_str()]);
    let alternatives: Vec<&Annotation> = merged.iter().filter(|a| a.status == Status::Rejected).collect();
    assert_eq!(alternatives.len(), 1);
    expected.push(&alternatives[0].id);
    expected.sort_unstable();
    assert_eq!(ids(&merged), expected);
    // Ben's edit is the later (11:00 UTC against 10:00): it wins, Ana's is kept.
    let w = merged.iter().find(|a| a.id == washington).unwrap();
    assert_eq!(
        (w.label.as_str(), w.attrs.canonical.as_deref(), w.status),
        ("LOC", Some("Washington, D.C."), Status::Accepted)
    );
    let alt = alternatives[0];
    assert_eq!((alt.label.as_str(), alt.author.as_str(), alt.at.as_str()), ("ORG", "ana", T_ANA));
    assert_eq!(alt.attrs.extra[ALTERNATIVE_OF], washington.as_str());
    // The header: the outlet only Ben set; the title both set, Ben's changes later.
    let sc = Sidecar::load(&article(&ben));
    assert_eq!(sc.header.meta.outlet.as_deref(), Some("Reuters France"));
    assert_eq!(sc.header.meta.title.as_deref(), Some("Titre de Ben"));
    assert!(said.contains("the header field title was set on both branches"), "{said}");
    check_is_clean(&team, &ben);

    team.git(&ben, &["push", "-q", "origin", "main"]);
    team.pull(&ana);
    assert_eq!(sidecar_bytes(&ana), sidecar_bytes(&ben));
    check_is_clean(&team, &ana);
}

fn git_commit_only(team: &Team, dir: &Path, message: &str) {
    team.git(dir, &["commit", "-q", "-am", message]);
}

#[test]
fn three_clones_merge_in_turn_and_every_version_is_kept() {
    let team = Team::new();
    team.origin_with_dispatch();
    let clones = [team.clone("ana"), team.clone("ben"), team.clone("chloe")];
    let gold = annotations(&clones[0]);
    let washington = gold.iter().find(|a| a.quote.exact == "Washington").unwrap().id.clone();
    let plan = [
        ("ana", T_ANA, "Martuni", "Russie", "ORG"),
        ("ben", T_BEN, "Moscou", "France", "PER"),
        ("chloe", T_CHLOE, "Minsk", "BAKOU", "LOC"),
    ];
    let mut added = Vec::new();
    let mut deleted = Vec::new();
    for (clone, &(who, at, add_word, delete_word, label)) in clones.iter().zip(&plan) {
        edit(clone, |sc, article| {
            added.push(add(sc, article, "LOC", add_word, who, at));
            deleted.push(delete(sc, "LOC", delete_word));
            edit_washington(sc, who, at, |a| {
                a.label = label.into();
                a.attrs.canonical = Some(format!("Washington selon {who}"));
            });
            sc.header.meta.title = Some(format!("Titre de {who}"));
            if who == "chloe" {
                sc.header.meta.lang = Some(corpus::Lang::En);
            }
        });
        git_commit_only(&team, clone, &format!("{who} annotates"));
        if who != "ana" {
            team.pull(clone);
            no_conflict_markers(clone);
            check_is_clean(&team, clone);
        }
        team.git(clone, &["push", "-q", "origin", "main"]);
    }
    for clone in &clones[..2] {
        team.pull(clone);
    }
    let last = sidecar_bytes(&clones[2]);
    for clone in &clones {
        assert_eq!(sidecar_bytes(clone), last, "every clone ends with the same sidecar");
        no_conflict_markers(clone);
        check_is_clean(&team, clone);
    }
    let merged = annotations(&clones[2]);
    for id in &added {
        assert!(merged.iter().any(|a| &a.id == id), "the addition {id} is kept");
    }
    for id in &deleted {
        assert!(!merged.iter().any(|a| &a.id == id), "the deletion of {id} is honoured");
    }
    // Chloé's edit is the latest; Ana's and Ben's are kept, rejected.
    let w = merged.iter().find(|a| a.id == washington).unwrap();
    assert_eq!((w.author.as_str(), w.status), ("chloe", Status::Accepted));
    let mut alternatives: Vec<(&str, &str)> = merged
        .iter()
        .filter(|a| a.status == Status::Rejected)
        .map(|a| (a.author.as_str(), a.attrs.extra[ALTERNATIVE_OF].as_str().unwrap()))
        .collect();
    alternatives.sort_unstable();
    assert_eq!(alternatives, [("ana", washington.as_str()), ("ben", washington.as_str())]);
    assert_eq!(merged.len(), gold.len() + 3 - 3 + 2);
    let sc = Sidecar::load(&article(&clones[2]));
    assert_eq!(sc.header.meta.title.as_deref(), Some("Titre de chloe"));
    assert_eq!(sc.header.meta.lang, Some(corpus::Lang::En));
}

#[test]
fn git_setup_is_idempotent_and_says_what_it_did() {
    let team = Team::new();
    let repo = team.path("repo");
    std::fs::create_dir(&repo).unwrap();
    team.git(&repo, &["init", "-q", "-b", "main"]);
    let first = team.depeche(&repo, &["git-setup"]);
    assert!(first.status.success(), "{}", text(&first));
    assert!(text(&first).contains("added the line `*.ann.jsonl merge=depeche`"), "{}", text(&first));
    let second = team.depeche(&repo, &["git-setup", "."]);
    let said = text(&second);
    assert!(said.contains("already has the line") && said.contains("was already"), "{said}");
    assert_eq!(std::fs::read_to_string(repo.join(".gitattributes")).unwrap(), "*.ann.jsonl merge=depeche\n");
    let driver = text(&team.git(&repo, &["config", "--get", "merge.depeche.driver"]));
    assert!(driver.trim_end().ends_with("merge-driver %O %A %B %P"), "{driver}");
    let outside = team.depeche(team.root.path(), &["git-setup"]);
    assert!(!outside.status.success());
    assert!(text(&outside).contains("is not inside a git repository"), "{}", text(&outside));
}

#[test]
fn a_version_that_does_not_read_stops_the_merge_and_leaves_ours_untouched() {
    let team = Team::new();
    let dir = team.path("files");
    std::fs::create_dir(&dir).unwrap();
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles").join(format!("{ID}.ann.jsonl"));
    let good = std::fs::read_to_string(gold).unwrap();
    let mut lines: Vec<&str> = good.lines().collect();
    lines[2] = "{\"id\": not json";
    let broken = lines.join("\n") + "\n";
    let (o, a, b) = (dir.join("O"), dir.join("A"), dir.join("B"));
    std::fs::write(&o, &good).unwrap();
    std::fs::write(&a, &good).unwrap();
    std::fs::write(&b, &broken).unwrap();
    let out = team.depeche(&dir, &["merge-driver", "O", "A", "B", "articles/x.ann.jsonl"]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(
        said.contains("articles/x.ann.jsonl: the other branch's version (B) does not read, line 3"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&a).unwrap(), good);
    // An empty ancestor (the file added on both branches) is no error.
    std::fs::write(&o, "").unwrap();
    let out = team.depeche(&dir, &["merge-driver", "O", "A", "A", "articles/x.ann.jsonl"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&a).unwrap(), good, "the same version merged with itself is itself");
}
