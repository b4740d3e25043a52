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

/// A character that acts on a terminal and is shown instead: a control character (but a line
/// end or a tab) or a bidirectional override or isolate.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from a file (a program's names, doses and notes, a log's note) made safe for a
/// terminal: control characters (escape sequences, carriage returns, backspaces) and the
/// bidirectional overrides are shown as `\u{1b}` instead of acting on the terminal. Line ends and
/// tabs stay. The one function every terminal view uses for such text.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
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

/// A writer that passes text on to a terminal [`visible`], keeping `\r\n` line ends (a CSV's
/// rows end so): an export made for a file or a program (CSV, Markdown, JSON) shown on a
/// terminal. A character cut between two writes waits for its end; [`Shown::finish`] writes
/// what is left.
pub struct Shown<W: std::io::Write> {
    inner: W,
    /// Bytes not passed on yet: an incomplete UTF-8 character or a `\r` that may begin `\r\n`.
    tail: Vec<u8>,
}

impl<W: std::io::Write> Shown<W> {
    /// Shows what is written on `inner`.
    pub fn new(inner: W) -> Self {
        Shown {
            inner,
            tail: Vec::new(),
        }
    }

    /// Passes on the complete text held; at the `end`, everything.
    fn pass(&mut self, end: bool) -> std::io::Result<()> {
        let mut cut = match std::str::from_utf8(&self.tail) {
            Err(e) if e.error_len().is_none() && !end => e.valid_up_to(),
            _ => self.tail.len(),
        };
        if !end && self.tail[..cut].ends_with(b"\r") {
            cut -= 1;
        }
        let text = String::from_utf8_lossy(&self.tail[..cut]);
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if hidden(c) && !(c == '\r' && chars.peek() == Some(&'\n')) {
                out.extend(c.escape_unicode());
            } else {
                out.push(c);
            }
        }
        self.inner.write_all(out.as_bytes())?;
        self.tail.drain(..cut);
        Ok(())
    }

    /// Writes what is left and flushes.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.pass(true)?;
        self.inner.flush()
    }
}

impl<W: std::io::Write> std::io::Write for Shown<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tail.extend_from_slice(buf);
        self.pass(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.pass(false)?;
        self.inner.flush()
    }
}

/// The most characters of a person's note that a table cell or `graded status` shows (a note
/// typed with `graded log --note` has at most 500): a longer one is [`clip`]ped there, and the
/// CSV and JSON exports keep it whole.
pub const NOTE_SHOWN_CHARS: usize = 500;

/// `s` cut after its first `max` characters, saying how many more the CSV holds:
/// `abc… (12 more characters: see graded history --format csv)`. Linear in `max`, whatever the
/// length of `s` beyond it, apart from counting it.
pub fn clip(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(s),
        Some((i, _)) => std::borrow::Cow::Owned(format!(
            "{}… ({}: see graded history --format csv)",
            &s[..i],
            count(s[i..].chars().count(), "more character", "more characters")
        )),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    /// `parts` written one by one through [`Shown`].
    fn shown(parts: &[&[u8]]) -> String {
        let mut out = Vec::new();
        let mut w = Shown::new(&mut out);
        for p in parts {
            w.write_all(p).expect("writes");
        }
        w.finish().expect("finishes");
        String::from_utf8(out).expect("utf8")
    }

    #[test]
    fn a_long_note_is_clipped_saying_how_much_more_the_csv_holds() {
        assert_eq!(clip("short", 5), "short");
        assert_eq!(
            clip("abcdef", 5),
            "abcde… (1 more character: see graded history --format csv)"
        );
        let pasted = "é".repeat(1_000_000);
        assert_eq!(
            clip(&pasted, 3),
            "ééé… (999997 more characters: see graded history --format csv)"
        );
    }

    #[test]
    fn shown_text_keeps_line_ends_and_shows_what_would_act_even_cut_between_writes() {
        assert_eq!(
            shown(&[b"a,b\r\nc,\"\x1b[2J\"\r\n"]),
            "a,b\r\nc,\"\\u{1b}[2J\"\r\n"
        );
        // A CRLF and a character cut between writes.
        let e = "é\u{202e}".as_bytes();
        assert_eq!(
            shown(&[b"x\r", b"\ny", &e[..1], &e[1..3], &e[3..], b"\r", b"z\r"]),
            "x\r\nyé\\u{202e}\\u{d}z\\u{d}"
        );
        assert_eq!(shown(&[b"plain\ttext\n"]), "plain\ttext\n");
    }
}
