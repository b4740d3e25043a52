//! Issue 11: correcting the log. `log --amend` replaces an entry's fields and `log --undo`
//! withdraws an entry; nothing is erased (the log keeps what was replaced or withdrawn, marked,
//! and history shows it), the engine judges the corrected record, a red flag is taken back only
//! with a reason and stays visible in status and the report, and a correction that cannot be
//! made leaves the log byte for byte as it was.

use super::{NOTICE_END, files, json};
use crate::harness::Env;

/// The log's header once a correction has been made.
const WIDE_HEADER: &str = "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note,correction\n";

/// A workspace with a green session on Wed 25 Nov (morning 1) and a red one on Fri 27 Nov
/// (pain 7/7, morning 2), as logged on those days.
fn green_then_red() -> Env {
    let env = Env::initialised();
    env.log_session("2026-11-25", 1, 1, Some(1));
    env.log_session("2026-11-27", 7, 7, Some(2));
    env.today("2026-11-28")
}

/// The stage of the next planned session.
fn next_stage(env: &Env) -> u64 {
    let s = json(&env.run(&["status", "--format", "json"]).ok().stdout);
    s["next_session"]["stage"]["index"]
        .as_u64()
        .expect("a next session")
}

#[test]
fn amend_replaces_the_fields_given_keeps_the_entry_as_it_was_and_the_plan_moves() {
    let env = green_then_red();
    assert_eq!(next_stage(&env), 1, "the red session holds stage 1");
    env.run(&[
        "log",
        "--amend",
        "--date",
        "2026-11-27",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
        "--reason",
        "typed 7 for 1",
        "--yes",
    ])
    .ok()
    .stdout_has("pain_during   7 -> 1")
    .stdout_has("pain_after    7 -> 1")
    .stdout_has("marked `replaced 2026-11-28: typed 7 for")
    .stdout_has("Amended Fri 27 Nov 2026 (done): outcome green, decision advance.")
    .stdout_has("Now: stage 2 Mobility");
    // The old row is kept, struck out; the amended one follows it; the log gained the
    // correction column (an empty last field on every other row).
    assert_eq!(
        env.read("log.csv"),
        format!(
            "{WIDE_HEADER}2026-11-25,session,done,1,1,1,,4,,,\n\
             2026-11-27,session,done,7,7,2,,4,,,replaced 2026-11-28: typed 7 for 1\n\
             2026-11-27,session,done,1,1,2,,4,,,amended 2026-11-28\n"
        )
    );
    assert_eq!(next_stage(&env), 2, "the engine judges the amended session");
}

#[test]
fn amend_of_an_earlier_day_writes_the_corrected_entry_right_after_it_and_keeps_the_rest() {
    let env = green_then_red();
    let before = env.read("log.csv");
    env.run(&[
        "log",
        "--amend",
        "--date",
        "2026-11-25",
        "--note",
        "walked, not cycled",
        "--yes",
    ])
    .ok()
    .stdout_has("note          (empty) -> walked, not cycled");
    let friday = before.lines().nth(2).expect("Friday's row");
    assert_eq!(
        env.read("log.csv"),
        format!(
            "{WIDE_HEADER}2026-11-25,session,done,1,1,1,,4,,,replaced 2026-11-28\n\
             2026-11-25,session,done,1,1,1,,4,,\"walked, not cycled\",amended 2026-11-28\n\
             {friday},\n"
        )
    );
}

#[test]
fn amend_without_a_date_corrects_the_latest_session_and_its_next_morning() {
    let env = green_then_red();
    env.run(&["log", "--amend", "--next-morning", "0", "--yes"])
        .ok()
        .stdout_has("next_morning  2 -> 0")
        .stdout_has("Amended Fri 27 Nov 2026");
    let log = env.read("log.csv");
    assert!(
        log.ends_with("2026-11-27,session,done,7,7,0,,4,,,amended 2026-11-28\n"),
        "{log}"
    );
}

#[test]
fn undo_withdraws_the_latest_entry_keeps_it_and_the_plan_moves() {
    let env = green_then_red();
    env.run(&[
        "log",
        "--amend",
        "--date",
        "2026-11-27",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
        "--yes",
    ])
    .ok();
    assert_eq!(next_stage(&env), 2);
    env.run(&["log", "--undo", "--yes"])
        .ok()
        .stdout_has("Withdraw the session of Fri 27 Nov 2026")
        .stdout_has("correction    amended 2026-11-28 -> withdrawn 2026-11-28")
        .stdout_has("Withdrew the session of Fri 27 Nov 2026.")
        .stdout_has("Now: stage 1 Walking and cycling");
    assert!(
        env.read("log.csv")
            .ends_with("2026-11-27,session,done,1,1,2,,4,,,withdrawn 2026-11-28\n")
    );
    // Neither version of Friday's session counts: its slot is missed, stage 1 goes on.
    assert_eq!(next_stage(&env), 1);
    let plan = env.run(&["plan", "--format", "csv"]).ok().stdout;
    assert!(
        plan.lines()
            .filter(|l| l.starts_with("2026-11-27,"))
            .all(|l| l.contains(",missed,")),
        "{plan}"
    );
    // A withdrawn session does not block logging that day again (no --force needed).
    env.run(&[
        "log",
        "--date",
        "2026-11-27",
        "--pain-during",
        "2",
        "--pain-after",
        "2",
    ])
    .ok();
}

#[test]
fn history_shows_the_audit_trail_in_the_table_and_the_csv() {
    let env = green_then_red();
    env.run(&[
        "log",
        "--amend",
        "--date",
        "2026-11-27",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
        "--reason",
        "typo",
        "--yes",
    ])
    .ok();
    env.run(&["log", "--undo", "--date", "2026-11-25", "--yes"])
        .ok();
    let table = env.run(&["history"]).ok();
    // Table cells wrap: each needle is one cell line.
    for needle in [
        "replaced ",
        "not judged: replaced",
        "withdrawn ",
        "not judged: withdrawn",
        "on Sat 28 Nov 2026.",
        "after it: typo.",
        "amended 28 Nov",
    ] {
        assert!(table.stdout.contains(needle), "{needle}\n{}", table.stdout);
    }
    assert!(table.stdout.ends_with(NOTICE_END));
    let csv = env.run(&["history", "--format", "csv"]).ok().stdout;
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header = rdr.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    let cells: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                &r[col("date")],
                &r[col("pain_during_0_10")],
                &r[col("outcome")],
                &r[col("correction")],
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            // A struck row's numbers are in words (in `reasons`), not in the score columns.
            ("2026-11-25", "", "", "withdrawn 2026-11-28"),
            ("2026-11-27", "", "", "replaced 2026-11-28: typo"),
            ("2026-11-27", "1", "green", "amended 2026-11-28"),
        ]
    );
    assert_eq!(&rows[1][col("kind")], "replaced session");
    assert!(
        rows[1][col("reasons")].ends_with(
            "It read: session done; pain 7/10 during, 7/10 after, 2/10 the next morning; RPE 4."
        ),
        "{:?}",
        &rows[1]
    );
    let h = json(&env.run(&["history", "--format", "json"]).ok().stdout);
    assert_eq!(h["sessions"][0]["correction"]["kind"], "withdrawn");
    assert!(h["sessions"][0]["stage"].is_null());
    assert_eq!(h["sessions"][2]["correction"]["kind"], "amended");
    assert_eq!(h["sessions"][2]["outcome"], "green");
}

#[test]
fn a_red_flag_is_taken_back_only_with_a_reason_and_stays_visible_in_status_and_the_report() {
    let env = Env::initialised().today("2026-11-27");
    env.log_session("2026-11-25", 1, 1, Some(1));
    env.run(&["log", "--symptom", "fever"]).code(3);
    env.run(&["status"]).code(3);
    let before = files(&env.dir());
    env.run(&["log", "--undo", "--yes"])
        .code(2)
        .stderr_has("reports a red flag (fever, chills or feeling generally unwell): taking it back needs --reason");
    assert_eq!(
        files(&env.dir()),
        before,
        "nothing changed without a reason"
    );
    env.run(&[
        "log",
        "--undo",
        "--yes",
        "--reason",
        "answered yes by mistake",
    ])
    .ok()
    .stdout_has("Withdraw the red-flag screen of Fri 27 Nov 2026")
    .stdout_has("symptoms      fever")
    .stdout_has("Now: stage 1");
    let sentence = "A red-flag report of Fri 27 Nov 2026 (fever, chills or feeling generally\nunwell) was withdrawn on Fri 27 Nov 2026: answered yes by mistake.";
    env.run(&["status"]).ok().stdout_has(sentence);
    let s = json(&env.run(&["status", "--format", "json"]).ok().stdout);
    assert_eq!(s["stopped"], false);
    assert_eq!(s["withdrawn_flags"][0]["flags"][0], "fever");
    assert_eq!(s["withdrawn_flags"][0]["reason"], "answered yes by mistake");
    let report = env.path("report.html");
    env.run(&["report", "-o", report.to_str().expect("utf8")])
        .ok();
    let html = std::fs::read_to_string(&report).expect("report");
    assert!(
        html.contains("Red-flag report withdrawn: fever (urgent), reported for Fri 27 Nov 2026"),
        "{html}"
    );
    assert!(html.contains("Reason given: answered yes by mistake"));
    env.run(&["history"])
        .ok()
        .stdout_has("screen · done")
        .stdout_has("not judged: withdrawn")
        .stdout_has("answered yes by")
        .stdout_has("fever, chills or");
}

#[test]
fn amending_a_red_flag_away_needs_a_reason_and_lifts_the_stop() {
    let env = Env::initialised().today("2026-11-25");
    env.run(&[
        "log",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
        "--symptom",
        "one-limb-nerve",
    ])
    .code(3);
    let before = files(&env.dir());
    env.run(&["log", "--amend", "--no-symptoms", "--yes"])
        .code(2)
        .stderr_has("(new weakness, numbness or tingling in one limb, or band-like pain around the trunk): taking it back needs --reason");
    assert_eq!(files(&env.dir()), before);
    env.run(&[
        "log",
        "--amend",
        "--no-symptoms",
        "--reason",
        "meant the left calf cramp, not numbness",
        "--yes",
    ])
    .ok()
    .stdout_has("symptoms      one-limb-nerve -> (empty)")
    .stdout_has("Amended Wed 25 Nov 2026 (done): outcome pending");
    let s = json(&env.run(&["status", "--format", "json"]).ok().stdout);
    assert_eq!(s["stopped"], false);
    assert_eq!(
        s["withdrawn_flags"][0]["text"],
        "A red-flag report of Wed 25 Nov 2026 (new weakness, numbness or tingling in one limb, or band-like pain around the trunk) was amended away on Wed 25 Nov 2026: meant the left calf cramp, not numbness."
    );
}

#[test]
fn adding_a_red_flag_by_amendment_stops_the_program_without_a_reason() {
    let env = Env::initialised().today("2026-11-25");
    env.run(&["log", "--pain-during", "1", "--pain-after", "1"])
        .ok();
    env.run(&["log", "--amend", "--symptom", "fever", "--yes"])
        .code(3)
        .stdout_has("symptoms      (empty) -> fever");
}

#[test]
fn without_a_terminal_a_correction_needs_yes_and_changes_nothing() {
    let env = green_then_red();
    let before = files(&env.dir());
    for args in [
        &["log", "--undo"][..],
        &["log", "--amend", "--pain-during", "1"],
    ] {
        env.run(args)
            .code(2)
            .stdout_has("Fri 27 Nov 2026")
            .stderr_has("no terminal to confirm on; add --yes");
        assert_eq!(files(&env.dir()), before, "{args:?}");
    }
    // --yes, --reason, --no-symptoms and --done belong to corrections.
    for args in [
        &["log", "--yes", "--pain-during", "1", "--pain-after", "1"][..],
        &[
            "log",
            "--reason",
            "x",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
        ],
        &[
            "log",
            "--no-symptoms",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
        ],
        &["log", "--undo", "--pain-during", "1", "--yes"],
        &["log", "--amend", "--undo", "--yes"],
    ] {
        env.run(args).code(2);
        assert_eq!(files(&env.dir()), before, "{args:?}");
    }
}

/// Bad input: a clear message, exit 2, and the log byte for byte as it was.
#[test]
fn a_correction_that_cannot_be_made_leaves_the_log_as_it_was() {
    let env = green_then_red();
    let before = env.read("log.csv");
    let cases: [(&[&str], &str); 9] = [
        (
            &["log", "--undo", "--date", "2026-11-26", "--yes"],
            "no entry logged on 2026-11-26 to withdraw (the latest entry in force is of 2026-11-27)",
        ),
        (
            &[
                "log",
                "--amend",
                "--date",
                "2026-11-26",
                "--pain-during",
                "1",
                "--yes",
            ],
            "no session logged on 2026-11-26 to amend",
        ),
        (&["log", "--amend", "--pain-during", "11", "--yes"], "11"),
        (
            &[
                "log",
                "--amend",
                "--partial",
                "--pain-during",
                "1",
                "--skipped",
                "--yes",
            ],
            "cannot be used with",
        ),
        (&["log", "--undo", "--date", "someday", "--yes"], "someday"),
        (
            &[
                "log",
                "--amend",
                "--date",
                "2026-02-30",
                "--note",
                "x",
                "--yes",
            ],
            "not a date",
        ),
        (
            &["log", "--amend", "--yes"],
            "--amend needs the fields to change",
        ),
        (
            &["log", "--amend", "--pain-during", "7", "--yes"],
            "already reads so: nothing to amend",
        ),
        (
            &["log", "--amend", "--rpe", "bench=7", "--yes"],
            "--rpe: no lift `bench` in the profile",
        ),
    ];
    for (args, message) in cases {
        env.run(args).code(2).stderr_has(message);
        assert_eq!(env.read("log.csv"), before, "{args:?}");
    }
    // An amendment the log could not read back: a skipped session marked partial has no pain.
    env.run(&["log", "--date", "2026-11-28", "--skipped"]).ok();
    let before = env.read("log.csv");
    env.run(&["log", "--amend", "--partial", "--yes"])
        .code(2)
        .stderr_has(
            "would not be a valid log row (pain_during: a session done needs its pain score)",
        );
    assert_eq!(env.read("log.csv"), before);
}

#[test]
fn undo_with_nothing_to_undo_is_refused_and_writes_nothing() {
    let env = Env::initialised();
    let before = files(&env.dir());
    env.run(&["log", "--undo", "--yes"])
        .code(2)
        .stderr_has("nothing to undo: the log has no entry in force");
    assert_eq!(files(&env.dir()), before, "no log.csv was created");
    env.run(&["log", "--pain-during", "1", "--pain-after", "1"])
        .ok();
    env.run(&["log", "--undo", "--yes"]).ok();
    let before = env.read("log.csv");
    env.run(&["log", "--undo", "--yes"])
        .code(2)
        .stderr_has("nothing to undo");
    env.run(&["log", "--amend", "--note", "x", "--yes"])
        .code(2)
        .stderr_has("no entry logged to amend");
    assert_eq!(env.read("log.csv"), before);
}

/// A log from before corrections (10 columns, a byte-order mark, CRLF, a blank line, a quoted
/// note over two lines) reads as it is; the first correction adds the column and changes no
/// other byte.
#[test]
fn an_old_log_reads_and_its_first_correction_only_adds_the_column() {
    let env = Env::initialised().today("2026-11-28");
    env.write(
        "log.csv",
        "\u{feff}date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\r\n\
         2026-11-25,session,done, 1,1,1,,5,,\"felt ok,\r\nthen tight\"\r\n\r\n\
         2026-11-27,session,done,2,2,,,5,,\r\n",
    );
    env.run(&["status"]).ok();
    env.run(&["log", "--undo", "--yes"]).ok();
    assert_eq!(
        env.read("log.csv"),
        "\u{feff}date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note,correction\r\n\
         2026-11-25,session,done, 1,1,1,,5,,\"felt ok,\r\nthen tight\",\r\n\r\n\
         2026-11-27,session,done,2,2,,,5,,,withdrawn 2026-11-28\r\n"
    );
    // Logging goes on in the wider log.
    env.run(&["log", "--pain-during", "1", "--pain-after", "1"])
        .ok();
    assert!(
        env.read("log.csv")
            .ends_with("2026-11-28,session,done,1,1,,,,,,\r\n"),
        "{}",
        env.read("log.csv")
    );
}

#[test]
fn a_correction_the_log_cannot_read_is_reported_with_its_line_and_field() {
    let env = Env::initialised().today("2026-11-28");
    env.write(
        "log.csv",
        &format!("{WIDE_HEADER}2026-11-25,session,done,1,1,1,,5,,,withdrawn\n"),
    );
    let before = files(&env.dir());
    env.run(&["status"])
        .code(1)
        .stderr_has("log.csv:2: correction: `withdrawn` is not a correction");
    env.run(&["log", "--undo", "--yes"]).code(1);
    assert_eq!(files(&env.dir()), before);
}

/// Runs `graded ARGS` in `env` on a pseudo-terminal (util-linux `script`), answers `key` once
/// the question is on the screen, and returns the exit code and what the terminal showed;
/// `None` where `script` is not installed.
fn on_a_terminal(env: &Env, args: &str, key: &str) -> Option<(i32, String)> {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Mutex};
    let graded = assert_cmd::cargo::cargo_bin("graded");
    let command = format!(
        "'{}' --dir '{}' --today {} {args}",
        graded.display(),
        env.dir().display(),
        env.today
    );
    let mut child = Command::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let shown = Arc::new(Mutex::new(Vec::new()));
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = {
        let shown = Arc::clone(&shown);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                shown.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        })
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !String::from_utf8_lossy(&shown.lock().expect("lock")).contains("it? [y/N]") {
        assert!(
            std::time::Instant::now() < deadline,
            "no question: {}",
            String::from_utf8_lossy(&shown.lock().expect("lock"))
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The answer is a line; the input then ends, so a question asked again cannot hang.
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{key}\n").as_bytes())
        .expect("answer");
    stdin.flush().expect("flush");
    drop(stdin);
    let status = child.wait().expect("waits");
    reader.join().expect("reader");
    let text = String::from_utf8_lossy(&shown.lock().expect("lock")).replace('\r', "");
    Some((status.code().unwrap_or(-1), text))
}

#[test]
fn on_a_terminal_the_correction_is_asked_for_and_no_changes_nothing() {
    let env = green_then_red();
    let before = env.read("log.csv");
    let Some((code, shown)) = on_a_terminal(&env, "log --undo", "n") else {
        eprintln!("skipped: no `script` to make a pseudo-terminal with");
        return;
    };
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("Withdraw the session of Fri 27 Nov 2026"),
        "{shown}"
    );
    assert!(shown.contains("Nothing was changed."), "{shown}");
    assert_eq!(env.read("log.csv"), before);
    let (code, shown) =
        on_a_terminal(&env, "log --amend --pain-during 1 --pain-after 1", "y").expect("script");
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("pain_during   7 -> 1"), "{shown}");
    assert!(
        shown.contains("Amended Fri 27 Nov 2026 (done): outcome green"),
        "{shown}"
    );
    assert!(
        env.read("log.csv")
            .ends_with("2026-11-27,session,done,1,1,2,,4,,,amended 2026-11-28\n")
    );
}

#[test]
fn a_next_morning_score_replaced_with_force_is_kept_as_a_correction() {
    let env = green_then_red();
    let before = env.read("log.csv");
    env.run(&["log", "--next-morning", "0", "--date", "2026-11-28"])
        .code(2)
        .stderr_has("already has next-morning pain 2")
        .stderr_has("graded log --amend --date 2026-11-27 --next-morning 0");
    assert_eq!(env.read("log.csv"), before);
    env.run(&[
        "log",
        "--next-morning",
        "0",
        "--date",
        "2026-11-28",
        "--force",
    ])
    .ok()
    .stdout_has("Logged Fri 27 Nov 2026");
    assert!(env.read("log.csv").ends_with(
        "2026-11-27,session,done,7,7,2,,4,,,replaced 2026-11-28: next-morning pain 2 replaced by 0 (--force)\n\
         2026-11-27,session,done,7,7,0,,4,,,amended 2026-11-28\n"
    ));
}
