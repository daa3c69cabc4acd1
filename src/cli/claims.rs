//! `depeche claims`.

use std::io::Write;

use super::{ClaimsArgs, CliError, CliResult};

pub fn run(_args: &ClaimsArgs, _out: &mut dyn Write) -> CliResult {
    Err(CliError::new("'depeche claims' is not built yet"))
}
