//! `depeche show`.

use std::io::Write;

use super::{CliError, CliResult, ShowArgs};

pub fn run(_args: &ShowArgs, _out: &mut dyn Write) -> CliResult {
    Err(CliError::new("'depeche show' is not built yet"))
}
