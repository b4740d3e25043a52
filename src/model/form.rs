//! The phone's form (issue 23): one line in a session's calendar event to fill in after the
//! session, `pain during / after: _ / _   effort: _` (or `skipped`), and one in its next-morning
//! reminder, `morning pain: _   stiffness: _ min`. What graded writes into an event and how it
//! reads the event back live here, side by side, so the two never drift apart.
//!
//! Read strictly: a few ways a phone keyboard writes two numbers (`2/3`, `2 / 3`, `2 3`) and
//! nothing else. Anything graded cannot read for certain is refused with the reason and left
//! for the terminal, never guessed at. Warning signs are never logged from a calendar: a line
//! the person added that reads like one stops the whole event from being read.

use super::Pain;

/// The session's form line, as graded writes it.
pub const SESSION_FORM: &str = "pain during / after: _ / _   effort: _";

/// The next-morning reminder's form line, as graded writes it.
pub const MORNING_FORM: &str = "morning pain: _   stiffness: _ min";

/// What a session's event says above its form line.
pub const SESSION_HELP: &str = "Log it from here after the session: fill in the line below \
     (pain 0-10, effort 0-10), or write skipped on it; graded reads it on its next sync.";

/// What a reminder says above its form line.
pub const MORNING_HELP: &str = "Log it from here: fill in the line below (pain 0-10, \
     stiffness in minutes); graded reads it on its next sync.";

/// What every form says under it: warning signs go to graded or a clinician, never here.
pub const WARNING_HELP: &str = "Never note a warning sign here (numbness, tingling or \
     weakness, trouble with bladder or bowel, fever, chest pain): run graded log --symptom \
     ID, or call a clinician now.";

/// A session's scores in the form's words: `pain during / after 2 / 3, effort 6`, `skipped`
/// (what the sync says it read, and what an answered event says was logged).
pub fn scores(skipped: bool, during: Option<Pain>, after: Option<Pain>, rpe: Option<u8>) -> String {
    if skipped {
        return "skipped".into();
    }
    let p = |v: Option<Pain>| v.map_or("-".to_string(), |v| v.to_string());
    let effort = rpe.map_or(String::new(), |r| format!(", effort {r}"));
    format!("pain during / after {} / {}{effort}", p(during), p(after))
}

/// What a filled form says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filled {
    /// A session done: pain during and right after, and the effort when given.
    Session {
        /// Worst pain during.
        during: Pain,
        /// Pain right after.
        after: Pain,
        /// The session's RPE.
        effort: Option<u8>,
    },
    /// The session was not done.
    Skipped,
    /// The next morning's back pain and stiffness (when given).
    Morning {
        /// Back pain on waking.
        pain: Pain,
        /// Stiffness, minutes.
        stiffness: Option<u32>,
    },
}

/// What reading an event's notes gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Nothing filled in (the form untouched, or gone).
    Empty,
    /// A form filled in and read.
    Filled(Filled),
    /// A form filled in that graded cannot read for certain: why, for the person.
    Refused(String),
    /// A line the person added that reads like a warning sign: that line.
    Warning(String),
}

/// Reads a session event's notes `now` (the text, unescaped), against the notes graded sent.
pub fn read_session(now: &str, sent: &str) -> Reading {
    read(now, sent, "pain during / after:", session_line)
}

/// Reads a reminder's notes `now` (unescaped), against the notes graded sent.
pub fn read_morning(now: &str, sent: &str) -> Reading {
    read(now, sent, "morning pain:", morning_line)
}

/// A line with its whitespace runs made one space, lowercased: what lines are compared as.
fn norm(line: &str) -> String {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The line without its spaces, lowercased: what a form line's label is matched on.
fn tight(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// Reads the form line labelled `label` with `line`, after the warning check.
fn read(
    now: &str,
    sent: &str,
    label: &str,
    line: fn(&str) -> Result<Option<Filled>, String>,
) -> Reading {
    // graded's own lines, whatever spacing the phone or the server gave them.
    let sent: Vec<String> = sent.lines().map(tight).collect();
    let label = tight(label);
    // The lines the person wrote or changed (graded's own, however the phone spaced them, are
    // not theirs).
    let added: Vec<&str> = now
        .lines()
        .filter(|l| !l.trim().is_empty() && !sent.contains(&tight(l)))
        .collect();
    if let Some(w) = added
        .iter()
        .find(|l| super::red_flag::looks_like_warning(l).is_some())
    {
        return Reading::Warning(w.trim().to_string());
    }
    let form = now.lines().find(|l| tight(l).starts_with(&label));
    let skipped = added.iter().any(|l| is_skipped(l));
    match form {
        Some(f) => {
            // Past the label: what the person filled in.
            let rest = f.split_once(':').map_or("", |(_, r)| r);
            match line(rest) {
                Ok(Some(filled)) => Reading::Filled(filled),
                Ok(None) if skipped && label.starts_with("pain") => {
                    Reading::Filled(Filled::Skipped)
                }
                Ok(None) => Reading::Empty,
                Err(why) => Reading::Refused(format!("`{}`: {why}", f.trim())),
            }
        }
        None if skipped && label.starts_with("pain") => Reading::Filled(Filled::Skipped),
        None => Reading::Empty,
    }
}

/// `skipped` on a line of its own (or on the form line, in place of the scores).
fn is_skipped(line: &str) -> bool {
    let t = norm(line);
    let t = t.trim_end_matches(['.', '!']);
    t == "skipped" || t.ends_with(": skipped") || t == "skip" || t == "not done"
}

/// Whether a field is left as graded wrote it (`_`, or emptied).
fn blank(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || t.chars().all(|c| c == '_')
}

/// A pain score as the form takes it: a whole number 0-10.
fn score(s: &str) -> Result<Pain, String> {
    let t = s.trim();
    match t.parse::<u8>().ok().and_then(|n| Pain::new(n).ok()) {
        Some(p) => Ok(p),
        None => Err(format!("`{t}` is not a pain score (a whole number 0-10)")),
    }
}

/// Splits `rest` at `key` (`effort:`, `stiffness:`), case and spaces aside: the part before and
/// the part after (empty when the key is gone).
fn split_at_key<'a>(rest: &'a str, key: &str) -> (&'a str, &'a str) {
    let lower = rest.to_lowercase();
    match lower.find(key) {
        // Lowercasing ASCII keeps byte offsets; a non-ASCII text is split on the original.
        Some(i) if lower.len() == rest.len() => (&rest[..i], &rest[i + key.len()..]),
        _ => (rest, ""),
    }
}

/// The session line past its label: `2 / 3   effort: 6`.
fn session_line(rest: &str) -> Result<Option<Filled>, String> {
    let (pains, effort) = split_at_key(rest, "effort:");
    let pains = pains.trim();
    if is_skipped(pains) {
        return Ok(Some(Filled::Skipped));
    }
    let parts: Vec<&str> = match pains.matches('/').count() {
        0 => pains.split_whitespace().collect(),
        1 => pains.split('/').map(str::trim).collect(),
        _ => vec![],
    };
    const HOW: &str = "write the two pain scores as 2 / 3, 2/3 or 2 3";
    let effort_blank = blank(effort.trim_end_matches("min"));
    match parts.as_slice() {
        [a, b] if blank(a) && blank(b) => {
            if effort_blank {
                Ok(None)
            } else {
                Err("an effort without the pain scores; fill in both".into())
            }
        }
        [a, b] if blank(a) || blank(b) => Err(format!("one pain score of two; {HOW}")),
        [a, b] => {
            let (during, after) = (score(a)?, score(b)?);
            let effort = if blank(effort) {
                None
            } else {
                Some(
                    crate::load::session_log::whole_rpe(effort)
                        .map_err(|e| format!("effort {e}"))?,
                )
            };
            Ok(Some(Filled::Session {
                during,
                after,
                effort,
            }))
        }
        [one] if blank(one) => Ok(None),
        _ => Err(format!("not read without guessing; {HOW}")),
    }
}

/// The morning line past its label: `1   stiffness: 10 min`.
fn morning_line(rest: &str) -> Result<Option<Filled>, String> {
    let (pain, stiffness) = split_at_key(rest, "stiffness:");
    let stiffness = stiffness.trim();
    let stiffness = stiffness
        .strip_suffix("minutes")
        .or_else(|| stiffness.strip_suffix("mins"))
        .or_else(|| stiffness.strip_suffix("min"))
        .unwrap_or(stiffness)
        .trim();
    let stiffness = if blank(stiffness) {
        None
    } else {
        match stiffness.parse::<u32>() {
            Ok(n) if n <= 1440 => Some(n),
            _ => {
                return Err(format!(
                    "`{stiffness}` is not a stiffness in whole minutes (0-1440)"
                ));
            }
        }
    };
    if blank(pain) {
        return match stiffness {
            None => Ok(None),
            Some(_) => Err("a stiffness without the morning pain; fill in both".into()),
        };
    }
    Ok(Some(Filled::Morning {
        pain: score(pain)?,
        stiffness,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent() -> String {
        format!("{SESSION_HELP}\n{SESSION_FORM}\n{WARNING_HELP}\nStage 1: Walking.")
    }

    fn filled(line: &str) -> Reading {
        read_session(&sent().replace(SESSION_FORM, line), &sent())
    }

    fn session(during: u8, after: u8, effort: Option<u8>) -> Reading {
        Reading::Filled(Filled::Session {
            during: Pain::of(during),
            after: Pain::of(after),
            effort,
        })
    }

    #[test]
    fn a_session_form_reads_what_a_phone_keyboard_writes() {
        for (line, want) in [
            (SESSION_FORM, Reading::Empty),
            ("pain during / after: 2/3   effort: _", session(2, 3, None)),
            (
                "pain during / after: 2 / 3   effort: 6",
                session(2, 3, Some(6)),
            ),
            (
                "pain during / after: 2 3   effort: 6",
                session(2, 3, Some(6)),
            ),
            ("Pain during/after: 0/0 effort: 10", session(0, 0, Some(10))),
            ("pain during / after:  2 / 3   effort:", session(2, 3, None)),
            (
                "pain during / after: skipped",
                Reading::Filled(Filled::Skipped),
            ),
            ("skipped", Reading::Filled(Filled::Skipped)),
            ("Skipped.", Reading::Filled(Filled::Skipped)),
        ] {
            assert_eq!(filled(line), want, "{line}");
        }
    }

    #[test]
    fn a_session_form_that_cannot_be_read_for_certain_is_refused_with_the_reason() {
        for (line, why) in [
            (
                "pain during / after: 2-3   effort: 6",
                "`pain during / after: 2-3   effort: 6`: not read without guessing; write the two pain scores as 2 / 3, 2/3 or 2 3",
            ),
            (
                "pain during / after: 2 / 11   effort: 6",
                "`pain during / after: 2 / 11   effort: 6`: `11` is not a pain score (a whole number 0-10)",
            ),
            (
                "pain during / after: 2 / _   effort: 6",
                "`pain during / after: 2 / _   effort: 6`: one pain score of two; write the two pain scores as 2 / 3, 2/3 or 2 3",
            ),
            (
                "pain during / after: 2 / 3   effort: hard",
                "`pain during / after: 2 / 3   effort: hard`: effort `hard` is not a whole RPE from 0 to 10",
            ),
            (
                "pain during / after: _ / _   effort: 7",
                "`pain during / after: _ / _   effort: 7`: an effort without the pain scores; fill in both",
            ),
            (
                "pain during / after: 2 / 3 / 4   effort: 6",
                "`pain during / after: 2 / 3 / 4   effort: 6`: not read without guessing; write the two pain scores as 2 / 3, 2/3 or 2 3",
            ),
        ] {
            assert_eq!(filled(line), Reading::Refused(why.into()), "{line}");
        }
    }

    #[test]
    fn a_line_that_reads_like_a_warning_sign_stops_the_event_from_being_read() {
        let now = sent().replace(SESSION_FORM, "pain during / after: 2 / 3   effort: 6")
            + "\nleft leg went numb after";
        assert_eq!(
            read_session(&now, &sent()),
            Reading::Warning("left leg went numb after".into())
        );
        // graded's own warning line, spaced otherwise by the phone, is not the person's.
        let respaced = sent().replace(WARNING_HELP, &WARNING_HELP.replace(' ', "  "));
        assert_eq!(read_session(&respaced, &sent()), Reading::Empty);
    }

    #[test]
    fn a_morning_form_reads_the_pain_and_the_stiffness() {
        let sent = format!("{MORNING_HELP}\n{MORNING_FORM}\n{WARNING_HELP}");
        let read = |line: &str| read_morning(&sent.replace(MORNING_FORM, line), &sent);
        let morning = |p: u8, s: Option<u32>| {
            Reading::Filled(Filled::Morning {
                pain: Pain::of(p),
                stiffness: s,
            })
        };
        assert_eq!(read(MORNING_FORM), Reading::Empty);
        assert_eq!(
            read("morning pain: 1   stiffness: 10 min"),
            morning(1, Some(10))
        );
        assert_eq!(read("morning pain: 1   stiffness: _ min"), morning(1, None));
        assert_eq!(
            read("Morning pain: 2 stiffness: 15min"),
            morning(2, Some(15))
        );
        assert_eq!(read("morning pain: 2"), morning(2, None));
        assert_eq!(
            read("morning pain: _   stiffness: 10 min"),
            Reading::Refused(
                "`morning pain: _   stiffness: 10 min`: a stiffness without the morning pain; fill in both"
                    .into()
            )
        );
        assert_eq!(
            read("morning pain: 1   stiffness: a while"),
            Reading::Refused(
                "`morning pain: 1   stiffness: a while`: `a while` is not a stiffness in whole minutes (0-1440)"
                    .into()
            )
        );
    }
}
