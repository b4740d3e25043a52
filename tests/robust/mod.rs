//! Issue 9: robustness of files and writes. Each defect end to end through the real binary: a
//! strict log loader, `-o` that never replaces what it did not create, bounded dates, special
//! files refused without blocking, a lock that names its holder, stale temporary files cleared,
//! program text made visible on a terminal; then many writers at once, kill -9, and fuzzing.

mod bounds;
mod concurrency;
mod dates;
mod fuzz;
mod log_file;
mod output;
mod own_files;
mod smaller;
mod special_files;
mod temp_files;
mod terminal_text;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Output;

/// The log header.
pub const HEADER: &str =
    "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n";

/// A graded command for the workspace `dir` on `today`, no terminal, no colour.
pub fn graded_at(dir: &Path, today: &str) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("graded"));
    cmd.arg("--dir")
        .arg(dir)
        .args(["--today", today])
        .env_remove("GRADED_DIR")
        .env_remove("GRADED_TODAY")
        .env_remove("GRADED_LOCK_WAIT")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

/// Runs `cmd`, killing it if it has not finished after `limit` (a hang is a failure, reported as
/// such; nothing here measures speed).
#[track_caller]
pub fn run_bounded(cmd: &mut Command, limit: Duration) -> Output {
    let mut child: Child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("graded still runs after {limit:?}: it blocked");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let out = child.wait_with_output().expect("output");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Makes a FIFO at `path`.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("no NUL");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// The id of a process that has exited (so no process has it, until the system reuses it).
pub fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("spawn true");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

/// `graded --example plan --format csv -o PATH`.
pub fn example_csv_to(path: &Path) -> Output {
    crate::harness::graded(&[
        "--example",
        "plan",
        "--format",
        "csv",
        "-o",
        path.to_str().expect("utf8"),
    ])
}

/// Asserts `path` is (still) a symbolic link.
#[track_caller]
pub fn assert_link(path: &Path) {
    let ft = std::fs::symlink_metadata(path).expect("stat").file_type();
    assert!(ft.is_symlink(), "{} is now {ft:?}", path.display());
}

/// The names in `dir` that look like temporary files of a write.
pub fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read_dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}
