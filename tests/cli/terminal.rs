//! Issue 11: the terminal. Tables as wide as the terminal (80 in a pipe), `--color`, colour for
//! outcomes (never alone), examples in every command's help, global options kept apart,
//! completions of values, case-insensitive value names, hints that keep `--dir`.

use super::prompts::{expect, finish, spawn};
use super::{assert_no_ansi, bare, output, widest};
use crate::harness::{Env, graded};

/// Every command path (`["log"]`, `["programs", "show"]` ...), read from the binary's own
/// help, command by command. Each `--help` builds that command, so clap's debug checks of the
/// definition (on in the test build) run for every one of them.
fn commands() -> Vec<Vec<String>> {
    fn walk(path: Vec<String>, out: &mut Vec<Vec<String>>) {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = graded(&args).ok().stdout;
        let Some(list) = help.split("\nCommands:\n").nth(1) else {
            return;
        };
        for line in list.lines().take_while(|l| l.starts_with("  ")) {
            // A wrapped description's continuation is indented further than a name.
            if line.starts_with("   ") {
                continue;
            }
            let Some(name) = line.split_whitespace().next().filter(|n| *n != "help") else {
                continue;
            };
            let mut p = path.clone();
            p.push(name.to_string());
            out.push(p.clone());
            walk(p, out);
        }
    }
    let mut out = Vec::new();
    walk(Vec::new(), &mut out);
    out
}

#[test]
fn every_commands_help_has_examples() {
    let all = commands();
    assert!(all.len() >= 15, "{all:?}");
    for path in all {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = graded(&args).ok();
        assert!(
            out.stdout.contains("\nExample"),
            "{path:?} --help:\n{}",
            out.stdout
        );
    }
    assert!(graded(&["--help"]).ok().stdout.contains("\nExamples:"));
}

/// Each command's help opens with what the command does, the line its parent lists it with
/// (each command's arguments are made only when it runs: their own doc comments must not
/// replace its description).
#[test]
fn every_commands_help_opens_with_its_description() {
    for path in commands() {
        let (name, parent) = path.split_last().expect("a command");
        let mut args: Vec<&str> = parent.iter().map(String::as_str).collect();
        args.push("--help");
        let listing = graded(&args).ok().stdout;
        let listed = listing
            .lines()
            .find_map(|l| l.trim_start().strip_prefix(&format!("{name} ")))
            .map(str::trim)
            .unwrap_or_else(|| panic!("{path:?} listed:\n{listing}"))
            .to_string();
        args.insert(args.len() - 1, name);
        let help = graded(&args).ok().stdout;
        let first = help.lines().next().unwrap_or_default();
        assert!(
            !first.starts_with('`') && first.starts_with(listed.trim_end_matches("...")),
            "{path:?} --help opens with {first:?}, listed as {listed:?}"
        );
    }
}

#[test]
fn global_options_come_after_a_commands_own_and_not_in_completions_help() {
    let log = graded(&["log", "--help"]).ok().stdout;
    let own = log.find("--pain-during").expect("own option");
    let global = log.find("Global options:").expect("heading");
    assert!(own < global, "{log}");
    assert!(log[global..].contains("--dir"), "{log}");
    assert!(log[global..].contains("--color <WHEN>"), "{log}");
    for cmd in ["completions", "sources"] {
        let help = graded(&[cmd, "--help"]).ok().stdout;
        for flag in [
            "--dir",
            "--today",
            "--program",
            "--lock-wait",
            "--color",
            "Global",
        ] {
            assert!(!help.contains(flag), "{cmd} --help shows {flag}:\n{help}");
        }
    }
    // Still taken there.
    graded(&["--dir", "nowhere", "completions", "zsh"]).ok();
}

#[test]
fn completions_offer_symptom_ids_program_ids_and_formats() {
    let bash = graded(&["completions", "bash"]).ok().stdout;
    for id in ["saddle-numbness", "fever", "no-improvement", "inflammatory"] {
        assert!(bash.contains(id), "{id}");
    }
    for program in ["mid-back-strain", "low-back-strain", "return-after-layoff"] {
        assert!(bash.contains(program), "{program}");
    }
    assert!(bash.contains("table csv ics json markdown"), "plan formats");
    assert!(bash.contains("America/New_York"), "time zones");
    let fish = graded(&["completions", "fish"]).ok().stdout;
    let symptom = fish
        .lines()
        .find(|l| l.contains("-l symptom"))
        .expect("fish --symptom");
    assert!(symptom.contains("saddle-numbness"), "{symptom}");
    assert!(!symptom.contains("-F"), "file names offered: {symptom}");
}

#[test]
fn value_names_are_taken_in_any_case() {
    let ex = ["--example", "--today", "2026-11-24"];
    let csv = graded(&[&ex[..], &["plan", "--format", "CSV"]].concat()).ok();
    assert!(csv.stdout.starts_with("date,weekday,"), "{}", csv.stdout);
    graded(&[&ex[..], &["status", "-f", "Json"]].concat()).ok();
    graded(&[&ex[..], &["history", "--format", "TABLE"]].concat()).ok();
    graded(&[&ex[..], &["--color", "NEVER", "status"]].concat()).ok();
    graded(&["completions", "BASH"]).ok();
    let env = Env::new();
    env.run(&super::strs(&super::init_with(&[("--units", "LB")])))
        .ok();
    assert!(env.read("profile.toml").contains("units = \"lb\""));
}

#[test]
fn a_negative_pain_score_gets_the_pain_score_message() {
    let env = Env::initialised();
    for args in [
        &["log", "--pain-during", "-1", "--pain-after", "1"][..],
        &["log", "--pain-during", "1", "--pain-after", "-2"],
        &["log", "--next-morning", "-1"],
    ] {
        let out = env.run(args).code(2);
        assert!(
            out.stderr
                .contains("is not a pain score: give a whole number from 0 to 10"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("unexpected argument"),
            "{}",
            out.stderr
        );
    }
    let fresh = Env::new();
    fresh
        .run(&super::strs(&super::init_with(&[("--rest-pain", "-1")])))
        .code(2)
        .stderr_has("`-1` is not a pain score");
    assert!(!env.dir().join("log.csv").exists());
}

#[test]
fn init_help_points_to_the_red_flag_ids_that_screen_help_lists() {
    let init = graded(&["init", "--help"]).ok().stdout;
    assert!(init.contains("`graded screen --help`"), "{init}");
    let screen = graded(&["screen", "--help"]).ok().stdout;
    for f in graded::model::red_flag::RED_FLAGS {
        assert!(screen.contains(f.id), "{} missing:\n{screen}", f.id);
    }
    assert!(screen.contains("Red-flag ids"), "{screen}");
}

#[test]
fn after_init_with_a_dir_the_hint_names_the_same_dir() {
    let env = Env::new();
    let out = env.run(crate::harness::INIT).ok();
    let dir = env.dir().display().to_string();
    assert!(
        out.stdout.contains(&format!("`graded --dir {dir} plan`")),
        "{}",
        out.stdout
    );
    // From GRADED_DIR, plain `graded plan` reaches the same workspace.
    let other = Env::new();
    let out = output(
        bare()
            .env("GRADED_DIR", other.dir())
            .args(["--today", "2026-11-24"])
            .args(crate::harness::INIT),
    )
    .ok();
    assert!(out.stdout.contains("Next: `graded plan`"), "{}", out.stdout);
}

/// A workspace whose history has a green, an amber and a red session.
fn three_outcomes() -> Env {
    let env = Env::initialised();
    env.log_session("2026-11-24", 1, 1, Some(1));
    env.log_session("2026-11-25", 4, 4, Some(2));
    env.log_session("2026-11-27", 7, 7, Some(3));
    env
}

#[test]
fn color_always_paints_outcomes_and_keeps_the_words() {
    let env = three_outcomes();
    let status = env
        .run_at("2026-11-28", &["--color", "always", "status"])
        .ok()
        .stdout;
    assert!(
        status.contains("outcome \u{1b}[31mred\u{1b}[0m"),
        "{status:?}"
    );
    let history = env
        .run_at("2026-11-28", &["--color", "always", "history"])
        .ok()
        .stdout;
    // The table's cells are painted by comfy-table (its own escape codes), the word inside.
    for word in ["green", "amber", "red"] {
        let painted = history.lines().any(|l| {
            l.split('┆').any(|cell| {
                cell.trim_start().starts_with('\u{1b}') && cell.contains(&format!("m {word} "))
            })
        });
        assert!(painted, "{word}: {history:?}");
    }
    // NO_COLOR (the harness sets it), --color never and a pipe: none.
    assert_no_ansi(&env.run_at("2026-11-28", &["status"]).ok().stdout);
    assert_no_ansi(
        &env.run_at("2026-11-28", &["--color", "never", "history"])
            .ok()
            .stdout,
    );
    let piped = output(
        bare()
            .env_remove("NO_COLOR")
            .args(["--dir"])
            .arg(env.dir())
            .args(["--today", "2026-11-28", "--color", "auto", "history"]),
    )
    .ok();
    assert_no_ansi(&piped.stdout);
}

#[test]
fn history_fills_a_wide_terminal_and_keeps_each_reason_whole_in_a_pipe() {
    let env = three_outcomes().today("2026-11-28");
    let mut p = spawn(&env, 200, &["history"]);
    let shown = expect(&mut p, "worsen, or nerve symptoms appear.");
    let (_, code) = finish(p);
    assert_eq!(code, 0);
    // rexpect hands over each byte as a char: the UTF-8 box drawing is put back together.
    let shown = String::from_utf8(shown.chars().map(|c| c as u32 as u8).collect()).expect("UTF-8");
    let (wide, line) = widest(&shown);
    assert!((120..=200).contains(&wide), "{wide}: {line}\n{shown}");
    let piped = output(
        bare()
            .env("COLUMNS", "200")
            .args(["--dir"])
            .arg(env.dir())
            .args(["--today", "2026-11-28", "history"]),
    )
    .ok();
    // Not wrapped: each reason on one line, to read with `less -S` or find with grep.
    assert!(
        piped.stdout.lines().any(|l| l.contains(
            "Green: pain 1/10 during and 1/10 after is within 0-3/10 and next-morning pain"
        )),
        "{}",
        piped.stdout
    );
    // The plan's tables keep 80 columns in a pipe (to paste or print).
    let plan =
        output(
            bare()
                .args(["--dir"])
                .arg(env.dir())
                .args(["--today", "2026-11-28", "plan"]),
        )
        .ok();
    super::assert_fits_80_columns(&plan.stdout);
}
