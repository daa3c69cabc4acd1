//! `depeche check`.

use std::io::Write;

use super::{CliError, CliResult, DirArgs};

pub fn run(_args: &DirArgs, _out: &mut dyn Write) -> CliResult {
    Err(CliError::new("'depeche check' is not built yet"))
}
