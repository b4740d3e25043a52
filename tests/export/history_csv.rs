//! The history CSV a physical therapist opens: self-describing columns, the person's context on
//! every row, no repeating notice, hostile notes kept as text.

use crate::harness::{Env, INIT};

fn table(csv: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = rdr
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = rdr.records().map(|r| r.expect("row")).collect();
    (header, rows)
}

#[test]
fn history_csv_names_its_scales_and_carries_the_persons_context_on_every_row() {
    let env = Env::new();
    let mut init = INIT.to_vec();
    init.extend([
        "--lift",
        "deadlift=205x5",
        "--name",
        "Alex \"AJ\" Kim",
        "--clinician",
        "Dr Lee, PT",
    ]);
    env.run(&init).ok();
    let hostile = "=HYPERLINK(\"http://x\"), \"quoted\"; emoji \u{1f4aa}\nsecond line";
    env.run_at(
        "2026-11-25",
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "2",
            "--rpe",
            "5",
            "--note",
            hostile,
        ],
    )
    .ok();
    env.run_at("2026-11-26", &["log", "--next-morning", "1"])
        .ok();
    let out = env
        .run_at("2026-11-26", &["history", "--format", "csv"])
        .ok();
    assert!(!out.stdout.contains("General guidance"), "{}", out.stdout);
    let (header, rows) = table(&out.stdout);
    assert_eq!(header, graded::export::history::HISTORY_COLUMNS);
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(&r[col("pain_during_0_10")], "1");
    assert_eq!(&r[col("pain_after_0_10")], "2");
    assert_eq!(&r[col("next_morning_pain_0_10")], "1");
    assert_eq!(&r[col("usual_morning_pain_0_10")], "2");
    assert_eq!(&r[col("rpe_0_10")], "5");
    assert_eq!(&r[col("outcome")], "green");
    assert_eq!(&r[col("name")], "Alex \"AJ\" Kim");
    assert_eq!(&r[col("clinician")], "Dr Lee, PT");
    assert_eq!(&r[col("injury_date")], "2026-11-18");
    assert_eq!(&r[col("intake_rest_pain_0_10")], "2");
    assert_eq!(
        &r[col("pre_injury_lifts")],
        "squat 1RM 235 lb; deadlift 205 lb x 5 (est. 1RM 239 lb)"
    );
    // The formula prefix is neutralised with a leading apostrophe; the rest is kept exactly.
    assert_eq!(&r[col("note")], format!("'{hostile}"));
}

#[test]
fn a_name_with_a_line_break_is_refused_with_the_profile_field() {
    let env = Env::initialised();
    let p = env.dir().join("profile.toml");
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, format!("clinician = \"Dr Lee\\nPT\"\n{text}")).expect("write");
    let out = env.run(&["status"]).code(1);
    assert!(
        out.stderr.contains("clinician") && out.stderr.contains("profile.toml"),
        "{}",
        out.stderr
    );
    let out = Env::new()
        .run(&[INIT, &["--name", "a\u{7}b"]].concat())
        .code(2);
    assert!(out.stderr.contains("--name"), "{}", out.stderr);
}

#[test]
fn the_notice_goes_to_the_person_running_the_csv_export_not_into_the_table() {
    let env = Env::new();
    env.run(INIT).ok();
    env.run_at(
        "2026-11-25",
        &["log", "--pain-during", "1", "--pain-after", "2"],
    )
    .ok();
    let out = env
        .run_at("2026-11-26", &["history", "--format", "csv"])
        .ok();
    let (stdout, stderr) = (out.stdout, out.stderr);
    assert!(
        stderr.contains("General guidance, not a diagnosis"),
        "{stderr}"
    );
    assert!(!stdout.contains("not a diagnosis"), "{stdout}");
    let (_, rows) = table(&stdout);
    assert_eq!(rows.len(), 1);
}
