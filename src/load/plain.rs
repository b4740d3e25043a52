//! Text in a user's TOML file is plain text: every string value (names, ids, doses, notes ...)
//! is checked for characters that act on a terminal (escape sequences, carriage returns,
//! backspaces, the bidirectional overrides) before anything is built from it.

use serde_spanned::Spanned;
use toml::de::{DeTable, DeValue};

use super::DataError;

/// A character refused in a file's text: a control character (C0, DEL, C1) or a bidirectional
/// override or isolate, the characters [`crate::text::visible`] shows escaped.
pub fn acting(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first character of `s` refused in a field, with its position in characters. Line breaks
/// (`\n`, `\r\n`) and tabs are allowed when `multiline`.
fn first_refused(s: &str, multiline: bool) -> Option<(usize, char)> {
    let mut chars = s.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let allowed = multiline
            && (c == '\n' || c == '\t' || (c == '\r' && chars.peek().is_some_and(|n| n.1 == '\n')));
        if acting(c) && !allowed {
            return Some((i, c));
        }
    }
    None
}

/// A refused character in words: `U+001B (escape)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{1b}' => " (escape)",
        '\r' => " (carriage return)",
        '\n' => " (line break)",
        '\t' => " (tab)",
        '\u{8}' => " (backspace)",
        '\u{7}' => " (bell)",
        '\0' => " (null)",
        '\u{7f}' => " (delete)",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => " (bidirectional override)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// Checks every string in the TOML `text` (already known to parse) for characters that act on
/// a terminal; a field whose last key is in `multiline` may hold line breaks and tabs. The
/// first refused one, in the file's order, is the error: file, line, field.
///
/// With `max_chars`, a longer string is refused too (a program's: a name laid out in a table
/// costs more than its length).
pub fn check(
    path: &str,
    text: &str,
    multiline: &[&str],
    max_chars: Option<usize>,
) -> Result<(), DataError> {
    let Ok(doc) = DeTable::parse(text) else {
        return Ok(());
    };
    let mut found: Found = None;
    let rules = Rules {
        multiline,
        max_chars: max_chars.unwrap_or(usize::MAX),
    };
    walk_table(doc.get_ref(), "", &rules, &mut found);
    match found {
        None => Ok(()),
        Some((offset, field, problem, true)) => Err(DataError::new(path, field, problem)
            .at(text, offset)
            .hint("shorten it: a name, a dose or a note takes a few lines at most")),
        Some((offset, field, problem, false)) => Err(DataError::new(path, field, problem)
            .at(text, offset)
            .hint(if multiline.is_empty() {
                "remove it: text in this file is plain text on one line".to_string()
            } else {
                format!(
                    "remove it: text in this file is plain text (line breaks only in {})",
                    multiline.join(", ")
                )
            })),
    }
}

/// The first problem in the file: its offset, field and problem, and whether it is a length.
type Found = Option<(usize, String, String, bool)>;

/// What a string may hold.
struct Rules<'a> {
    /// The fields (last keys) that may hold line breaks and tabs.
    multiline: &'a [&'a str],
    /// The most characters a string may have.
    max_chars: usize,
}

fn walk_table(t: &DeTable<'_>, prefix: &str, rules: &Rules<'_>, found: &mut Found) {
    for (k, v) in t {
        let key = k.get_ref();
        let field = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        if let Some((_, c)) = first_refused(key, false) {
            note(
                found,
                k.span().start,
                &field,
                format!("a control character, {}, in the key", describe(c)),
            );
        }
        walk_value(v, &field, rules.multiline.contains(&&**key), rules, found);
    }
}

fn walk_value(
    v: &Spanned<DeValue<'_>>,
    field: &str,
    lines: bool,
    rules: &Rules<'_>,
    found: &mut Found,
) {
    match v.get_ref() {
        DeValue::String(s) => {
            let n = s.chars().count();
            if n > rules.max_chars {
                note(
                    found,
                    v.span().start,
                    field,
                    format!(
                        "the text is {n} characters; a text in this file is at most {}",
                        rules.max_chars
                    ),
                );
            }
            if let Some((i, c)) = first_refused(s, lines) {
                note(
                    found,
                    v.span().start,
                    field,
                    format!(
                        "a control character, {}, at character {}: it would act on the terminal",
                        describe(c),
                        i + 1
                    ),
                );
            }
        }
        DeValue::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk_value(x, &format!("{field}[{i}]"), lines, rules, found);
            }
        }
        DeValue::Table(t) => walk_table(t, field, rules, found),
        _ => {}
    }
}

/// Keeps the problem nearest the start of the file.
fn note(found: &mut Found, offset: usize, field: &str, problem: String) {
    if found.as_ref().is_none_or(|f| offset < f.0) {
        let long = problem.starts_with("the text is");
        *found = Some((offset, field.to_string(), problem, long));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_tabs_only_where_text_runs_over_lines() {
        assert_eq!(first_refused("a\tb", false), Some((1, '\t')));
        assert_eq!(first_refused("a\tb\r\nc\nd", true), None);
        assert_eq!(first_refused("ab\rc", true), Some((2, '\r')));
        assert_eq!(first_refused("a\u{1b}[2J", true), Some((1, '\u{1b}')));
        assert_eq!(first_refused("x\u{202e}y", false), Some((1, '\u{202e}')));
        assert_eq!(first_refused("\u{85}", true), Some((0, '\u{85}')));
        assert_eq!(first_refused("Brisk walk ü 😀", false), None);
    }
}
