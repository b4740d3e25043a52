//! Questions asked on a terminal, shared by the commands that prompt. Each question is written
//! once to standard error, wrapped to the terminal's width, and its answer read as a line from
//! standard input (the terminal's own line editing applies); an answer that does not read is
//! explained under it and the question asked again, shortly.

use std::fmt::Display;
use std::io::{BufRead, Write};

use graded::model::{Pain, RedFlag, Symptom, red_flag};

/// The width questions are wrapped to: `COLUMNS`, else the terminal's (standard error's), at
/// most 100.
fn width() -> usize {
    super::output::columns(super::output::Stream::Stderr)
        .unwrap_or(80)
        .clamp(40, 100)
}

/// Writes text to standard error, each line wrapped to the terminal: its indentation and inner
/// spacing kept, and a list item's (`  1. `, `  - `) further lines under its text.
pub fn say(text: &str) {
    let mut err = std::io::stderr().lock();
    for line in text.split('\n') {
        for l in wrap_kept(line, width() - 1) {
            let _ = writeln!(err, "{l}");
        }
    }
}

/// Wraps one line at `width` columns, keeping its spacing; continuation lines are indented to
/// the text after a list marker.
fn wrap_kept(line: &str, width: usize) -> Vec<String> {
    let line = graded::text::visible(line);
    let body = line.trim_start();
    let indent = line.len() - body.len();
    let marker = body
        .split_once(' ')
        .filter(|(m, _)| {
            *m == "-" || (m.ends_with('.') && m[..m.len() - 1].bytes().all(|b| b.is_ascii_digit()))
        })
        .map_or(0, |(m, _)| m.len() + 1);
    let hang = " ".repeat(indent + marker);
    let options = textwrap::Options::new(width)
        .initial_indent(&line[..indent])
        .subsequent_indent(&hang)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let lines = textwrap::wrap(body, options);
    if lines.is_empty() {
        return vec![String::new()];
    }
    lines.into_iter().map(|l| l.into_owned()).collect()
}

/// Asks `question` once and reads one line (trimmed). `default` is shown in brackets and
/// stands for an empty answer. The end of input is an error: nothing more can be asked.
pub fn line(question: &str, default: Option<&str>) -> anyhow::Result<String> {
    let prompt = match default {
        Some(d) if !d.is_empty() => format!("{question} [{d}]:"),
        _ => format!("{question}:"),
    };
    // Every line but the last is written whole; the answer follows the last on its line.
    let lines = wrap_kept(&prompt, width() - 1);
    let mut err = std::io::stderr().lock();
    for (i, l) in lines.iter().enumerate() {
        if i + 1 == lines.len() {
            write!(err, "{l} ")?;
        } else {
            writeln!(err, "{l}")?;
        }
    }
    err.flush()?;
    drop(err);
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer)? == 0 {
        errln!();
        anyhow::bail!("no answer to `{question}`: the input ended; nothing was written");
    }
    let answer = answer.trim();
    Ok(match (answer.is_empty(), default) {
        (true, Some(d)) => d.to_string(),
        _ => answer.to_string(),
    })
}

/// Asks until `read` takes the answer; why it did not is shown under the question.
pub fn until<T, E: Display>(
    question: &str,
    default: Option<&str>,
    read: impl Fn(&str) -> Result<T, E>,
) -> anyhow::Result<T> {
    loop {
        let answer = line(question, default)?;
        match read(&answer) {
            Ok(v) => return Ok(v),
            Err(e) => say(&format!("  {e}")),
        }
    }
}

/// A yes or no (`y`, `yes`, `n`, `no`, any case); an empty answer is `default`.
pub fn confirm(question: &str, default: bool) -> anyhow::Result<bool> {
    let hint = if default { "Y/n" } else { "y/N" };
    let q = format!("{question} [{hint}]");
    until(&q, None, |s| match s.to_ascii_lowercase().as_str() {
        "" => Ok(default),
        "y" | "yes" => Ok(true),
        "n" | "no" => Ok(false),
        _ => Err(format!("`{s}`: answer y (yes) or n (no)")),
    })
}

/// One of `items` (`(name, what it is)`), listed one a line and numbered: the answer is its
/// number or its name; an empty answer is the first. `other` also takes what is not listed
/// (a program file, say), or explains what is.
pub fn choose<T>(
    question: &str,
    items: &[(&str, &str)],
    other: impl Fn(&str) -> Result<T, String>,
    pick: impl Fn(usize) -> T,
) -> anyhow::Result<T> {
    let w = items.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    for (i, (name, what)) in items.iter().enumerate() {
        say(&format!("  {}. {name:<w$}  {what}", i + 1));
    }
    until(question, Some(items[0].0), |s| {
        if let Ok(n) = s.parse::<usize>() {
            return match n.checked_sub(1).filter(|&i| i < items.len()) {
                Some(i) => Ok(pick(i)),
                None => Err(format!("`{s}`: give a number from 1 to {}", items.len())),
            };
        }
        match items.iter().position(|(n, _)| n.eq_ignore_ascii_case(s)) {
            Some(i) => Ok(pick(i)),
            None => other(s),
        }
    })
}

/// Asks every red-flag question of the weekly screen, `days` after the injury (the 4-week
/// review only once 4 weeks have passed); returns the ids answered yes.
pub fn red_flags(days: i64) -> anyhow::Result<Vec<Symptom>> {
    say("Red-flag screen: answer each question about NEW symptoms (y/n).");
    // The history questions were asked at intake: they are not asked again each week.
    screen(red_flag::weekly(days))
}

/// The intake's red-flag screen, `days` after the injury: each question worded for a first
/// visit, and the 4-week review asked only once 4 weeks have passed.
pub fn intake_red_flags(days: i64) -> anyhow::Result<Vec<Symptom>> {
    say("Red-flag screen: answer each question about symptoms since the injury (y/n).");
    screen(
        red_flag::RED_FLAGS
            .iter()
            .filter_map(|f| red_flag::question(f, days).map(|q| (f, q))),
    )
}

fn screen<'a>(
    questions: impl Iterator<Item = (&'static RedFlag, &'a str)>,
) -> anyhow::Result<Vec<Symptom>> {
    let mut yes = Vec::new();
    for (f, q) in questions {
        if confirm(q, false)? {
            yes.push(Symptom::Flag(f));
        }
    }
    Ok(yes)
}

/// Asks whether any warning sign is new; on a yes, which ones (by number from the list).
pub fn new_symptoms() -> anyhow::Result<Vec<Symptom>> {
    if !confirm(
        "Any new numbness, tingling, weakness, bladder or bowel change, chest pain, fever or other warning sign?",
        false,
    )? {
        return Ok(Vec::new());
    }
    say("Which? The warning signs:");
    for (i, f) in red_flag::RED_FLAGS.iter().enumerate() {
        say(&format!("  {:>2}. {}", i + 1, f.question));
    }
    until(
        "Their numbers, comma-separated (e.g. 3 or 3,9); 0 if none after all",
        None,
        which_signs,
    )
}

/// Reads `3`, `3,9` or `3 9` as red flags of the list (1-based); `0` is none.
fn which_signs(s: &str) -> Result<Vec<Symptom>, String> {
    let n = red_flag::RED_FLAGS.len();
    if s.trim() == "0" {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for part in s.split([',', ' ']).filter(|p| !p.is_empty()) {
        match part.parse::<usize>() {
            Ok(i @ 1..) if i <= n => {
                let f = Symptom::Flag(&red_flag::RED_FLAGS[i - 1]);
                if !out.contains(&f) {
                    out.push(f);
                }
            }
            _ => {
                return Err(format!(
                    "`{part}`: give numbers from 1 to {n}, or 0 for none"
                ));
            }
        }
    }
    if out.is_empty() {
        return Err(format!("give numbers from 1 to {n}, or 0 for none"));
    }
    Ok(out)
}

/// Asks for a pain score until one checks: a range (`2-3`) or a fraction (`2.5`) is asked again
/// for one whole number, the worse when in doubt.
pub fn pain(label: &str) -> anyhow::Result<Pain> {
    until(label, None, pain_answer)
}

/// A pain score as typed at a prompt, or what to give instead.
pub fn pain_answer(s: &str) -> Result<Pain, String> {
    let s = s.trim();
    let range = s
        .split_once(" to ")
        .or_else(|| s.split_once(['-', '\u{2013}']))
        .filter(|(a, _)| !a.trim().is_empty());
    if let Some((a, b)) = range
        && let (Ok(a), Ok(b)) = (a.trim().parse::<Pain>(), b.trim().parse::<Pain>())
    {
        return Err(format!(
            "give one number: for {s}, pick the worse, {}",
            a.max(b)
        ));
    }
    if let Ok(x) = s.parse::<f64>()
        && (0.0..=10.0).contains(&x)
        && x.fract() != 0.0
    {
        return Err(format!(
            "give a whole number: for {s}, {} or {} (when in doubt, the worse: {})",
            x.floor(),
            x.ceil(),
            x.ceil()
        ));
    }
    s.parse::<Pain>().map_err(|e| e.to_string())
}

/// Asks for the session's effort, a whole RPE 0-10, until one checks.
pub fn rpe(label: &str) -> anyhow::Result<u8> {
    until(label, None, graded::load::session_log::whole_rpe)
}
