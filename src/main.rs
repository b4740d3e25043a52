//! graded: parse, run, print `error: ...`, return the exit code (docs/EXIT-CODES.md).

use std::io::Write as _;
use std::process::ExitCode;

/// A long course allocates many small strings: mimalloc serves them faster than the system's
/// allocator (a quarter of a 10-year `status` went to malloc and free).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod cmd;

use clap::FromArgMatches;
use cli::Cli;
use cmd::Usage;

fn main() -> ExitCode {
    let cli = Cli::from_arg_matches(&cli::command().get_matches()).unwrap_or_else(|e| e.exit());
    match cmd::run(cli, chrono::Utc::now()) {
        Ok(code) => code,
        Err(e) => {
            // An error may quote a file's text: its control characters are shown, not obeyed.
            // Standard error closed (`2>&-`, a reader gone) loses the words, never the exit code.
            let _ = writeln!(
                std::io::stderr(),
                "error: {}",
                graded::text::visible(&format!("{e:#}"))
            );
            if e.downcast_ref::<Usage>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}
