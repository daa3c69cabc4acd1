//! `depeche git-setup [DIR]`: makes the git repository that holds DIR merge
//! sidecars with `depeche merge-driver`, and says what it did.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{CliError, CliResult, EXIT_OK, output};
use crate::team::git::{ATTRIBUTES_LINE, Done, program, setup};

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// A folder inside the repository (default: the current folder)
    pub dir: Option<PathBuf>,
}

pub fn run(args: &GitSetupArgs, out: &mut dyn Write) -> CliResult {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let program = program();
    let done = setup(&dir, &program).map_err(CliError::new)?;
    let attributes = done.root.join(".gitattributes");
    let mut said = String::new();
    said.push_str(&match done.attributes {
        Done::AlreadyThere => format!("{} already has the line `{ATTRIBUTES_LINE}`.\n", attributes.display()),
        _ => format!(
            "{}: added the line `{ATTRIBUTES_LINE}`; commit it so that every clone merges sidecars this way.\n",
            attributes.display()
        ),
    });
    for (key, value, d) in &done.config {
        said.push_str(&match d {
            Done::AlreadyThere => format!("git config {key} was already `{value}`.\n"),
            Done::Added => format!("git config {key} = `{value}` (set in this clone's .git/config).\n"),
            Done::Replaced(old) => format!("git config {key} = `{value}` (was `{old}`).\n"),
        });
    }
    said.push_str(&format!("The driver is run as {}: {}.\n", program.command, program.why));
    said.push_str("Git configuration is not copied by a clone: every clone runs `depeche git-setup` once.\n");
    output::finish(out.write_all(crate::text::inert(&said).as_bytes()).map(|_| EXIT_OK))
}
