//! Many writers at once, and writers killed with kill -9: every row acknowledged (the command
//! said it was recorded and exited 0, or 3 for a stop) is on disk and reads back; the log never
//! stops reading; no temporary file outlives the next write; health files stay 0600.

use std::collections::BTreeMap;
use std::process::{Child, Stdio};
use std::time::Duration;

use chrono::NaiveDate;
use graded::load::session_log::parse;
use graded::model::{EntryKind, SessionLog};

use super::{graded_at, temp_files};
use crate::harness::{Env, INIT};

const TODAY: &str = "2027-06-30";

fn day(i: usize) -> String {
    (NaiveDate::from_ymd_opt(2026, 11, 25).expect("date") + chrono::Duration::days(i as i64))
        .to_string()
}

/// The workspace's log, read by the real loader.
fn read_log(env: &Env) -> SessionLog {
    parse(
        "log.csv",
        &env.read("log.csv"),
        NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
    )
    .unwrap_or_else(|e| panic!("the log does not read: {e}\n{}", env.read("log.csv")))
}

fn spawn(env: &Env, args: &[String]) -> Child {
    graded_at(&env.dir(), TODAY)
        .env("GRADED_LOCK_WAIT", "300")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn")
}

#[cfg(unix)]
fn assert_private(env: &Env) {
    for f in ["profile.toml", "log.csv"] {
        assert_eq!(crate::cli::mode(&env.dir().join(f)), 0o600, "{f}");
    }
}

#[test]
fn sixty_four_writers_racing_log_resume_screen_and_init_lose_no_acknowledged_row() {
    let env = Env::initialised().today(TODAY);
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // (what, args): 40 sessions, 8 screens (one with a red flag that stops the program),
    // 8 clearances, 8 `init --force` rewriting the same profile.
    let mut jobs: Vec<(String, Vec<String>)> = Vec::new();
    for i in 0..64 {
        let (what, args) = match i % 8 {
            0..=4 => (
                format!("session w{i}"),
                s(&[
                    "log",
                    "--date",
                    &day(i),
                    "--pain-during",
                    "1",
                    "--pain-after",
                    "2",
                ])
                .into_iter()
                .chain(["--note".into(), format!("w{i}")])
                .collect(),
            ),
            5 => {
                let mut a = s(&["screen", "--date", &day(100 + i)]);
                a.extend(if i == 13 {
                    s(&["--red-flag", "fever"])
                } else {
                    s(&["--no-red-flags"])
                });
                (format!("screen {}", day(100 + i)), a)
            }
            6 => (
                format!("resume Dr {i}"),
                s(&[
                    "resume",
                    "--cleared-by",
                    &format!("Dr {i}"),
                    "--no-red-flags",
                ]),
            ),
            _ => (
                "init".into(),
                INIT.iter()
                    .map(|x| x.to_string())
                    .chain(["--force".into()])
                    .collect(),
            ),
        };
        jobs.push((what, args));
    }
    let children: Vec<(String, Child)> = jobs
        .into_iter()
        .map(|(what, args)| (what, spawn(&env, &args)))
        .collect();
    let mut acknowledged = Vec::new();
    for (what, child) in children {
        let out = child.wait_with_output().expect("wait");
        let code = out.status.code().expect("exited");
        let stderr = String::from_utf8_lossy(&out.stderr);
        // 2 is a refusal by rule (a clearance with nothing to clear): nothing written.
        assert!(matches!(code, 0 | 2 | 3), "{what}: exit {code}\n{stderr}");
        if code == 0 || (code == 3 && !what.starts_with("resume")) {
            acknowledged.push(what);
        }
    }
    let log = read_log(&env);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for e in &log.entries {
        let key = match e.kind {
            EntryKind::Session => format!("session {}", e.note),
            EntryKind::Screen => format!("screen {}", e.date),
            EntryKind::Resume => format!("resume {}", e.note),
            EntryKind::Note => format!("note {}", e.note),
        };
        *seen.entry(key).or_default() += 1;
    }
    for what in acknowledged.iter().filter(|w| *w != "init") {
        assert_eq!(
            seen.get(what),
            Some(&1),
            "{what} was acknowledged but is not on disk once\n{}",
            env.read("log.csv")
        );
    }
    let sessions = acknowledged
        .iter()
        .filter(|w| w.starts_with("session"))
        .count();
    assert_eq!(sessions, 40, "every session is logged: {acknowledged:?}");
    assert_eq!(temp_files(&env.dir()), Vec::<String>::new());
    assert_private(&env);
    let status = env.run(&["status"]);
    assert!(matches!(status.code, 0 | 3), "{}", status.stderr);
}

/// A tiny deterministic generator for kill delays (the test is repeatable; no clock).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn writers_killed_at_random_moments_lose_no_acknowledged_row_and_leave_no_temporary_file() {
    let env = Env::initialised().today(TODAY);
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut acknowledged = Vec::new();
    let mut temporaries_seen = 0;
    for i in 0..40 {
        let note = format!("k{i}");
        let args: Vec<String> = ["log", "--date", &day(i), "--pain-during", "1"]
            .iter()
            .map(|s| s.to_string())
            .chain([
                "--pain-after".into(),
                "1".into(),
                "--note".into(),
                note.clone(),
            ])
            .collect();
        let mut child = spawn(&env, &args);
        std::thread::sleep(Duration::from_micros(rng.next() % 15_000));
        let _ = child.kill();
        let status = child.wait().expect("wait");
        if status.success() {
            acknowledged.push(note);
        }
        // Whatever moment the kill came, the log reads: the old version or the new.
        if env.dir().join("log.csv").exists() {
            read_log(&env);
        }
        temporaries_seen += temp_files(&env.dir()).len();
    }
    // The next write clears whatever a killed write left.
    env.run(&[
        "log",
        "--date",
        &day(50),
        "--pain-during",
        "1",
        "--pain-after",
        "1",
        "--note",
        "after",
    ])
    .ok();
    assert_eq!(temp_files(&env.dir()), Vec::<String>::new());
    let log = read_log(&env);
    for note in acknowledged.iter().chain([&"after".to_string()]) {
        assert_eq!(
            log.entries.iter().filter(|e| &e.note == note).count(),
            1,
            "{note} acknowledged, not on disk once"
        );
    }
    assert_private(&env);
    eprintln!(
        "{} of 40 writes acknowledged; {temporaries_seen} temporary files seen after kills",
        acknowledged.len()
    );
}
