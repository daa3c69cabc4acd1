//! `depeche import`.

use std::io::Write;

use super::{CliError, CliResult, ImportArgs};

pub fn run(_args: &ImportArgs, _out: &mut dyn Write) -> CliResult {
    Err(CliError::new("'depeche import' is not built yet"))
}
