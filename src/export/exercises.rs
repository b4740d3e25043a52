//! The exercise library on a terminal: the program's exercises stage by stage
//! (`graded exercises`), and one entry in full (`graded exercises show ID`) with its dose in the
//! person's plan. Also the lines that week and status print under an exercise.

use std::fmt::Write as _;

use super::Document;
use crate::model::exercise::ExerciseEntry;
use crate::model::{Library, PlannedSession, Program};
use crate::text::{notice, visible, wrap};

/// The red flags a person stops for during any exercise, in plain words, with how to log them.
pub const RED_FLAGS: &str = "Stop at once, log it and seek care for any red flag: new numbness, \
tingling or weakness in a leg, numbness in the groin or saddle area, or a new change in bladder \
or bowel control (`graded log --symptom saddle-numbness`, `bladder-bowel`, `both-legs` or \
`one-limb-nerve`).";

/// The session's pain rule for an exercise: stop above `stop_above`, log it.
pub fn pain_rule(stop_above: Option<crate::model::Pain>) -> String {
    match stop_above {
        Some(p) => format!(
            "your back pain goes above {p}/10 during it: stop the session there and log it (`graded log --pain-during N`)"
        ),
        None => "your back pain goes above the session's limit (`graded week` shows it): stop the session there and log it".to_string(),
    }
}

/// `text` wrapped to `width` with `first` before its first line and `indent` before the rest.
fn block(out: &mut String, first: &str, indent: &str, text: &str, width: usize) {
    let w = width.saturating_sub(indent.chars().count()).max(20);
    for (i, line) in wrap(text, w).iter().enumerate() {
        out.push_str(if i == 0 { first } else { indent });
        out.push_str(line);
        out.push('\n');
    }
}

/// A labelled paragraph: `Label: text`, wrapped with a hanging indent.
fn labelled(out: &mut String, label: &str, text: &str, width: usize) {
    block(out, "", "  ", &format!("{label}: {text}"), width);
}

/// `graded exercises show ID`: one entry in full.
pub struct ExerciseShow<'a> {
    /// The entry.
    pub entry: &'a ExerciseEntry,
    /// The person's plan, when there is a workspace (or `--example`).
    pub doc: Option<&'a Document<'a>>,
    /// Columns to fill.
    pub width: usize,
}

impl ExerciseShow<'_> {
    /// The entry as text.
    pub fn render(&self) -> String {
        let e = self.entry;
        let w = self.width.clamp(40, 100);
        let mut out = String::new();
        let _ = writeln!(out, "{} ({})", visible(&e.name), visible(&e.id));
        out.push('\n');
        if let Some(doc) = self.doc {
            dose_lines(&mut out, doc, &e.id, w);
            out.push('\n');
        }
        let next = self.doc.and_then(|d| next_session(d, &e.id));
        entry_body(&mut out, e, next.map(|s| s.stop_above), w, true);
        out.push('\n');
        out.push_str(&notice());
        out
    }
}

/// The entry's parts, wrapped to `w`; `see_also` names the easier and harder entries' commands.
pub fn entry_body(
    out: &mut String,
    e: &ExerciseEntry,
    stop_above: Option<crate::model::Pain>,
    w: usize,
    see_also: bool,
) {
    labelled(out, "Why", &e.purpose, w);
    labelled(out, "Setup", &e.setup, w);
    if !e.equipment.is_empty() {
        labelled(out, "Equipment", &e.equipment.join(", "), w);
    }
    out.push_str("How:\n");
    for (i, c) in e.cues.iter().enumerate() {
        block(out, &format!("  {}. ", i + 1), "     ", c, w);
    }
    labelled(out, "You should feel", &e.feel, w);
    labelled(out, "You should not feel", &e.not_feel, w);
    out.push_str("Stop and log if:\n");
    for s in &e.stop_if {
        block(out, "  - ", "    ", s, w);
    }
    block(out, "  - ", "    ", &pain_rule(stop_above), w);
    block(out, "  ", "  ", RED_FLAGS, w);
    out.push_str("Common mistakes:\n");
    for m in &e.mistakes {
        block(out, "  - ", "    ", m, w);
    }
    for (label, v) in [("Easier", &e.easier), ("Harder", &e.harder)] {
        let text = match (&v.id, see_also) {
            (Some(id), true) => format!("{} (graded exercises show {id})", v.text),
            _ => v.text.to_string(),
        };
        labelled(out, label, &text, w);
    }
    labelled(out, "Without the equipment", &e.without_equipment, w);
}

/// The next session on or after today holding exercise `id`.
pub fn next_session<'a>(doc: &'a Document<'_>, id: &str) -> Option<&'a PlannedSession> {
    let today = doc.course.plan.today;
    doc.course
        .plan
        .sessions
        .iter()
        .find(|s| s.date >= today && s.exercises.iter().any(|x| &*x.id == id))
}

/// `In your plan: ...`: the next session's dose, or where the program uses the exercise.
fn dose_lines(out: &mut String, doc: &Document<'_>, id: &str, w: usize) {
    match next_session(doc, id) {
        Some(s) => {
            let x = s
                .exercises
                .iter()
                .find(|x| &*x.id == id)
                .expect("found above");
            labelled(
                out,
                "In your plan",
                &format!(
                    "next on {}: {} (stage {}: {}, step {}){}",
                    s.date.format("%a %d %b %Y"),
                    x.dose_text(doc.course.plan.unit),
                    s.stage,
                    s.stage_name,
                    s.step,
                    if s.deload { ", a lighter week" } else { "" }
                ),
                w,
            );
        }
        None => {
            let stages = stages_using(doc.program, id);
            let text = if stages.is_empty() {
                format!("{} does not use it.", doc.program.id)
            } else {
                format!(
                    "no session ahead holds it ({} uses it in {}).",
                    doc.program.id,
                    stages.join(", ")
                )
            };
            labelled(out, "In your plan", &text, w);
        }
    }
}

/// The names of the stages of `p` that use exercise `id`.
fn stages_using(p: &Program, id: &str) -> Vec<String> {
    p.stages
        .iter()
        .enumerate()
        .filter(|(_, s)| s.exercises.iter().any(|e| &*e.id == id))
        .map(|(i, s)| format!("stage {}: {}", i + 1, s.name))
        .collect()
}

/// `graded exercises`: the program's exercises stage by stage, or (`all`) the whole library.
pub fn list(program: &Program, library: &Library, all: bool, width: usize) -> String {
    let w = width.clamp(40, 100);
    let mut out = String::new();
    let id_w = library.entries().map(|e| e.id.len()).max().unwrap_or(0) + 2;
    let row = |out: &mut String, id: &str, name: &str| {
        let first = format!("  {id:<id_w$}");
        let indent = " ".repeat(first.chars().count());
        block(out, &first, &indent, name, w);
    };
    if all {
        let _ = writeln!(out, "The exercise library ({} exercises)", library.len());
        out.push('\n');
        for e in library.entries() {
            row(&mut out, &visible(&e.id), &visible(&e.name));
        }
    } else {
        let _ = writeln!(
            out,
            "The exercises of {} ({}), stage by stage",
            visible(&program.name),
            visible(&program.id)
        );
        for (i, s) in program.stages.iter().enumerate() {
            out.push('\n');
            let _ = writeln!(out, "Stage {}: {}", i + 1, visible(&s.name));
            for x in &s.exercises {
                let name = library.get(&x.id).map_or(&*x.name, |e| &e.name);
                let purpose = library.get(&x.id).map(|e| &*e.purpose);
                row(
                    &mut out,
                    &visible(&x.id),
                    &match purpose {
                        Some(p) => format!("{}: {}", visible(name), visible(p)),
                        None => visible(name).into_owned(),
                    },
                );
            }
        }
    }
    out.push('\n');
    out.push_str("How to do one: `graded exercises show ID`.");
    if !all {
        out.push_str(" Every exercise: `graded exercises --all`.");
    }
    out.push('\n');
    out.push_str(&notice());
    out
}

/// The first `n` cues of exercise `id`, when the library has it.
pub fn cues<'a>(library: &'a Library, id: &str, n: usize) -> &'a [crate::model::exercise::Words] {
    library
        .get(id)
        .map_or(&[][..], |e| &e.cues[..n.min(e.cues.len())])
}

/// The first `n` cues of exercise `id` as lines under it: `indent`, `- `, the cue, wrapped to
/// `width`. Empty when the library lacks the exercise.
pub fn cue_lines(library: &Library, id: &str, n: usize, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let first = format!("{indent}- ");
    let rest = format!("{indent}  ");
    for c in cues(library, id, n) {
        block(&mut out, &first, &rest, c, width);
    }
    out
}

/// The whole entries of a session's exercises (each once), for `--how`.
pub fn how(doc: &Document<'_>, s: &PlannedSession, width: usize) -> String {
    let mut out = String::new();
    let mut seen = std::collections::HashSet::new();
    for x in &s.exercises {
        let Some(e) = doc.program.library.get(&x.id) else {
            continue;
        };
        if !seen.insert(&*x.id) {
            continue;
        }
        out.push('\n');
        // Named as the plan and status name it (the library's `exercises show ID` has its
        // own name: "Gentle stretching" is the knee hug).
        let _ = writeln!(
            out,
            "{} ({}): {}",
            visible(&x.name),
            visible(&e.id),
            visible(&x.dose_text(doc.course.plan.unit))
        );
        entry_body(&mut out, e, Some(s.stop_above), width, true);
    }
    out
}
