//! `graded plan` and `graded week` (issue 2: views, example, reproducibility, global options).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::Value;

use super::{NOTICE_END, all_paths, assert_fits_80_columns, assert_no_ansi, bare, json, output};
use crate::harness::{Env, graded};

const EXAMPLE_PLAN: &[&str] = &["--example", "--today", "2026-11-24", "plan"];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn example_plan_json() -> Value {
    json(
        &graded(&[
            "--example",
            "--today",
            "2026-11-24",
            "plan",
            "--format",
            "json",
        ])
        .ok()
        .stdout,
    )
}

#[test]
fn example_plan_matches_the_golden_file() {
    let out = graded(EXAMPLE_PLAN).ok();
    insta::with_settings!({ snapshot_path => "../expected", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("cli_example_plan", out.stdout);
    });
}

#[test]
fn example_plan_is_the_same_byte_for_byte_on_every_run() {
    let first = bare().args(EXAMPLE_PLAN).output().expect("runs");
    let second = bare().args(EXAMPLE_PLAN).output().expect("runs");
    assert!(first.status.success() && second.status.success());
    assert!(!first.stdout.is_empty());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn example_plan_walks_from_walking_to_return_to_lifting() {
    let out = graded(EXAMPLE_PLAN).ok();
    for stage in [
        "Stage 1: Walking and cycling",
        "Mobility",
        "Strength",
        "Load tolerance",
        "Return to lifting",
    ] {
        assert!(
            out.stdout.contains(stage),
            "no {stage:?} in\n{}",
            out.stdout
        );
    }
    let plan = example_plan_json();
    let sessions = plan["sessions"].as_array().expect("sessions");
    let stages: Vec<u64> = sessions
        .iter()
        .map(|s| s["stage"]["index"].as_u64().expect("index"))
        .collect();
    assert!(
        stages.windows(2).all(|w| w[0] <= w[1]),
        "stages go back: {stages:?}"
    );
    assert_eq!(
        stages.iter().copied().collect::<BTreeSet<_>>(),
        (1..=5).collect::<BTreeSet<_>>()
    );
    // Back at the pre-injury squat in 8-12 weeks [BBM][COURSE], up to a week more when a
    // lighter week holds the load lifted the week before [DELOAD] and the return stage's
    // singles climb within +10% a week [GABBETT].
    let done = date(
        plan["completion"]["date"]
            .as_str()
            .expect("a completion date"),
    );
    let days = (done - date("2026-11-24")).num_days();
    assert!((56..=91).contains(&days), "complete after {days} days");
    assert!(
        plan["completion"]["means"]
            .as_str()
            .is_some_and(|m| m.contains("Back to 100%")),
        "{}",
        plan["completion"]
    );
}

#[test]
fn example_plan_brings_the_squat_back_from_half_to_an_estimate_set_at_about_85_percent() {
    let plan = example_plan_json();
    let loads: Vec<f64> = plan["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .flat_map(|s| s["exercises"].as_array().expect("exercises").clone())
        .filter(|e| e["name"].as_str().is_some_and(|n| n.contains("squat")))
        .filter_map(|e| e["load"].as_f64())
        .collect();
    assert!(!loads.is_empty(), "no squat loads");
    let (first, top) = (loads[0], loads.iter().copied().fold(0.0, f64::max));
    assert!(
        first <= 235.0 * 0.5,
        "first squat {first} lb is above 50% of 235"
    );
    // The last set is a triple at RPE <= 8 that estimates the 1RM: about 85% [RPE].
    assert!(
        (235.0 * 0.84..=235.0 * 0.865).contains(&top),
        "top squat {top} lb is not about 85% of 235"
    );
    assert!(
        loads.iter().all(|l| l % 5.0 == 0.0),
        "not 5 lb steps: {loads:?}"
    );
}

#[test]
fn example_plan_puts_sessions_on_the_example_days_at_seven() {
    let plan = example_plan_json();
    let sessions = plan["sessions"].as_array().expect("sessions");
    for s in sessions {
        assert!(
            ["Mon", "Wed", "Fri", "Sat"].contains(&s["weekday"].as_str().expect("weekday")),
            "{s}"
        );
        assert_eq!(s["time"], "07:00");
    }
    // Hard stages (strength, load, return) never on consecutive days.
    let hard: Vec<NaiveDate> = sessions
        .iter()
        .filter(|s| s["stage"]["index"].as_u64() >= Some(3))
        .map(|s| date(s["date"].as_str().expect("date")))
        .collect();
    for w in hard.windows(2) {
        assert!(
            (w[1] - w[0]).num_days() >= 2,
            "hard sessions on {} and {}",
            w[0],
            w[1]
        );
    }
}

#[test]
fn example_week_of_30_december_matches_the_golden_file() {
    let out = graded(&["--example", "--today", "2026-11-24", "week", "2026-12-30"]).ok();
    insta::with_settings!({ snapshot_path => "../expected", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("cli_example_week_2026_12_30", out.stdout);
    });
}

#[test]
fn plan_weeks_2_stops_two_weeks_ahead() {
    let full = example_plan_json();
    let short = json(
        &graded(&[
            "--example",
            "--today",
            "2026-11-24",
            "plan",
            "--weeks",
            "2",
            "--format",
            "json",
        ])
        .ok()
        .stdout,
    );
    let (full, short) = (
        full["sessions"].as_array().expect("sessions"),
        short["sessions"].as_array().expect("sessions"),
    );
    assert!(!short.is_empty() && short.len() < full.len());
    assert_eq!(
        short[..],
        full[..short.len()],
        "the short plan is the full plan's start"
    );
    for s in short {
        let d = date(s["date"].as_str().expect("date"));
        assert!(d < date("2026-12-08"), "{d} is beyond two weeks");
    }
    let table = graded(&["--example", "--today", "2026-11-24", "plan", "--weeks", "2"]).ok();
    assert!(!table.stdout.contains("Load tolerance"), "{}", table.stdout);
    assert!(table.stdout.ends_with(NOTICE_END));
}

#[test]
fn plan_weeks_0_is_a_usage_error() {
    graded(&["--example", "--today", "2026-11-24", "plan", "--weeks", "0"])
        .code(2)
        .stderr_has("--weeks");
}

#[test]
fn json_plan_has_the_documented_fields() {
    let plan = example_plan_json();
    assert_eq!(plan["schema"], "graded.plan/1");
    assert!(
        plan["notice"]
            .as_str()
            .is_some_and(|n| n.contains("not a diagnosis"))
    );
    assert_eq!(plan["program"]["id"], "mid-back-strain");
    assert!(plan["program"]["name"].is_string());
    assert!(plan["workspace_id"].is_string());
    assert_eq!(plan["timezone"], "America/New_York");
    assert_eq!(plan["unit"], "lb");
    assert_eq!(plan["session_minutes"], 45);
    assert_eq!(plan["today"], "2026-11-24");
    assert_eq!(plan["stopped"], false);
    let sessions = plan["sessions"].as_array().expect("sessions");
    assert!(sessions.len() > 20, "{} sessions", sessions.len());
    for s in sessions {
        for key in [
            "date",
            "weekday",
            "time",
            "week",
            "stage",
            "step",
            "session",
            "deload",
            "status",
            "stop_above",
            "exercises",
            "notes",
        ] {
            assert!(s.get(key).is_some(), "session lacks {key}: {s}");
        }
        for key in ["index", "id", "name"] {
            assert!(s["stage"].get(key).is_some(), "stage lacks {key}: {s}");
        }
        assert_eq!(s["status"], "planned");
        let exercises = s["exercises"].as_array().expect("exercises");
        assert!(!exercises.is_empty());
        for e in exercises {
            for key in [
                "id",
                "name",
                "sets",
                "reps",
                "hold_s",
                "duration_min",
                "load",
                "pct_1rm",
                "rpe_cap",
            ] {
                assert!(e.get(key).is_some(), "exercise lacks {key}: {e}");
            }
        }
    }
    assert_eq!(sessions[0]["date"], "2026-11-25");
    assert_eq!(sessions[0]["stage"]["index"], 1);
}

#[test]
fn global_options_work_after_the_subcommand() {
    let before = graded(EXAMPLE_PLAN).ok();
    let after = graded(&["plan", "--example", "--today", "2026-11-24"]).ok();
    assert_eq!(before.stdout, after.stdout);
    let env = Env::initialised();
    let dir = env.dir();
    let dir = dir.to_str().expect("utf-8 path");
    let before = output(bare().args(["--dir", dir, "--today", "2026-11-24", "plan"])).ok();
    let after = output(bare().args(["plan", "--dir", dir, "--today", "2026-11-24"])).ok();
    assert_eq!(before.stdout, after.stdout);
    assert!(before.stdout.contains("Week 1"));
}

/// Each command makes its own copy of the global options (not clap's `global = true`): one
/// given after the command wins over the same one before it, over the environment, and at any
/// depth (`programs show`), as clap's global options did.
#[test]
fn a_global_option_after_the_command_wins_over_one_before_it() {
    let today = |args: &[&str], env: Option<&str>| {
        let mut cmd = bare();
        if let Some(day) = env {
            cmd.env("GRADED_TODAY", day);
        }
        let out = output(cmd.args(args)).ok();
        json(&out.stdout)["today"]
            .as_str()
            .expect("today")
            .to_string()
    };
    let status = ["status", "--format", "json"];
    let args = |before: &[&'static str], after: &[&'static str]| -> Vec<&'static str> {
        [&["--example"][..], before, &status[..], after].concat()
    };
    assert_eq!(
        today(
            &args(&["--today", "2026-01-05"], &["--today", "2026-02-02"]),
            None
        ),
        "2026-02-02"
    );
    assert_eq!(
        today(&args(&["--today", "2026-01-05"], &[]), None),
        "2026-01-05"
    );
    assert_eq!(
        today(&args(&[], &["--today", "2026-01-06"]), Some("2026-03-03")),
        "2026-01-06"
    );
    assert_eq!(
        today(&args(&["--today", "2026-01-07"], &[]), Some("2026-03-03")),
        "2026-01-07"
    );
    assert_eq!(today(&args(&[], &[]), Some("2026-03-03")), "2026-03-03");
    // A command's own commands take them too, before or after their arguments.
    let shown = output(bare().args([
        "programs",
        "--color",
        "never",
        "show",
        "low-back-strain",
        "--example",
    ]))
    .ok();
    assert!(
        shown
            .stdout
            .starts_with("Low-back strain: back to lifting (low-back-strain)\n"),
        "{}",
        shown.stdout
    );
    let bad = output(bare().args([
        "--lock-wait",
        "5",
        "programs",
        "list",
        "--lock-wait",
        "4000",
    ]))
    .code(2);
    assert!(
        bad.stderr.starts_with(
            "error: invalid value '4000' for '--lock-wait <SECONDS>': 4000 is not in 0..=3600\n"
        ),
        "{}",
        bad.stderr
    );
}

#[test]
fn graded_today_env_works_like_the_today_flag() {
    let flag = graded(EXAMPLE_PLAN).ok();
    let env = output(
        bare()
            .env("GRADED_TODAY", "2026-11-24")
            .args(["--example", "plan"]),
    )
    .ok();
    assert_eq!(flag.stdout, env.stdout);
    let status = output(bare().env("GRADED_TODAY", "2026-12-30").args([
        "--example",
        "status",
        "--format",
        "json",
    ]))
    .ok();
    assert_eq!(json(&status.stdout)["today"], "2026-12-30");
    // The flag wins over the environment.
    let both = output(bare().env("GRADED_TODAY", "2026-12-30").args([
        "--example",
        "--today",
        "2026-11-24",
        "status",
        "--format",
        "json",
    ]))
    .ok();
    assert_eq!(json(&both.stdout)["today"], "2026-11-24");
}

#[test]
fn graded_dir_env_works_like_the_dir_flag() {
    let env = Env::initialised();
    let out = output(
        bare()
            .env("GRADED_DIR", env.dir())
            .args(["--today", "2026-11-24", "plan"]),
    )
    .ok();
    assert_eq!(out.stdout, env.run(&["plan"]).ok().stdout);
}

#[test]
fn example_writes_nothing_to_disk() {
    let home = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| {
        output(
            bare()
                .env("HOME", home.path())
                .current_dir(home.path())
                .args(["--example", "--today", "2026-11-24"])
                .args(args),
        )
    };
    run(&["plan"]).ok();
    run(&["plan", "--format", "ics"]).ok();
    run(&["plan", "--format", "csv"]).ok();
    run(&["week"]).ok();
    run(&["status"]).ok();
    run(&["history"]).ok();
    // Commands that would write refuse with --example, and still write nothing.
    run(&["log", "--pain-during", "1", "--pain-after", "1"]).code(1);
    run(&["screen", "--no-red-flags"]).code(1);
    run(crate::harness::INIT).code(1);
    assert_eq!(all_paths(home.path()), Vec::<String>::new());
}

#[test]
fn every_plan_line_fits_80_columns_and_the_plan_ends_with_the_notice() {
    let out = graded(EXAMPLE_PLAN).ok();
    assert_fits_80_columns(&out.stdout);
    assert!(out.stdout.ends_with(NOTICE_END), "{}", out.stdout);
    assert!(out.stdout.contains("General guidance, not a diagnosis"));
}

#[test]
fn week_fits_80_columns_and_ends_with_the_notice() {
    let out = graded(&["--example", "--today", "2026-11-24", "week", "2026-12-30"]).ok();
    assert_fits_80_columns(&out.stdout);
    assert!(out.stdout.ends_with(NOTICE_END), "{}", out.stdout);
}

/// Issue 2, 6: `week` fits an 80-column terminal, also in a lighter (deload) week.
#[test]
fn week_of_a_lighter_week_fits_80_columns() {
    let out = graded(&["--example", "--today", "2026-11-24", "week", "2027-01-13"]).ok();
    assert!(out.stdout.contains("lighter week"), "{}", out.stdout);
    assert_fits_80_columns(&out.stdout);
}

#[test]
fn other_built_in_programs_plan_within_80_columns() {
    for program in ["low-back-strain", "return-after-layoff"] {
        let out = graded(&[
            "--example",
            "--today",
            "2026-11-24",
            "--program",
            program,
            "plan",
        ])
        .ok();
        assert!(out.stdout.contains(program), "{}", out.stdout);
        assert_fits_80_columns(&out.stdout);
        assert!(out.stdout.ends_with(NOTICE_END));
    }
}

#[test]
fn output_has_no_ansi_escapes_with_no_color_or_off_a_terminal() {
    for no_color in [true, false] {
        for args in [
            &["plan"][..],
            &["week", "2026-12-30"],
            &["status"],
            &["history"],
            &["programs", "list"],
            &["programs", "show", "mid-back-strain"],
        ] {
            let mut cmd = bare();
            if !no_color {
                cmd.env_remove("NO_COLOR");
            }
            let out = output(cmd.args(["--example", "--today", "2026-11-24"]).args(args)).ok();
            assert!(!out.stdout.is_empty());
            assert_no_ansi(&out.stdout);
            assert_no_ansi(&out.stderr);
        }
    }
}

#[test]
fn plan_into_a_closed_pipe_exits_quietly() {
    use std::io::Read;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("graded"))
        .args([
            "--example",
            "--today",
            "2026-11-24",
            "plan",
            "--format",
            "json",
        ])
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut head = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("read");
    // The pipe is closed here, long before the plan (far more than a pipe buffer) is written.
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_log_that_goes_on_after_completion_keeps_the_day_the_program_was_completed() {
    let env = Env::initialised();
    // Every training day green, on well past the day the last stage completes.
    env.write_green_weeks("2027-04-01");
    let plan = json(
        &env.run_at("2027-04-01", &["plan", "--format", "json"])
            .ok()
            .stdout,
    );
    let done = date(plan["completion"]["date"].as_str().expect("completed"));
    // The first session that says so, weeks before the log's last session.
    let history = json(
        &env.run_at("2027-04-01", &["history", "--format", "json"])
            .ok()
            .stdout,
    );
    let first = history["sessions"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| {
            r["reasons"].as_array().is_some_and(|rs| {
                rs.iter().any(|t| {
                    t.as_str()
                        .is_some_and(|t| t.contains("(rule: program complete"))
                })
            })
        })
        .and_then(|r| r["date"].as_str())
        .expect("a completing row");
    assert_eq!(done, date(first));
    assert!(done < date("2027-03-01"), "completed on {done}");
}

#[test]
fn week_and_plan_show_each_past_sessions_outcome_not_a_bare_done() {
    // Green on the 25th, amber on the 28th, skipped on the 30th; the 5th awaits its morning.
    let env = crate::report::fixed_log();
    let today = crate::report::FIXED_TODAY;
    let week = env.run_at(today, &["week", "2026-11-25"]).ok().stdout;
    for title in [
        "Wed 25 Nov 07:00 (45 min) [done: green] · Stage",
        "Sat 28 Nov 07:00 (45 min) [done: amber] · Stage",
    ] {
        assert!(week.contains(title), "{title}\n{week}");
    }
    assert!(!week.contains("[done]"), "{week}");
    let week = env.run_at(today, &["week", "2026-12-05"]).ok().stdout;
    assert!(
        week.contains("Sat 05 Dec 07:00 (45 min) [done, next-morning pain still to log] ·"),
        "{week}"
    );
    let plan = env.run_at(today, &["plan"]).ok().stdout;
    for mark in ["[green]", "[amber]", "[skipped]", "[pending]"] {
        assert!(plan.contains(mark), "{mark}\n{plan}");
    }
    assert!(!plan.contains("[done]"), "{plan}");
    let md = env
        .run_at(today, &["plan", "--format", "markdown"])
        .ok()
        .stdout;
    assert!(md.contains("| done: amber |"), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&env.run_at(today, &["plan", "--format", "json"]).ok().stdout)
            .expect("json");
    let s = json["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .find(|s| s["date"] == "2026-11-28")
        .expect("the 28th");
    assert_eq!(s["outcome"], "amber");
}
