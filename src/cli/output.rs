//! Where command output goes: colour decisions and a closed pipe.

use std::io::IsTerminal;

/// ANSI colours only on a terminal, and never with NO_COLOR set.
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Whether an error is the reader of a pipe having gone (`| head`).
pub fn is_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}
