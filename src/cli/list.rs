//! `depeche list`.

use std::io::Write;

use super::{CliError, CliResult, ListArgs};

pub fn run(_args: &ListArgs, _out: &mut dyn Write) -> CliResult {
    Err(CliError::new("'depeche list' is not built yet"))
}
