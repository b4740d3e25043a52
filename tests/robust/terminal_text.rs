//! Text from a program file (names, doses, notes) and from the log reaches a terminal with its
//! control characters shown, never obeyed: no escape sequence can clear the screen or retitle
//! the window, no carriage return can overwrite a line.

use super::HEADER;
use crate::harness::{Env, graded, root};

/// Characters that act on a terminal.
const ACTING: [char; 4] = ['\u{1b}', '\r', '\u{7}', '\u{202e}'];

#[track_caller]
fn assert_shown_not_obeyed(text: &str) {
    for c in ACTING {
        assert!(!text.contains(c), "{c:?} reaches the terminal:\n{text:?}");
    }
    assert!(text.contains("\\u{1b}"), "the escape is not shown:\n{text}");
}

/// The built-in program with escape sequences in a stage name, an exercise name and notes.
fn hostile_program(env: &Env) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join("programs/mid-back-strain.toml"))
        .expect("read")
        .replacen(
            "name = \"Walking and cycling\"",
            r#"name = "Walking\u001b[2J and cycling""#,
            1,
        )
        .replacen(
            "name = \"Brisk walk or easy cycle\"",
            r#"name = "Brisk walk\u001b]0;pwned\u0007 or easy cycle""#,
            1,
        )
        .replacen(
            "notes = \"Easy pace:",
            r#"notes = "\r\u202eEasy pace:\u001b[31m"#,
            1,
        );
    let path = env.path("hostile.toml");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn program_text_reaches_the_terminal_with_its_control_characters_shown() {
    let env = Env::initialised();
    let program = hostile_program(&env);
    let p = program.to_str().expect("utf8");
    assert_shown_not_obeyed(&graded(&["programs", "show", p]).ok().stdout);
    for args in [&["plan", "--weeks", "1"][..], &["week"], &["status"]] {
        let mut all = vec!["--program", p];
        all.extend_from_slice(args);
        assert_shown_not_obeyed(&env.run(&all).ok().stdout);
    }
    let mut log = vec![
        "--program",
        p,
        "log",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
    ];
    assert_shown_not_obeyed(&env.run(&log).ok().stdout);
    log.truncate(2);
    log.push("history");
    assert_shown_not_obeyed(&env.run(&log).ok().stdout);
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
