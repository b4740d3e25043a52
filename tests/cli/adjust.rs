//! `graded adjust` (issue 12 item 3): adjustments written into profile.toml without TOML,
//! listed, applied with a reason naming who made them, removed; every bad flag refused with
//! exit 2 and every bad `[[adjust]]` table with exit 1, the profile byte for byte unchanged.

use super::files;
use crate::harness::{Env, Output};

/// Runs `args` and asserts the exit code, a message, and an unchanged workspace.
#[track_caller]
fn refused(env: &Env, args: &[&str], code: i32) -> Output {
    let before = files(&env.dir());
    let out = env.run(args).code(code);
    assert!(!out.stderr.trim().is_empty(), "no message");
    assert_eq!(files(&env.dir()), before, "the workspace changed");
    out
}

/// The back squat's loads in the plan, by date.
fn squat_loads(env: &Env) -> Vec<(String, f64)> {
    let out = env.run(&["plan", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let mut loads = vec![];
    for s in v["sessions"].as_array().expect("sessions") {
        for e in s["exercises"].as_array().expect("exercises") {
            if e["id"] == "back-squat"
                && let Some(l) = e["load"].as_f64()
            {
                loads.push((s["date"].as_str().expect("date").to_string(), l));
            }
        }
    }
    loads
}

#[test]
fn adjust_adds_lists_and_removes_keeping_the_rest_of_the_profile_byte_for_byte() {
    let env = Env::initialised();
    let original = env.read("profile.toml");
    env.run(&[
        "adjust",
        "--lift",
        "squat",
        "--max-pct",
        "70",
        "--until",
        "2027-01-15",
        "--by",
        "Dr Lee, PT",
        "--reason",
        "slow down",
    ])
    .ok()
    .stdout_has("Added #1: Dr Lee, PT: squat at most 70% of its 1RM until 15 Jan 2027 (slow down) [adjust #1].");
    env.run(&["adjust", "--gate", "next-morning-max=2"])
        .ok()
        .stdout_has("Added #2: you: green only with next-morning pain at most 2/10 [adjust #2].");
    let written = env.read("profile.toml");
    assert!(written.starts_with(&original), "{written}");
    assert!(written.contains("\n[[adjust]]\nlift = \"squat\"\nmax_pct = 70\nuntil = 2027-01-15\nby = \"Dr Lee, PT\"\nreason = \"slow down\"\nmade = 2026-11-24\n"), "{written}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.dir().join("profile.toml"))
            .expect("profile")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    env.run(&["adjust"])
        .ok()
        .stdout_has("#1  squat at most 70% of its 1RM until 15 Jan 2027 (by Dr Lee, PT on 24 Nov 2026: slow down)")
        .stdout_has("#2  green only with next-morning pain at most 2/10 (by you on 24 Nov 2026)");
    env.run(&["adjust", "--list"])
        .ok()
        .stdout_has("#2  green only");
    env.run(&["status"])
        .ok()
        .stdout_has("Changes to the program (graded adjust):")
        .stdout_has("#1 squat at most 70%");
    let json = env.run(&["status", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(v["adjustments"][0]["change"]["kind"], "max-pct");
    assert_eq!(v["adjustments"][0]["change"]["by"], "Dr Lee, PT");
    assert_eq!(v["adjustments"][1]["in_force"], true);
    env.run(&["adjust", "--remove", "1"])
        .ok()
        .stdout_has("Removed #1: Dr Lee, PT: squat at most 70%");
    env.run(&["adjust"]).ok().stdout_has("#1  green only");
    env.run(&["adjust", "--remove", "1"]).ok();
    assert_eq!(env.read("profile.toml"), original);
    env.run(&["adjust"]).ok().stdout_has("No adjustments");
}

#[test]
fn a_max_pct_caps_the_squat_until_its_last_day_and_not_after() {
    let env = Env::initialised();
    let before = squat_loads(&env);
    env.cap_squat(&env.today, "60", &["--until", "2027-01-22"]);
    let after = squat_loads(&env);
    assert!(!after.is_empty());
    // 60% of 235 is 141, rounded down to 140.
    for (date, load) in &after {
        if date.as_str() <= "2027-01-22" {
            assert!(*load <= 140.0, "{date}: {load}");
        }
    }
    assert!(
        after
            .iter()
            .any(|(d, l)| d.as_str() > "2027-01-22" && *l > 140.0)
    );
    assert!(
        before
            .iter()
            .any(|(d, l)| d.as_str() <= "2027-01-22" && *l > 140.0),
        "the cap changes nothing: {before:?}"
    );
}

#[test]
fn a_swap_names_the_replacement_in_the_plan_with_the_replaced_dose_and_no_load() {
    let env = Env::initialised();
    env.run(&[
        "adjust",
        "--swap",
        "hip-hinge=bird-dog",
        "--by",
        "Dr Lee, PT",
    ])
    .ok();
    let out = env.run(&["plan", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let sessions = v["sessions"].as_array().expect("sessions");
    assert!(
        sessions
            .iter()
            .any(|s| s["adjusted"][0] == "Dr Lee, PT: bird-dog instead of hip-hinge [adjust #1]"),
        "{}",
        out.stdout
    );
    assert!(sessions.iter().all(|s| {
        s["exercises"]
            .as_array()
            .expect("exercises")
            .iter()
            .all(|e| e["id"] != "hip-hinge")
    }));
}

#[test]
fn a_session_judged_under_a_stricter_gate_names_the_adjustment_in_history() {
    let env = Env::initialised();
    env.run(&["adjust", "--gate", "green-max=2", "--by", "Dr Lee, PT"])
        .ok();
    env.log_session("2026-11-25", 3, 3, Some(1));
    env.run_at("2026-11-26", &["history", "--format", "csv"])
        .ok()
        .stdout_has("Dr Lee, PT: green only with pain during and after at most 2/10 [adjust #1]")
        .stdout_has("amber");
}

#[test]
fn bad_adjust_flags_are_refused_with_exit_2_and_the_profile_unchanged() {
    let env = Env::initialised();
    env.run(&["adjust", "--gate", "amber-max=4"]).ok();
    for (args, says) in [
        (
            &["adjust", "--lift", "curl", "--max-pct", "70"][..],
            "loads no lift `curl`",
        ),
        (
            &["adjust", "--lift", "deadlift", "--max-pct", "70"],
            "no pre-injury `deadlift`",
        ),
        (
            &["adjust", "--lift", "squat", "--max-pct", "101"],
            "at most 100",
        ),
        (&["adjust", "--lift", "squat", "--max-pct", "0"], "above 0"),
        (&["adjust", "--lift", "squat", "--max-pct", "-5"], "above 0"),
        (
            &["adjust", "--lift", "squat", "--max-pct", "NaN"],
            "above 0",
        ),
        (&["adjust", "--lift", "squat"], "--max-pct"),
        (
            &[
                "adjust",
                "--lift",
                "squat",
                "--max-pct",
                "70",
                "--until",
                "2026-11-23",
            ],
            "before today",
        ),
        (&["adjust", "--swap", "back-extension"], "FROM=TO"),
        (&["adjust", "--swap", "nope=bird-dog"], "no exercise `nope`"),
        (&["adjust", "--swap", "bird-dog=nope"], "no exercise `nope`"),
        (&["adjust", "--swap", "bird-dog=bird-dog"], "replace itself"),
        (
            &["adjust", "--swap", "bird-dog=back-squat"],
            "carries no load",
        ),
        (
            &["adjust", "--hold-stage", "nowhere", "--days", "7"],
            "no stage `nowhere`",
        ),
        (
            &["adjust", "--hold-stage", "strength", "--days", "0"],
            "1 to 365",
        ),
        (&["adjust", "--hold-stage", "strength"], "--days"),
        (
            &["adjust", "--gate", "pain-max=2"],
            "unknown gate `pain-max`",
        ),
        (&["adjust", "--gate", "green-max"], "NAME=VALUE"),
        (&["adjust", "--gate", "green-max=4"], "0-3"),
        (&["adjust", "--gate", "amber-max=6"], "0-5"),
        (&["adjust", "--gate", "morning-rise=3"], "1-2"),
        (&["adjust", "--gate", "morning-rise=0"], "1-2"),
        (&["adjust", "--gate", "next-morning-max=6"], "0-5"),
        (&["adjust", "--gate", "next-morning-max=x"], "0-5"),
        (
            &["adjust", "--gate", "green-max=2", "--swap", "a=b"],
            "one adjustment at a time",
        ),
        (&["adjust", "--by", "Dr Lee"], "go with an adjustment"),
        (
            &["adjust", "--gate", "green-max=2", "--by", " "],
            "--by is empty",
        ),
        (
            &["adjust", "--gate", "green-max=2", "--reason", "a\nb"],
            "one line",
        ),
        (&["adjust", "--remove", "2"], "numbered 1 to 1"),
        (&["adjust", "--remove", "0"], "numbered 1 to 1"),
        (&["adjust", "--remove", "x"], "invalid"),
        (
            &["adjust", "--remove", "1", "--by", "Dr Lee"],
            "cannot be used with",
        ),
        (
            &["adjust", "--list", "--until", "2027-01-01"],
            "cannot be used with",
        ),
    ] {
        let out = refused(&env, args, 2);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
    }
    // Looser than the program's own gate (amber-max 5 is the program's; 4 is already in force,
    // and 5 is not looser than the program): taken. green-max 3 equals the program's: taken.
    env.run(&["adjust", "--gate", "green-max=3"]).ok();
    refused(&env, &["--example", "adjust", "--gate", "green-max=2"], 1);
}

#[test]
fn a_bad_adjust_table_in_the_profile_is_refused_with_its_line_and_field() {
    let env = Env::initialised();
    let base = env.read("profile.toml");
    for (table, says) in [
        (
            "lift = \"curl\"\nmax_pct = 70\nmade = 2026-11-24\n",
            "adjust[0].lift: program `mid-back-strain` loads no lift `curl`",
        ),
        (
            "lift = \"squat\"\nmax_pct = 150\nmade = 2026-11-24\n",
            "adjust[0].max_pct: 150% is not a percentage",
        ),
        (
            "gate = \"green-max\"\nvalue = 5\nmade = 2026-11-24\n",
            "adjust[0].value: green-max = 5 is outside 0-3",
        ),
        (
            "gate = \"loose\"\nvalue = 1\nmade = 2026-11-24\n",
            "adjust[0].gate: unknown gate `loose`",
        ),
        (
            "hold_stage = \"strength\"\nmade = 2026-11-24\n",
            "adjust[0].until",
        ),
        (
            "replace = \"bird-dog\"\nwith = \"nope\"\nmade = 2026-11-24\n",
            "adjust[0].with",
        ),
        (
            "lift = \"squat\"\nmax_pct = 70\nuntil = 2026-11-01\nmade = 2026-11-24\n",
            "adjust[0].until: until 2026-11-01 is before",
        ),
        (
            "lift = \"squat\"\nmax_pct = 70\ngate = \"green-max\"\nvalue = 2\nmade = 2026-11-24\n",
            "adjust[0].kind",
        ),
    ] {
        let text = format!("{base}\n[[adjust]]\n{table}");
        env.write("profile.toml", &text);
        let line = base.lines().count() + 2;
        let out = refused(&env, &["adjust", "--gate", "green-max=2"], 1);
        assert!(out.stderr.contains(says), "{table}: {}", out.stderr);
        // The table's line, or the line of its field within it.
        let at = (line..line + 6).find(|l| out.stderr.contains(&format!("profile.toml:{l}:")));
        assert!(at.is_some(), "{table}: {}", out.stderr);
        refused(&env, &["status"], 1);
    }
}

#[test]
fn every_adjust_error_points_at_the_fields_own_line_and_column() {
    let env = Env::initialised();
    let base = env.read("profile.toml");
    // The table's header line; each case gives its field's line after it and its column.
    let header = base.lines().count() + 2;
    for (table, field, (below, column)) in [
        (
            "made = 2026-11-24\nmax_pct = 70\nlift = \"curl\"\n",
            "adjust[0].lift: program `mid-back-strain` loads no lift `curl`",
            (3, 8),
        ),
        (
            "lift = \"curl\"\nmax_pct = 70\nmade = 2026-11-24\n",
            "adjust[0].lift: program",
            (1, 8),
        ),
        (
            "made = 2026-11-24\nreplace = \"bird-dog\"\nwith = \"nope\"\n",
            "adjust[0].with: program `mid-back-strain` has no exercise `nope`",
            (3, 8),
        ),
        (
            "made = 2026-11-24\nuntil = 2027-01-01\nhold_stage = \"nope\"\n",
            "adjust[0].hold_stage: program `mid-back-strain` has no stage `nope`",
            (3, 14),
        ),
        (
            "made = 2026-11-24\nlift = \"squat\"\nmax_pct = 150\n",
            "adjust[0].max_pct: 150% is not a percentage",
            (3, 11),
        ),
    ] {
        env.write("profile.toml", &format!("{base}\n[[adjust]]\n{table}"));
        let out = refused(&env, &["status"], 1);
        let at = format!("profile.toml:{}:{column}: {field}", header + below);
        assert!(out.stderr.contains(&at), "{at}\n{}", out.stderr);
    }
}

#[test]
fn a_profile_with_adjustments_reads_back_as_written_and_the_splice_falls_back_to_a_rewrite() {
    use graded::load::profile::{parse, to_toml, with_adjust};
    use graded::model::{AdjustKind, Adjustment, GateName, Profile};
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let mut p = Profile::example();
    p.adjust = vec![
        Adjustment {
            kind: AdjustKind::MaxPct {
                lift: "squat".into(),
                pct: 72.5,
            },
            by: "Dr \"Lee\", PT 🩺".into(),
            reason: Some("=cmd|' /C calc'!A0".into()),
            made: day("2026-11-24"),
            until: Some(day("2027-01-15")),
        },
        Adjustment {
            kind: AdjustKind::Gate {
                gate: GateName::MorningRise,
                value: 1,
            },
            by: "you".into(),
            reason: None,
            made: day("2026-11-25"),
            until: None,
        },
    ];
    let text = to_toml(&p);
    assert_eq!(parse("profile.toml", &text).expect("reads"), p);
    let plain = Profile {
        adjust: vec![],
        ..p.clone()
    };
    // Spliced onto graded's own text: the head is kept byte for byte.
    assert_eq!(with_adjust(&to_toml(&plain), &plain, &p.adjust), text);
    assert_eq!(with_adjust(&text, &p, &[]), to_toml(&plain));
    // An [[adjust]] table followed by another table cannot be spliced: written anew, same data.
    let odd = format!(
        "{}\n[[lifts]]\nname = \"bench\"\nweight = 150\n",
        text.trim_end()
    );
    let mut with_bench = p.clone();
    with_bench.lifts.push(graded::model::Lift {
        name: "bench".into(),
        weight: 150.0,
        reps: 1,
    });
    assert_eq!(parse("profile.toml", &odd).expect("reads"), with_bench);
    let out = with_adjust(&odd, &with_bench, &p.adjust[..1]);
    let back = parse("profile.toml", &out).expect("reads");
    assert_eq!(back.adjust, p.adjust[..1]);
    assert_eq!(back.lifts, with_bench.lifts);
}

#[test]
fn the_report_lists_the_therapists_changes_under_its_header_as_text() {
    let env = Env::initialised();
    env.run(&["report", "-o", "-"])
        .ok()
        .stdout_has("<section id=\"pain\"");
    assert!(
        !env.run(&["report", "-o", "-"])
            .ok()
            .stdout
            .contains("changes</h2>")
    );
    env.run(&[
        "adjust",
        "--gate",
        "green-max=2",
        "--by",
        "<b>Dr Lee</b>, PT",
        "--reason",
        "=1+1",
    ])
    .ok();
    env.run_at("2027-03-01", &["report", "-o", "-"])
        .ok()
        .stdout_has("<section id=\"changes\"><h2>Your therapist's changes</h2>")
        .stdout_has("green only with pain during and after at most 2/10 (by &lt;b&gt;Dr Lee&lt;/b&gt;, PT on 24 Nov 2026: =1+1)");
}

/// The first planned date of stage `index` (1-based).
fn first_of_stage(env: &Env, index: u64) -> Option<String> {
    let out = env.run(&["plan", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    v["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .find(|s| s["stage"]["index"] == index)
        .map(|s| s["date"].as_str().expect("date").to_string())
}

#[test]
fn a_held_stage_moves_the_next_stage_past_its_day_in_the_plan() {
    let env = Env::initialised();
    let before = first_of_stage(&env, 4).expect("a load stage");
    assert!(before.as_str() < "2027-01-23", "{before}");
    env.run(&[
        "adjust",
        "--hold-stage",
        "strength",
        "--days",
        "60",
        "--by",
        "Dr Lee, PT",
    ])
    .ok()
    .stdout_has("stay in strength until at least 23 Jan 2027");
    let after = first_of_stage(&env, 4).expect("a load stage");
    assert!(after.as_str() > "2027-01-23", "{after}");
}

/// Issue 19: every reason names its rule and shows its sources; an adjustment's said
/// `(rule: adjustment )`, with no source. Log's whole answer, pinned.
#[test]
fn an_adjustments_reason_shows_its_source() {
    let env = Env::initialised();
    env.run(&["adjust", "--hold-stage", "walk-cycle", "--days", "30"])
        .ok();
    let out = env
        .run_at(
            "2026-11-25",
            &[
                "log",
                "--pain-during",
                "1",
                "--pain-after",
                "1",
                "--rpe",
                "4",
            ],
        )
        .ok();
    assert_eq!(
        out.stdout,
        "Logged Wed 25 Nov 2026 (done): outcome pending, decision hold.
  - Pending: pain 1/10 during and 1/10 after; the next-morning pain is not
    logged yet, so the dose holds until it is. (rule: next-morning check
    [PMM][24H])
  - you: stay in walk-cycle until at least 24 Dec 2026 [adjust #1] (rule:
    adjustment [SYNTH])
Now: stage 1 Walking and cycling, step 1 of 1.
Tomorrow morning: `graded log --next-morning N`. Back pain on waking, 0-10
(your back itself, not the muscle soreness that follows training).
General guidance, not a diagnosis: see a clinician if symptoms persist,
worsen, or nerve symptoms appear.
"
    );
}

/// Issue 19: the report's pain bands follow the gates the sessions were judged under. After
/// `adjust --gate green-max=1` a 2/2 session is amber, and the legend says green 0-1 (it drew
/// and labelled the program's "green 0-3").
#[test]
fn the_reports_bands_follow_an_adjusted_gate() {
    let env = Env::initialised();
    env.log_session("2026-11-25", 1, 1, Some(0));
    env.run_at("2026-11-26", &["adjust", "--gate", "green-max=1"])
        .ok();
    env.log_session("2026-11-27", 2, 2, Some(0));
    let history = env
        .run_at("2026-11-28", &["history", "--format", "csv"])
        .ok();
    assert!(
        history.stdout.contains("2026-11-27,session,")
            && history
                .stdout
                .lines()
                .any(|l| l.starts_with("2026-11-27,") && l.contains(",amber,")),
        "{}",
        history.stdout
    );
    let html = env.run_at("2026-11-28", &["report", "-o", "-"]).ok().stdout;
    let legend: Vec<&str> = html
        .match_indices("<li><span class=\"key band-")
        .map(|(i, _)| &html[i..i + html[i..].find("</li>").expect("closed") + 5])
        .collect();
    assert_eq!(
        legend,
        [
            "<li><span class=\"key band-g\">G</span>green 0-1: counts toward progress</li>",
            "<li><span class=\"key band-a\">A</span>amber 2-5: hold</li>",
            "<li><span class=\"key band-r\">R</span>red 6-10: step back</li>",
        ]
    );
}

#[test]
fn an_open_ended_cap_under_the_finish_ends_the_plan_two_weeks_into_the_repeat_and_says_why() {
    let env = Env::initialised();
    env.cap_squat(&env.today, "60", &["--by", "PT Kim"]);
    // 60% of the squat's 235 lb is 140 lb, and the finish needs an estimated 1RM back at 235:
    // the same session would repeat for ever. The plan ends two weeks into the repeat.
    let out = env.run(&["plan"]).ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[lines.len() - 11..],
        [
            "└────────────┴────────────┴──────────────────────┴─────────────────────────────┘",
            "",
            "From Mon 22 Feb 2027 the same session repeats and the program is never",
            "complete, so the plan goes two weeks on from there, with no finish date. The",
            "estimated squat 1RM (167 lb) is not yet back to the pre-injury 235 lb. The set",
            "repeats at this load. (rule: back to 100% [RPE][SYNTH]) It is held there by PT",
            "Kim: squat at most 60% of its 1RM [adjust #1]: the finish waits until that",
            "changes (graded adjust).",
            "",
            "General guidance, not a diagnosis: see a clinician if symptoms persist,",
            "worsen, or nerve symptoms appear.",
        ],
        "{}",
        out.stdout
    );
    let loads = squat_loads(&env);
    let (last, _) = loads.last().expect("squat sessions");
    assert!(last.as_str() < "2027-03-08", "{loads:?}");
    assert!(loads.iter().all(|(_, l)| *l <= 140.0), "{loads:?}");
    let json = env.run(&["plan", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(v["completion"], serde_json::Value::Null);
    // The same words end the Markdown plan.
    env.run(&["plan", "--format", "markdown"]).ok().stdout_has(
        "From Mon 22 Feb 2027 the same session repeats and the program is never complete",
    );
    // The same cap with an end: the repeat ends with it, and the plan goes on to the finish.
    env.run(&["adjust", "--remove", "1"]).ok();
    env.cap_squat(&env.today, "60", &["--until", "2027-06-01"]);
    let json = env.run(&["plan", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(v["completion"]["date"], "2027-06-28", "{}", v["completion"]);
    let plan = env.run(&["plan"]).ok();
    assert!(!plan.stdout.contains("repeats"), "{}", plan.stdout);
}

#[test]
fn a_stage_asking_twenty_greens_in_a_row_is_slow_not_stalled() {
    let env = Env::initialised();
    // The strength stage asks 20 green sessions in a row for each step: at 3 a week, some 44
    // days of the same session, past its 14 days and the 28 of a stall, and then it moves on.
    let program = std::fs::read_to_string(crate::harness::root().join("programs/mid-back-strain.toml"))
        .expect("program")
        .replace("id = \"mid-back-strain\"", "id = \"slow-greens\"")
        .replace(
            "min_days = 14            # minimum 14 days [SYNTH]\nsource = [\"MCGILL\"",
            "min_days = 14            # minimum 14 days [SYNTH]\ngates = { greens_to_step = 20 }\nsource = [\"MCGILL\"",
        );
    assert!(
        program.contains("greens_to_step = 20 }"),
        "the strength stage changed"
    );
    env.write("slow.toml", &program);
    let path = env.path("ws/slow.toml");
    let json = env
        .run(&[
            "--program",
            path.to_str().expect("utf-8"),
            "plan",
            "--format",
            "json",
        ])
        .ok();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(v["completion"]["date"], "2027-06-28", "{}", v["completion"]);
    let plan = env
        .run(&["--program", path.to_str().expect("utf-8"), "plan"])
        .ok();
    assert!(!plan.stdout.contains("repeats"), "{}", plan.stdout);
}

#[test]
fn a_cap_above_every_planned_load_changes_no_load() {
    let env = Env::initialised();
    let before = squat_loads(&env);
    // 99% of the squat is above every load of the plan: it holds nothing down.
    env.cap_squat(&env.today, "99", &[]);
    assert_eq!(squat_loads(&env), before);
}

#[test]
fn a_stall_names_only_the_changes_that_hold_it() {
    let markdown_end = |env: &Env| {
        let out = env.run(&["plan", "--format", "markdown"]).ok();
        let held = out
            .stdout
            .lines()
            .find(|l| l.starts_with("From "))
            .unwrap_or_else(|| panic!("no stall:\n{}", out.stdout))
            .to_string();
        held[held.find("(rule: back to 100%").expect("why")..].to_string()
    };
    // Three caps: only the strictest holds the squat down.
    let env = Env::initialised();
    env.cap_squat(&env.today, "99", &[]);
    env.cap_squat(&env.today, "60", &["--by", "PT Kim"]);
    env.run(&["adjust", "--lift", "squat", "--max-pct", "80"])
        .ok();
    assert_eq!(
        markdown_end(&env),
        "(rule: back to 100% [RPE][SYNTH]) It is held there by PT Kim: squat at most 60% of its \
         1RM [adjust #2]: the finish waits until that changes (graded adjust)."
    );
    // A swap that takes the squat out of the program holds the estimate at nothing.
    let env = Env::initialised();
    env.run(&["adjust", "--swap", "back-squat=bird-dog", "--by", "PT Kim"])
        .ok();
    assert_eq!(
        markdown_end(&env),
        "(rule: back to 100% [RPE][SYNTH]) It is held there by PT Kim: bird-dog instead of \
         back-squat [adjust #1]: the finish waits until that changes (graded adjust)."
    );
}
