//! Plain text for a person's terminal, shared by the shell and the exporters: the guidance
//! notice, paragraphs and bullets wrapped for 80 columns, and control characters made visible.

use crate::model::NOTICE;

/// The guidance notice wrapped for an 80-column terminal, ending with a newline.
pub fn notice() -> String {
    wrap(NOTICE, 78).into_iter().map(|l| l + "\n").collect()
}

/// A count with its noun, singular for one: `1 session`, `3 sessions`, `0 sessions`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The indefinite article for `word` as it is said: `an` before a vowel sound (`an amber
/// session`, `an 8-week program`), else `a` (`a green session`, `a red one`).
pub fn article(word: &str) -> &'static str {
    let w = word.trim_start().to_ascii_lowercase();
    let vowel = w.starts_with(['a', 'e', 'i', 'o'])
        || (w.starts_with('u') && !w.starts_with("us") && !w.starts_with("uni"))
        || w.starts_with('8')
        || w.starts_with("11")
        || w.starts_with("18");
    if vowel { "an" } else { "a" }
}

/// A paragraph wrapped for 80 columns (no trailing newline).
pub fn para(text: &str) -> String {
    wrap(text, 78).join("\n")
}

/// A bullet point wrapped for 80 columns: `  - text`, continuation lines indented.
pub fn bullet(text: &str) -> String {
    wrap(text, 74)
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}{l}\n", if i == 0 { "  - " } else { "    " }))
        .collect()
}

/// Text from a file (a program's names, doses and notes, a log's note) made safe for a
/// terminal: control characters (escape sequences, carriage returns, backspaces) and the
/// bidirectional overrides are shown as `\u{1b}` instead of acting on the terminal. Line ends and
/// tabs stay. The one function every terminal view uses for such text.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Wraps text at `width` display columns on spaces (control characters made [`visible`]):
/// whitespace runs collapse to one space and a word longer than the width stays whole.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let text = visible(s);
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    let options = textwrap::Options::new(width)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(&words.join(" "), options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// Appends `d` as `YYYY-MM-DD`, as chrono writes it (long exports write thousands of dates, and
/// chrono's formatter costs more than the rest of a row's cells).
pub fn push_date(out: &mut String, d: chrono::NaiveDate) {
    use chrono::Datelike;
    let Ok(y @ 0..=9999) = u32::try_from(d.year()) else {
        use std::fmt::Write as _;
        let _ = write!(out, "{d}");
        return;
    };
    let (m, day) = (d.month(), d.day());
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let b = [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ];
    out.push_str(std::str::from_utf8(&b).unwrap_or_default());
}

/// A date's weekday as the CSV and JSON exports write it (`Mon`).
pub fn weekday_abbr(d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday().num_days_from_monday() as usize]
}
