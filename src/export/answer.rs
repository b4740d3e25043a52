//! What a command that has just written a row answers: the session judged (`graded log`, a
//! correction), where the person now stands, and the stop a red flag made. Plain text from the
//! course; the command prints it and sets the exit code.

use chrono::NaiveDate;

use crate::engine::{Course, Decision, Rule};
use crate::model::{EntryKind, Program, SessionStatus, Symptom, red_flag};
use crate::text::{bullet, notice, para, visible};

/// An answer: its text (notice included) and whether the program is stopped (exit 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// What to print.
    pub text: String,
    /// The program is stopped.
    pub stopped: bool,
}

/// The session of `date` as the course judged it, `verb` saying what was done (`Logged`,
/// `Amended`): outcome, decision, each reason; then the stop's advice, or where the person now
/// stands and, when the morning score is still to come, how to give it.
pub fn session(course: &Course, program: &Program, date: NaiveDate, verb: &str) -> Answer {
    session_moving(course, program, date, verb)
}

/// Where a projected finish moved to from `before`: `to Fri 05 Mar 2027 (7 days later)`.
fn moved_to(before: NaiveDate, after: Option<NaiveDate>) -> String {
    match after {
        Some(a) if a > before => format!(
            "to {} ({} days later)",
            a.format("%a %d %b %Y"),
            (a - before).num_days()
        ),
        Some(a) => format!(
            "to {} ({} days sooner)",
            a.format("%a %d %b %Y"),
            (before - a).num_days()
        ),
        None => "to no date yet".to_string(),
    }
}

/// The latest session's move of the projected finish, as status says it.
pub fn finish_moved(m: &crate::engine::course::FinishMove) -> String {
    format!(
        "The session of {} moved the projected finish from {} {}: its decision was {}. {}",
        m.session.format("%a %d %b"),
        m.from.format("%a %d %b %Y"),
        moved_to(m.from, m.to),
        m.decision.as_str(),
        super::why(m.why.as_ref())
    )
}

/// [`session`], saying when the session of `date` moved the projected finish, from when to
/// when, and why: the course's [`Course::moved`] (built with
/// [`crate::engine::course::course_with_finish_move`]), the very sentence `graded status`
/// says. A session still waiting for its morning has not moved it yet.
pub fn session_moving(course: &Course, program: &Program, date: NaiveDate, verb: &str) -> Answer {
    let r = &course.replay;
    let j = r
        .judged
        .iter()
        .rev()
        .find(|j| j.entry.date == date && j.entry.kind == EntryKind::Session)
        .expect("the session just written is in the course");
    let mut text = format!(
        "{verb} {} ({}): outcome {}, decision {}.\n",
        date.format("%a %d %b %Y"),
        j.entry.status.as_str(),
        j.outcome.as_str(),
        j.decision.as_str()
    );
    for reason in &j.reasons {
        text += &bullet(&reason.to_string());
    }
    if let Some(stop) = r.state.stopped() {
        text += &format!("\n{}\n\n", para(stop.triage.advice()));
        text += &notice();
        return Answer {
            text,
            stopped: true,
        };
    }
    if let Some(m) = course.moved.as_ref().filter(|m| m.session == date) {
        text += &para(&finish_moved(m));
        text.push('\n');
    }
    text += &now(program, course);
    text.push('\n');
    if j.decision != Decision::Stop
        && j.entry.next_morning.is_none()
        && j.entry.status != SessionStatus::Skipped
    {
        text += &para(&format!(
            "Tomorrow morning: `graded log --next-morning N`. {}.",
            program.morning_question
        ));
        text.push('\n');
    }
    text += &notice();
    Answer {
        text,
        stopped: false,
    }
}

/// Where the person stands after a row: `Now: stage 2 Mobility, step 1 of 3.`
pub fn now(program: &Program, course: &Course) -> String {
    let s = &course.replay.state;
    let stage = &program.stages[s.stage()];
    format!(
        "Now: stage {} {}, step {} of {}.",
        s.stage() + 1,
        visible(&stage.name),
        s.step() + 1,
        stage.steps()
    )
}

/// The stop `recorded` red flags made on `date`, with the advice of the strongest triage in
/// force: an earlier, stronger one stands until a clearance [SYNTH].
pub fn stopped_by(course: &Course, recorded: &[Symptom], date: NaiveDate) -> String {
    let stop = course
        .replay
        .state
        .stopped()
        .expect("red flags stop the program");
    // The new flags' own advice, then the stronger one in force when the engine kept it: both
    // as the row that recorded the flags says.
    let row = course
        .replay
        .judged
        .iter()
        .rev()
        .find(|j| j.entry.date == date && j.flags_triage().is_some());
    let new = row.and_then(|j| j.flags_triage()).unwrap_or(stop.triage);
    let mut text = format!(
        "Recorded {} on {date}.\n\n{}\n\n",
        red_flag::in_words(recorded),
        para(new.advice())
    );
    let stands = row.is_some_and(|j| j.reasons.iter().any(|r| r.rule == Rule::TriageStands));
    if stands {
        text += &format!(
            "{}\n\n",
            para(&format!(
                "The program stays stopped at its strongest level. {}",
                stop.advice()
            ))
        );
    }
    text += "The program is stopped until `graded resume --cleared-by ...`.\n";
    text += &notice();
    text
}

/// A red-flag screen with no red flags, recorded on `date`: the next one in a week, or, while
/// the program is stopped, never an all-clear: the stop and its strongest advice stand.
pub fn screened(course: &Course, date: NaiveDate) -> Answer {
    match course.replay.state.stopped() {
        None => Answer {
            text: format!(
                "Screen recorded on {date}: no red flags. Next screen in a week.\n{}",
                notice()
            ),
            stopped: false,
        },
        Some(stop) => Answer {
            text: format!(
                "Screen recorded on {date}: no new red flags.\n\n{}\n\n{}\n{}",
                para(&format!(
                    "The program stays stopped: this is no all-clear. {}",
                    stop.advice()
                )),
                "The program is stopped until `graded resume --cleared-by ...`.",
                notice()
            ),
            stopped: true,
        },
    }
}
