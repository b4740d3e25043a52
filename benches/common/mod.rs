//! What the command benchmarks share: the workspaces they time graded on and the bare binary
//! they time it beside.

use std::path::Path;
use std::process::Command;

use chrono::{Duration, NaiveDate};

/// The graded binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_graded");

/// The views timed, each by a short name and its arguments.
pub const VIEWS: &[(&str, &[&str])] = &[
    ("status", &["status"]),
    ("plan", &["plan"]),
    ("week", &["week"]),
    ("history", &["history"]),
    ("history_csv", &["history", "--format", "csv"]),
    ("history_json", &["history", "--format", "json"]),
    ("plan_csv", &["plan", "--format", "csv"]),
    ("plan_json", &["plan", "--format", "json"]),
    ("plan_ics", &["plan", "--format", "ics"]),
    ("report", &["report", "-o", "-"]),
    ("export_fhir", &["export", "--format", "fhir"]),
];

/// `graded log`'s arguments in the benchmarks: today's session, green.
pub const LOG: &[&str] = &[
    "log",
    "--pain-during",
    "1",
    "--pain-after",
    "1",
    "--rpe",
    "5",
];

/// A workspace with `years` of daily sessions (deterministic scores, mostly green).
pub fn workspace(dir: &Path, years: i64) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(2006, 1, 2).expect("date");
    let today = start + Duration::days(365 * years);
    let status = Command::new(BIN)
        .args(["--dir", dir.to_str().expect("utf-8"), "--today"])
        .arg(start.to_string())
        .args([
            "init",
            "--program",
            "mid-back-strain",
            "--start",
            &start.to_string(),
            "--injury-date",
            &start.to_string(),
            "--rest-pain",
            "2",
            "--days",
            "mon,tue,wed,thu,fri,sat,sun",
            "--time",
            "07:00",
            "--tz",
            "America/New_York",
            "--units",
            "lb",
            "--lift",
            "squat=235",
            "--no-red-flags",
        ])
        .output()
        .expect("init runs");
    assert!(status.status.success(), "{status:?}");
    let mut log = String::from(
        "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n",
    );
    for i in 0..365 * years {
        let d = start + Duration::days(i);
        let p = [0u8, 1, 2, 1, 0, 3, 2, 1, 1, 0, 2, 1][i as usize % 12];
        log.push_str(&format!(
            "{d},session,done,{p},{},{},,5,,\n",
            p.saturating_sub(1),
            p / 2
        ));
        if i % 7 == 6 {
            log.push_str(&format!("{d},screen,done,,,,,,,\n"));
        }
    }
    std::fs::write(dir.join("log.csv"), log).expect("log written");
    today
}

/// A bare Rust binary that prints one line, built with the same toolchain, optimised.
pub fn bare(dir: &Path) -> std::path::PathBuf {
    let src = dir.join("bare.rs");
    std::fs::write(&src, "fn main() { println!(\"graded 0.1.0\"); }\n").expect("bare.rs");
    let bin = dir.join("bare");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let built = Command::new(rustc)
        .args(["-O", "--edition", "2024", "-o"])
        .arg(&bin)
        .arg(&src)
        .status()
        .expect("rustc runs");
    assert!(built.success(), "the bare binary builds");
    bin
}
