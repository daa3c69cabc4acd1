//! The command line: argument parsing and one module per subcommand.
//! Each subcommand writes to the `Write` it is given (stdout in `main`, a
//! buffer in tests) and returns the process exit code.

pub mod agree;
pub mod check;
pub mod claims;
pub mod eval;
pub mod export;
pub mod git_setup;
pub mod import;
mod json_list;
pub mod list;
pub mod merge_driver;
pub mod output;
pub mod show;
pub mod suggest;
pub mod timeline;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit codes: 0 success, 1 problems found, 2 usage or I/O error.
pub const EXIT_OK: u8 = 0;
pub const EXIT_PROBLEMS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// An error for a person: a sentence, with the file and line when there is one.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CliError(pub String);

impl CliError {
    pub fn new(msg: impl Into<String>) -> Self {
        CliError(msg.into())
    }
}

/// The message of a write to a pipe whose reader has gone (`| head`):
/// `main` ends quietly on it, whichever subcommand was writing.
const BROKEN_PIPE: &str = "the output pipe was closed";

impl CliError {
    pub fn is_broken_pipe(&self) -> bool {
        self.0 == BROKEN_PIPE
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        if output::is_broken_pipe(&e) { CliError(BROKEN_PIPE.into()) } else { CliError(e.to_string()) }
    }
}

pub type CliResult = Result<u8, CliError>;

#[derive(Debug, Parser)]
#[command(name = "depeche", version, about = "A terminal reader and keyboard annotator for news dispatches")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The folder of dispatches (default: ./articles)
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the dispatches by date
    List(ListArgs),
    /// Print an article with its annotations highlighted
    Show(ShowArgs),
    /// Validate every dispatch and sidecar; exit 1 on problems
    Check(DirArgs),
    /// Print automatic suggestions as JSON Lines
    Suggest(SuggestArgs),
    /// Score the suggestions against the accepted annotations
    Eval(EvalArgs),
    /// The timeline of events across the corpus
    Timeline(TimelineArgs),
    /// Casualty claims by source across the corpus
    Claims(ClaimsArgs),
    /// Export annotations to another tool's format
    Export(ExportArgs),
    /// Import annotations from another tool's format
    Import(ImportArgs),
    /// Agreement between two annotators: span F1, token kappa, claim fields
    Agree(agree::AgreeArgs),
    /// Make this git repository merge sidecars by annotation id
    GitSetup(git_setup::GitSetupArgs),
    /// The merge git runs for sidecars (set up by git-setup): %O %A %B %P
    MergeDriver(merge_driver::MergeDriverArgs),
}

#[derive(Debug, Clone, Args)]
pub struct DirArgs {
    /// The folder of dispatches (default: ./articles)
    pub dir: Option<PathBuf>,
}

impl DirArgs {
    pub fn dir(&self) -> PathBuf {
        self.dir.clone().map_or_else(default_dir, dispatch_dir)
    }
}

pub fn default_dir() -> PathBuf {
    PathBuf::from("articles")
}

/// The folder whose dispatches are meant: a corpus laid out as `articles/`
/// beside `gold/` or `annotations/` opens on its `articles/` when the folder
/// itself holds no dispatch.
pub fn dispatch_dir(dir: PathBuf) -> PathBuf {
    let inner = dir.join("articles");
    let holds_text = || {
        std::fs::read_dir(&dir)
            .is_ok_and(|entries| entries.flatten().any(|e| e.path().extension().is_some_and(|x| x == "txt")))
    };
    if inner.is_dir() && !holds_text() { inner } else { dir }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub dir: DirArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Only the dispatches whose title or text hold all these words (case
    /// and accents ignored, each word a beginning: "genev" finds Genève)
    #[arg(long)]
    pub search: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article id (its file name without .txt)
    pub id: String,
    #[command(flatten)]
    pub dir: DirArgs,
    /// Colours by label (always: also into a pipe, for `less -R`), or
    /// [label] markers inline (never); auto colours a terminal unless
    /// NO_COLOR is set
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorWhen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    #[command(flatten)]
    pub dir: DirArgs,
    /// Only this article
    pub id: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub dir: DirArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub dir: DirArgs,
    /// The timeline as known on this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DigestFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClaimsBy {
    Claimant,
    /// the party whose losses
    Side,
    What,
    /// the outlet that reported the claim
    Outlet,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub dir: DirArgs,
    /// The claims as known on this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long)]
    pub as_of: Option<String>,
    /// How to group the table
    #[arg(long, value_enum, default_value = "claimant")]
    pub by: ClaimsBy,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DigestFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Brat,
    Jsonl,
    Doccano,
    W3c,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Brat,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long = "to", value_enum)]
    pub to: ExportFormat,
    /// The folder to write into (created if missing)
    pub out: PathBuf,
    #[command(flatten)]
    pub dir: DirArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(long = "from", value_enum)]
    pub from: ImportFormat,
    /// A brat folder or a JSONL file
    pub src: PathBuf,
    #[command(flatten)]
    pub dir: DirArgs,
    /// Add labels unknown to the schema to articles/labels.toml
    #[arg(long)]
    pub add_labels: bool,
}

/// Runs a subcommand, writing its output to `out`.
pub fn run(command: &Command, out: &mut dyn std::io::Write) -> CliResult {
    match command {
        Command::List(a) => list::run(a, out),
        Command::Show(a) => show::run(a, out),
        Command::Check(a) => check::run(a, out),
        Command::Suggest(a) => suggest::run(a, out),
        Command::Eval(a) => eval::run(a, out),
        Command::Timeline(a) => timeline::run(a, out),
        Command::Claims(a) => claims::run(a, out),
        Command::Export(a) => export::run(a, out),
        Command::Import(a) => import::run(a, out),
        Command::Agree(a) => agree::run(a, out),
        Command::GitSetup(a) => git_setup::run(a, out),
        Command::MergeDriver(a) => merge_driver::run(a, out),
    }
}

/// Opens the project of `dir` or says why not.
pub fn open_project(dir: &std::path::Path) -> Result<crate::project::Project, CliError> {
    crate::project::Project::open(dir).map_err(|e| CliError(e.to_string()))
}

/// Opens the project of `dir` through its index (`crate::index`), or says
/// why not.
pub fn open_indexed(
    dir: &std::path::Path,
    texts: crate::index::Texts,
) -> Result<crate::project::Project, CliError> {
    crate::project::Project::open_indexed(dir, texts).map_err(|e| CliError(e.to_string()))
}
