//! graded: parse, run, print `error: ...`, return the exit code (docs/EXIT-CODES.md).

use std::io::Write as _;
use std::process::ExitCode;

mod cli;
mod cmd;

use cli::Cli;
use cmd::Usage;

fn main() -> ExitCode {
    let mut command = cli::command();
    let cli = Cli::from_matches(command.get_matches_mut()).unwrap_or_else(|e| e.exit());
    // The command tree is not needed again and the process ends with the command: freeing its
    // thousands of small allocations would cost a tenth of `graded --version`.
    std::mem::forget(command);
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
