//! `-o`: a regular file (or a new one) is written atomically; a FIFO, a device, a terminal or
//! standard output is written as it is and never replaced; an OS error is said once.

use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::time::Duration;

use super::{assert_link, example_csv_to, mkfifo, run_bounded};
use crate::harness::{Env, graded};

#[test]
fn a_fifo_given_to_o_is_written_through_and_stays_a_fifo() {
    let env = Env::new();
    let fifo = env.path("plan.pipe");
    mkfifo(&fifo);
    // A reader, as a shell's `cat plan.pipe` would be: opened first (without waiting for a
    // writer), read after graded has finished (one week of CSV fits the pipe's buffer).
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .expect("open the reading end");
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("graded"));
    cmd.args(["--example", "--today", "2026-11-24", "plan"])
        .args(["--weeks", "1", "--format", "csv", "-o"])
        .arg(&fifo)
        .env("NO_COLOR", "1");
    let out = run_bounded(&mut cmd, Duration::from_secs(60)).ok();
    let mut got = String::new();
    reader.read_to_string(&mut got).expect("read fifo");
    assert!(got.starts_with("date,weekday,"), "{got:?}\n{}", out.stderr);
    let ft = std::fs::symlink_metadata(&fifo).expect("stat").file_type();
    assert!(ft.is_fifo(), "the FIFO was replaced by {ft:?}");
    assert_eq!(super::temp_files(env.tmp.path()), Vec::<String>::new());
}

#[test]
fn dev_stdout_is_standard_output() {
    let out = graded(&[
        "--example",
        "--today",
        "2026-11-24",
        "plan",
        "--weeks",
        "1",
        "--format",
        "csv",
        "-o",
        "/dev/stdout",
    ])
    .ok();
    assert!(out.stdout.starts_with("date,weekday,"), "{}", out.stdout);
}

/// A link to a device is written through; the link stays; the OS error (a full device) is said
/// once, not twice.
#[test]
fn a_link_to_a_full_device_reports_the_os_error_once_and_stays_a_link() {
    let env = Env::new();
    let link = env.path("plan.csv");
    std::os::unix::fs::symlink("/dev/full", &link).expect("symlink");
    let out = graded(&["--example", "plan", "-o", link.to_str().expect("utf8")]).code(1);
    assert_eq!(
        out.stderr.matches("(os error 28)").count(),
        1,
        "{}",
        out.stderr
    );
    assert_link(&link);
    assert!(
        std::fs::metadata("/dev/full")
            .expect("stat")
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_long_export_to_a_full_device_names_it_once() {
    // The CSVs and JSONs stream to a device as they render: the error still names the path.
    for args in [
        ["plan", "--format", "csv"],
        ["plan", "--format", "json"],
        ["history", "--format", "csv"],
        ["history", "--format", "json"],
    ] {
        let mut all = vec!["--example"];
        all.extend(args);
        all.extend(["-o", "/dev/full"]);
        let out = graded(&all).code(1);
        assert!(
            out.stderr.contains("/dev/full: No space left on device"),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(
            out.stderr.matches("(os error 28)").count(),
            1,
            "{}",
            out.stderr
        );
    }
}

#[test]
fn completions_read_by_a_reader_that_stops_early_end_quietly() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("graded"))
        .args(["completions", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    // The reader closes before graded writes (as `head -c 50` on a script longer than a pipe
    // holds would): the write meets a closed pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ends");
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_os_error_on_a_file_is_said_once() {
    let env = Env::new();
    let long = env.path(&format!("{}.csv", "x".repeat(252)));
    let out = graded(&["--example", "plan", "-o", long.to_str().expect("utf8")]).code(1);
    assert_eq!(
        out.stderr.matches("os error").count(),
        1,
        "the OS error is repeated: {}",
        out.stderr
    );
}

/// A link to a regular file: the file it points at gets the new content (atomically), the link
/// stays a link.
#[test]
fn a_link_to_a_file_is_kept_and_its_file_is_replaced() {
    let env = Env::new();
    let real = env.path("real.csv");
    std::fs::write(&real, "old").expect("write");
    let link = env.path("link.csv");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    example_csv_to(&link).ok();
    assert_link(&link);
    assert!(
        std::fs::read_to_string(&real)
            .expect("read")
            .starts_with("date,weekday,")
    );
    assert_eq!(crate::cli::mode(&real), 0o600);
    let dangling = env.path("dangling.csv");
    std::os::unix::fs::symlink(env.path("nowhere/x.csv"), &dangling).expect("symlink");
    graded(&["--example", "plan", "-o", dangling.to_str().expect("utf8")])
        .code(1)
        .stderr_has("a symbolic link to nothing");
}

#[test]
fn share_creates_its_directory_private_and_leaves_an_existing_one_as_it_is() {
    let env = Env::initialised();
    let new = env.path("new/share");
    env.run(&["share", "-o", new.to_str().expect("utf8")]).ok();
    assert_eq!(crate::cli::mode(&new), 0o700);
    let existing = env.path("existing");
    std::fs::create_dir(&existing).expect("mkdir");
    std::fs::set_permissions(
        &existing,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("chmod");
    env.run(&["share", "-o", existing.to_str().expect("utf8")])
        .ok();
    assert_eq!(crate::cli::mode(&existing), 0o755);
    assert_eq!(crate::cli::mode(&existing.join("plan.csv")), 0o600);
}
