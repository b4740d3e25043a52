//! The plan as a Markdown message to paste to a physical therapist.

use std::fmt::Write as _;

use super::{Document, Exporter};
use crate::model::NOTICE;

/// Markdown of the plan.
pub struct PlanMarkdown {
    /// The first day whose sessions are listed (every session without it).
    pub from: Option<chrono::NaiveDate>,
}

/// Escapes Markdown table-breaking characters.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

impl Exporter for PlanMarkdown {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let p = doc.profile;
        let plan = &doc.course.plan;
        let mut s = String::new();
        writeln!(s, "# Rehab plan: {}", cell(&doc.program.name))?;
        writeln!(s)?;
        writeln!(
            s,
            "Hello, this is my graded return-to-lifting plan from **graded**, for your review."
        )?;
        writeln!(s)?;
        writeln!(
            s,
            "- Program: {}; injury on {}, program from {}; rest pain at intake {}/10",
            cell(&doc.program.name),
            p.injury_date,
            p.start,
            p.rest_pain
        )?;
        let flags = if p.red_flags.is_empty() {
            "none".to_string()
        } else {
            crate::model::red_flag::in_words(&p.red_flags)
        };
        writeln!(s, "- Red-flag screen ({}): {}", p.screened, flags)?;
        if let Some(t) = doc.course.replay.state.intake_triage() {
            writeln!(s, "- **{}**", t.advice())?;
        }
        let lifts: Vec<String> = p
            .lifts
            .iter()
            .map(|l| {
                format!(
                    "{} {} {} x {}",
                    l.name,
                    crate::model::plan::fmt_load(l.weight),
                    p.units.as_str(),
                    l.reps
                )
            })
            .collect();
        writeln!(
            s,
            "- Pre-injury lifts: {}",
            if lifts.is_empty() {
                "none".into()
            } else {
                lifts.join(", ")
            }
        )?;
        writeln!(
            s,
            "- Training days: {} at {} ({})",
            p.days
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            p.time.format("%H:%M"),
            p.timezone.name()
        )?;
        // The whole course's counts (the history's), not the weeks shown below.
        let t = doc.course.tally;
        let partly = if t.partial > 0 {
            format!(" ({} of them in part)", t.partial)
        } else {
            String::new()
        };
        writeln!(
            s,
            "- As of {}: {} done{partly}, {} skipped, {} missed (a training day with nothing logged){}",
            plan.today,
            crate::text::count(t.done + t.partial, "session", "sessions"),
            t.skipped,
            t.missed,
            if plan.stopped {
                "; **the program is stopped**"
            } else {
                ""
            }
        )?;
        writeln!(s)?;
        writeln!(
            s,
            "Each stage is gated on the pain you report; each stage below says how."
        )?;
        let mut stage = 0;
        for x in super::shown_from(&plan.sessions, self.from) {
            if x.stage != stage {
                stage = x.stage;
                writeln!(s)?;
                writeln!(s, "## Stage {}: {}", x.stage, cell(&x.stage_name))?;
                writeln!(s)?;
                writeln!(s, "{}", x.gates.summary())?;
                writeln!(s)?;
                writeln!(s, "| Date | Step | Status | Exercises |")?;
                writeln!(s, "|---|---|---|---|")?;
            }
            let ex: Vec<String> = x
                .exercises
                .iter()
                .map(|e| format!("{}: {}", cell(&e.name), cell(&e.dose_text(plan.unit))))
                .collect();
            writeln!(
                s,
                "| {} {} | {} | {}{} | {} |",
                x.date.format("%a %d %b"),
                x.time.format("%H:%M"),
                x.step,
                match x
                    .outcome
                    .filter(|_| x.status == crate::model::SlotStatus::Done)
                {
                    Some(o) => format!("{}: {}", x.status.as_str(), o.as_str()),
                    None => x.status.as_str().to_string(),
                },
                if x.deload { ", lighter week" } else { "" },
                ex.join("<br>")
            )?;
        }
        writeln!(s)?;
        if let Some(c) = super::table::completion_shown(plan) {
            writeln!(s, "**{}** {}", c.headline(), cell(&c.means))?;
            writeln!(s)?;
        }
        for text in plan.open_ends() {
            writeln!(s, "{}", cell(&text))?;
            writeln!(s)?;
        }
        writeln!(s, "_{NOTICE}_")?;
        Ok(s.into_bytes())
    }
}
