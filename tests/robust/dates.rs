//! Dates are bounded: 1900-01-01 to 2200-12-31 on the command line (exit 2) and in files (exit 1,
//! with the file, line and field).

use super::HEADER;
use crate::cli::{init_with, strs};
use crate::harness::{Env, graded};

const WINDOW: &str = "outside the dates graded accepts (1900-01-01 to 2200-12-31)";

#[test]
fn command_line_dates_outside_the_window_are_usage_errors() {
    for today in ["1899-12-31", "2201-01-01", "9999-12-31", "0001-01-01"] {
        graded(&["--example", "--today", today, "plan"])
            .code(2)
            .stderr_has(WINDOW);
    }
    let env = Env::initialised();
    for args in [
        &["week", "2201-01-01"][..],
        &[
            "log",
            "--date",
            "1899-12-31",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
        ],
        &["screen", "--no-red-flags", "--date", "0001-01-01"],
        &["resume", "--cleared-by", "Dr Lee", "--date", "2201-01-01"],
    ] {
        env.run(args).code(2).stderr_has(WINDOW);
    }
    for flag in ["--start", "--injury-date"] {
        let fresh = Env::new();
        fresh
            .run(&strs(&init_with(&[(flag, "2201-01-01")])))
            .code(2)
            .stderr_has(WINDOW);
        assert!(!fresh.dir().exists(), "init wrote something");
    }
}

#[test]
fn the_edges_of_the_window_are_accepted() {
    for today in ["1900-01-01", "2200-12-31"] {
        graded(&["--example", "--today", today, "plan", "--weeks", "1"]).ok();
    }
}

#[test]
fn a_profile_date_outside_the_window_names_the_file_line_and_field() {
    let env = Env::initialised();
    let profile = env.read("profile.toml");
    let line = profile
        .lines()
        .position(|l| l.starts_with("injury_date"))
        .expect("injury_date")
        + 1;
    env.write(
        "profile.toml",
        &profile.replace("injury_date = 2026-11-18", "injury_date = 1066-10-14"),
    );
    env.run(&["status"])
        .code(1)
        .stderr_has(&format!("profile.toml:{line}:"))
        .stderr_has("injury_date")
        .stderr_has(WINDOW);
}

#[test]
fn a_log_date_outside_the_window_names_the_file_line_and_field() {
    let env = Env::initialised();
    env.write(
        "log.csv",
        &format!("{HEADER}2026-11-25,session,done,1,1,,,,,\n2226-11-26,session,done,1,1,,,,,\n"),
    );
    env.run(&["history"])
        .code(1)
        .stderr_has("log.csv:3:")
        .stderr_has("date")
        .stderr_has(WINDOW);
}
