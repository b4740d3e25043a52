//! Issue 18: every cost has a stated bound. A program is refused past its size limits (naming
//! the limit, the file and the field), a long word in a note is cut to the table's column
//! before the table lays it out, and status shows the latest few therapist notes.

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
