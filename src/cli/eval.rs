//! `depeche eval`.

use std::io::Write;

use super::{CliError, CliResult, EvalArgs};

pub fn run(_args: &EvalArgs, _out: &mut dyn Write) -> CliResult {
    Err(CliError::new("'depeche eval' is not built yet"))
}
