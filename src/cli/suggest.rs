//! `depeche suggest`.

use std::io::Write;

use super::{CliError, CliResult, SuggestArgs};

pub fn run(_args: &SuggestArgs, _out: &mut dyn Write) -> CliResult {
    Err(CliError::new("'depeche suggest' is not built yet"))
}
