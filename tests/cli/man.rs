//! `graded man`: the manual page, generated from the clap definitions, lists every command and
//! every flag `--help` shows, and `man` renders it.

use std::io::Write as _;
use std::process::{Command, Stdio};

use super::{bare, output};

/// The commands `graded --help` lists.
fn commands() -> Vec<String> {
    let help = output(bare().arg("--help")).ok().stdout;
    let list = &help[help.find("Commands:").expect("a command list")..];
    list.lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A description's next lines are indented further than the command names.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(String::from)
        .collect()
}

/// The long flags a command's `--help` shows (global ones included).
fn flags(command: &str) -> Vec<String> {
    let help = output(bare().args([command, "--help"])).ok().stdout;
    let mut out: Vec<String> = help
        .split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == ']')
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| {
            w.trim_end_matches(['.', ')', ':'])
                .split('=')
                .next()
                .unwrap_or(w)
                .to_string()
        })
        .filter(|w| w[2..].chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_man_page_is_roff_and_names_every_command_and_every_flag() {
    let page = output(bare().arg("man")).ok().stdout;
    assert!(
        page.lines()
            .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"))
            .is_some_and(|l| l.starts_with(".TH GRADED 1 ")),
        "{page:.400}"
    );
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(section), "{section}");
    }
    let commands = commands();
    assert!(commands.len() >= 15, "{commands:?}");
    for c in &commands {
        assert!(
            page.contains(&format!(".SS \"graded {c}\"")),
            "{c} has no section"
        );
        for f in flags(c) {
            let roff = f.replace('-', "\\-");
            assert!(page.contains(&roff), "graded {c} {f} is not in the page");
        }
    }
}

#[test]
fn man_renders_the_page_with_its_name_and_flags() {
    let has_man = Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_man {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but `man` is missing: install man-db"
        );
        let _ = writeln!(
            std::io::stderr(),
            "\nSKIPPED cli::man rendering: `man` is not installed (apt-get install man-db)"
        );
        return;
    }
    let page = output(bare().arg("man")).ok().stdout;
    let mut child = Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "100")
        .env("MAN_KEEP_FORMATTING", "0")
        .env_remove("MANPAGER")
        .env("PAGER", "cat")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("man runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(page.as_bytes())
        .expect("page written");
    let out = child.wait_with_output().expect("man ends");
    // Off a terminal man still overstrikes bold (`N\x08N`): the plain text, as `col -b` gives.
    let mut text = String::new();
    for c in String::from_utf8_lossy(&out.stdout).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for needle in [
        "GRADED(1)",
        "NAME\n       graded - A pain-gated",
        "--days <DAYS>...",
        "   graded init\n",
        "EXIT STATUS",
    ] {
        assert!(text.contains(needle), "{needle:?}\n{text:.1500}");
    }
}
