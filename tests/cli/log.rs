//! `graded log` (issue 3, 1-2): recording sessions and next-morning pain, refusals without
//! `--force`, private files, and no lost rows under concurrency.

use std::process::Stdio;

use crate::harness::Env;

/// The log's rows (without the header), each split into its fields.
fn rows(env: &Env) -> Vec<Vec<String>> {
    let text = env.read("log.csv");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "date",
            "kind",
            "status",
            "pain_during",
            "pain_after",
            "next_morning",
            "stiffness_min",
            "rpe",
            "symptoms",
            "note",
        ]
    );
    rdr.records()
        .map(|r| r.expect("row").iter().map(String::from).collect())
        .collect()
}

fn log(env: &Env, date: &str, during: &str, after: &str) -> crate::harness::Output {
    env.run(&[
        "log",
        "--date",
        date,
        "--pain-during",
        during,
        "--pain-after",
        after,
    ])
}

#[test]
fn log_records_a_session_as_a_readable_row() {
    let env = Env::initialised().today("2026-11-25");
    env.run(&[
        "log",
        "--pain-during",
        "2",
        "--pain-after",
        "3",
        "--rpe",
        "5",
        "--note",
        "felt fine",
    ])
    .ok()
    .stdout_has("Logged Wed 25 Nov 2026")
    .stdout_has("outcome pending")
    .stdout_has("--next-morning");
    assert_eq!(
        rows(&env),
        [[
            "2026-11-25",
            "session",
            "done",
            "2",
            "3",
            "",
            "",
            "5",
            "",
            "felt fine"
        ]]
    );
}

#[cfg(unix)]
#[test]
fn log_files_are_0600_in_a_0700_directory() {
    use super::mode;
    let env = Env::initialised().today("2026-11-27");
    log(&env, "2026-11-25", "1", "1").ok();
    env.run(&["log", "--next-morning", "1"]).ok();
    env.run(&["screen", "--no-red-flags"]).ok();
    assert_eq!(mode(&env.dir()), 0o700);
    let mut names = Vec::new();
    for entry in std::fs::read_dir(env.dir()).expect("workspace") {
        let path = entry.expect("entry").path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        names.push(
            path.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned(),
        );
    }
    assert!(names.contains(&"log.csv".to_string()), "{names:?}");
}

#[test]
fn log_refuses_a_second_session_on_the_same_date_without_force() {
    let env = Env::initialised().today("2026-11-27");
    log(&env, "2026-11-25", "1", "1").ok();
    let before = env.read("log.csv");
    log(&env, "2026-11-25", "2", "2")
        .code(2)
        .stderr_has("2026-11-25")
        .stderr_has("--force");
    assert_eq!(env.read("log.csv"), before);
    env.run(&[
        "log",
        "--date",
        "2026-11-25",
        "--pain-during",
        "2",
        "--pain-after",
        "2",
        "--force",
    ])
    .ok();
    let dates: Vec<String> = rows(&env).into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(dates, ["2026-11-25", "2026-11-25"]);
}

/// A future date needs `--force`, and even then at most one day ahead (docs/GUIDE.md, "Log every session").
#[test]
fn log_refuses_a_future_date_without_force_and_more_than_a_day_ahead_with_it() {
    let env = Env::initialised().today("2026-11-25");
    log(&env, "2026-11-25", "1", "1").ok();
    let before = env.read("log.csv");
    log(&env, "2026-11-26", "1", "1")
        .code(2)
        .stderr_has("future")
        .stderr_has("--force");
    assert_eq!(env.read("log.csv"), before);
    let forced = |date: &str| {
        env.run(&[
            "log",
            "--date",
            date,
            "--pain-during",
            "1",
            "--pain-after",
            "1",
            "--force",
        ])
    };
    forced("2026-11-27")
        .code(2)
        .stderr_has("more than 1 day after today (2026-11-25)");
    forced("2099-01-01").code(2).stderr_has("--force or not");
    assert_eq!(env.read("log.csv"), before);
    forced("2026-11-26").ok();
    assert_eq!(rows(&env).len(), 2);
}

#[test]
fn log_next_morning_fills_the_latest_session_missing_it() {
    let env = Env::initialised().today("2026-11-28");
    log(&env, "2026-11-25", "2", "2").ok();
    log(&env, "2026-11-27", "2", "2").ok();
    env.run(&["log", "--next-morning", "1", "--stiffness-min", "10"])
        .ok()
        .stdout_has("Logged Fri 27 Nov 2026");
    let r = rows(&env);
    assert_eq!((r[0][5].as_str(), r[1][5].as_str()), ("", "1"));
    assert_eq!(r[1][6], "10");
    // The next one goes to the earlier session still missing it.
    env.run(&["log", "--next-morning", "2"]).ok();
    let r = rows(&env);
    assert_eq!((r[0][5].as_str(), r[1][5].as_str()), ("2", "1"));
    // Nothing is waiting any more.
    let before = env.read("log.csv");
    env.run(&["log", "--next-morning", "0"]).code(2);
    assert_eq!(env.read("log.csv"), before);
}

#[test]
fn log_next_morning_with_a_date_fills_the_session_of_the_day_before() {
    let env = Env::initialised().today("2026-11-28");
    log(&env, "2026-11-25", "2", "2").ok();
    log(&env, "2026-11-27", "2", "2").ok();
    env.run(&["log", "--next-morning", "1", "--date", "2026-11-26"])
        .ok();
    let r = rows(&env);
    assert_eq!((r[0][5].as_str(), r[1][5].as_str()), ("1", ""));
    let before = env.read("log.csv");
    env.run(&["log", "--next-morning", "1", "--date", "2026-11-25"])
        .code(2)
        .stderr_has("2026-11-24");
    assert_eq!(env.read("log.csv"), before);
}

#[test]
fn log_skipped_needs_no_pain_scores() {
    let env = Env::initialised().today("2026-11-25");
    env.run(&["log", "--skipped", "--note", "travel"]).ok();
    assert_eq!(rows(&env)[0][2], "skipped");
}

#[test]
fn log_without_pain_scores_off_a_terminal_is_a_usage_error() {
    let env = Env::initialised().today("2026-11-25");
    env.run(&["log"]).code(2).stderr_has("--pain-during");
    assert!(!env.dir().join("log.csv").exists());
}

#[test]
fn sixteen_graded_log_processes_at_once_lose_no_row() {
    let env = Env::initialised().today("2026-12-31");
    let bin = assert_cmd::cargo::cargo_bin("graded");
    let dates: Vec<String> = (0..16)
        .map(|i| {
            (chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
                + chrono::Duration::days(i))
            .to_string()
        })
        .collect();
    let children: Vec<_> = dates
        .iter()
        .map(|date| {
            std::process::Command::new(&bin)
                .args(["--dir"])
                .arg(env.dir())
                .args(["--today", "2026-12-31", "log", "--date", date])
                .args(["--pain-during", "1", "--pain-after", "2", "--rpe", "4"])
                .env_remove("GRADED_DIR")
                .env_remove("GRADED_TODAY")
                .env("NO_COLOR", "1")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Rows stand in the order they were logged (graded never reorders the file); all 16 are there.
    let mut logged: Vec<String> = rows(&env).into_iter().map(|r| r[0].clone()).collect();
    logged.sort();
    assert_eq!(logged, dates);
    env.run(&["history", "--format", "csv"]).ok();
    env.run(&["status"]).ok();
}

/// A red-flag symptom is never dropped: on its own, or with a morning score when no session
/// waits for one, it is recorded and stops the program.
#[test]
fn a_symptom_on_its_own_is_recorded_and_stops_the_program() {
    let env = Env::initialised().today("2026-11-26");
    let out = env.run(&["log", "--symptom", "fever"]).code(3);
    assert!(
        out.stdout.contains("URGENT") && out.stdout.contains("General guidance"),
        "{}",
        out.stdout
    );
    assert!(
        rows(&env)
            .iter()
            .any(|r| r[1] == "screen" && r[8] == "fever")
    );
    env.run(&["status"]).code(3);
}

#[test]
fn a_symptom_with_a_morning_score_and_no_session_waiting_is_still_recorded() {
    let env = Env::initialised().today("2026-11-26");
    let out = env
        .run(&["log", "--next-morning", "2", "--symptom", "both-legs"])
        .code(3);
    assert!(out.stdout.contains("EMERGENCY"), "{}", out.stdout);
    assert!(rows(&env).iter().any(|r| r[8] == "both-legs"));
}

#[test]
fn a_skipped_session_with_pain_scores_is_a_usage_error() {
    let env = Env::initialised().today("2026-11-26");
    env.run(&[
        "log",
        "--skipped",
        "--pain-during",
        "9",
        "--pain-after",
        "9",
    ])
    .code(2);
    assert!(!env.dir().join("log.csv").exists(), "nothing written");
}

#[test]
fn pain_may_be_written_as_seven_out_of_ten() {
    let env = Env::initialised().today("2026-11-26");
    env.run(&["log", "--pain-during", "2/10", "--pain-after", "3"])
        .ok();
    assert_eq!(rows(&env)[0][3], "2");
}

#[test]
fn a_symptom_named_in_words_suggests_the_ids_it_may_mean_with_their_questions() {
    let env = Env::initialised();
    let before = env.read("log.csv");
    let out = env
        .run_at("2026-11-25", &["log", "--symptom", "numbness"])
        .code(2);
    assert_eq!(
        out.stderr,
        "error: invalid value 'numbness' for '--symptom <ID>': unknown red flag `numbness`; did you mean one of these?\n  \
         saddle-numbness  New numbness or tingling in the groin, genitals, buttocks or inner thighs?\n  \
         both-legs        Weakness, numbness or tingling in both legs, or unsteady walking?\n  \
         one-limb-nerve   New weakness, numbness or tingling in one limb, or band-like pain around the trunk?\n\
         (every id with its question: `graded screen --help`)\n\n\
         For more information, try '--help'.\n"
    );
    env.run_at("2026-11-25", &["log", "--symptom", "fevr"])
        .code(2)
        .stderr_has(
            "did you mean this one?\n  fever  Fever, chills or feeling generally unwell?\n",
        );
    assert_eq!(env.read("log.csv"), before);
}

#[test]
fn the_stop_banner_and_the_reasons_say_the_red_flag_in_words_not_its_id() {
    let env = Env::initialised();
    let out = env
        .run_at("2026-11-25", &["log", "--symptom", "one-limb-nerve"])
        .code(3);
    assert!(!out.stdout.contains("one-limb-nerve"), "{}", out.stdout);
    let status = env.run_at("2026-11-26", &["status"]).code(3).stdout;
    assert!(
        status.contains("Why: red flags: new weakness, numbness or tingling in one limb, or"),
        "{status}"
    );
    assert!(!status.contains("one-limb-nerve"), "{status}");
    let history = env
        .run_at("2026-11-26", &["history", "--format", "json"])
        .ok()
        .stdout;
    assert!(
        history.contains("Red-flag symptom (new weakness, numbness or tingling in one limb"),
        "{history}"
    );
}
