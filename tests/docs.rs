//! The documents' transcripts are what graded prints (issue 22): every ```` ```console ```` block
//! of README.md and docs/*.md is run against the real binary and its output compared, line by
//! line, with what the document shows.
//!
//! The convention (README "Writing docs"):
//! - In a `console` block, a line `$ COMMAND` is run by `sh` (pipes, `< file` and `VAR=value`
//!   prefixes work as typed; a line ending in `\` goes on); the lines after it, up to the next
//!   `$ ` or the end of the block, are its standard output and standard error as a terminal
//!   would interleave them.
//! - The blocks of one document run in order in one fresh temporary home (`HOME`, also the
//!   working directory, so graded's data lives in `~/.local/share/graded`), with
//!   `GRADED_TODAY=2026-11-24`, `TZ=America/New_York`, `COLUMNS=80` and `NO_COLOR=1`. The
//!   home's path is shown as `/home/me`.
//! - A hidden HTML comment `<!-- docs ... -->` sets the scene without showing it: a line
//!   `$ COMMAND` runs (its output is not shown; it must exit 0 or 3), a line `NAME=value` sets
//!   a variable for the rest of the document (`~/` is the home), lines `> ANSWER` (`>` alone:
//!   Enter) make the next transcript's command run on a terminal, typing those answers to its
//!   questions, and `not run: REASON` leaves the next block unchecked (rare: a real server, a
//!   process id; the reason stays in the document). Hidden commands find the repository in
//!   `$DOCS_REPO`.
//! - Other blocks (`sh`, `toml`, `text` ...) are not run; one that shows graded's notice or an
//!   `error:` line without being a transcript fails the test.
//!
//! `GRADED_DOCS=overwrite cargo test --test lib docs` rewrites every transcript's output in
//! place from the real binary; the normal run fails naming the file, the command's line and a
//! diff.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::root;

/// The day every document starts on.
const TODAY: &str = "2026-11-24";

/// How long graded may stay silent before a question is taken to wait for its answer.
const QUIET: Duration = Duration::from_millis(250);

/// How long one command may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// One command of a transcript, and where its output is shown.
struct Shown {
    /// 1-based line of the `$ ` line.
    line: usize,
    /// The command, continuation lines joined.
    command: String,
    /// Answers typed on a terminal, when it runs on one.
    answers: Option<Vec<String>>,
    /// Byte range of the shown output in the document.
    range: std::ops::Range<usize>,
    /// The block's indentation.
    indent: String,
    /// The output shown.
    expected: String,
}

/// What a document asks the harness to do, in order.
enum Step {
    /// A hidden command.
    Setup { line: usize, command: String },
    /// A hidden variable.
    Var { name: String, value: String },
    /// A transcript's command.
    Shown(Shown),
}

/// Reads a document's steps; a malformed block is an error naming its line.
fn parse(text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let mut answers: Option<Vec<String>> = None;
    // A block the harness may not run, with the reason the document gives.
    let mut not_run = false;
    // (line number, byte offset, line without its end)
    let mut lines = Vec::new();
    let mut at = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        lines.push((i + 1, at, l.trim_end_matches('\n')));
        at += l.len();
    }
    lines.push((lines.len() + 1, text.len(), ""));
    let mut i = 0;
    while i < lines.len() {
        let (no, _, l) = lines[i];
        let body = l.trim_start();
        if body.starts_with("<!-- docs") {
            let mut rest = body.trim_start_matches("<!-- docs").to_string();
            let mut j = i;
            loop {
                let done = rest.trim_end().ends_with("-->");
                let item = rest.trim().trim_end_matches("-->").trim();
                if let Some(c) = item.strip_prefix("$ ") {
                    steps.push(Step::Setup {
                        line: lines[j].0,
                        command: c.to_string(),
                    });
                } else if let Some(why) = item.strip_prefix("not run:") {
                    if why.trim().is_empty() {
                        return Err(format!(
                            "line {}: `not run:` needs the reason the block cannot be checked",
                            lines[j].0
                        ));
                    }
                    not_run = true;
                } else if let Some(a) = item.strip_prefix('>') {
                    answers
                        .get_or_insert_with(Vec::new)
                        .push(a.strip_prefix(' ').unwrap_or(a).to_string());
                } else if let Some((name, value)) = item.split_once('=').filter(|(n, _)| {
                    !n.is_empty() && n.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
                }) {
                    steps.push(Step::Var {
                        name: name.to_string(),
                        value: value.to_string(),
                    });
                } else if !item.is_empty() && !item.starts_with('#') {
                    return Err(format!(
                        "line {}: `{item}` in a docs comment: write `$ COMMAND`, `NAME=value`, `> ANSWER` or `# a remark`",
                        lines[j].0
                    ));
                }
                if done {
                    break;
                }
                j += 1;
                if j >= lines.len() - 1 {
                    return Err(format!("line {no}: a docs comment never closed"));
                }
                rest = lines[j].2.to_string();
            }
            i = j + 1;
            continue;
        }
        if let Some(tag) = body.strip_prefix("```") {
            let indent = &l[..l.len() - body.len()];
            let console = tag.trim() == "console";
            let mut j = i + 1;
            while j < lines.len() - 1 && lines[j].2.trim_start() != "```" {
                j += 1;
            }
            if j >= lines.len() - 1 {
                return Err(format!("line {no}: a code block never closed"));
            }
            if std::mem::take(&mut not_run) {
                // Shown as written: the comment before it says why it cannot run here.
            } else if console {
                let mut k = i + 1;
                while k < j {
                    let cl = lines[k].2.strip_prefix(indent).unwrap_or(lines[k].2);
                    let Some(first) = cl.strip_prefix("$ ") else {
                        return Err(format!(
                            "line {}: a console block's output comes after a `$ ` command",
                            lines[k].0
                        ));
                    };
                    let line = lines[k].0;
                    let mut command = first.to_string();
                    while command.ends_with('\\') && k + 1 < j {
                        k += 1;
                        command.push('\n');
                        command.push_str(lines[k].2.strip_prefix(indent).unwrap_or(lines[k].2));
                    }
                    k += 1;
                    let start = lines[k].1;
                    let mut expected = String::new();
                    while k < j {
                        let ol = lines[k].2.strip_prefix(indent).unwrap_or(lines[k].2);
                        if ol.starts_with("$ ") {
                            break;
                        }
                        expected.push_str(ol);
                        expected.push('\n');
                        k += 1;
                    }
                    steps.push(Step::Shown(Shown {
                        line,
                        command,
                        answers: answers.take(),
                        range: start..lines[k].1,
                        indent: indent.to_string(),
                        expected,
                    }));
                }
            } else {
                for &(n, _, bl) in &lines[i + 1..j] {
                    let bl = bl.trim_start();
                    if bl.starts_with("General guidance, not a diagnosis: see")
                        || bl.starts_with("error: ")
                        || bl.starts_with("$ graded")
                    {
                        return Err(format!(
                            "line {n}: graded's output in a `{}` block: make it a `console` transcript so it is checked",
                            tag.trim()
                        ));
                    }
                }
            }
            if answers.is_some() && !console {
                return Err(format!(
                    "line {no}: answers (`> ...`) for a block that is not a console transcript"
                ));
            }
            i = j + 1;
            continue;
        }
        i += 1;
    }
    if answers.is_some() || not_run {
        return Err("a docs comment (`> ...` or `not run:`) with no block after it".into());
    }
    Ok(steps)
}

/// A fresh home for one document.
struct Scene {
    tmp: tempfile::TempDir,
    vars: Vec<(String, String)>,
}

impl Scene {
    fn new() -> Scene {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(tmp.path().join("home/me")).expect("home");
        Scene {
            tmp,
            vars: vec![("GRADED_TODAY".into(), TODAY.into())],
        }
    }

    fn home(&self) -> PathBuf {
        self.tmp.path().join("home/me")
    }

    /// `sh -c` for `command`, its standard error into its standard output, in the scene.
    fn command(&self, command: &str) -> Command {
        let bin = assert_cmd::cargo::cargo_bin("graded");
        let path = format!(
            "{}:{}",
            bin.parent().expect("bin dir").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("exec 2>&1\n{command}"))
            .current_dir(self.home())
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.home())
            .env("TZ", "America/New_York")
            .env("COLUMNS", "80")
            .env("NO_COLOR", "1")
            .env("LANG", "C.UTF-8")
            .env("DOCS_REPO", root());
        for (k, v) in &self.vars {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs `command` without a terminal: (output, exit code).
    fn run(&self, command: &str) -> (String, i32) {
        let out = self
            .command(command)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("sh runs");
        (
            self.shown(&String::from_utf8_lossy(&out.stdout)),
            out.status.code().unwrap_or(-1),
        )
    }

    /// Runs `command` on a terminal, typing `answers` one at a time, each when graded has
    /// asked and waits (its output ends in `: ` and stays quiet for [`QUIET`]). The
    /// terminal does not echo; the answer is written into the transcript as a terminal shows
    /// it, after its question.
    fn run_on_terminal(&self, command: &str, answers: &[String]) -> (String, i32) {
        let mut p = rexpect::session::spawn_command(
            self.command(command),
            Some(TIMEOUT.as_millis() as u64),
        )
        .expect("spawns on a pty");
        let mut out = String::new();
        let mut next = answers.iter();
        let mut quiet = Instant::now();
        let started = Instant::now();
        let mut pending = next.next();
        while let Some(answer) = pending {
            if let Some(c) = p.try_read() {
                out.push(c);
                quiet = Instant::now();
                continue;
            }
            assert!(
                started.elapsed() < TIMEOUT,
                "`{command}`: no question for the answer {answer:?} after:\n{out}"
            );
            // Every question ends `: ` and waits (src/cmd/ask.rs); output that stops there
            // and stays quiet is a question, not a line cut between two writes.
            if out.ends_with(": ") && quiet.elapsed() >= QUIET {
                out.push_str(answer);
                out.push('\n');
                p.send_line(answer).expect("types");
                pending = next.next();
                quiet = Instant::now();
            } else {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        out.push_str(&p.exp_eof().unwrap_or_else(|e| {
            panic!("`{command}`: did not end after its last answer: {e}\n{out}")
        }));
        let status = format!("{:?}", p.process().wait().expect("waits"));
        let code = status
            .strip_prefix("Exited(")
            .and_then(|s| s.rsplit(", ").next())
            .and_then(|s| s.trim_end_matches(')').parse().ok())
            .unwrap_or(-1);
        (self.shown(&out.replace('\r', "")), code)
    }

    /// Output as a document shows it: the home as `/home/me`, no trailing blanks on a line.
    fn shown(&self, out: &str) -> String {
        let tmp = self.tmp.path().display().to_string();
        let real = self
            .tmp
            .path()
            .canonicalize()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| tmp.clone());
        let out = out.replace(&real, "").replace(&tmp, "");
        out.lines()
            .map(|l| l.trim_end().to_string() + "\n")
            .collect()
    }
}

/// Runs one document's transcripts; in overwrite mode rewrites them, else panics with every
/// difference.
fn check(rel: &str) {
    let path = root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let steps = parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let overwrite = std::env::var("GRADED_DOCS").is_ok_and(|v| v == "overwrite");
    let mut scene = Scene::new();
    let mut failures = String::new();
    let mut edits = Vec::new();
    for step in steps {
        match step {
            Step::Var { name, value } => {
                let value = match value.strip_prefix("~/") {
                    Some(rest) => scene.home().join(rest).display().to_string(),
                    None => value,
                };
                scene.vars.retain(|(k, _)| *k != name);
                scene.vars.push((name, value));
            }
            Step::Setup { line, command } => {
                let (out, code) = scene.run(&command);
                assert!(
                    code == 0 || code == 3,
                    "{rel}:{line}: the hidden `{command}` exited with {code}:\n{out}"
                );
            }
            Step::Shown(s) => {
                let (actual, code) = match &s.answers {
                    Some(a) => scene.run_on_terminal(&s.command, a),
                    None => scene.run(&s.command),
                };
                assert!(
                    !actual.lines().any(|l| l.starts_with("$ ")),
                    "{rel}:{}: `{}` prints a line starting `$ `, which would read as a command: cut it with a pipe",
                    s.line,
                    s.command
                );
                let expected: String = s
                    .expected
                    .lines()
                    .map(|l| l.trim_end().to_string() + "\n")
                    .collect();
                if actual != expected {
                    if overwrite {
                        let body: String = actual
                            .lines()
                            .map(|l| {
                                if l.is_empty() {
                                    "\n".to_string()
                                } else {
                                    format!("{}{l}\n", s.indent)
                                }
                            })
                            .collect();
                        edits.push((s.range, body));
                    } else {
                        let diff = similar::TextDiff::from_lines(&expected, &actual);
                        let _ = writeln!(
                            failures,
                            "{rel}:{}: `{}` (exit code {code}) prints otherwise (- shown, + printed):\n{}",
                            s.line,
                            s.command,
                            diff.unified_diff().context_radius(3)
                        );
                    }
                }
            }
        }
    }
    if overwrite && !edits.is_empty() {
        let mut new = text.clone();
        for (range, body) in edits.into_iter().rev() {
            new.replace_range(range, &body);
        }
        std::fs::write(&path, new).unwrap_or_else(|e| panic!("{rel}: {e}"));
        eprintln!("{rel}: transcripts rewritten from the binary");
    }
    assert!(
        failures.is_empty(),
        "{failures}\nIf the new output is right: GRADED_DOCS=overwrite cargo test --test lib docs"
    );
}

/// The documents whose transcripts are checked: the README and every docs/*.md.
fn documents() -> Vec<String> {
    let mut out = vec!["README.md".to_string()];
    let mut docs: Vec<String> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    out.extend(docs);
    out
}

#[test]
fn docs_every_document_is_checked_by_a_test_here() {
    let checked = [
        "README.md",
        "docs/CALDAV.md",
        "docs/EVIDENCE.md",
        "docs/EXIT-CODES.md",
        "docs/FORMATS.md",
        "docs/GUIDE.md",
    ];
    assert_eq!(
        documents(),
        checked,
        "add a test below for the new document"
    );
}

#[test]
fn docs_readme() {
    check("README.md");
}

#[test]
fn docs_guide() {
    check("docs/GUIDE.md");
}

#[test]
fn docs_formats() {
    check("docs/FORMATS.md");
}

#[test]
fn docs_exit_codes() {
    check("docs/EXIT-CODES.md");
}

#[test]
fn docs_caldav() {
    check("docs/CALDAV.md");
}

#[test]
fn docs_evidence() {
    check("docs/EVIDENCE.md");
}

#[test]
fn docs_a_transcript_and_the_hidden_scene_are_read_as_written() {
    let text = "intro\n<!-- docs\n$ graded init --x\nGRADED_TODAY=2026-12-01\n> 2\n>\n-->\n  ```console\n  $ graded a \\\n    --b\n  out 1\n\n  $ graded c\n  ```\n```text\nplain\n```\n";
    let steps = parse(text).expect("parses");
    let mut seen = Vec::new();
    for s in &steps {
        match s {
            Step::Setup { line, command } => seen.push(format!("setup {line} {command}")),
            Step::Var { name, value } => seen.push(format!("var {name}={value}")),
            Step::Shown(s) => seen.push(format!(
                "shown {} {:?} {:?} {:?} {:?}",
                s.line,
                s.command,
                s.answers,
                s.expected,
                &text[s.range.clone()]
            )),
        }
    }
    assert_eq!(
        seen,
        [
            "setup 3 graded init --x",
            "var GRADED_TODAY=2026-12-01",
            "shown 9 \"graded a \\\\\\n  --b\" Some([\"2\", \"\"]) \"out 1\\n\\n\" \"  out 1\\n\\n\"",
            "shown 13 \"graded c\" None \"\" \"\"",
        ]
    );
    assert_eq!(
        anchor(" 7. Your therapist's changes: `graded adjust`"),
        "7-your-therapists-changes-graded-adjust"
    );
    assert!(
        parse("```text\nerror: something\n```\n")
            .err()
            .is_some_and(|e| e.contains("line 2") && e.contains("console"))
    );
}

/// A heading's anchor as GitHub makes it: lower case, spaces to `-`, punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn docs_every_link_stays_in_the_repository_and_finds_its_file_and_heading() {
    let mut broken = Vec::new();
    for rel in documents() {
        let path = root().join(&rel);
        let text = std::fs::read_to_string(&path).expect("reads");
        let mut in_code = false;
        for (no, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
            }
            if in_code {
                continue;
            }
            for (at, _) in line.match_indices("](") {
                let rest = &line[at + 2..];
                let Some(end) = rest.find(')') else { continue };
                let target = &rest[..end];
                let (file, frag) = target.split_once('#').unwrap_or((target, ""));
                let file_path = if file.is_empty() {
                    path.clone()
                } else {
                    path.parent().expect("dir").join(file)
                };
                let mut fault = None;
                if target.contains("://") {
                    fault = Some("leaves the repository");
                } else if !file_path.exists() {
                    fault = Some("no such file");
                } else if !frag.is_empty() {
                    let doc = std::fs::read_to_string(&file_path).unwrap_or_default();
                    let found = doc
                        .lines()
                        .filter_map(|l| l.strip_prefix('#'))
                        .map(|h| anchor(h.trim_start_matches('#')))
                        .any(|a| a == frag);
                    if !found {
                        fault = Some("no such heading");
                    }
                }
                if let Some(f) = fault {
                    broken.push(format!("{rel}:{}: ({target}): {f}", no + 1));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
