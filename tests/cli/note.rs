//! `graded note`: a therapist's note in the log, with its date and author; shown in history,
//! status and the report; never judged.

use crate::harness::{Env, INIT};

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).expect("json")
}

fn log_text(env: &Env) -> String {
    std::fs::read_to_string(env.dir().join("log.csv")).unwrap_or_default()
}

#[test]
fn a_note_is_recorded_with_its_author_and_date_and_changes_nothing() {
    let env = Env::initialised().today("2026-11-27");
    env.log_session("2026-11-25", 1, 2, Some(1));
    let before = env.run(&["plan", "--format", "json"]).ok().stdout;
    let status_before = json(&env.run(&["status", "--format", "json"]).ok().stdout);
    let hostile = "=HYPERLINK(\"http://x\"), \"quoted\"; emoji \u{1f4aa}\nsecond line";
    env.run(&[
        "note",
        "--clinician",
        "Dr Lee, PT",
        "--date",
        "2026-11-26",
        hostile,
    ])
    .ok()
    .stdout_has("Noted for 2026-11-26, by Dr Lee, PT");
    assert!(
        log_text(&env).contains("2026-11-26,note,\"Dr Lee, PT\",,,,,,,"),
        "{}",
        log_text(&env)
    );
    // The plan and the judgement are the same bytes.
    assert_eq!(env.run(&["plan", "--format", "json"]).ok().stdout, before);
    let status = json(&env.run(&["status", "--format", "json"]).ok().stdout);
    assert_eq!(status["decision"], status_before["decision"]);
    assert_eq!(status["notes"][0]["by"], "Dr Lee, PT");
    assert_eq!(status["notes"][0]["text"], hostile);
    env.run(&["status"])
        .ok()
        .stdout_has("Note from Dr Lee, PT (Thu 26 Nov)");
    // History: the table, the CSV (kept as text) and the JSON.
    env.run(&["history"]).ok().stdout_has("Dr Lee, PT:");
    let csv = env.run(&["history", "--format", "csv"]).ok().stdout;
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rdr.headers().expect("h").iter().map(String::from).collect();
    let col = |n: &str| header.iter().position(|h| h == n).expect(n);
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    let note = rows
        .iter()
        .find(|r| &r[col("kind")] == "note")
        .expect("a note row");
    assert_eq!(&note[col("date")], "2026-11-26");
    assert_eq!(&note[col("note_by")], "Dr Lee, PT");
    assert_eq!(&note[col("note")], format!("'{hostile}"));
    assert_eq!(&note[col("outcome")], "");
    let h = json(&env.run(&["history", "--format", "json"]).ok().stdout);
    let notes: Vec<&serde_json::Value> = h["sessions"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["kind"] == "note")
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["note_by"], "Dr Lee, PT");
    assert!(notes[0]["outcome"].is_null());
    // The report.
    let page = env.path("r.html");
    env.run(&["report", "-o", page.to_str().expect("utf-8")])
        .ok();
    let page = std::fs::read_to_string(page).expect("page");
    assert!(
        page.contains("Notes from your therapist"),
        "no notes section"
    );
    assert!(page.contains("<strong>Dr Lee, PT</strong>: =HYPERLINK(&quot;http://x&quot;)"));
}

#[test]
fn a_note_without_an_author_uses_the_profiles_clinician_or_is_refused() {
    let env = Env::initialised();
    let log = log_text(&env);
    env.run(&["note", "Seen in clinic"])
        .code(2)
        .stderr_has("--clinician");
    env.run(&["note", "--clinician", "Dr Lee, PT", ""])
        .code(2)
        .stderr_has("empty");
    env.run(&[
        "note",
        "--clinician",
        "Dr Lee",
        "--date",
        "2026-12-30",
        "later",
    ])
    .code(2)
    .stderr_has("future");
    assert_eq!(log_text(&env), log, "the log is unchanged");

    let env = Env::new();
    env.run(&[INIT, &["--clinician", "Sam Roe, PT"]].concat())
        .ok();
    env.run(&["note", "Seen in clinic"])
        .ok()
        .stdout_has("by Sam Roe, PT");
}

#[test]
fn a_note_row_with_a_score_is_refused_with_its_line_and_column() {
    let env = Env::initialised();
    std::fs::write(
        env.dir().join("log.csv"),
        "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n\
         2026-11-24,note,\"Dr Lee, PT\",,,,,,fever,Seen\n",
    )
    .expect("write");
    env.run(&["status"])
        .code(1)
        .stderr_has("log.csv:2")
        .stderr_has("symptoms")
        .stderr_has("a note row carries no scores");
    std::fs::write(
        env.dir().join("log.csv"),
        "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n\
         2026-11-24,note,,,,,,,,Seen\n",
    )
    .expect("write");
    env.run(&["status"])
        .code(1)
        .stderr_has("a note needs its author");
}
