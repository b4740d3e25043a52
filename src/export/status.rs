//! Where the person stands, rendered from the course: stage, step, the latest outcome and decision with reasons, what is awaited,
//! the next session, a pain sparkline; the triage message when stopped.

use serde_json::json;

use super::table::Style;
use super::{Document, Exporter};
use crate::engine::{Decision, Outcome};
use crate::model::{EntryKind, NOTICE, Pain, Triage};
use crate::text::{bullet, notice, visible, wrap};

/// A pain score as a sparkline bar.
pub fn spark(p: Pain) -> char {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    BARS[(usize::from(p.get()) * 7).div_ceil(usize::from(Pain::MAX.get()))]
}

/// The status as plain facts, shared by the text and JSON views.
struct Facts {
    outcome: Outcome,
    decision: Decision,
    reasons: Vec<String>,
    triage: Option<Triage>,
    awaiting: Vec<String>,
    sparkline: String,
}

fn facts(doc: &Document<'_>) -> Facts {
    let r = &doc.course.replay;
    let standing = &doc.course.standing;
    let latest = &standing.latest;
    let mut awaiting = Vec::new();
    for date in &standing.missing_mornings {
        awaiting.push(format!(
            "no morning score for {}: the session counts once it is logged (`graded log \
             --next-morning N --date {date}`)",
            date.format("%a %d %b")
        ));
    }
    if let Some(date) = standing.awaiting_morning {
        awaiting.push(format!("next-morning pain for {}", date.format("%a %d %b")));
    }
    if let Some(since) = standing.screen_due {
        awaiting.push(format!(
            "a red-flag screen: the last was {since} days ago (run `graded screen`)"
        ));
    }
    let pains: Vec<Pain> = r
        .judged
        .iter()
        .filter_map(|j| j.entry.session_pain())
        .collect();
    let sparkline = pains
        .iter()
        .rev()
        .take(20)
        .rev()
        .map(|&p| spark(p))
        .collect();
    Facts {
        outcome: latest.outcome,
        decision: latest.decision,
        reasons: latest.reasons.iter().map(ToString::to_string).collect(),
        triage: standing.triage,
        awaiting,
        sparkline,
    }
}

fn text(
    doc: &Document<'_>,
    f: &Facts,
    next: Option<&crate::model::PlannedSession>,
    style: Style,
    how: bool,
) -> String {
    let s = &doc.course.replay.state;
    let p = &doc.program;
    let stage = &p.stages[s.stage()];
    let mut o = String::new();
    if let Some(stop) = &s.stopped() {
        let bar = "=".repeat(72);
        let (head, advice) = if stop.at_intake && stop.triage == Triage::Soon {
            (
                "NO PLAN HAS STARTED".to_string(),
                crate::engine::rules::SEE_A_CLINICIAN_FIRST.to_string(),
            )
        } else {
            (
                format!(
                    "THE PROGRAM IS STOPPED ({})",
                    stop.date.format("%a %d %b %Y")
                ),
                stop.advice(),
            )
        };
        o.push_str(&format!("{bar}\n  {head}\n\n"));
        for line in wrap(&advice, 68) {
            o.push_str(&format!("  {line}\n"));
        }
        // The flags that set the level, with their day when it is not the stop's own (a red
        // flag after a stop for two reds), wrapped inside the banner.
        let why = match &stop.level {
            (flags, day) if !flags.is_empty() && *day != stop.date => {
                format!("{} ({})", stop.cause, day.format("%a %d %b %Y"))
            }
            _ => stop.cause.clone(),
        };
        o.push('\n');
        for (i, line) in wrap(&why, 63).iter().enumerate() {
            o.push_str(&format!(
                "  {}{line}\n",
                if i == 0 { "Why: " } else { "     " }
            ));
        }
        o.push_str(&format!("\n  After a clinician has seen you: graded resume --cleared-by \"NAME, ROLE\"\n{bar}\n\n"));
    }
    o.push_str(&format!(
        "{} · today {}\n",
        visible(&p.name),
        doc.course.plan.today.format("%a %d %b %Y")
    ));
    if s.completed() {
        o.push_str(&crate::text::para(&s.completion_text(doc.profile)));
        o.push('\n');
    } else {
        o.push_str(&format!(
            "Stage {} of {}: {} · step {} of {}\n",
            s.stage() + 1,
            p.stages.len(),
            visible(&stage.name),
            s.step() + 1,
            stage.steps()
        ));
    }
    o.push_str(&format!(
        "Latest: outcome {}, decision {}\n",
        style.outcome(f.outcome, f.outcome.as_str()),
        f.decision.as_str()
    ));
    for r in &f.reasons {
        o.push_str(&bullet(r));
    }
    if let (Some(t), None) = (f.triage, &s.stopped()) {
        o.push_str(&format!("\n{}\n", crate::text::para(t.advice())));
    }
    if let Some(m) = &doc.course.moved {
        o.push_str(&crate::text::para(&visible(&super::answer::finish_moved(
            m,
        ))));
        o.push('\n');
    }
    // A red flag taken back is said as long as the log keeps it [SYNTH].
    for w in &doc.course.withdrawn_flags {
        o.push_str(&crate::text::para(&visible(&w.sentence())));
        o.push('\n');
    }
    // The latest few notes, each clipped: the rest are history's to show.
    let notes: Vec<_> = recent_notes(doc).collect();
    let earlier = notes.len().saturating_sub(STATUS_NOTES);
    for n in &notes[earlier..] {
        o.push_str(&crate::text::para(&visible(&format!(
            "Note from {} ({}): {}",
            n.author,
            n.date.format("%a %d %b"),
            crate::text::clip(&n.note, crate::text::NOTE_SHOWN_CHARS)
        ))));
        o.push('\n');
    }
    if earlier > 0 {
        o.push_str(&crate::text::para(&format!(
            "And {} from the last {RECENT_NOTE_DAYS} days: `graded history` shows them.",
            crate::text::count(earlier, "earlier note", "earlier notes")
        )));
        o.push('\n');
    }
    if !f.awaiting.is_empty() {
        // Wrapped like every paragraph (a morning score's hint is long); one line when short.
        o.push_str(&crate::text::para(&format!(
            "Waiting for: {}",
            f.awaiting.join("; ")
        )));
        o.push('\n');
    }
    if !f.sparkline.is_empty() {
        o.push_str(&format!(
            "Recent pain (worst of during/after, 0-10): {}\n",
            f.sparkline
        ));
    }
    o.push_str(&usual_morning_pain(doc));
    let u = doc.profile.units.as_str();
    for (lift, est) in s.estimates() {
        let before = doc.profile.lift(lift).map(|l| l.one_rep_max());
        o.push_str(&format!(
            "Estimated {lift} 1RM: {est:.0} {u}{}\n",
            before.map_or(String::new(), |x| format!(
                " ({:.0}% of the pre-injury {x:.0} {u})",
                est / x * 100.0
            )),
        ));
    }
    o.push_str(&changes(doc));
    if let Some(n) = next {
        o.push_str(&format!(
            "\nNext session: {} {} · stage {} {} · step {}\n",
            n.date.format("%a %d %b"),
            n.time.format("%H:%M"),
            n.stage,
            visible(&n.stage_name),
            n.step
        ));
        for e in &n.exercises {
            o.push_str(&bullet(&format!(
                "{}: {}",
                e.name,
                e.dose_text(doc.course.plan.unit)
            )));
            o.push_str(&crate::export::exercises::cue_lines(
                &doc.program.library,
                &e.id,
                2,
                "    ",
                78,
            ));
        }
        for a in &n.adjusted {
            o.push_str(&bullet(&format!("Changed: {}", visible(a))));
        }
        o.push_str(&format!(
            "  Stop the session if pain goes above {}/10.\n",
            n.stop_above
        ));
        if how {
            o.push_str(&crate::export::exercises::how(doc, n, 80));
        }
    }
    o.push('\n');
    o.push_str(&notice());
    o
}

/// The baseline, named for what it is, with where it comes from; when the latest session was
/// judged against another figure (its own morning has since moved it), that figure too, so the
/// two numbers a person reads agree.
fn usual_morning_pain(doc: &Document<'_>) -> String {
    use crate::engine::gate::{fmt_baseline, round_baseline};
    use crate::engine::rules::{BASELINE_MORNINGS, BaselineFrom};
    let s = &doc.course.replay.state;
    let now = s.baseline();
    let n = BASELINE_MORNINGS;
    let from = match s.baseline_from() {
        BaselineFrom::Rest { cleared: Some(d) } => format!(
            "your rest pain at the clearance of {}, until {n} next mornings are logged",
            d.format("%a %d %b")
        ),
        BaselineFrom::Rest { cleared: None } => {
            format!("your rest pain at intake, until {n} next mornings are logged")
        }
        BaselineFrom::Mornings(m) => {
            let m: Vec<String> = m.iter().map(ToString::to_string).collect();
            format!(
                "the mean of your last {n} next mornings, {} and {}",
                m[..m.len() - 1].join(", "),
                m[m.len() - 1]
            )
        }
    };
    let mut line = format!(
        "Your usual morning pain (the baseline): {}, {from}.",
        fmt_baseline(now)
    );
    if let Some(j) = doc
        .course
        .replay
        .judged
        .iter()
        .rev()
        .find(|j| j.entry.kind == EntryKind::Session)
        .filter(|j| j.entry.next_morning.is_some())
        && round_baseline(j.baseline) != round_baseline(now)
    {
        line += &format!(
            " The session of {} was judged against {}, the figure before its own next morning.",
            j.entry.date.format("%a %d %b"),
            fmt_baseline(j.baseline)
        );
    }
    crate::text::para(&line) + "\n"
}

/// The program's adjustments (`graded adjust`), numbered, each with who made it and whether
/// it is in force today; nothing when there are none.
fn changes(doc: &Document<'_>) -> String {
    let today = doc.course.plan.today;
    let mut o = String::new();
    for (i, a) in doc.profile.adjust.iter().enumerate() {
        if o.is_empty() {
            o.push_str("\nChanges to the program (graded adjust):\n");
        }
        o.push_str(&bullet(&visible(&format!(
            "#{} {} ({}){}",
            i + 1,
            a.what(),
            a.made_by(),
            adjust_state(a, today)
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default()
        ))));
    }
    o
}

/// `not yet` or `ended` for an adjustment not in force on `today`.
fn adjust_state(a: &crate::model::Adjustment, today: chrono::NaiveDate) -> Option<&'static str> {
    if a.in_force(today) {
        None
    } else if today < a.made {
        Some("not yet")
    } else {
        Some("ended")
    }
}

/// Where the person stands, as text (`graded status`).
pub struct StatusText {
    /// Colour for the outcome.
    pub style: Style,
    /// The next session's exercises in full, from the library (`--how`).
    pub how: bool,
}

/// Where the person stands, as one JSON object (`graded status --format json`).
pub struct StatusJson;

impl Exporter for StatusText {
    fn for_terminal(&self) -> bool {
        true
    }

    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        Ok(text(
            doc,
            &facts(doc),
            doc.course.next_session(),
            self.style,
            self.how,
        )
        .into_bytes())
    }
}

impl Exporter for StatusJson {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let f = facts(doc);
        let s = &doc.course.replay.state;
        let stage = &doc.program.stages[s.stage()];
        let next = doc.course.next_session();
        let v = json!({
            "notice": NOTICE,
            "today": doc.course.plan.today.to_string(),
            "program": doc.program.id,
            "stage": { "index": s.stage() + 1, "id": stage.id, "name": stage.name },
            "step": s.step() + 1,
            "steps": stage.steps(),
            "decision": f.decision.as_str(),
            "outcome": f.outcome.as_str(),
            "reasons": f.reasons,
            "triage": f.triage.map(Triage::word),
            "advice": f.triage.map(Triage::advice),
            "stopped": s.stopped().is_some(),
            "stop": s.stopped().as_ref().map(|st| json!({
                "date": st.date.to_string(),
                "triage": st.triage.word(),
                "flags": st.flags,
                "cause": st.cause,
            })),
            "withdrawn_flags": doc.course.withdrawn_flags.iter().map(|w| json!({
                "date": w.date.to_string(),
                "flags": w.flags,
                "correction": w.kind.as_str(),
                "on": w.on.to_string(),
                "reason": w.reason,
                "text": w.sentence(),
            })).collect::<Vec<_>>(),
            "finish_moved": doc.course.moved.as_ref().map(|m| json!({
                "session": m.session.to_string(),
                "from": m.from.to_string(),
                "to": m.to.map(|d| d.to_string()),
                "days": m.to.map(|d| (d - m.from).num_days()),
                "decision": m.decision.as_str(),
                "why": super::why(m.why.as_ref()),
                "text": super::answer::finish_moved(m),
            })),
            "notes": recent_notes(doc).map(|n| json!({
                "date": n.date.to_string(),
                "by": n.author,
                "text": n.note,
            })).collect::<Vec<_>>(),
            "paused": doc.course.standing.pause.is_some(),
            "pause": doc.course.standing.pause.as_ref().map(ToString::to_string),
            "completed": s.completed(),
            "completion": s.completed().then(|| s.completion_text(doc.profile)),
            "estimated_1rm": s.estimates(),
            "awaiting": f.awaiting,
            "baseline": crate::engine::gate::round_baseline(s.baseline()),
            "adjustments": doc.profile.adjust.iter().enumerate().map(|(i, a)| json!({
                "number": i + 1,
                "change": a,
                "text": a.what(),
                "in_force": a.in_force(doc.course.plan.today),
            })).collect::<Vec<_>>(),
            "next_session": next.map(|n| json!({
                "date": n.date.to_string(),
                "time": n.time.format("%H:%M").to_string(),
                "stage": { "index": n.stage, "id": n.stage_id, "name": n.stage_name },
                "step": n.step,
                "exercises": n.exercises,
                "adjusted": n.adjusted,
            })),
        });
        let mut bytes = super::pretty::to_vec(&v)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// The most therapist's notes `graded status` shows, the latest (the JSON holds every one of
/// the last [`RECENT_NOTE_DAYS`] days).
pub const STATUS_NOTES: usize = 3;

/// Days a therapist's note stays in `graded status` (history and the report keep them all).
pub const RECENT_NOTE_DAYS: i64 = 14;

/// The therapists' notes of the last [`RECENT_NOTE_DAYS`] days up to today, oldest first.
fn recent_notes<'a>(doc: &'a Document<'_>) -> impl Iterator<Item = &'a crate::model::LogEntry> {
    let today = doc.course.plan.today;
    doc.course
        .notes
        .iter()
        .filter(move |n| n.date <= today && (today - n.date).num_days() < RECENT_NOTE_DAYS)
}
