//! Issue 11: the questions asked on a terminal, driven through a pseudo-terminal (rexpect) as a
//! person answers them: the real binary, its real prompts, typed answers.

use std::process::Command;

use rexpect::session::PtySession;

use crate::harness::{Env, INIT};

/// How long one expected text may take to appear.
const TIMEOUT_MS: u64 = 20_000;

/// graded on a pseudo-terminal for `env`'s workspace, `COLUMNS` wide, the machine's zone
/// `Europe/Paris`, no colour.
pub fn spawn(env: &Env, columns: u16, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("graded"));
    cmd.arg("--dir")
        .arg(env.dir())
        .args(["--today", &env.today])
        .args(args)
        .env_remove("GRADED_DIR")
        .env_remove("GRADED_TODAY")
        .env("NO_COLOR", "1")
        .env("TZ", "Europe/Paris")
        .env("COLUMNS", columns.to_string());
    rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawns on a pty")
}

/// Waits for `text`, returning what came before it and it.
#[track_caller]
pub fn expect(p: &mut PtySession, text: &str) -> String {
    match p.exp_string(text) {
        Ok(before) => before + text,
        Err(e) => panic!("waiting for {text:?}: {e}"),
    }
}

/// Types a line.
pub fn answer(p: &mut PtySession, line: &str) {
    p.send_line(line).expect("types");
}

/// Reads to the end and returns the rest of the output with the exit code.
pub fn finish(mut p: PtySession) -> (String, i32) {
    let rest = p.exp_eof().expect("ends");
    // rexpect does not re-export nix's WaitStatus: `Exited(Pid(123), 0)` is read from its form.
    let status = format!("{:?}", p.process().wait().expect("waits"));
    let code = status
        .strip_prefix("Exited(")
        .and_then(|s| s.rsplit(", ").next())
        .and_then(|s| s.trim_end_matches(')').parse().ok())
        .unwrap_or_else(|| panic!("did not exit: {status}"));
    (rest, code)
}

/// `INIT`'s flags without `drop` (and the value after it).
fn init_without(drop: &[&str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in INIT {
        if skip {
            skip = false;
            continue;
        }
        if drop.contains(a) {
            skip = !a.starts_with("--no-");
            continue;
        }
        out.push(*a);
    }
    out
}

#[test]
fn a_full_interactive_init_lists_programs_reads_what_people_type_and_writes_the_profile() {
    let env = Env::new();
    let mut p = spawn(&env, 80, &["init"]);
    // The programs, one line each, with a number to pick.
    let list = expect(
        &mut p,
        "Program: its number, its id, or a program file (.toml) [mid-back-strain]:",
    );
    assert!(list.contains("1. mid-back-strain"), "{list}");
    assert!(
        list.contains("2. low-back-strain      Low-back strain: back to lifting"),
        "{list}"
    );
    assert!(list.contains("3. return-after-layoff"), "{list}");
    answer(&mut p, "2");
    expect(&mut p, "Date of the injury");
    answer(&mut p, "-6");
    expect(&mut p, "First day of the program [2026-11-24]:");
    answer(&mut p, "");
    expect(&mut p, "Pain at rest now");
    answer(&mut p, "2-3");
    expect(&mut p, "give one number: for 2-3, pick the worse, 3");
    answer(&mut p, "2.5");
    expect(
        &mut p,
        "give a whole number: for 2.5, 2 or 3 (when in doubt, the worse: 3)",
    );
    answer(&mut p, "3");
    // The intake screen: about symptoms since the injury; no 4-week review 6 days after it.
    let screen = expect(&mut p, "symptoms since the injury (y/n).");
    assert!(!screen.contains("NEW symptoms"), "{screen}");
    let mut questions = String::new();
    for _ in 0..16 {
        questions += &expect(&mut p, "[y/N]:");
        answer(&mut p, "n");
    }
    assert!(!questions.contains("4 weeks"), "{questions}");
    // The forms people type: days with spaces, 12-hour times, minutes with their unit.
    expect(
        &mut p,
        "Training days (mon,wed,fri,sat or mon-fri) [mon,wed,fri,sat]:",
    );
    answer(&mut p, "Mon THU sat");
    expect(&mut p, "Session start time (07:00, 7am) [07:00]:");
    answer(&mut p, "6:30pm");
    expect(
        &mut p,
        "Next-morning reminder to log your pain (08:00, 8am) [08:00]:",
    );
    answer(&mut p, "7:15am");
    // The machine's zone is offered; an abbreviation and a city get the IANA names.
    expect(
        &mut p,
        "Time zone (IANA name, e.g. America/New_York) [Europe/Paris]:",
    );
    answer(&mut p, "EST");
    expect(&mut p, "did you mean America/New_York or");
    answer(&mut p, "new york");
    expect(&mut p, "did you mean America/New_York?");
    answer(&mut p, "America/New_York");
    let units = expect(&mut p, "Units for weights [lb]:");
    assert!(units.contains("2. kg  kilograms"), "{units}");
    answer(&mut p, "lb");
    expect(&mut p, "Session length (45, 60 min, 1h) [45]:");
    answer(&mut p, "60 min");
    expect(&mut p, "Pre-injury squat in lb");
    answer(&mut p, "100kg");
    expect(&mut p, "squat: 220.5 lb");
    expect(&mut p, "Pre-injury deadlift in lb");
    answer(&mut p, "5x225");
    expect(&mut p, "deadlift: 225 lb x 5, an estimated 1RM of 262 lb");
    expect(&mut p, "Any other pre-injury lift");
    answer(&mut p, "bench 185 lb");
    expect(&mut p, "bench: 185 lb");
    expect(&mut p, "Any other pre-injury lift");
    answer(&mut p, "");
    // Never required: asked only in an init given no flags, and Enter skips.
    expect(
        &mut p,
        "Your name, for the report and the history CSV (optional: Enter skips):",
    );
    answer(&mut p, "  Alex Kim ");
    expect(&mut p, "Your physical therapist or clinician");
    answer(&mut p, "");
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    assert!(
        rest.contains("program low-back-strain, start 2026-11-24"),
        "{rest}"
    );
    // The recap: what was set, a line each.
    for line in [
        "  Sessions:  Mon, Thu, Sat at 18:30, 60 min each\r\n",
        "  Time zone: America/New_York\r\n",
        "  Lifts:     squat: 220.5 lb; deadlift: 225 lb x 5, an estimated 1RM of 262 lb; bench: 185 lb\r\n",
        "  Reminder:  07:15 the morning after each session, to log your pain\r\n",
    ] {
        assert!(rest.contains(line), "{line}\n{rest}");
    }
    let profile = env.read("profile.toml");
    for line in [
        "program = \"low-back-strain\"",
        "injury_date = 2026-11-18",
        "rest_pain = 3",
        "days = [\"mon\", \"thu\", \"sat\"]",
        "time = \"18:30\"",
        "morning_reminder = \"07:15\"",
        "timezone = \"America/New_York\"",
        "session_minutes = 60",
        "name = \"squat\"\nweight = 220.5\nreps = 1",
        "name = \"deadlift\"\nweight = 225\nreps = 5",
        "name = \"bench\"\nweight = 185\nreps = 1",
        "name = \"Alex Kim\"",
    ] {
        assert!(profile.contains(line), "{line}:\n{profile}");
    }
    assert!(!profile.contains("clinician"), "{profile}");
}

#[test]
fn rest_pain_given_as_a_range_or_a_fraction_is_asked_again_for_one_number() {
    let env = Env::new();
    let mut p = spawn(&env, 80, &init_without(&["--rest-pain"]));
    expect(
        &mut p,
        "Pain at rest now, 0 (none) to 10 (worst imaginable):",
    );
    answer(&mut p, "2-3");
    expect(&mut p, "give one number: for 2-3, pick the worse, 3");
    expect(&mut p, "Pain at rest now");
    answer(&mut p, "4 to 2");
    expect(&mut p, "give one number: for 4 to 2, pick the worse, 4");
    answer(&mut p, "2.5");
    expect(&mut p, "give a whole number: for 2.5, 2 or 3");
    answer(&mut p, "eleven");
    expect(&mut p, "`eleven` is not a pain score");
    answer(&mut p, "3/10");
    expect(&mut p, "Session length (45, 60 min, 1h) [45]:");
    answer(&mut p, "");
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    assert!(env.read("profile.toml").contains("rest_pain = 3"));
}

#[test]
fn a_weight_with_units_is_read_and_converted_to_the_profiles_units() {
    let env = Env::new();
    let mut p = spawn(&env, 80, &init_without(&["--lift"]));
    expect(&mut p, "Session length (45, 60 min, 1h) [45]:");
    answer(&mut p, "");
    expect(
        &mut p,
        "Pre-injury squat in lb: your best weight (225) or a recent set, weight x",
    );
    expect(&mut p, "reps\r\n(225x5):");
    // The lift's own name before the weight, as people answer, is read too.
    answer(&mut p, "squat 235 lb");
    expect(&mut p, "squat: 235 lb");
    // mid-back-strain's Romanian deadlift scales from a deadlift when there is one.
    expect(&mut p, "Pre-injury deadlift in lb");
    answer(&mut p, "150 kg");
    expect(&mut p, "deadlift: 330.7 lb");
    expect(&mut p, "Any other pre-injury lift");
    answer(&mut p, "");
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    let profile = env.read("profile.toml");
    assert!(
        profile.contains("name = \"squat\"\nweight = 235\n"),
        "{profile}"
    );
    assert!(
        profile.contains("name = \"deadlift\"\nweight = 330.7\n"),
        "{profile}"
    );
}

#[test]
fn a_wrapped_question_is_drawn_once() {
    let env = Env::initialised();
    let mut p = spawn(
        &env,
        50,
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
            "--rpe",
            "4",
        ],
    );
    let asked = expect(&mut p, "[y/N]:");
    answer(&mut p, "n");
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    assert_eq!(asked.matches("Any new numbness").count(), 1, "{asked:?}");
    for line in asked.lines() {
        assert!(
            line.trim_end().chars().count() <= 50,
            "{line:?} in {asked:?}"
        );
    }
}

#[test]
fn a_yes_to_warning_signs_in_log_asks_which_one_from_a_numbered_list() {
    let env = Env::initialised();
    let mut p = spawn(
        &env,
        80,
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
            "--rpe",
            "4",
        ],
    );
    expect(&mut p, "Any new numbness");
    expect(&mut p, "[y/N]:");
    answer(&mut p, "y");
    let list = expect(&mut p, "0 if none after all:");
    assert!(
        list.contains(" 1. New numbness or tingling in the groin"),
        "{list}"
    );
    assert!(
        list.contains(" 9. Fever, chills or feeling generally unwell?"),
        "{list}"
    );
    // The screen is not run again question by question.
    assert!(!list.contains("[y/N]"), "{list}");
    answer(&mut p, "18");
    expect(&mut p, "`18`: give numbers from 1 to 17, or 0 for none");
    answer(&mut p, "9");
    let (rest, code) = finish(p);
    assert_eq!(code, 3, "{rest}");
    assert!(rest.contains("URGENT"), "{rest}");
    let log = env.read("log.csv");
    assert!(log.contains(",fever,"), "{log}");
}

#[test]
fn no_after_all_logs_the_session_without_a_sign() {
    let env = Env::initialised();
    let mut p = spawn(
        &env,
        80,
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
            "--rpe",
            "4",
        ],
    );
    expect(&mut p, "[y/N]:");
    answer(&mut p, "yes");
    expect(&mut p, "0 if none after all:");
    answer(&mut p, "0");
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Logged Tue 24 Nov 2026 (done)"), "{rest}");
}
