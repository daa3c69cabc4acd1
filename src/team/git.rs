//! `depeche git-setup`: what a clone needs so that git merges sidecars with
//! `depeche merge-driver` instead of writing conflict markers into them.
//! The `.gitattributes` line is committed and shared; the driver itself is
//! git configuration, which a clone does not copy: each clone runs it once.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `.gitattributes` line that sends sidecars to the driver.
pub const ATTRIBUTES_LINE: &str = "*.ann.jsonl merge=depeche";
/// The name git shows for the driver.
pub const DRIVER_NAME: &str = "depeche: sidecars merged by annotation id";

/// What one step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    Added,
    AlreadyThere,
    /// Replaced an older value (given).
    Replaced(String),
}

/// What `setup` did, for the command to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    /// The top of the repository.
    pub root: PathBuf,
    pub attributes: Done,
    /// (key, value, what was done), in the order set.
    pub config: Vec<(String, String, Done)>,
}

/// How the driver's command names the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// As written in the command (shell-quoted when it is a path).
    pub command: String,
    /// Why this one, in a sentence.
    pub why: String,
}

/// `depeche` when the `depeche` found on PATH is the running binary (the
/// entry then survives a reinstall and reads the same on every machine);
/// else the full path of the running binary, so that the driver works even
/// when no depeche is on PATH (run from a build folder) or another one is.
pub fn program() -> Program {
    let exe = std::env::current_exe().ok().and_then(|p| p.canonicalize().ok());
    let on_path = find_on_path("depeche").and_then(|p| p.canonicalize().ok());
    match (exe, on_path) {
        (Some(e), Some(p)) if e == p => Program {
            command: "depeche".into(),
            why: "the depeche on your PATH is this one, so the entry names it by name and keeps working \
                  after a reinstall"
                .into(),
        },
        (Some(e), found) => Program {
            command: shell_quote(&e.to_string_lossy()),
            why: match found {
                Some(p) => format!(
                    "the depeche on your PATH ({}) is another program than this one, so the entry names \
                     this one by its full path; run git-setup again if it moves",
                    p.display()
                ),
                None => "no depeche is on your PATH, so the entry names this one by its full path; run \
                         git-setup again if it moves"
                    .into(),
            },
        },
        (None, _) => Program {
            command: "depeche".into(),
            why: "the path of this program is unknown, so the entry expects depeche on your PATH".into(),
        },
    }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

/// `s` as one word for the shell git runs the driver with.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c)) {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git ({e}): is git installed and on your PATH?"))
}

/// The top folder of the repository `dir` is in.
pub fn repository_root(dir: &Path) -> Result<PathBuf, String> {
    if !dir.is_dir() {
        return Err(format!("{} is not a folder.", dir.display()));
    }
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        return Err(format!(
            "{} is not inside a git repository: clone one, or run `git init` there first.",
            dir.display()
        ));
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim_end_matches(['\n', '\r'])))
}

/// Writes the attributes line at the top of the repository of `dir` (once)
/// and the driver into the repository's own git configuration.
pub fn setup(dir: &Path, program: &Program) -> Result<Setup, String> {
    let root = repository_root(dir)?;
    let attributes = add_attributes_line(&root.join(".gitattributes"))?;
    let driver = format!("{} merge-driver %O %A %B %P", program.command);
    let mut config = Vec::new();
    for (key, value) in [("merge.depeche.name", DRIVER_NAME), ("merge.depeche.driver", driver.as_str())] {
        let got = git(&root, &["config", "--local", "--get", key])?;
        let old = String::from_utf8_lossy(&got.stdout).trim_end_matches(['\n', '\r']).to_string();
        let done = if got.status.success() && old == value {
            Done::AlreadyThere
        } else {
            let set = git(&root, &["config", "--local", key, value])?;
            if !set.status.success() {
                return Err(format!(
                    "git config {key} failed: {}",
                    String::from_utf8_lossy(&set.stderr).trim()
                ));
            }
            if got.status.success() { Done::Replaced(old) } else { Done::Added }
        };
        config.push((key.to_string(), value.to_string(), done));
    }
    Ok(Setup { root, attributes, config })
}

/// Appends [`ATTRIBUTES_LINE`] to `path` unless a line already says it.
fn add_attributes_line(path: &Path) -> Result<Done, String> {
    let old = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}.", path.display())),
    };
    let words = |l: &str| l.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    if old.lines().any(|l| words(l) == words(ATTRIBUTES_LINE)) {
        return Ok(Done::AlreadyThere);
    }
    let mut new = old;
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(ATTRIBUTES_LINE);
    new.push('\n');
    crate::annotation::store::write_atomic(path, new.as_bytes())
        .map_err(|f| format!("cannot write {}: {f}.", path.display()))?;
    Ok(Done::Added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_quote("/usr/local/bin/depeche"), "/usr/local/bin/depeche");
        assert_eq!(shell_quote("/home/a b/it's/depeche"), r"'/home/a b/it'\''s/depeche'");
    }

    #[test]
    fn the_attributes_line_is_added_once_after_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".gitattributes");
        std::fs::write(&p, "*.txt text").unwrap();
        assert_eq!(add_attributes_line(&p).unwrap(), Done::Added);
        assert_eq!(add_attributes_line(&p).unwrap(), Done::AlreadyThere);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "*.txt text\n*.ann.jsonl merge=depeche\n");
    }
}
