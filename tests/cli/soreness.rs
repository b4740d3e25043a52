//! Issue 20: muscle soreness after training (DOMS) is recorded apart from the morning's back
//! pain, 0-10, in a column of its own at the end of log.csv, shown beside the morning pain, and
//! never gates [SYNTH].

use super::prompts::{answer, expect, finish, spawn};
use crate::harness::Env;

const HEADER: &str =
    "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note";

fn env_with_a_session() -> Env {
    let env = Env::initialised();
    env.run_at(
        "2026-11-25",
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
            "--rpe",
            "3",
        ],
    )
    .ok();
    env
}

#[test]
fn soreness_is_logged_with_the_next_morning_in_a_column_added_at_the_end() {
    let env = env_with_a_session();
    assert_eq!(
        env.read("log.csv"),
        format!("{HEADER}\n2026-11-25,session,done,1,1,,,3,,\n")
    );
    env.run_at(
        "2026-11-26",
        &["log", "--next-morning", "1", "--soreness", "4"],
    )
    .ok();
    assert_eq!(
        env.read("log.csv"),
        format!("{HEADER},correction,soreness\n2026-11-25,session,done,1,1,1,,3,,,,4\n")
    );
}

#[test]
fn a_log_with_corrections_gains_only_the_soreness_column() {
    let env = Env::initialised();
    env.write(
        "log.csv",
        &format!(
            "{HEADER},correction\n2026-11-25,session,done,1,1,,,3,,,\n2026-11-25,session,done,1,1,,,3,,,withdrawn 2026-11-25\n"
        ),
    );
    env.run_at(
        "2026-11-26",
        &["log", "--next-morning", "0", "--soreness", "2"],
    )
    .ok();
    assert_eq!(
        env.read("log.csv"),
        format!(
            "{HEADER},correction,soreness\n2026-11-25,session,done,1,1,0,,3,,,,2\n2026-11-25,session,done,1,1,,,3,,,withdrawn 2026-11-25,\n"
        )
    );
}

#[test]
fn soreness_goes_with_the_next_morning_score() {
    let env = Env::initialised();
    let out = env
        .run_at(
            "2026-11-25",
            &[
                "log",
                "--pain-during",
                "1",
                "--pain-after",
                "1",
                "--soreness",
                "3",
            ],
        )
        .code(2);
    assert!(
        out.stderr
            .contains("--soreness goes with --next-morning N (or with --amend, to correct it)"),
        "{}",
        out.stderr
    );
    assert_eq!(env.read("log.csv"), "");
}

#[test]
fn a_hand_edited_bad_soreness_is_named_with_its_file_line_and_field_and_the_log_is_kept() {
    let env = Env::initialised().today("2026-11-30");
    let text = format!(
        "{HEADER},correction,soreness\n2026-11-25,session,done,1,1,1,,3,,,,2\n2026-11-27,session,done,1,1,1,,3,,,,sore\n"
    );
    env.write("log.csv", &text);
    for args in [
        &["status"][..],
        &["history"],
        &["log", "--next-morning", "1"],
    ] {
        let out = env.run(args).code(1);
        assert!(
            out.stderr
                .contains("log.csv:3: soreness: `sore` is not a pain score"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("0-10"), "{}", out.stderr);
    }
    assert_eq!(env.read("log.csv"), text);
}

#[test]
fn soreness_shows_beside_the_morning_pain_in_history_table_csv_and_json() {
    let env = env_with_a_session();
    env.run_at(
        "2026-11-26",
        &["log", "--next-morning", "1", "--soreness", "6"],
    )
    .ok();
    let table = env.run_at("2026-11-26", &["history"]).ok().stdout;
    let row: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.contains("Wed 25 Nov"))
        .take(2)
        .collect();
    assert!(row[0].contains("1/1/1"), "{table}");
    assert!(row[1].contains("sore 6"), "{table}");
    let csv = env
        .run_at("2026-11-26", &["history", "--format", "csv"])
        .ok()
        .stdout;
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().expect("header").split(',').collect();
    let at = head
        .iter()
        .position(|c| *c == "next_morning_pain_0_10")
        .expect("column");
    assert_eq!(head[at + 1], "soreness_0_10");
    let cells: Vec<&str> = lines.next().expect("row").split(',').collect();
    assert_eq!((cells[at], cells[at + 1]), ("1", "6"), "{csv}");
    let json = env
        .run_at("2026-11-26", &["history", "--format", "json"])
        .ok()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let s = &v["sessions"][0];
    assert_eq!(
        (s["next_morning"].as_u64(), s["soreness"].as_u64()),
        (Some(1), Some(6))
    );
}

#[test]
fn soreness_is_a_fhir_observation_of_its_own() {
    let env = env_with_a_session();
    env.run_at(
        "2026-11-26",
        &["log", "--next-morning", "1", "--soreness", "6"],
    )
    .ok();
    let out = env
        .run_at("2026-11-26", &["export", "--format", "fhir"])
        .ok()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let sore: Vec<&serde_json::Value> = v["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["code"]["coding"][0]["code"] == "soreness")
        .collect();
    assert_eq!(sore.len(), 1, "{out}");
    assert_eq!(sore[0]["resourceType"], "Observation");
    assert_eq!(sore[0]["valueQuantity"]["value"], 6);
}

/// The same sessions with and without a soreness of 9 read the same to every decision: the
/// status is word for word the same.
#[test]
fn a_soreness_of_9_changes_no_decision_end_to_end() {
    let plain = env_with_a_session();
    plain
        .run_at("2026-11-26", &["log", "--next-morning", "1"])
        .ok();
    let sore = env_with_a_session();
    sore.run_at(
        "2026-11-26",
        &["log", "--next-morning", "1", "--soreness", "9"],
    )
    .ok();
    for args in [&["status"][..], &["plan"]] {
        assert_eq!(
            plain.run_at("2026-11-27", args).ok().stdout,
            sore.run_at("2026-11-27", args).ok().stdout,
            "{args:?}"
        );
    }
}

/// On a terminal, `graded log` asks first for the morning still missing (the earlier
/// session's), with the soreness beside it, then the new session.
#[test]
fn a_terminal_log_asks_the_missing_morning_and_its_soreness_first() {
    let env = env_with_a_session().today("2026-11-27");
    let mut p = spawn(
        &env,
        100,
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
            "--rpe",
            "3",
        ],
    );
    expect(
        &mut p,
        "The morning after your session of Wed 25 Nov: Back pain on waking",
    );
    expect(&mut p, "(Enter to skip):");
    answer(&mut p, "1");
    expect(&mut p, "Muscle soreness after training that morning");
    expect(&mut p, "noted):");
    answer(&mut p, "5");
    expect(&mut p, "Any new numbness");
    answer(&mut p, "n");
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    assert!(
        rest.contains(
            "Recorded the morning after Wed 25 Nov 2026: back pain 1/10, muscle soreness 5/10."
        ),
        "{rest}"
    );
    assert!(rest.contains("Logged Fri 27 Nov 2026 (done)"), "{rest}");
    assert_eq!(
        env.read("log.csv"),
        format!(
            "{HEADER},correction,soreness\n2026-11-25,session,done,1,1,1,,3,,,,5\n2026-11-27,session,done,1,1,,,3,,,,\n"
        )
    );
}

#[test]
fn the_report_shows_soreness_under_the_morning_pain() {
    let env = env_with_a_session();
    env.run_at(
        "2026-11-26",
        &["log", "--next-morning", "1", "--soreness", "6"],
    )
    .ok();
    let file = env.path("report.html");
    env.run_at(
        "2026-11-26",
        &["report", "-o", file.to_str().expect("utf-8")],
    )
    .ok();
    let page = std::fs::read_to_string(&file).expect("written");
    assert!(page.contains("1 / 1 / 1<br>sore 6</td>"), "{page}");
}
