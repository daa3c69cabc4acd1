//! `depeche export`.

use std::io::Write;

use super::{CliError, CliResult, ExportArgs};

pub fn run(_args: &ExportArgs, _out: &mut dyn Write) -> CliResult {
    Err(CliError::new("'depeche export' is not built yet"))
}
