//! Text from a program or profile is plain text: a control character in it is refused when the
//! file loads, naming file, line and field. Text from the log and what a person types reaches a
//! terminal with its control characters shown, never obeyed: no escape sequence can clear the
//! screen or retitle the window, no carriage return can overwrite a line.

use super::HEADER;
use crate::harness::{Env, root};

/// Characters that act on a terminal.
const ACTING: [char; 4] = ['\u{1b}', '\r', '\u{7}', '\u{202e}'];

#[track_caller]
fn assert_shown_not_obeyed(text: &str) {
    for c in ACTING {
        assert!(!text.contains(c), "{c:?} reaches the terminal:\n{text:?}");
    }
    assert!(text.contains("\\u{1b}"), "the escape is not shown:\n{text}");
}

/// The built-in program with `from` replaced by `to` (once), written next to the workspace.
fn program_with(env: &Env, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(root().join("programs/mid-back-strain.toml")).expect("read");
    assert!(text.contains(from), "{from}");
    let path = env.path("hostile.toml");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    path.to_str().expect("utf8").to_string()
}

#[test]
fn a_program_with_control_characters_in_its_text_is_refused_naming_file_line_and_field() {
    let env = Env::initialised();
    // Each string where a program's text may hide an escape: a name, a dose's reps, an id in a
    // list, a note (where line breaks are taken but a carriage return alone is not).
    for (from, to, place, field, what) in [
        (
            "name = \"Walking and cycling\"",
            r#"name = "Walking\u001b[2J and cycling""#,
            "27:8",
            "stages[0].name",
            "U+001B (escape), at character 8",
        ),
        (
            "name = \"Walk or easy cycle\"",
            r#"name = "Walk or\u001b]0;pwned\u0007 easy cycle""#,
            "36:10",
            "stages[0].exercises[0].name",
            "U+001B (escape), at character 8",
        ),
        (
            "notes = \"Easy pace,",
            r#"notes = "\r\u202eEasy pace,"#,
            "32:9",
            "stages[0].notes",
            "U+000D (carriage return), at character 1",
        ),
        (
            "source = [\"WALKBACK\", \"INTENSITY\"]\nnotes",
            "source = [\"WALKBACK\", \"INTEN\\u202eSITY\"]\nnotes",
            "31:23",
            "stages[0].source[1]",
            "U+202E (bidirectional override), at character 6",
        ),
    ] {
        let p = program_with(&env, from, to);
        let out = env.run(&["--program", &p, "plan"]).code(1);
        assert_eq!(out.stdout, "");
        assert_eq!(
            out.stderr,
            format!(
                "error: {p}:{place}: {field}: a control character, {what}: it would act on the terminal\n  \
                 hint: remove it: text in this file is plain text (line breaks only in description, notes)\n"
            )
        );
    }
    // Line breaks and tabs are taken where text runs over lines: a stage's notes.
    let p = program_with(
        &env,
        "notes = \"Easy pace,",
        r#"notes = "First line.\n\tEasy pace,"#,
    );
    env.run(&["--program", &p, "plan", "--weeks", "1"]).ok();
}

#[test]
fn a_reason_given_to_undo_is_echoed_with_its_control_characters_shown() {
    let env = Env::initialised();
    env.log_session("2026-11-25", 1, 1, None);
    let out = env
        .run_at(
            "2026-11-25",
            &["log", "--undo", "--reason", "typo\u{1b}[2J\rgone", "--yes"],
        )
        .ok();
    assert_eq!(
        out.stdout,
        "Withdraw the session of Wed 25 Nov 2026 (log.csv line 2):\n  \
         kind          session\n  \
         status        done\n  \
         pain_during   1\n  \
         pain_after    1\n  \
         rpe           4\n  \
         correction    (empty) -> withdrawn 2026-11-25: typo\\u{1b}[2J\\u{d}gone\n\
         It stays in the log, marked withdrawn, and is no longer judged.\n\
         \n\
         Withdrew the session of Wed 25 Nov 2026.\n\
         Now: stage 1 Walking and cycling, step 1 of 1.\n\
         General guidance, not a diagnosis: see a clinician if symptoms persist,\n\
         worsen, or nerve symptoms appear.\n"
    );
    // The log keeps the person's text as typed.
    assert!(env.read("log.csv").contains("typo\u{1b}[2J\rgone"));
}

#[test]
fn log_text_quoted_in_an_error_has_its_control_characters_shown() {
    let env = Env::initialised();
    env.write(
        "log.csv",
        &format!("{HEADER}2026-11-25,\u{1b}[2Jsession\u{8},done,1,1,,,,,\n"),
    );
    let out = env.run(&["status"]).code(1).stderr_has("log.csv:2:");
    assert_shown_not_obeyed(&out.stderr);
}

#[test]
fn a_profile_with_control_characters_in_its_text_is_refused_naming_file_line_and_field() {
    let env = Env::initialised();
    let profile = env.read("profile.toml");
    let lines = profile.lines().count();
    env.write(
        "profile.toml",
        &format!(
            "{profile}\n[[adjust]]\nlift = \"squat\"\nmax_pct = 70\nby = \"Dr Lee, PT\"\nreason = \"slow\\u001b[2J down\"\nmade = 2026-11-24\n"
        ),
    );
    let out = env.run(&["status"]).code(1);
    assert_eq!(
        out.stderr,
        format!(
            "error: {}:{}:10: adjust[0].reason: a control character, U+001B (escape), at character 5: it would act on the terminal\n  \
             hint: remove it: text in this file is plain text (line breaks only in reason)\n",
            env.dir().join("profile.toml").display(),
            lines + 6
        )
    );
}

#[test]
fn an_export_shown_on_a_terminal_has_its_control_characters_shown_and_piped_keeps_its_bytes() {
    use crate::cli::prompts::{finish, spawn};
    let env = Env::initialised();
    env.write(
        "log.csv",
        &format!("{HEADER}2026-11-25,session,done,1,1,,,,,\"wet\u{1b}[2J\rroad\"\n"),
    );
    let env = env.today("2026-11-25");
    // On a terminal: shown, the row's CRLF kept (the terminal adds its own carriage return).
    let (tty, code) = finish(spawn(&env, 80, &["history", "--format", "csv"]));
    assert_eq!(code, 0);
    let row = tty
        .lines()
        .find(|l| l.starts_with("2026-11-25,"))
        .unwrap_or_else(|| panic!("no row:\n{tty:?}"));
    assert_eq!(
        row,
        "2026-11-25,session,1,Walking and cycling,1,done,1,1,,,2,,,,pending,hold,,\
         \"Pending: pain 1/10 during and 1/10 after; the next-morning pain is not logged yet, so the dose holds until it is. (rule: next-morning check [PMM][24H])\",\
         \"wet\\u{1b}[2J\\u{d}road\",,\"Walk or easy cycle: 15 min, RPE <= 4; Gentle stretching: 5 min\",,,,\
         2026-11-18,2,squat 1RM 235 lb,Mid-back strain: back to lifting\r"
    );
    assert_shown_not_obeyed(&tty.replace('\r', ""));
    // In a pipe or a file, the note as written, byte for byte.
    let piped = env.run(&["history", "--format", "csv"]).ok().stdout;
    assert!(piped.contains(",\"wet\u{1b}[2J\rroad\","), "{piped:?}");
    let file = env.path("history.csv");
    env.run(&[
        "history",
        "--format",
        "csv",
        "-o",
        file.to_str().expect("utf8"),
    ])
    .ok();
    assert_eq!(std::fs::read_to_string(&file).expect("read"), piped);
}
