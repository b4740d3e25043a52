//! Issue 18: every cost has a stated bound. A program is refused past its size limits (naming
//! the limit, the file and the field), a long word in a note is cut to the table's column
//! before the table lays it out, and status shows the latest few therapist notes.

use super::HEADER;
use crate::harness::{Env, root};

/// The built-in program's text.
fn built_in() -> String {
    std::fs::read_to_string(root().join("programs/mid-back-strain.toml")).expect("read")
}

/// Runs `plan` with `text` as the program and returns the whole error message.
fn refused(env: &Env, text: &str) -> (String, String) {
    let path = env.path("big.toml");
    std::fs::write(&path, text).expect("write");
    let p = path.to_str().expect("utf8").to_string();
    let out = env.run(&["--program", &p, "plan"]).code(1);
    assert_eq!(out.stdout, "");
    (p, out.stderr)
}

#[test]
fn a_program_past_its_size_limits_is_refused_naming_the_limit_file_and_field() {
    let env = Env::initialised();
    let text = built_in();
    // A file over 1 MiB: refused before it is parsed.
    let (p, err) = refused(&env, &format!("{text}\n#{}\n", "x".repeat(1 << 20)));
    assert_eq!(
        err,
        format!(
            "error: {p}: the file is {} bytes; a program is at most 1048576 bytes (1 MiB)\n  \
             hint: a program has five stages of a few exercises each; the built-in ones are about 11 KB\n",
            text.len() + (1 << 20) + 3
        )
    );
    // 101 exercises in the first stage (two of its own and 99 more).
    let first = text.find("[[stages.exercises]]").expect("an exercise");
    let second = text[first + 1..].find("[[stages.exercises]]").expect("two") + first + 1;
    let exercise = &text[first..second];
    let many: String = (0..99)
        .map(|i| exercise.replacen("id = \"", &format!("id = \"x{i}-"), 1))
        .collect();
    let (p, err) = refused(&env, &format!("{}{many}{}", &text[..first], &text[first..]));
    assert_eq!(
        err,
        format!(
            "error: {p}:34:3: stages[0].exercises: stage `walk-cycle` has 101 exercises; a stage has at most 100\n  \
             hint: split the stage's work into fewer exercises (the built-in programs have at most 8)\n"
        )
    );
    // 51 doses for every exercise of the first stage.
    let doses = |line: &str| -> String {
        let (head, _) = line.split_once("doses = [").expect("doses");
        let one = "{ minutes = 10 }, ".repeat(51);
        format!("{head}doses = [{}]", one.trim_end_matches(", "))
    };
    let stage_end = text[second..].find("[[stages]]").expect("stage 2") + second;
    let stage: String = text[..stage_end]
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("doses = [") {
                doses(l)
            } else {
                l.to_string()
            }
        })
        .map(|l| l + "\n")
        .collect();
    let (p, err) = refused(&env, &format!("{stage}{}", &text[stage_end..]));
    let line = 1 + stage[..stage.find("doses = [").expect("doses")]
        .matches('\n')
        .count();
    assert_eq!(
        err,
        format!(
            "error: {p}:{line}:11: stages[0].exercises[0].doses: exercise `walk-or-cycle` has 51 doses; an exercise has at most 50\n  \
             hint: one dose per progression step (the built-in programs have 6)\n"
        )
    );
}

/// A workspace whose log holds `notes` by Dr Lee on Wed 25 Nov, that day.
fn with_notes(notes: &[String]) -> Env {
    let env = Env::initialised();
    let rows: String = notes
        .iter()
        .map(|n| format!("2026-11-25,note,\"Dr Lee, PT\",,,,,,,{n}\n"))
        .collect();
    env.write("log.csv", &format!("{HEADER}{rows}"));
    env.today("2026-11-25")
}

#[test]
fn a_pasted_note_of_a_million_characters_is_clipped_in_the_history_table_and_whole_in_the_csv() {
    // One word (a pasted link): laid out whole, its cost grew with the square of its length.
    let note = format!("https://example.org/{}", "a".repeat(1_000_000));
    let env = with_notes(std::slice::from_ref(&note));
    let table = env.run(&["history"]).ok().stdout;
    // In a pipe the table is not wrapped: the clipped note is one line.
    let cell = format!(
        "Dr Lee, PT: https://example.org/{} (999520 more characters: see graded history --format csv)",
        "a".repeat(480)
    );
    let cell = cell.replace(" (999520", "… (999520");
    let w = cell.chars().count() + 2;
    let bar = |l: &str, m: &str, r: &str, h: &str| {
        format!(
            "{l}{}{m}{}{m}{}{m}{}{m}{}{r}\n",
            h.repeat(12),
            h.repeat(7),
            h.repeat(12),
            h.repeat(9),
            h.repeat(w)
        )
    };
    assert_eq!(
        table,
        format!(
            "History · Mid-back strain: back to lifting · started Tue 24 Nov 2026\n\
             {}\
             │ Date       ┆ Stage ┆ Pain d/a/m ┆ Outcome ┆ {:<w2$} │\n\
             {}\
             │ Wed 25 Nov ┆ note  ┆ -          ┆ -       ┆ {cell} │\n\
             {}\
             \n\
             General guidance, not a diagnosis: see a clinician if symptoms persist,\n\
             worsen, or nerve symptoms appear.\n",
            bar("┌", "┬", "┐", "─"),
            "Decision and why",
            bar("╞", "╪", "╡", "═"),
            bar("└", "┴", "┘", "─"),
            w2 = w - 2
        )
    );
    let csv = env.run(&["history", "--format", "csv"]).ok().stdout;
    assert!(
        csv.contains(&format!(",{note},")),
        "the CSV holds the note whole"
    );
}

#[test]
fn status_shows_the_latest_three_notes_clipped_and_says_how_many_more_history_has() {
    let mut notes: Vec<String> = (1..=4).map(|i| format!("note {i}")).collect();
    notes.push("b".repeat(1_000_000));
    let env = with_notes(&notes);
    assert_eq!(
        env.run(&["status"]).ok().stdout,
        format!(
            "Mid-back strain: back to lifting · today Wed 25 Nov 2026\n\
             Stage 1 of 5: Walking and cycling · step 1 of 1\n\
             Latest: outcome none, decision start\n  \
             - Nothing logged yet: the program starts at stage 1, step 1. (rule: start\n    \
             [SYNTH])\n\
             Note from Dr Lee, PT (Wed 25 Nov): note 3\n\
             Note from Dr Lee, PT (Wed 25 Nov): note 4\n\
             Note from Dr Lee, PT (Wed 25 Nov):\n\
             {}…\n\
             (999500 more characters: see graded history --format csv)\n\
             And 2 earlier notes from the last 14 days: `graded history` shows them.\n\
             Your usual morning pain (the baseline): 2/10, your rest pain at intake, until\n\
             3 next mornings are logged.\n\
             \n\
             Next session: Wed 25 Nov 07:00 · stage 1 Walking and cycling · step 1\n  \
             - Walk or easy cycle: 15 min, RPE <= 4\n    \
             - Sit or stand tall; let your shoulders drop and relax.\n    \
             - Start slowly for the first few minutes.\n  \
             - Gentle stretching: 5 min\n    \
             - Breathe out and let your back settle into the floor.\n    \
             - Bring one knee slowly towards your chest and hold it with both hands\n      \
             behind the thigh.\n  \
             Stop the session if pain goes above 5/10.\n\
             \n\
             General guidance, not a diagnosis: see a clinician if symptoms persist,\n\
             worsen, or nerve symptoms appear.\n",
            "b".repeat(500)
        )
    );
}

#[test]
fn a_program_text_past_2000_characters_is_refused_naming_the_limit_file_line_and_field() {
    // A stage name of one word a million characters long: the tables would lay it out.
    let env = Env::initialised();
    let text = built_in().replacen(
        "name = \"Walking and cycling\"",
        &format!("name = \"{}\"", "w".repeat(1_000_000)),
        1,
    );
    let (p, err) = refused(&env, &text);
    assert_eq!(
        err,
        format!(
            "error: {p}:27:8: stages[0].name: the text is 1000000 characters; a text in this file is at most 2000\n  \
             hint: shorten it: a name, a dose or a note takes a few lines at most\n"
        )
    );
}
