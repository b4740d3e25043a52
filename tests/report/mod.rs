//! `graded report`: the page pinned by a snapshot for a fixed log, its plotted points counted
//! against the logged scores, an empty and a year-long log, and the page rendered and printed
//! by headless Chromium.

mod browser;
mod people;
mod points;
mod snapshot;

use crate::harness::Env;

/// One logged session of the fixed log: date, then pain during, after and the next morning
/// (`None` for a skipped session, or a morning not logged yet).
pub struct Logged {
    /// Session date.
    pub date: &'static str,
    /// Pain during and after, or `None` when skipped.
    pub pains: Option<(u8, u8)>,
    /// Next-morning pain.
    pub morning: Option<u8>,
}

/// Two weeks of the example person: greens, an amber hold, a skipped session, and a last
/// session still waiting for its next-morning score.
pub const FIXED: &[Logged] = &[
    Logged {
        date: "2026-11-25",
        pains: Some((1, 2)),
        morning: Some(1),
    },
    Logged {
        date: "2026-11-27",
        pains: Some((2, 2)),
        morning: Some(1),
    },
    Logged {
        date: "2026-11-28",
        pains: Some((4, 4)),
        morning: Some(1),
    },
    Logged {
        date: "2026-11-30",
        pains: None,
        morning: None,
    },
    Logged {
        date: "2026-12-02",
        pains: Some((1, 1)),
        morning: Some(0),
    },
    Logged {
        date: "2026-12-04",
        pains: Some((2, 3)),
        morning: Some(1),
    },
    Logged {
        date: "2026-12-05",
        pains: Some((1, 2)),
        morning: None,
    },
];

/// The day the fixed log's report is made.
pub const FIXED_TODAY: &str = "2026-12-06";

/// The day after `date`.
pub fn next_day(date: &str) -> String {
    (chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date") + chrono::Duration::days(1))
        .to_string()
}

/// A workspace holding the fixed log, logged through the CLI as a person would.
pub fn fixed_log() -> Env {
    let env = Env::initialised();
    for s in FIXED {
        match s.pains {
            Some((during, after)) => env.log_session(s.date, during, after, s.morning),
            None => {
                env.run_at(s.date, &["log", "--date", s.date, "--skipped"])
                    .ok();
            }
        }
    }
    env
}

/// Runs `graded report` on `today` (exit code 0, or 3 when the program is stopped) and
/// returns the page.
pub fn report(env: &Env, today: &str) -> String {
    let path = env.path("report.html");
    let out = env.run_at(today, &["report", "-o", path.to_str().expect("utf-8 path")]);
    assert!(
        out.code == 0 || out.code == 3,
        "exit code {}\n{}\n{}",
        out.code,
        out.stdout,
        out.stderr
    );
    assert!(out.stdout.contains("Wrote"), "{}", out.stdout);
    std::fs::read_to_string(&path).expect("report written")
}

/// Issue 3's six weeks (an amber hold in walking and cycling, a red regression in mobility),
/// then a session with a fever: the program stops. Returns the workspace and the report day.
pub fn six_weeks_with_a_stop() -> (Env, String) {
    let env = Env::initialised();
    crate::scenario::script(&env, "2027-01-05", |date| match date {
        "2026-11-28" => (4, 4, 1),
        "2026-12-11" => (6, 5, 3),
        _ => (1, 2, 1),
    });
    let status: serde_json::Value = serde_json::from_str(
        &env.run_at("2027-01-05", &["status", "--format", "json"])
            .ok()
            .stdout,
    )
    .expect("status json");
    let date = status["next_session"]["date"]
        .as_str()
        .expect("a next session")
        .to_string();
    env.log_fever(&date).code(3);
    let today = next_day(&next_day(&date));
    (env, today)
}

/// `weeks` weeks of the example person written straight into log.csv, four sessions a week:
/// an amber every ninth, a skipped session every thirteenth, and a therapist's note on some
/// Sundays. Returns the workspace and the day after the last week.
pub fn logged_weeks(weeks: i64) -> (Env, String) {
    use chrono::{Datelike, Weekday};
    let env = Env::initialised();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let end = start + chrono::Duration::weeks(weeks);
    let mut log = String::from(
        "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note,correction\n",
    );
    let (mut d, mut i) = (start, 0);
    while d < end {
        if matches!(
            d.weekday(),
            Weekday::Mon | Weekday::Wed | Weekday::Fri | Weekday::Sat
        ) {
            i += 1;
            log += &match i {
                _ if i % 13 == 0 => format!("{d},session,skipped,,,,,,,,\n"),
                _ if i % 9 == 0 => format!("{d},session,done,4,4,2,,6,,felt it,\n"),
                _ => format!("{d},session,done,1,2,1,,5,,,\n"),
            };
        }
        if d.weekday() == Weekday::Sun && i % 5 == 0 {
            log += &format!("{d},note,\"Dr Lee, PT\",,,,,,,Keep going,\n");
        }
        d += chrono::Duration::days(1);
    }
    env.write("log.csv", &log);
    (env, end.to_string())
}
