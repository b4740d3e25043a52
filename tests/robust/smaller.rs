//! Issue 18's smaller findings, each end to end: an error to a closed standard error, a
//! workspace left open to others, impossible correction dates, `--yes` racing another graded,
//! and `init --force` keeping a therapist's adjustments.

use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

use crate::cli::mode;
use crate::harness::{Env, INIT};

/// An error written to a closed standard error: the words are lost, the exit code is not (it
/// panicked, exit 101).
#[test]
fn an_error_to_a_closed_standard_error_still_exits_1() {
    let env = Env::new();
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("graded"))
        .arg("--dir")
        .arg(env.dir())
        .arg("status")
        .env_remove("GRADED_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(writer)
        .status()
        .expect("runs");
    assert_eq!(status.code(), Some(1));
}

/// A workspace made 0755 by hand is private again after the next write, whichever command
/// writes (it stayed 0755 through `log` and `adjust`).
#[test]
fn a_workspace_left_open_is_made_private_by_the_next_write() {
    let env = Env::initialised();
    let open = || {
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o755)).expect("chmod")
    };
    open();
    env.run_at(
        "2026-11-25",
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "2",
            "--rpe",
            "5",
        ],
    )
    .ok();
    assert_eq!(mode(&env.dir()), 0o700, "after log");
    open();
    env.run(&["adjust", "--lift", "squat", "--max-pct", "70"])
        .ok();
    assert_eq!(mode(&env.dir()), 0o700, "after adjust");
    // Reading leaves it as it is: only a write takes the lock.
    open();
    env.run(&["status"]).ok();
    assert_eq!(mode(&env.dir()), 0o755, "after status");
}

fn logged_and_withdrawn() -> Env {
    let env = Env::initialised();
    env.run_at(
        "2026-11-25",
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "2",
            "--rpe",
            "5",
        ],
    )
    .ok();
    env.run_at(
        "2026-11-27",
        &["log", "--undo", "--yes", "--reason", "wrong day"],
    )
    .ok();
    assert!(
        env.read("log.csv")
            .contains(",withdrawn 2026-11-27: wrong day\n")
    );
    env
}

#[test]
fn a_correction_dated_after_today_is_refused_with_line_and_field() {
    let env = logged_and_withdrawn();
    let log = env
        .read("log.csv")
        .replace("withdrawn 2026-11-27", "withdrawn 2199-01-01");
    env.write("log.csv", &log);
    let out = env.run_at("2026-11-27", &["status"]).code(1);
    assert_eq!(
        out.stderr,
        format!(
            "error: {}:2: correction: `withdrawn 2199-01-01: wrong day` is dated after today \
             (2026-11-27)\n  hint: a correction is dated the day it was made: fix its date by \
             hand (graded changes nothing until the log reads)\n",
            env.dir().join("log.csv").display()
        )
    );
}

#[test]
fn a_correction_dated_before_its_entry_is_refused_with_line_and_field() {
    let env = logged_and_withdrawn();
    let log = env
        .read("log.csv")
        .replace("withdrawn 2026-11-27", "withdrawn 2026-11-20");
    env.write("log.csv", &log);
    let out = env.run_at("2026-11-27", &["status"]).code(1);
    assert_eq!(
        out.stderr,
        format!(
            "error: {}:2: correction: `withdrawn 2026-11-20: wrong day` is dated before the \
             2026-11-25 it corrects\n  hint: a correction is dated the day it was made, on or \
             after the entry's own date\n",
            env.dir().join("log.csv").display()
        )
    );
    // A row logged a day ahead may be taken back the day it was logged.
    let env = Env::initialised();
    env.run_at(
        "2026-11-24",
        &[
            "log",
            "--date",
            "2026-11-25",
            "--pain-during",
            "1",
            "--pain-after",
            "2",
            "--rpe",
            "5",
            "--force",
        ],
    )
    .ok();
    env.run_at("2026-11-24", &["log", "--undo", "--yes"]).ok();
    env.run_at("2026-11-24", &["status"]).ok();
}

/// `--yes` asks nothing, so nothing can change "while you were answering": amends racing each
/// other each find, change and say their entry under the lock, and every one lands.
#[test]
fn amends_with_yes_racing_each_other_all_land() {
    let env = Env::initialised();
    env.run_at(
        "2026-11-25",
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "2",
            "--rpe",
            "5",
        ],
    )
    .ok();
    let racers: Vec<_> = (0..8)
        .map(|i| {
            let mut cmd = super::graded_at(&env.dir(), "2026-11-25");
            cmd.args(["--lock-wait", "60", "log", "--amend", "--yes"])
                .args(["--note", &format!("racer {i}")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            cmd.spawn().expect("spawn")
        })
        .collect();
    for child in racers {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains("while you were answering"), "{stderr}");
    }
    let log = env.read("log.csv");
    assert_eq!(log.matches(",replaced 2026-11-25").count(), 8, "{log}");
    assert_eq!(log.matches(",amended 2026-11-25").count(), 1, "{log}");
}

#[test]
fn init_force_keeps_the_adjustments_that_fit_and_names_the_rest() {
    let env = Env::initialised();
    env.run_at(
        "2026-11-26",
        &[
            "adjust",
            "--swap",
            "foam-roller-extension=cat-camel",
            "--by",
            "Dr Lee, PT",
        ],
    )
    .ok();
    env.cap_squat("2026-11-26", "60", &["--by", "Dr Lee, PT"]);
    // The same program: both kept, word for word in the file.
    let before = env.read("profile.toml");
    let out = env
        .run_at("2026-11-27", &[INIT, &["--force"]].concat())
        .ok();
    assert_eq!(
        out.stdout,
        format!(
            "Wrote {}/profile.toml (program mid-back-strain, start 2026-11-24).\n  \
             Program:   Mid-back strain: back to lifting (mid-back-strain), from Tue 24 Nov 2026\n  \
             Sessions:  Mon, Wed, Fri, Sat at 07:00, 45 min each\n  \
             Time zone: America/New_York\n  \
             Lifts:     squat: 235 lb\n  \
             Reminder:  08:00 the morning after each session, to log your pain\n\
             Kept from the old profile: cat-camel instead of foam-roller-extension (by Dr Lee, PT on 26 Nov 2026).\n\
             Kept from the old profile: squat at most 60% of its 1RM (by Dr Lee, PT on 26 Nov 2026).\n\
             Next: `graded --dir {ws} plan` for the whole plan,\n      `graded --dir {ws} week` for this week.\n\
             General guidance, not a diagnosis: see a clinician if symptoms persist,\n\
             worsen, or nerve symptoms appear.\n",
            env.dir().display(),
            ws = env.dir().display()
        )
    );
    let tail = |t: &str| t[t.find("[[adjust]]").expect("kept")..].to_string();
    assert_eq!(tail(&env.read("profile.toml")), tail(&before));
    // Another program without that exercise: the swap is named, not silently dropped.
    let mut low = INIT.to_vec();
    low[2] = "low-back-strain";
    let out = env
        .run_at(
            "2026-11-27",
            &[&low[..], &["--lift", "deadlift=300", "--force"]].concat(),
        )
        .ok();
    assert!(
        out.stdout.contains(
            "Not kept: cat-camel instead of foam-roller-extension (by Dr Lee, PT on 26 Nov \
             2026): program `low-back-strain` has no exercise `foam-roller-extension`.\n\
             Kept from the old profile: squat at most 60% of its 1RM (by Dr Lee, PT on 26 Nov 2026).\n"
        ),
        "{}",
        out.stdout
    );
    assert!(env.read("profile.toml").contains("max_pct = 60"));
}
