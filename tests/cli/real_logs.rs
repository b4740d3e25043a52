//! Issue 20: right on the logs people really write. Each finding end to end through the real
//! binary: a forgotten morning, a whole-session effort score, a baseline with a decimal.

use crate::harness::Env;

fn log(env: &Env, day: &str, args: &[&str]) -> String {
    let mut all = vec!["log"];
    all.extend_from_slice(args);
    env.run_at(day, &all).ok().stdout
}

/// Wednesday green with its morning, Friday's morning forgotten, Saturday green with its
/// morning. Friday does not count, but it does not undo Wednesday's green either (the dose held
/// "1 of 2 green sessions in a row"), status names it, and `--date fri` (the session's day, as
/// people say it) gives it its morning.
#[test]
fn a_forgotten_morning_is_named_does_not_stall_and_can_be_given_by_the_sessions_day() {
    let env = Env::initialised();
    log(
        &env,
        "2026-11-25",
        &["--pain-during", "1", "--pain-after", "1", "--rpe", "3"],
    );
    log(&env, "2026-11-26", &["--next-morning", "1"]);
    log(
        &env,
        "2026-11-27",
        &["--pain-during", "1", "--pain-after", "1", "--rpe", "3"],
    );
    log(
        &env,
        "2026-11-28",
        &["--pain-during", "1", "--pain-after", "1", "--rpe", "3"],
    );
    let sat = log(&env, "2026-11-29", &["--next-morning", "1"]);
    assert!(
        sat.starts_with("Logged Sat 28 Nov 2026 (done): outcome green, decision advance."),
        "{sat}"
    );
    let status = env.run_at("2026-11-29", &["status"]).ok().stdout;
    let waiting: Vec<&str> = status
        .lines()
        .skip_while(|l| !l.starts_with("Waiting for:"))
        .take(2)
        .collect();
    assert_eq!(
        waiting,
        [
            "Waiting for: no morning score for Fri 27 Nov: the session counts once it is",
            "logged (`graded log --next-morning N --date 2026-11-27`)",
        ],
        "{status}"
    );
    let fri = log(
        &env,
        "2026-11-29",
        &["--next-morning", "1", "--date", "fri"],
    );
    assert!(
        fri.starts_with("Logged Fri 27 Nov 2026 (done): outcome green,"),
        "{fri}"
    );
    let status = env.run_at("2026-11-29", &["status"]).ok().stdout;
    assert!(!status.contains("Waiting for"), "{status}");
    // A week on, a morning never logged is no longer asked for.
    log(
        &env,
        "2026-11-30",
        &["--pain-during", "1", "--pain-after", "1", "--rpe", "3"],
    );
    log(
        &env,
        "2026-12-02",
        &["--pain-during", "1", "--pain-after", "1", "--rpe", "3"],
    );
    let later = env.run_at("2026-12-09", &["status"]).ok().stdout;
    assert!(!later.contains("Mon 30 Nov"), "{later}");
}

/// `graded log --rpe 8` on a squat capped at RPE 7 cut every lift ("next time 145 lb"). A
/// whole-session score now only keeps the session from counting; the squat's own RPE decides
/// its load.
#[test]
fn a_whole_session_effort_score_never_cuts_a_lift() {
    let env = Env::initialised();
    // Straight to load tolerance: a log of green weeks, written by hand.
    env.write_green_weeks("2027-01-05");
    let week = env
        .run_at("2027-01-05", &["status", "--format", "json"])
        .ok()
        .stdout;
    let v = crate::cli::json(&week);
    let squat = |v: &serde_json::Value| {
        v["next_session"]["exercises"]
            .as_array()
            .expect("exercises")
            .iter()
            .find(|e| e["lift"] == "squat")
            .map(|e| e["load"].clone())
    };
    let before = squat(&v).expect("a squat in the next session");
    let out = log(
        &env,
        "2027-01-06",
        &["--pain-during", "1", "--pain-after", "1", "--rpe", "8"],
    );
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("(rule: session effort [BBM][RPE])"), "{out}");
    assert!(!out.contains("next time"), "{out}");
    let after = crate::cli::json(
        &env.run_at("2027-01-06", &["status", "--format", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(
        squat(&after).expect("squat"),
        before,
        "a session RPE cut the squat"
    );
}

/// `no-improvement` ("no clear improvement after 4 weeks") was accepted 6 days after the
/// injury; `inflammatory` (longer-standing back pain) stays an S flag at intake.
#[test]
fn no_improvement_cannot_be_answered_before_4_weeks() {
    let env = Env::new();
    let mut init: Vec<&str> = crate::harness::INIT
        .iter()
        .copied()
        .filter(|a| *a != "--no-red-flags")
        .collect();
    init.extend(["--red-flag", "no-improvement"]);
    let out = env.run(&init).code(2);
    assert_eq!(
        out.stderr,
        "error: --red-flag no-improvement: it is 6 days since the injury; \"no clear \
         improvement after 4 weeks\" can only be answered from 28 days on (if things are \
         getting worse, see a clinician)\n"
    );
    assert!(!env.dir().join("profile.toml").exists());
    let last = init.len() - 1;
    init[last] = "inflammatory";
    env.run(&init).ok();
    // The weekly screen, a symptom logged and a clearance refuse it too (the injury was on
    // 2026-11-18), with nothing written; from 4 weeks on it is taken.
    let refused = |flag: &str, days: u32| {
        format!(
            "error: {flag} no-improvement: it is {days} days since the injury; \"no clear \
             improvement after 4 weeks\" can only be answered from 28 days on (if things are \
             getting worse, see a clinician)\n"
        )
    };
    let out = env
        .run_at("2026-11-25", &["screen", "--red-flag", "no-improvement"])
        .code(2);
    assert_eq!(out.stderr, refused("--red-flag", 7));
    let out = env
        .run_at("2026-11-25", &["log", "--symptom", "no-improvement"])
        .code(2);
    assert_eq!(out.stderr, refused("--symptom", 7));
    assert!(!env.dir().join("log.csv").exists());
    env.run_at("2026-11-25", &["screen", "--red-flag", "fever"])
        .code(3);
    let out = env
        .run_at(
            "2026-11-26",
            &[
                "resume",
                "--cleared-by",
                "Dr Lee, GP",
                "--red-flag",
                "no-improvement",
            ],
        )
        .code(2);
    assert_eq!(out.stderr, refused("--red-flag", 8));
    env.run_at("2026-12-16", &["screen", "--red-flag", "no-improvement"])
        .code(3)
        .stdout_has("Recorded no clear improvement after 4 weeks on 2026-12-16.");
}

/// The back squat's planned and done loads, by date, as the plan CSV gives them.
fn squat_loads(env: &Env, today: &str) -> Vec<(String, f64)> {
    let csv = env
        .run_at(today, &["plan", "--all", "--format", "csv"])
        .ok()
        .stdout;
    csv.lines()
        .filter(|l| l.contains(",Back squat,"))
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[0].to_string(), cells[14].parse().expect("a load"))
        })
        .collect()
}

/// Unsafe before: removing a therapist's squat cap jumped the next squat 115 -> 145 lb (+26%)
/// and rewrote the record (sessions done under the cap showed the uncapped load). Removing it
/// now ends it: the record keeps the dose, and the load climbs back by at most 10% a week.
#[test]
fn removing_a_cap_ends_it_keeps_the_record_and_climbs_back_within_the_weekly_cap() {
    let env = Env::initialised();
    env.write_green_weeks("2027-01-12");
    env.run_at(
        "2026-12-28",
        &[
            "adjust",
            "--lift",
            "squat",
            "--max-pct",
            "45",
            "--by",
            "Dr Lee, PT",
        ],
    )
    .ok();
    let capped = squat_loads(&env, "2027-01-12");
    let out = env.run_at("2027-01-12", &["adjust", "--remove", "1"]).ok();
    assert!(
        out.stdout
            .starts_with("Ended #1: Dr Lee, PT: squat at most 45% of its 1RM until 11 Jan 2027"),
        "{}",
        out.stdout
    );
    let after = squat_loads(&env, "2027-01-12");
    // The record: every session done under the cap keeps its load.
    let done = |v: &[(String, f64)]| -> Vec<(String, f64)> {
        v.iter()
            .filter(|(d, _)| d.as_str() <= "2027-01-11")
            .cloned()
            .collect()
    };
    assert_eq!(done(&after), done(&capped));
    // Ahead: no rise of more than 10% within any 7 days.
    let ahead: Vec<(chrono::NaiveDate, f64)> = after
        .iter()
        .map(|(d, l)| {
            (
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date"),
                *l,
            )
        })
        .filter(|(d, _)| d.to_string().as_str() >= "2027-01-11")
        .collect();
    for (i, (d, load)) in ahead.iter().enumerate() {
        for (e, earlier) in &ahead[..i] {
            if (*d - *e).num_days() <= 7 {
                assert!(
                    *load <= earlier * 1.10 + 1e-9,
                    "{e} {earlier} -> {d} {load}: {ahead:?}"
                );
            }
        }
    }
}

/// Unsafe before: `adjust --swap walk-or-cycle=goblet-squat` was accepted and week 1 became a
/// goblet squat. A swap only ever makes the plan more cautious: the replacement is of the
/// same stage or an earlier one, and carries no load.
#[test]
fn a_swap_to_a_harder_exercise_is_refused() {
    let env = Env::initialised();
    let out = env
        .run(&["adjust", "--swap", "walk-or-cycle=goblet-squat"])
        .code(2);
    assert!(out.stderr.contains("--swap:"), "{}", out.stderr);
    assert!(out.stderr.contains("goblet-squat"), "{}", out.stderr);
    assert!(!env.read("profile.toml").contains("[[adjust]]"));
}

/// v3: where the session holds barbell lifts, `graded log` on a terminal asks each lift's own
/// RPE (it asked the session's only, so hard sessions rated honestly cut every lift). Enter
/// skips one.
#[test]
fn on_a_terminal_log_asks_each_barbell_lifts_rpe() {
    use crate::cli::prompts::{answer, expect, finish, spawn};
    let env = Env::initialised().today("2027-01-06");
    env.write_green_weeks("2027-01-05");
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
            "5",
        ],
    );
    let asked = expect(&mut p, "the RPE of your top set, 0-10 (Enter to skip)");
    assert!(asked.contains("Back squat at "), "{asked}");
    answer(&mut p, "eight");
    expect(&mut p, "`eight`");
    answer(&mut p, "6.5");
    expect(&mut p, "[y/N]:");
    answer(&mut p, "n");
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    let log = env.read("log.csv");
    assert!(
        log.contains("2027-01-06,session,done,1,1,,,5;squat=6.5,,"),
        "{log}"
    );
}

/// v3: when a row moves the projected finish, log says from when to when, and why (a red cost
/// weeks and nothing said so).
#[test]
fn log_says_when_the_projected_finish_moves_and_why() {
    let (env, out) = red_after_green_weeks();
    let said: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("The session of"))
        .take(4)
        .collect();
    // The very sentence `graded status` says.
    assert_eq!(
        said,
        [
            "The session of Wed 13 Jan moved the projected finish from Mon 15 Feb 2027 to",
            "Mon 01 Mar 2027 (14 days later): its decision was regress. A red session",
            "regresses one dose step: back to step 3 of Load tolerance. (rule: regress on",
            "red [SYNTH])",
        ],
        "{out}"
    );
    // A green that keeps to the plan moves nothing, and says nothing of it: neither when it is
    // logged nor when its morning comes in (a new-user trial was told the finish came 7 days
    // sooner: the finish projected while the session waited for its morning, taken as a move).
    let out = log(
        &env,
        "2027-01-15",
        &["--pain-during", "1", "--pain-after", "1", "--rpe", "4"],
    );
    assert!(!out.contains("projected finish"), "{out}");
    let out = env
        .run_at("2027-01-16", &["log", "--next-morning", "0"])
        .ok()
        .stdout;
    assert!(out.contains("outcome green"), "{out}");
    assert!(!out.contains("projected finish"), "{out}");
}

/// Green weeks to 12 Jan, then a red on Wed 13 Jan (7/10 during and after, in load tolerance):
/// the workspace and what `log` said.
fn red_after_green_weeks() -> (Env, String) {
    let env = Env::initialised();
    env.write_green_weeks("2027-01-12");
    let said = log(
        &env,
        "2027-01-13",
        &["--pain-during", "7", "--pain-after", "7", "--rpe", "5"],
    );
    (env, said)
}

/// A green on Fri 15 Jan that keeps to the plan, and its morning score the day after.
fn green_keeping_to_the_plan(env: &Env) {
    log(
        env,
        "2027-01-15",
        &["--pain-during", "1", "--pain-after", "1", "--rpe", "4"],
    );
    env.run_at("2027-01-16", &["log", "--next-morning", "0"])
        .ok();
}

/// v3: status says it too, from the engine's course: which session moved the projected finish,
/// from when to when, and why; a later green that keeps to the plan leaves nothing to say.
#[test]
fn status_says_when_the_latest_session_moved_the_projected_finish_and_why() {
    let env = red_after_green_weeks().0;
    let status = env.run_at("2027-01-14", &["status"]).ok().stdout;
    let said: Vec<&str> = status
        .lines()
        .skip_while(|l| !l.starts_with("The session of"))
        .take(4)
        .collect();
    assert_eq!(
        said,
        [
            "The session of Wed 13 Jan moved the projected finish from Mon 15 Feb 2027 to",
            "Mon 01 Mar 2027 (14 days later): its decision was regress. A red session",
            "regresses one dose step: back to step 3 of Load tolerance. (rule: regress on",
            "red [SYNTH])",
        ],
        "{status}"
    );
    green_keeping_to_the_plan(&env);
    let status = env.run_at("2027-01-16", &["status"]).ok().stdout;
    assert!(!status.contains("moved the projected finish"), "{status}");
}

/// After a stop and a clinician's clearance, status no longer says the stopping session moved
/// the finish to no date: the clearance has the last word, and the plan's finish stands. It
/// once said "to no date yet" beside a plan with a date.
#[test]
fn a_clearance_after_a_stop_supersedes_the_stopping_sessions_move_of_the_finish() {
    let env = Env::initialised();
    env.log_session("2026-11-25", 6, 6, Some(3));
    let out = env.run_at(
        "2026-11-27",
        &["log", "--pain-during", "6", "--pain-after", "6"],
    );
    assert_eq!(out.code, 3, "two reds in 7 days stop: {}", out.stdout);
    let stopped = env.run_at("2026-11-28", &["status"]).stdout;
    assert!(
        stopped.contains("moved the projected finish from") && stopped.contains("no date yet"),
        "{stopped}"
    );
    env.run_at(
        "2026-11-30",
        &["resume", "--cleared-by", "Dr Lee, PT", "--no-red-flags"],
    )
    .ok();
    let status = env.run_at("2026-11-30", &["status"]).ok().stdout;
    assert!(!status.contains("moved the projected finish"), "{status}");
    let json: serde_json::Value = serde_json::from_str(
        &env.run_at("2026-11-30", &["status", "--format", "json"])
            .ok()
            .stdout,
    )
    .expect("json");
    assert_eq!(json["finish_moved"], serde_json::Value::Null, "{json}");
}

/// A red flag after a stop for two reds: the banner's "Why" names the flags with the day they
/// were recorded (the banner's date is the stop's), wrapped inside the 72-column banner. It
/// once gave the flags under the earlier day, on one line running past the banner.
#[test]
fn a_red_flag_after_a_stop_is_dated_and_wrapped_in_the_stop_banner() {
    let env = Env::initialised();
    env.log_session("2026-11-25", 6, 6, Some(3));
    env.run_at(
        "2026-11-27",
        &["log", "--pain-during", "6", "--pain-after", "6"],
    );
    let out = env.run_at(
        "2026-11-28",
        &[
            "log",
            "--pain-during",
            "2",
            "--pain-after",
            "2",
            "--symptom",
            "one-limb-nerve",
        ],
    );
    assert_eq!(out.code, 3, "{}", out.stdout);
    let status = env.run_at("2026-11-28", &["status"]).stdout;
    let banner: Vec<&str> = status
        .lines()
        .skip_while(|l| !l.contains("THE PROGRAM IS STOPPED"))
        .take_while(|l| !l.starts_with("===="))
        .collect();
    assert_eq!(
        banner[0], "  THE PROGRAM IS STOPPED (Fri 27 Nov 2026)",
        "{status}"
    );
    let why: Vec<&str> = banner
        .iter()
        .copied()
        .skip_while(|l| !l.starts_with("  Why: "))
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(why.len() > 1, "{status}");
    assert!(why.iter().all(|l| l.chars().count() <= 72), "{why:#?}");
    assert!(why.join(" ").ends_with("(Sat 28 Nov 2026)"), "{why:#?}");
}

/// A plan that reaches a pause says so where it ends, instead of ending with no word: the
/// footer of `graded plan` with nothing logged for 26 days (the 4-week review ahead).
#[test]
fn a_plan_that_reaches_a_pause_says_where_and_why_it_ends() {
    let env = Env::initialised();
    let plan = env.run_at("2026-12-20", &["plan"]).ok().stdout;
    let footer: Vec<&str> = plan
        .lines()
        .skip_while(|l| !l.starts_with("On Wed 23 Dec 2026"))
        .collect();
    assert_eq!(
        footer,
        [
            "On Wed 23 Dec 2026 the plan reaches a pause until a clinician has seen you: it",
            "goes two weeks on from there at the same dose, with no finish date. At the",
            "4-week review, you are still in the first stage: not clearly better after 4",
            "weeks. See a clinician or physical therapist soon. (rule: review [NHS-4W])",
            "",
            "General guidance, not a diagnosis: see a clinician if symptoms persist,",
            "worsen, or nerve symptoms appear.",
        ],
        "{plan}"
    );
}

/// v3: the weekly screen on a terminal asks only what can newly appear, never the history
/// questions of the intake (a history of cancer, steroids or osteoporosis, a serious accident,
/// inflammatory back pain) [NG59][SYNTH].
#[test]
fn the_weekly_screen_asks_only_what_can_newly_appear() {
    let env = Env::initialised().today("2026-12-01");
    let asked = weekly_screen_on_a_terminal(&env);
    assert_eq!(asked.len(), graded::model::red_flag::weekly(13).count());
    let all = asked.join("\n").to_lowercase();
    for history in ["cancer", "steroids", "accident", "3 months"] {
        assert!(!all.contains(history), "{history}: {all}");
    }
}

/// v3 [NHS-4W]: the weekly screen asks the 4-week review ("no clear improvement") only once 4
/// weeks have passed since the injury, and then about the time since the injury, as the intake
/// does: 13 days after it the question cannot be answered yes.
#[test]
fn the_weekly_screen_asks_the_4_week_review_only_from_4_weeks_after_the_injury() {
    // The injury was on 2026-11-18.
    let early = weekly_screen_on_a_terminal(&Env::initialised().today("2026-12-01")).join("\n");
    assert!(!early.contains("4 weeks"), "{early}");
    let day_27 = weekly_screen_on_a_terminal(&Env::initialised().today("2026-12-15")).join("\n");
    assert!(!day_27.contains("4 weeks"), "{day_27}");
    let day_28 = weekly_screen_on_a_terminal(&Env::initialised().today("2026-12-16")).join("\n");
    assert!(
        day_28.contains("4 weeks or more since the injury without clear improvement?"),
        "{day_28}"
    );
}

/// Answers no to every question `graded screen` asks on a terminal; returns what was shown
/// before each answer.
fn weekly_screen_on_a_terminal(env: &Env) -> Vec<String> {
    use super::prompts::{answer, finish, spawn};
    let mut p = spawn(env, 100, &["screen"]);
    let mut asked = Vec::new();
    loop {
        match p.exp_regex(r"\[y/N\]:|no red flags|Next screen") {
            Ok((before, m)) if m.contains("y/N") => {
                asked.push(before);
                answer(&mut p, "n");
            }
            Ok(_) => break,
            Err(e) => panic!("{e}"),
        }
    }
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    asked
}

/// v3: `status --format json` holds the finish move status says, from the course (the JSON
/// does not decide it again): which session, from when to when, by how many days, its
/// decision and why; `null` once a later green keeps to the plan. The whole object, pinned.
#[test]
fn status_json_holds_the_move_of_the_projected_finish() {
    let env = red_after_green_weeks().0;
    let status: serde_json::Value = serde_json::from_str(
        &env.run_at("2027-01-14", &["status", "--format", "json"])
            .ok()
            .stdout,
    )
    .expect("json");
    let exercise = |id: &str, name: &str| {
        serde_json::json!({
            "duration_min": null, "estimate_1rm": false, "hold_s": null, "id": id, "lift": null,
            "load": null, "name": name, "pct_1rm": null, "reps": null, "rpe_cap": null,
            "sets": null,
        })
    };
    let with = |mut v: serde_json::Value, fields: serde_json::Value| {
        for (k, f) in fields.as_object().expect("object") {
            v[k] = f.clone();
        }
        v
    };
    let load_tolerance =
        serde_json::json!({"id": "load-tolerance", "index": 4, "name": "Load tolerance"});
    let expected = serde_json::json!({
        "adjustments": [],
        "advice": null,
        "awaiting": [],
        "baseline": 0.0,
        "completed": false,
        "completion": null,
        "decision": "regress",
        "estimated_1rm": {},
        "finish_moved": {
            "days": 14,
            "decision": "regress",
            "from": "2027-02-15",
            "session": "2027-01-13",
            "text": "The session of Wed 13 Jan moved the projected finish from Mon 15 Feb 2027 to Mon 01 Mar 2027 (14 days later): its decision was regress. A red session regresses one dose step: back to step 3 of Load tolerance. (rule: regress on red [SYNTH])",
            "to": "2027-03-01",
            "why": "A red session regresses one dose step: back to step 3 of Load tolerance. (rule: regress on red [SYNTH])",
        },
        "next_session": {
            "adjusted": [],
            "date": "2027-01-15",
            "exercises": [
                with(exercise("walk", "Walk (warm-up)"), serde_json::json!({"duration_min": 10, "rpe_cap": 4})),
                with(exercise("back-squat", "Back squat"), serde_json::json!({
                    "lift": "squat", "load": 135.0, "pct_1rm": 57.0, "reps": "5", "rpe_cap": 6, "sets": 3,
                })),
                with(exercise("big-3", "McGill big 3"), serde_json::json!({"hold_s": 10, "reps": "6-4-2"})),
                with(exercise("row", "Barbell or dumbbell row"), serde_json::json!({"reps": "10", "rpe_cap": 7, "sets": 3})),
            ],
            "stage": load_tolerance,
            "step": 3,
            "time": "07:00",
        },
        "notes": [],
        "notice": "General guidance, not a diagnosis: see a clinician if symptoms persist, worsen, or nerve symptoms appear.",
        "outcome": "red",
        "pause": null,
        "paused": false,
        "program": "mid-back-strain",
        "reasons": [
            "Red: pain 7/10 during and 7/10 after; 6/10 or more is too much. (rule: red session [TRAFFIC])",
            "A red session regresses one dose step: back to step 3 of Load tolerance. (rule: regress on red [SYNTH])",
            "Back squat comes down from 145 to 135 lb (-7%). (rule: load after a red [SYNTH])",
        ],
        "stage": load_tolerance,
        "step": 3,
        "steps": 6,
        "stop": null,
        "stopped": false,
        "today": "2027-01-14",
        "triage": null,
        "withdrawn_flags": [],
    });
    assert_eq!(status, expected);
    // A later green that keeps to the plan moves nothing.
    green_keeping_to_the_plan(&env);
    let status: serde_json::Value = serde_json::from_str(
        &env.run_at("2027-01-16", &["status", "--format", "json"])
            .ok()
            .stdout,
    )
    .expect("json");
    assert_eq!(status["finish_moved"], serde_json::Value::Null, "{status}");
}
