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

/// Issue 11: `today`, `yesterday`, weekday names and `-N` days, counted from today (Thursday
/// 2026-11-26 here). A weekday is the latest such day, today included.
#[rstest::rstest]
#[case::today("today", "2026-11-26")]
#[case::today_any_case("Today", "2026-11-26")]
#[case::yesterday("yesterday", "2026-11-25")]
#[case::three_days_ago("-3", "2026-11-23")]
#[case::zero_days_ago("-0", "2026-11-26")]
#[case::days_ago_in_words("8 days ago", "2026-11-18")]
#[case::one_day_ago_in_words("1 Day Ago", "2026-11-25")]
#[case::monday_short("mon", "2026-11-23")]
#[case::monday_long_upper_case("MONDAY", "2026-11-23")]
#[case::the_weekday_of_today_is_today("thu", "2026-11-26")]
#[case::friday_is_last_weeks("fri", "2026-11-20")]
#[case::tues("Tues", "2026-11-24")]
#[case::a_calendar_date(" 2026-11-02 ", "2026-11-02")]
fn a_day_as_people_say_it(#[case] said: &str, #[case] date: &str) {
    use graded::load::date::parse_day;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let got = parse_day(said)
        .and_then(|d| d.resolve(today))
        .unwrap_or_else(|e| panic!("{said}: {e}"));
    assert_eq!(got.to_string(), date, "{said}");
}

#[rstest::rstest]
#[case::next("next", "2026-12-03")]
#[case::last("LAST", "2026-11-19")]
#[case::this("this", "2026-11-26")]
#[case::a_weekday("mon", "2026-11-23")]
#[case::days_ago("-10", "2026-11-16")]
fn a_week_as_people_say_it(#[case] said: &str, #[case] date: &str) {
    use graded::load::date::parse_week;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let got = parse_week(said)
        .and_then(|w| w.resolve(today))
        .unwrap_or_else(|e| panic!("{said}: {e}"));
    assert_eq!(got.to_string(), date, "{said}");
}

#[test]
fn log_takes_relative_dates_and_a_negative_number_is_a_date_not_a_flag() {
    let env = Env::initialised().today("2026-11-28");
    env.run(&[
        "log",
        "--date",
        "-3",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
        "--rpe",
        "4",
    ])
    .ok()
    .stdout_has("Logged Wed 25 Nov 2026");
    env.run(&["log", "--date", "thursday", "--next-morning", "1"])
        .ok()
        .stdout_has("Logged Wed 25 Nov 2026");
    env.run(&[
        "log",
        "--date",
        "yesterday",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
        "--rpe",
        "4",
    ])
    .ok()
    .stdout_has("Logged Fri 27 Nov 2026");
    env.run(&["screen", "--no-red-flags", "--date", "today"])
        .ok()
        .stdout_has("Screen recorded on 2026-11-28");
}

#[test]
fn week_next_and_week_last_show_the_weeks_around_today() {
    let env = Env::initialised().today("2026-12-02");
    env.run(&["week", "next"])
        .ok()
        .stdout_has("Week of Mon 07 Dec to Sun 13 Dec 2026");
    env.run(&["week", "last"])
        .ok()
        .stdout_has("Week of Mon 23 Nov to Sun 29 Nov 2026");
    env.run(&["week", "-7"])
        .ok()
        .stdout_has("Week of Mon 23 Nov to Sun 29 Nov 2026");
}

#[test]
fn a_relative_today_counts_from_the_clock() {
    graded(&["--example", "--today", "yesterday", "status"]).ok();
    graded(&["--example", "--today", "-2", "plan", "--weeks", "1"]).ok();
}

#[test]
fn a_relative_date_that_does_not_parse_lists_the_forms_and_changes_nothing() {
    let env = Env::initialised();
    env.log_session("2026-11-24", 1, 1, None);
    let before = env.read("log.csv");
    for args in [
        &[
            "log",
            "--date",
            "tomorow",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
        ][..],
        &["log", "--date", "-x", "--next-morning", "1"],
    ] {
        env.run(args)
            .code(2)
            .stderr_has("is not a date: use YYYY-MM-DD (2026-11-24), today, yesterday, a weekday (mon ... sun: the latest one, today included) or -N for N days ago (-3, or 3 days ago)");
    }
    graded(&["--example", "--today", "someday", "status"])
        .code(2)
        .stderr_has("`someday` is not a date: use YYYY-MM-DD");
    env.run(&["week", "fortnight"])
        .code(2)
        .stderr_has("`fortnight` is not a week: use next, last, this, a date");
    // A calendar date keeps its own message.
    env.run(&[
        "log",
        "--date",
        "2026-11-31",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
    ])
    .code(2)
    .stderr_has("`2026-11-31` is not a date (use YYYY-MM-DD, e.g. 2026-11-24)");
    // A relative date outside the window is a usage error too.
    env.run(&[
        "log",
        "--date",
        "-99999",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
    ])
    .code(2)
    .stderr_has(WINDOW);
    assert_eq!(env.read("log.csv"), before, "the log changed");
}
