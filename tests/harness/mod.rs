//! A small builder for running graded end to end: a temporary workspace, arguments, and the
//! expected exit code, stdout and stderr (in the spirit of just's `tests/test.rs`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A temporary workspace directory and a fixed `--today`.
pub struct Env {
    /// The temporary directory (kept alive for the test).
    pub tmp: tempfile::TempDir,
    /// `--today`.
    pub today: String,
}

/// What a run gave.
pub struct Output {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Output {
    /// Asserts the exit code, printing both streams on failure.
    #[track_caller]
    pub fn code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts success.
    #[track_caller]
    pub fn ok(self) -> Self {
        self.code(0)
    }

    /// Asserts stdout contains `s`.
    #[track_caller]
    pub fn stdout_has(self, s: &str) -> Self {
        assert!(
            self.stdout.contains(s),
            "stdout lacks {s:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts stderr contains `s`.
    #[track_caller]
    pub fn stderr_has(self, s: &str) -> Self {
        assert!(
            self.stderr.contains(s),
            "stderr lacks {s:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// The flags of the example `init`.
pub const INIT: &[&str] = &[
    "init",
    "--program",
    "mid-back-strain",
    "--start",
    "2026-11-24",
    "--injury-date",
    "2026-11-18",
    "--rest-pain",
    "2",
    "--days",
    "mon,wed,fri,sat",
    "--time",
    "07:00",
    "--tz",
    "America/New_York",
    "--units",
    "lb",
    "--lift",
    "squat=235",
    "--no-red-flags",
];

impl Env {
    /// A fresh, empty workspace with today = 2026-11-24.
    pub fn new() -> Env {
        Env {
            tmp: tempfile::tempdir().expect("tempdir"),
            today: "2026-11-24".into(),
        }
    }

    /// A workspace with the example profile written by `graded init`.
    pub fn initialised() -> Env {
        let env = Env::new();
        env.run(INIT).ok();
        env
    }

    /// The workspace directory.
    pub fn dir(&self) -> PathBuf {
        self.tmp.path().join("ws")
    }

    /// A path inside the temporary directory (outside the workspace).
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Sets today.
    pub fn today(mut self, d: &str) -> Self {
        self.today = d.into();
        self
    }

    /// Runs graded with `--dir` and `--today` set, no terminal, no colour.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_at(&self.today, args)
    }

    /// Runs graded on another day.
    pub fn run_at(&self, today: &str, args: &[&str]) -> Output {
        let mut cmd = Command::cargo_bin("graded").expect("binary");
        cmd.arg("--dir")
            .arg(self.dir())
            .arg("--today")
            .arg(today)
            .args(args);
        cmd.env_remove("GRADED_DIR")
            .env_remove("GRADED_TODAY")
            .env("NO_COLOR", "1");
        let out = cmd.output().expect("runs");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// A therapist's cap on the squat (`adjust --lift squat --max-pct PCT`) made on `today`,
    /// with `more` (who, until); expects success.
    pub fn cap_squat(&self, today: &str, pct: &str, more: &[&str]) {
        let mut args = vec!["adjust", "--lift", "squat", "--max-pct", pct];
        args.extend_from_slice(more);
        self.run_at(today, &args).ok();
    }

    /// Logs a session on `date` (pain 2/10 during and after) with a fever, a red flag that
    /// stops the program (exit 3 expected of the caller).
    pub fn log_fever(&self, date: &str) -> Output {
        self.run_at(
            date,
            &[
                "log",
                "--date",
                date,
                "--pain-during",
                "2",
                "--pain-after",
                "2",
                "--symptom",
                "fever",
            ],
        )
    }

    /// Logs a session on `date` (as if on that day) with pain during/after and RPE 4, and,
    /// when given, its next-morning pain the day after, as a person would.
    pub fn log_session(&self, date: &str, during: u8, after: u8, morning: Option<u8>) {
        let (d, a) = (during.to_string(), after.to_string());
        self.run_at(
            date,
            &[
                "log",
                "--date",
                date,
                "--pain-during",
                &d,
                "--pain-after",
                &a,
                "--rpe",
                "4",
            ],
        )
        .ok();
        if let Some(m) = morning {
            let next = (chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date")
                + chrono::Duration::days(1))
            .to_string();
            self.run_at(
                &next,
                &["log", "--next-morning", &m.to_string(), "--date", &next],
            )
            .ok();
        }
    }

    /// Writes a log of green weeks by hand, as a person could: a session every Mon/Wed/Fri/Sat
    /// from 2026-11-25 until (not including) `end`, pain 1/1, next morning 0, the session's RPE 4
    /// and the squat's own 6, and the weekly red-flag screen on Mondays.
    pub fn write_green_weeks(&self, end: &str) {
        use chrono::Datelike as _;
        let mut text = String::from(
            "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n",
        );
        let mut day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        let end = chrono::NaiveDate::parse_from_str(end, "%Y-%m-%d").expect("date");
        while day < end {
            let wd = day.weekday().num_days_from_monday();
            if wd == 0 {
                text.push_str(&format!("{day},screen,done,,,,,,,\n"));
            }
            if [0, 2, 4, 5].contains(&wd) {
                text.push_str(&format!("{day},session,done,1,1,0,,4;squat=6,,\n"));
            }
            day = day.succ_opt().expect("date");
        }
        self.write("log.csv", &text);
    }

    /// Reads a workspace file.
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir().join(name)).unwrap_or_default()
    }

    /// Writes a workspace file.
    pub fn write(&self, name: &str, text: &str) {
        std::fs::create_dir_all(self.dir()).expect("mkdir");
        std::fs::write(self.dir().join(name), text).expect("write");
    }
}

/// Runs graded without a workspace (e.g. `--example`).
pub fn graded(args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("graded").expect("binary");
    cmd.args(args)
        .env_remove("GRADED_DIR")
        .env_remove("GRADED_TODAY")
        .env("NO_COLOR", "1");
    let out = cmd.output().expect("runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
