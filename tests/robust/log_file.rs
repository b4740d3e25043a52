//! The log loader is strict: a quote never closed, a row without its 10 fields, a last line cut
//! short are refused with the file, line and field; nothing is appended. Every write is read back.

use super::HEADER;
use crate::cli::files;
use crate::harness::Env;

/// A workspace with the example profile, on 2026-11-30, whose log is `log`.
fn with_log(log: &str) -> Env {
    let env = Env::initialised().today("2026-11-30");
    env.write("log.csv", log);
    env
}

/// Every reader and every writer refuses the log with `needles` in the message (exit 1), and
/// the workspace stays byte for byte as it was.
#[track_caller]
fn refused_everywhere(env: &Env, needles: &[&str]) {
    let before = files(&env.dir());
    for args in [
        &["status"][..],
        &["history", "--format", "csv"],
        &["plan"],
        &["log", "--pain-during", "1", "--pain-after", "1"],
        &["log", "--next-morning", "1"],
        &["screen", "--no-red-flags"],
    ] {
        let mut out = env.run(args).code(1);
        for n in needles {
            out = out.stderr_has(n);
        }
    }
    assert_eq!(files(&env.dir()), before, "the workspace changed");
}

#[test]
fn an_unterminated_quote_is_refused_with_its_line_and_field_instead_of_swallowing_rows() {
    // Before: the quote ran on to the end of the file and the next row became part of a note.
    let env = with_log(&format!(
        "{HEADER}2026-11-25,session,done,1,1,,,,,\"felt ok\n2026-11-26,session,done,1,1,,,,,x\n"
    ));
    refused_everywhere(&env, &["log.csv:2:", "note", "never closed"]);
}

#[test]
fn a_row_with_too_many_fields_is_refused_with_its_line() {
    let env = with_log(&format!("{HEADER}2026-11-25,session,done,1,1,,,,,,extra\n"));
    refused_everywhere(&env, &["log.csv:2:", "row", "11 fields"]);
}

#[test]
fn a_last_line_cut_short_is_refused_and_nothing_is_appended() {
    let env = with_log(&format!(
        "{HEADER}2026-11-25,session,done,1,1,,,,,ok\n2026-11-2"
    ));
    refused_everywhere(&env, &["log.csv:3:", "cut short"]);
}

#[test]
fn a_quote_inside_an_unquoted_field_or_after_a_closing_quote_is_refused() {
    for row in [
        "2026-11-25,session,done,1,1,,,,,say \"hi\"",
        "2026-11-25,session,done,1,1,,,,,\"hi\" there",
    ] {
        let env = with_log(&format!("{HEADER}{row}\n"));
        refused_everywhere(&env, &["log.csv:2:", "note", "quote"]);
    }
}

#[test]
fn a_whole_last_row_without_a_line_end_reads_and_a_new_row_goes_on_its_own_line() {
    let env = with_log(&format!(
        "{HEADER}2026-11-25,session,done,1,1,,,,,\"ok, fine\""
    ));
    env.run(&["log", "--pain-during", "2", "--pain-after", "2"])
        .ok();
    assert_eq!(
        env.read("log.csv"),
        format!(
            "{HEADER}2026-11-25,session,done,1,1,,,,,\"ok, fine\"\n2026-11-30,session,done,2,2,,,,,\n"
        )
    );
}

#[test]
fn a_quoted_note_over_several_lines_keeps_the_line_numbers_of_later_rows() {
    let env = with_log(&format!(
        "{HEADER}2026-11-25,session,done,1,1,,,,,\"line one\nline two\"\n2026-11-26,session,done,1,eleven,,,,,\n"
    ));
    refused_everywhere(&env, &["log.csv:4:", "pain_after"]);
}

/// Line numbers come from one pass over the file: a broken last row of a 100,000-row log is
/// found on its own line (with a line count per row this took minutes).
#[test]
fn a_broken_last_row_of_a_long_log_is_reported_on_its_line() {
    let rows = 100_000;
    let mut log = String::from(HEADER);
    for _ in 0..rows {
        log.push_str("2026-11-25,session,done,1,1,,,,,\"a, note\"\n");
    }
    log.push_str("2026-11-26,session,done,1,1,,,,,\"never closed\n");
    let env = with_log(&log);
    env.run(&["status"])
        .code(1)
        .stderr_has(&format!("log.csv:{}:", rows + 2))
        .stderr_has("never closed");
}

/// After a write, the rows written are read back from the file; a file that does not hold them
/// is reported, not trusted.
#[test]
fn rows_that_do_not_read_back_as_written_are_reported() {
    use graded::load::session_log::{check_written, update_text};
    use graded::model::{LogEntry, Pain, SessionLog};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("log.csv");
    let start = crate::engine::d("2026-11-24");
    let new = SessionLog {
        entries: vec![LogEntry {
            pain_during: Some(Pain::of(1)),
            pain_after: Some(Pain::of(2)),
            note: "a \"quoted\", note\nover two lines".into(),
            ..LogEntry::session(crate::engine::d("2026-11-25"))
        }],
        moves: vec![],
    };
    let update = update_text("", &SessionLog::default(), &new).expect("text");
    std::fs::write(&path, &update.text).expect("write");
    check_written(&path, &update, &new, start).expect("reads back");
    // The same length, one digit different: a pain of 3 where 2 was written.
    std::fs::write(&path, update.text.replacen(",1,2,", ",1,3,", 1)).expect("write");
    let e = check_written(&path, &update, &new, start).expect_err("differs");
    assert!(e.to_string().contains("reads back differently"), "{e}");
    std::fs::write(&path, &update.text[..update.text.len() - 3]).expect("write");
    let e = check_written(&path, &update, &new, start).expect_err("short");
    assert!(e.to_string().contains("bytes after writing"), "{e}");
}

/// Found by fuzzing: a log that is only a byte-order mark (or blank lines) has no header; the
/// first row logged used to go in without one, and no later command could read the log.
#[test]
fn a_log_holding_only_a_byte_order_mark_gets_its_header_with_the_first_row() {
    for original in ["\u{feff}", "\u{feff}\n\n", "\r\n"] {
        let env = with_log(original);
        env.run(&["log", "--pain-during", "1", "--pain-after", "1"])
            .ok();
        let text = env.read("log.csv");
        assert!(
            text.trim_start_matches('\u{feff}').starts_with(HEADER),
            "{text:?}"
        );
        env.run(&["status"]).ok();
    }
}

/// The row is written while the engine judges it (`graded log` works out its answer in the
/// time the disk takes); a write the disk refuses is an error with the file named, and the
/// answer worked out meanwhile is never printed: nothing is acknowledged that is not on disk,
/// and the log and the workspace stay as they were.
#[test]
fn a_row_the_disk_refuses_is_not_acknowledged() {
    use std::os::unix::process::CommandExt;
    let mut log = HEADER.to_string();
    for day in 24..30 {
        log.push_str(&format!("2026-11-{day},session,done,1,1,0,,,,\n"));
    }
    let env = with_log(&log);
    let before = files(&env.dir());
    // Files may grow to the log's size and no further: the new log cannot be written (EFBIG,
    // not the signal that would end graded; a signal ignored stays ignored across exec).
    let limit = log.len() as u64 + 8;
    let args = [
        "log",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
        "--rpe",
        "4",
    ];
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_graded"));
    cmd.arg("--dir")
        .arg(env.dir())
        .args(["--today", "2026-11-30"])
        .args(args)
        .env("NO_COLOR", "1");
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let cap = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &cap) != 0
                || libc::signal(libc::SIGXFSZ, libc::SIG_IGN) == libc::SIG_ERR
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "",
        "nothing is acknowledged"
    );
    assert!(
        stderr.contains("log.csv") && stderr.contains("File too large"),
        "{stderr}"
    );
    assert_eq!(files(&env.dir()), before, "the workspace is as it was");
    // Without the limit, the same row is logged and answered.
    env.run_at("2026-11-30", &args)
        .ok()
        .stdout_has("Logged Mon 30 Nov 2026 (done)");
}
