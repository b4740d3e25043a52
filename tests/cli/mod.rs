//! CLI tests: issues 2 and 3 end to end, through the real binary (see `crate::harness`).
//! Golden files live in `tests/expected/`.

mod adjust;
mod bad_input;
mod clearance;
mod clinical;
mod correct;
mod exercises;
mod history;
mod init;
mod log;
mod man;
mod note;
mod plan;
mod programs;
pub mod prompts;
mod real_logs;
mod soreness;
mod sources;
mod standing;
mod status;
mod terminal;

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::{INIT, Output};

/// The notice every view ends with.
pub const NOTICE_END: &str = "worsen, or nerve symptoms appear.\n";

/// A graded command with no workspace, no `--today` and no colour inherited from the test's
/// environment.
pub fn bare() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("graded").expect("binary");
    cmd.env_remove("GRADED_DIR")
        .env_remove("GRADED_TODAY")
        .env_remove("XDG_DATA_HOME")
        .env("NO_COLOR", "1");
    cmd
}

/// Runs a command and collects what it gave.
pub fn output(cmd: &mut assert_cmd::Command) -> Output {
    let out = cmd.output().expect("runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file under `dir` (recursively, by relative path) with its bytes; `None` when `dir`
/// does not exist. The workspace lock file (the pid of its last holder, never data) is left out.
pub fn files(dir: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.file_name().is_some_and(|n| n != ".lock") {
                let rel = path.strip_prefix(root).expect("under root");
                out.insert(
                    rel.display().to_string(),
                    std::fs::read(&path).expect("read"),
                );
            }
        }
    }
    if !dir.exists() {
        return None;
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    Some(out)
}

/// Every path (files and directories) under `dir`, for "nothing was created" checks.
pub fn all_paths(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read_dir") {
            let path = entry.expect("entry").path();
            out.push(path.display().to_string());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The permission bits of a path.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// The issue's `init` flags with some values replaced (or added when the flag is missing).
pub fn init_with(overrides: &[(&str, &str)]) -> Vec<String> {
    let mut args: Vec<String> = INIT.iter().map(|s| s.to_string()).collect();
    for (flag, value) in overrides {
        match args.iter().position(|a| a == flag) {
            Some(i) => args[i + 1] = value.to_string(),
            None => {
                args.push(flag.to_string());
                args.push(value.to_string());
            }
        }
    }
    args
}

/// Borrows a list of owned arguments for `Env::run`.
pub fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// The widest line, in characters (not bytes: the tables draw with box characters).
pub fn widest(text: &str) -> (usize, &str) {
    text.lines()
        .map(|l| (l.chars().count(), l))
        .max_by_key(|(n, _)| *n)
        .unwrap_or((0, ""))
}

/// Asserts every line fits an 80-column terminal.
#[track_caller]
pub fn assert_fits_80_columns(text: &str) {
    let (n, line) = widest(text);
    assert!(
        n <= 80,
        "a line of {n} characters:\n{line}\n--- output\n{text}"
    );
}

/// Asserts the text has no ANSI escape sequence.
#[track_caller]
pub fn assert_no_ansi(text: &str) {
    assert!(!text.contains('\u{1b}'), "ANSI escape in output:\n{text:?}");
}

/// Parses JSON output, showing it on failure.
#[track_caller]
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}
