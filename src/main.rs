use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use depeche::cli::{self, Cli, output};

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match &args.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let r = cli::run(command, &mut out);
            match out.flush() {
                Err(e) if !output::is_broken_pipe(&e) => Err(cli::CliError::from(e)),
                _ => r,
            }
        }
        None => depeche::tui::run(&args.dir.clone().map_or_else(cli::default_dir, cli::dispatch_dir))
            .map(|()| cli::EXIT_OK)
            .map_err(|e| cli::CliError::new(e.to_string())),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::from(cli::EXIT_OK),
        Err(e) => {
            // errors may quote files (names, fields): never raw controls
            eprintln!("depeche: {}", output::error_line(&e.to_string()));
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}
