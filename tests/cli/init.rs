//! `graded init` (issue 2, 3): the profile, its privacy, `--force`, and the red-flag screen.

use serde_json::Value;

use super::{NOTICE_END, bare, files, init_with, json, mode, output, strs};
use crate::harness::{Env, INIT};

fn profile(env: &Env) -> toml::Table {
    env.read("profile.toml").parse().unwrap_or_else(|e| {
        panic!(
            "profile.toml is not TOML: {e}\n{}",
            env.read("profile.toml")
        )
    })
}

#[test]
fn init_writes_the_profile_from_the_issues_flags() {
    let env = Env::new();
    env.run(INIT)
        .ok()
        .stdout_has("profile.toml")
        .stdout_has("mid-back-strain");
    let p = profile(&env);
    assert_eq!(p["program"].as_str(), Some("mid-back-strain"));
    assert_eq!(p["start"].to_string(), "2026-11-24");
    assert_eq!(p["injury_date"].to_string(), "2026-11-18");
    assert_eq!(p["rest_pain"].as_integer(), Some(2));
    assert_eq!(p["units"].as_str(), Some("lb"));
    assert_eq!(p["time"].as_str(), Some("07:00"));
    assert_eq!(p["timezone"].as_str(), Some("America/New_York"));
    let days: Vec<&str> = p["days"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| d.as_str().expect("day"))
        .collect();
    assert_eq!(days, ["mon", "wed", "fri", "sat"]);
    assert_eq!(p["red_flags"].as_array().map(Vec::len), Some(0));
    let lift = &p["lifts"].as_array().expect("lifts")[0];
    assert_eq!(lift["name"].as_str(), Some("squat"));
    assert_eq!(
        lift["weight"]
            .as_float()
            .or(lift["weight"].as_integer().map(|w| w as f64)),
        Some(235.0)
    );
}

#[cfg(unix)]
#[test]
fn init_writes_profile_0600_in_a_0700_directory() {
    let env = Env::initialised();
    assert_eq!(mode(&env.dir()), 0o700);
    assert_eq!(mode(&env.dir().join("profile.toml")), 0o600);
}

#[cfg(unix)]
#[test]
fn init_makes_an_existing_workspace_directory_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    std::fs::create_dir_all(env.dir()).expect("mkdir");
    std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    env.run(INIT).ok();
    assert_eq!(mode(&env.dir()), 0o700);
    assert_eq!(mode(&env.dir().join("profile.toml")), 0o600);
}

#[test]
fn init_gives_the_same_plan_as_the_example() {
    let env = Env::initialised();
    let mine = env.run(&["plan", "--format", "json"]).ok();
    let example = crate::harness::graded(&[
        "--example",
        "--today",
        "2026-11-24",
        "plan",
        "--format",
        "json",
    ])
    .ok();
    let (mine, example) = (json(&mine.stdout), json(&example.stdout));
    assert_eq!(mine["sessions"], example["sessions"]);
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let env = Env::initialised();
    let before = env.read("profile.toml");
    env.run(&strs(&init_with(&[("--rest-pain", "4")])))
        .code(1)
        .stderr_has("profile.toml")
        .stderr_has("--force");
    assert_eq!(env.read("profile.toml"), before);
}

#[test]
fn init_overwrites_with_force() {
    let env = Env::initialised();
    let mut args = init_with(&[("--rest-pain", "4")]);
    args.push("--force".into());
    env.run(&strs(&args)).ok();
    assert_eq!(profile(&env)["rest_pain"].as_integer(), Some(4));
    #[cfg(unix)]
    assert_eq!(mode(&env.dir().join("profile.toml")), 0o600);
}

#[test]
fn init_force_keeps_the_log() {
    let env = Env::initialised().today("2026-11-25");
    env.run(&["log", "--pain-during", "1", "--pain-after", "1"])
        .ok();
    let log = env.read("log.csv");
    let mut args = init_with(&[("--rest-pain", "3")]);
    args.push("--force".into());
    env.run(&strs(&args)).ok();
    assert_eq!(env.read("log.csv"), log);
}

/// Runs init with `--red-flag FLAG` instead of `--no-red-flags`.
fn init_with_red_flag(env: &Env, flag: &str) -> crate::harness::Output {
    let mut args: Vec<&str> = INIT
        .iter()
        .copied()
        .filter(|a| *a != "--no-red-flags")
        .collect();
    args.extend(["--red-flag", flag]);
    env.run(&args)
}

#[test]
fn init_with_an_urgent_red_flag_prints_triage_writes_no_profile_and_exits_3() {
    let env = Env::new();
    let out = init_with_red_flag(&env, "fever").code(3);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("URGENT"), "{all}");
    assert!(all.contains("24 hours"), "{all}");
    assert!(all.contains("fever"), "{all}");
    assert_eq!(files(&env.dir()).unwrap_or_default().len(), 0);
}

#[test]
fn init_with_an_emergency_red_flag_prints_triage_writes_no_profile_and_exits_3() {
    let env = Env::new();
    let out = init_with_red_flag(&env, "chest-pain").code(3);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("EMERGENCY"), "{all}");
    assert!(all.contains("emergency"), "{all}");
    // The flag in words, not its id.
    assert!(
        all.contains("Red flags: chest pain, pressure or tightness"),
        "{all}"
    );
    assert!(!all.contains("chest-pain"), "{all}");
    assert_eq!(files(&env.dir()).unwrap_or_default().len(), 0);
}

#[test]
fn init_with_a_see_soon_red_flag_writes_the_profile_and_prints_advice() {
    let env = Env::new();
    let out = init_with_red_flag(&env, "inflammatory").ok();
    assert!(
        out.stdout.to_lowercase().contains("clinician"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("back pain over 3 months"),
        "the flag in plain words: {}",
        out.stdout
    );
    let p = profile(&env);
    let flags: Vec<&str> = p["red_flags"]
        .as_array()
        .expect("red_flags")
        .iter()
        .map(|f| f.as_str().expect("flag"))
        .collect();
    assert_eq!(flags, ["inflammatory"]);
    let status: Value = json(&env.run(&["status", "--format", "json"]).ok().stdout);
    assert_eq!(status["triage"], "soon");
}

/// A stop supersedes a pause: once a red flag stops the program, status's JSON says stopped,
/// not paused, as its text does (the JSON read the engine's pause flag and said both).
#[test]
fn a_stop_supersedes_the_pause_of_a_see_soon_flag_in_json_as_in_text() {
    let env = Env::new();
    init_with_red_flag(&env, "inflammatory").ok();
    let status: Value = json(&env.run(&["status", "--format", "json"]).ok().stdout);
    assert_eq!(status["paused"], true);
    assert!(status["pause"].is_string(), "{status}");
    env.log_fever("2026-11-24").code(3);
    let status: Value = json(&env.run(&["status", "--format", "json"]).code(3).stdout);
    assert_eq!(status["stopped"], true);
    assert_eq!(status["triage"], "urgent");
    assert_eq!(status["paused"], false);
    assert_eq!(status["pause"], Value::Null);
    let text = env.run(&["status"]).code(3).stdout;
    assert!(!text.contains("Progression is paused"), "{text}");
}

/// Issue 2, 3: "S: the plan is made and carries the advice to see a clinician."
#[test]
fn plan_of_a_profile_with_a_see_soon_red_flag_carries_the_advice() {
    let env = Env::new();
    init_with_red_flag(&env, "inflammatory").ok();
    let plan = env.run(&["plan"]).ok().stdout;
    let flat = plan
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    assert!(
        flat.contains("clinician soon") || flat.contains("inflammatory"),
        "the plan does not carry the see-a-clinician advice:\n{plan}"
    );
}

#[test]
fn init_with_an_unknown_red_flag_is_a_usage_error() {
    let env = Env::new();
    init_with_red_flag(&env, "purple")
        .code(2)
        .stderr_has("purple")
        .stderr_has("fever");
    assert!(files(&env.dir()).is_none());
}

#[test]
fn a_profile_made_with_other_flags_gives_its_own_plan() {
    let env = Env::new();
    env.run(&strs(&init_with(&[
        ("--units", "kg"),
        ("--days", "tue,thu,sat"),
        ("--tz", "Europe/London"),
        ("--time", "18:30"),
        ("--lift", "squat=100x5"),
        ("--rest-pain", "3"),
    ])))
    .ok();
    let table = env
        .run(&["plan"])
        .ok()
        .stdout_has("Tue/Thu/Sat · 18:30 Europe/London · kg")
        .stdout_has("@ 57.5 kg (49%)");
    assert!(
        !table.stdout.contains(" lb"),
        "lb in a kg plan:\n{}",
        table.stdout
    );
    assert!(table.stdout.ends_with(NOTICE_END));
    super::assert_fits_80_columns(&table.stdout);

    let plan = json(&env.run(&["plan", "--format", "json"]).ok().stdout);
    assert_eq!(plan["unit"], "kg");
    assert_eq!(plan["timezone"], "Europe/London");
    let sessions = plan["sessions"].as_array().expect("sessions");
    assert!(!sessions.is_empty());
    for s in sessions {
        assert!(
            ["Tue", "Thu", "Sat"].contains(&s["weekday"].as_str().expect("weekday")),
            "{s}"
        );
        assert_eq!(s["time"], "18:30");
    }
    // 100 kg x 5 estimates a 1RM of about 116.7 kg (Epley): loads in 2.5 kg steps, from at most
    // 50% up to at most 90% of it.
    let loads: Vec<f64> = sessions
        .iter()
        .flat_map(|s| s["exercises"].as_array().expect("exercises").clone())
        .filter_map(|e| e["load"].as_f64())
        .collect();
    assert!(!loads.is_empty());
    assert!(loads.iter().all(|l| l % 2.5 == 0.0), "{loads:?}");
    let one_rm = 100.0 * (1.0 + 5.0 / 30.0);
    assert!(loads[0] <= one_rm * 0.5, "{loads:?}");
    assert!(loads.iter().all(|&l| l <= one_rm * 0.9), "{loads:?}");
    assert!(loads.iter().any(|&l| l >= one_rm * 0.85), "{loads:?}");
}

#[test]
fn init_without_dir_writes_to_the_platform_data_directory() {
    let home = tempfile::tempdir().expect("tempdir");
    let out = output(
        bare()
            .env("HOME", home.path())
            .args(["--today", "2026-11-24"])
            .args(INIT),
    );
    out.ok();
    let dir = home.path().join(".local/share/graded");
    assert!(dir.join("profile.toml").is_file(), "{}", dir.display());
    #[cfg(unix)]
    assert_eq!(mode(&dir), 0o700);
}

#[test]
fn init_without_a_terminal_and_missing_flags_is_a_usage_error() {
    let env = Env::new();
    env.run(&["init", "--program", "mid-back-strain"])
        .code(2)
        .stderr_has("missing");
    assert!(files(&env.dir()).is_none());
}

/// Issue 11: without a terminal, init named one missing flag per run (six runs to learn seven
/// flags). Now one message names them all, with an example each, and writes nothing.
#[test]
fn init_without_a_terminal_names_every_missing_flag_at_once() {
    let env = Env::new();
    let out = env.run(&["init"]).code(2);
    for flag in [
        "missing 7 flags",
        "--injury-date DATE",
        "--rest-pain N",
        "--no-red-flags or --red-flag ID",
        "--days DAYS",
        "--tz ZONE",
        "--units UNITS",
        "--lift squat=WEIGHT",
    ] {
        assert!(out.stderr.contains(flag), "{flag}:\n{}", out.stderr);
    }
    assert!(!env.dir().exists(), "init created the workspace");
    // Only what is missing is named.
    let out = env
        .run(&[
            "init",
            "--days",
            "mon",
            "--tz",
            "UTC",
            "--lift",
            "squat=235",
        ])
        .code(2);
    assert!(out.stderr.contains("missing 4 flags"), "{}", out.stderr);
    assert!(!out.stderr.contains("--days"), "{}", out.stderr);
    assert!(!out.stderr.contains("--lift"), "{}", out.stderr);
}

#[test]
fn init_reads_the_forms_people_type_and_ends_with_a_recap() {
    let env = Env::new();
    let out = env
        .run(&[
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
            "Mon Wed Fri Sat",
            "--time",
            "7:30pm",
            "--minutes",
            "60 min",
            "--tz",
            "America/New_York",
            "--units",
            "lb",
            "--lift",
            "squat=235",
            "--lift",
            "bench",
            "185",
            "--reminder-time",
            "7am",
            "--no-red-flags",
        ])
        .ok();
    let ws = env.dir().display().to_string();
    assert_eq!(
        out.stdout,
        format!(
            "Wrote {ws}/profile.toml (program mid-back-strain, start 2026-11-24).\n  \
             Program:   Mid-back strain: back to lifting (mid-back-strain), from Tue 24 Nov 2026\n  \
             Sessions:  Mon, Wed, Fri, Sat at 19:30, 60 min each\n  \
             Time zone: America/New_York\n  \
             Lifts:     squat: 235 lb; bench: 185 lb\n  \
             Reminder:  07:00 the morning after each session, to log your pain\n\
             Next: `graded --dir {ws} plan` for the whole plan,\n      `graded --dir {ws} week` for this week.\n\
             General guidance, not a diagnosis: see a clinician if symptoms persist,\n\
             worsen, or nerve symptoms appear.\n"
        )
    );
    let profile = env.read("profile.toml");
    for line in [
        "days = [\"mon\", \"wed\", \"fri\", \"sat\"]",
        "time = \"19:30\"",
        "session_minutes = 60",
        "morning_reminder = \"07:00\"",
        "name = \"bench\"",
    ] {
        assert!(profile.contains(line), "{line}\n{profile}");
    }
}

#[rstest::rstest]
#[case(&["--days", "mon-fri"], "days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")]
#[case(&["--days", "mon", "wed", "fri"], "days = [\"mon\", \"wed\", \"fri\"]")]
#[case(&["--days", "mon,wed", "--time", "7am"], "time = \"07:00\"")]
#[case(&["--days", "mon", "--time", "12pm"], "time = \"12:00\"")]
#[case(&["--days", "mon", "--minutes", "1h30"], "session_minutes = 90")]
#[case(&["--days", "mon", "--minutes", "60"], "session_minutes = 60")]
#[case(&["--days", "mon", "--lift", "bench 5x155"], "reps = 5")]
fn init_takes_each_typed_form(#[case] extra: &[&str], #[case] line: &str) {
    let env = Env::new();
    env.run(&init_but(extra)).ok();
    let profile = env.read("profile.toml");
    assert!(profile.contains(line), "{extra:?}: {line}\n{profile}");
}

#[rstest::rstest]
#[case(&["--time", "7"], "error: --time: `7` is not a time: say which, 7am or 7pm (or 24-hour, 07:00)\n")]
#[case(&["--time", "13pm"], "error: --time: `13pm`: with am or pm the hour is 1-12\n")]
#[case(&["--minutes", "5 min"], "error: --minutes: `5 min` is 5 minutes: a session is 10-240 minutes\n")]
#[case(&["--minutes", "an hour"], "error: --minutes: `an hour` is not a session length: give minutes (60, 60 min) or hours (1h, 1h30)\n")]
#[case(&["--days", "mon-mon"], "error: --days: `mon-mon` starts and ends on the same day\n")]
#[case(&["--days", "mon,someday"], "error: --days: `someday` is not a weekday (mon, tue, wed, thu, fri, sat, sun)\n")]
fn init_refuses_an_ambiguous_or_unknown_form_with_what_to_write(
    #[case] extra: &[&str],
    #[case] stderr: &str,
) {
    let env = Env::new();
    let out = env.run(&init_but(extra)).code(2);
    assert_eq!(out.stderr, stderr);
    assert!(!env.dir().join("profile.toml").exists());
}

/// The example's init with the flags of `extra` given as `extra` gives them (each of those
/// flags, with its value, left out of the example's).
fn init_but<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args: Vec<&str> = Vec::new();
    let mut skip = false;
    for a in INIT {
        if a.starts_with("--") {
            skip = extra.contains(a) && *a != "--lift";
        }
        if !skip {
            args.push(a);
        }
    }
    args.extend_from_slice(extra);
    args
}
