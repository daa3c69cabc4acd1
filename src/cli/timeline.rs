//! `depeche timeline`.

use std::io::Write;

use super::{CliError, CliResult, TimelineArgs};

pub fn run(_args: &TimelineArgs, _out: &mut dyn Write) -> CliResult {
    Err(CliError::new("'depeche timeline' is not built yet"))
}
