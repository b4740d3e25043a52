//! Terminal tables (comfy-table): the plan week by week, one week in detail. As wide as the
//! terminal; 80 columns in a file or a pipe.

use chrono::NaiveDate;
use comfy_table::{Cell, ContentArrangement, Table, presets};

use super::{Document, Exporter};
use crate::model::{PlannedSession, SlotStatus};
use crate::text::{notice, para, visible, wrap};

/// Terminal styling: colour (`--color`, `NO_COLOR`) and the width tables fill.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use colour.
    pub color: bool,
    /// Columns the tables may fill: the terminal's, 80 when not writing to a terminal.
    pub width: u16,
    /// Writing to a terminal (else a file or a pipe).
    pub terminal: bool,
}

impl Style {
    /// No limit: no cell is wrapped to fit.
    pub const UNWRAPPED: u16 = u16::MAX;

    /// The style of a table whose long cells (the history's reasons) are read whole off a
    /// terminal: the terminal's width on one, and no wrapping in a file or a pipe, so each
    /// cell's line stays whole for `less -S`, `grep` or a wide window (ripgrep and fd print
    /// their lines whole too); the plan's tables keep 80 columns there, to paste or print.
    pub fn unwrapped_off_a_terminal(self) -> Style {
        if self.terminal {
            self
        } else {
            Style {
                width: Style::UNWRAPPED,
                ..self
            }
        }
    }
}

impl Default for Style {
    /// No colour, 80 columns: what a file or a pipe gets.
    fn default() -> Style {
        Style {
            color: false,
            width: 80,
            terminal: false,
        }
    }
}

impl Style {
    /// `word` in the colour of a pain outcome (green, amber, red or stop) when colour is on; the
    /// word itself always stays, so nothing is said by colour alone.
    pub fn outcome(self, outcome: crate::engine::Outcome, word: &str) -> String {
        use crate::engine::Outcome;
        let code = match outcome {
            Outcome::Green => "32",
            Outcome::Amber => "33",
            Outcome::Red | Outcome::Stop => "31",
            Outcome::Pending | Outcome::None => return word.to_string(),
        };
        if self.color {
            format!("\u{1b}[{code}m{word}\u{1b}[0m")
        } else {
            word.to_string()
        }
    }

    /// The comfy-table colour of a pain outcome, when colour is on.
    pub fn outcome_color(self, outcome: crate::engine::Outcome) -> Option<comfy_table::Color> {
        use crate::engine::Outcome;
        if !self.color {
            return None;
        }
        match outcome {
            Outcome::Green => Some(comfy_table::Color::Green),
            Outcome::Amber => Some(comfy_table::Color::Yellow),
            Outcome::Red | Outcome::Stop => Some(comfy_table::Color::Red),
            Outcome::Pending | Outcome::None => None,
        }
    }
}

/// The plan as weekly tables.
pub struct PlanTable {
    /// Styling.
    pub style: Style,
    /// The first day shown (every session without it); earlier sessions are counted in a line
    /// that says how to see them.
    pub from: Option<NaiveDate>,
}

/// One week (Monday to Sunday) in detail.
pub struct WeekTable {
    /// Any date in the week.
    pub date: NaiveDate,
    /// Styling.
    pub style: Style,
    /// Each session followed by its exercises' whole library entries (`--how`).
    pub how: bool,
}

/// A new table as wide as `style` allows (80 columns off a terminal).
pub fn new_table(style: Style) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    if !style.color {
        t.force_no_tty();
    } else {
        t.enforce_styling();
    }
    t
}

/// A past slot's mark, short enough for the plan's day column: the outcome of a session done
/// (`[green]`, `[amber]`, `[red]`, `[stop]`, `[pending]` while its next-morning pain is due),
/// `[skipped]` or `[missed]`; nothing for a slot ahead.
fn status_mark(s: &PlannedSession) -> String {
    match (s.status, s.outcome) {
        (SlotStatus::Planned, _) => String::new(),
        (SlotStatus::Done, Some(o)) => format!("[{}]", o.as_str()),
        (SlotStatus::Done, None) => "[done]".into(),
        (SlotStatus::Skipped, _) => "[skipped]".into(),
        (SlotStatus::Missed, _) => "[missed]".into(),
    }
}

/// A past slot in words, for the week's session titles: `done: green`, `done, next-morning
/// pain still to log`, `skipped`, `missed`.
fn status_words(s: &PlannedSession) -> String {
    match (s.status, s.outcome) {
        (SlotStatus::Planned, _) => String::new(),
        (SlotStatus::Done, Some(crate::engine::Outcome::Pending)) => {
            " [done, next-morning pain still to log]".into()
        }
        (SlotStatus::Done, Some(o)) => format!(" [done: {}]", o.as_str()),
        (SlotStatus::Done, None) => " [done]".into(),
        (SlotStatus::Skipped, _) => " [skipped]".into(),
        (SlotStatus::Missed, _) => " [missed]".into(),
    }
}

fn day_cell(s: &PlannedSession) -> String {
    let mark = status_mark(s);
    format!(
        "{}\n{}{}{mark}",
        s.date.format("%a %d %b"),
        s.time.format("%H:%M"),
        if mark.is_empty() { "" } else { "\n" },
    )
}

fn stage_cell(s: &PlannedSession) -> String {
    let deload = if s.deload { "\nlighter" } else { "" };
    format!(
        "{} · step {}\nsession {}{deload}",
        s.stage, s.step, s.session
    )
}

fn header(doc: &Document<'_>) -> String {
    let p = doc.profile;
    let days: Vec<String> = p.days.iter().map(|d| d.to_string()).collect();
    let mut out = format!(
        "{} ({})\nStart {} · {} · {} {} · {}\n",
        visible(&doc.program.name),
        visible(&doc.program.id),
        p.start.format("%a %d %b %Y"),
        days.join("/"),
        p.time.format("%H:%M"),
        p.timezone.name(),
        p.units.as_str(),
    );
    // An S-triaged intake flag makes the plan, and the plan carries the advice.
    if let Some(t) = doc.course.replay.state.intake_triage() {
        for line in wrap(
            &format!(
                "Intake red flags ({}): {}",
                crate::model::red_flag::in_words(&p.red_flags),
                t.advice()
            ),
            78,
        ) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The session table for a list of sessions.
fn sessions_table(doc: &Document<'_>, sessions: &[&PlannedSession], style: Style) -> Table {
    let mut t = new_table(style);
    t.set_header(vec!["Day", "Stage", "Exercise", "Dose"]);
    t.column_mut(0)
        .expect("4 columns")
        .set_constraint(comfy_table::ColumnConstraint::Absolute(
            comfy_table::Width::Fixed(12),
        ));
    t.column_mut(1)
        .expect("4 columns")
        .set_constraint(comfy_table::ColumnConstraint::Absolute(
            comfy_table::Width::Fixed(12),
        ));
    for s in sessions {
        let (day, stage) = (day_cell(s), stage_cell(s));
        let mut day_lines = day.lines();
        let mut stage_lines = stage.lines();
        // The colour of the outcome (the word is always there too).
        let tint = |c: Cell| match (style.color, s.status) {
            (false, _) | (true, SlotStatus::Planned) => c,
            (true, SlotStatus::Done) => match s.outcome.and_then(|o| style.outcome_color(o)) {
                Some(color) => c.fg(color),
                None => c,
            },
            (true, SlotStatus::Skipped) => c.fg(comfy_table::Color::Yellow),
            (true, SlotStatus::Missed) => c.fg(comfy_table::Color::Red),
        };
        for e in &s.exercises {
            t.add_row(vec![
                tint(Cell::new(day_lines.next().unwrap_or_default())),
                Cell::new(stage_lines.next().unwrap_or_default()),
                Cell::new(visible(&e.name)),
                Cell::new(visible(&e.dose_text(doc.course.plan.unit))),
            ]);
        }
        let rest: Vec<&str> = day_lines.collect();
        let rest_stage: Vec<&str> = stage_lines.collect();
        if !rest.is_empty() || !rest_stage.is_empty() {
            t.add_row(vec![
                rest.join("\n"),
                rest_stage.join("\n"),
                String::new(),
                String::new(),
            ]);
        }
    }
    t
}

use crate::model::plan::week_start;

fn footer(doc: &Document<'_>, out: &mut String) {
    if doc.course.plan.stopped {
        out.push_str("\nThe program is STOPPED: no sessions are planned. See `graded status`.\n");
    }
    if let Some(c) = completion_shown(&doc.course.plan) {
        out.push('\n');
        out.push_str(&para(&format!("{} {}", c.headline(), c.means)));
        out.push('\n');
    }
    for text in doc.course.plan.open_ends() {
        out.push('\n');
        out.push_str(&para(&visible(&text)));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&notice());
}

/// The completion, when the sessions shown reach it.
pub fn completion_shown(plan: &crate::model::Plan) -> Option<&crate::model::Completion> {
    plan.completion
        .as_ref()
        .filter(|c| plan.sessions.last().is_some_and(|s| s.date >= c.date))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

impl Exporter for PlanTable {
    fn for_terminal(&self) -> bool {
        true
    }

    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let mut out = header(doc);
        let sessions = super::shown_from(&doc.course.plan.sessions, self.from);
        let hidden = doc.course.plan.sessions.len() - sessions.len();
        if hidden > 0 {
            out.push_str(&para(&format!(
                "{hidden} earlier sessions are not shown: `graded plan --all` shows every week."
            )));
            out.push('\n');
        }
        let mut i = 0;
        while i < sessions.len() {
            let ws = week_start(sessions[i].date);
            let week: Vec<&PlannedSession> = sessions[i..]
                .iter()
                .take_while(|s| week_start(s.date) == ws)
                .collect();
            i += week.len();
            let mut stages: Vec<String> = week
                .iter()
                .map(|s| format!("stage {}: {}", s.stage, visible(&s.stage_name)))
                .collect();
            stages.dedup();
            out.push_str(&format!(
                "\nWeek {} · {} to {}\n{}\n",
                week[0].week,
                ws.format("%a %d %b"),
                (ws + chrono::Duration::days(6)).format("%a %d %b %Y"),
                capitalise(&stages.join(" · "))
            ));
            out.push_str(&sessions_table(doc, &week, self.style).to_string());
            out.push('\n');
        }
        if sessions.is_empty() {
            out.push_str("\nNo sessions in this plan.\n");
        }
        footer(doc, &mut out);
        Ok(out.into_bytes())
    }
}

impl Exporter for WeekTable {
    fn for_terminal(&self) -> bool {
        true
    }

    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let ws = week_start(self.date);
        let we = ws + chrono::Duration::days(6);
        let mut out = header(doc);
        out.push_str(&format!(
            "\nWeek of {} to {}\n",
            ws.format("%a %d %b"),
            we.format("%a %d %b %Y")
        ));
        let week: Vec<&PlannedSession> = doc
            .course
            .plan
            .sessions
            .iter()
            .filter(|s| s.date >= ws && s.date <= we)
            .collect();
        if week.is_empty() {
            out.push_str("No sessions this week.\n");
        }
        for s in week {
            let title = format!(
                "{} {} ({} min){} · Stage {}: {} · step {} · session {}{}",
                s.date.format("%a %d %b"),
                s.time.format("%H:%M"),
                doc.course.plan.session_minutes,
                status_words(s),
                s.stage,
                s.stage_name,
                s.step,
                s.session,
                if s.deload { " · lighter week" } else { "" }
            );
            out.push('\n');
            for line in wrap(&title, 78) {
                out.push_str(&line);
                out.push('\n');
            }
            let mut t = new_table(self.style);
            t.set_header(vec![
                "Exercise", "Sets", "Reps", "Hold", "Min", "Load", "RPE max",
            ]);
            for e in &s.exercises {
                let o = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_default();
                let load = e
                    .load
                    .map(|l| {
                        format!(
                            "{} {} ({}%)",
                            crate::model::plan::fmt_load(l),
                            doc.course.plan.unit.as_str(),
                            e.pct_1rm.unwrap_or_default()
                        )
                    })
                    .unwrap_or_default();
                // The name with its first two cues under it (`graded exercises show ID` has all).
                let cues: String = crate::export::exercises::cues(&doc.program.library, &e.id, 2)
                    .iter()
                    .map(|c| format!("\n· {}", visible(c)))
                    .collect();
                t.add_row(vec![
                    format!("{}{cues}", visible(&e.name)),
                    o(e.sets),
                    visible(e.reps.as_deref().unwrap_or_default()).into_owned(),
                    e.hold_s.map(|h| format!("{h} s")).unwrap_or_default(),
                    o(e.duration_min),
                    load,
                    e.rpe_cap.map(|r| r.to_string()).unwrap_or_default(),
                ]);
            }
            out.push_str(&t.to_string());
            out.push('\n');
            for line in wrap(
                &format!(
                    "Stop the session if pain goes above {}/10. {}",
                    s.stop_above, s.notes
                ),
                78,
            ) {
                out.push_str(&line);
                out.push('\n');
            }
            if self.how {
                out.push_str(&crate::export::exercises::how(doc, s, 80));
            }
        }
        footer(doc, &mut out);
        Ok(out.into_bytes())
    }
}
