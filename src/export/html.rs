//! The progress report: one self-contained HTML page for a physical therapist (inline CSS and
//! SVG, no script, no web font, printable on A4 and Letter). It shows the course at a glance:
//! pain against the gates, the stage timeline, the loads coming back, adherence, then the
//! decisions and the coming week as tables.
//!
//! The page is composed with maud; the charts' frames are drawn with plotters (see
//! `html/chart.rs`). Everything comes from the [`Document`]; nothing reads the clock.

mod adherence;
mod changes;
mod chart;
mod course;
mod load;
mod pain;
mod timeline;

use chrono::{Duration, NaiveDate};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use self::course::Course;
use super::{Document, Exporter};
use crate::engine::{Judged, Outcome};
use crate::model::plan::fmt_load;
use crate::model::{EntryKind, NOTICE, SessionStatus, SlotStatus, Triage};

/// The HTML report.
#[derive(Debug, Clone, Copy, Default)]
pub struct Report {
    /// The decisions table starts here (`None`: every row).
    pub since: Option<NaiveDate>,
    /// The pain, load and adherence charts start here (`None`: the whole course).
    pub charts_since: Option<NaiveDate>,
}

impl Report {
    /// Weeks of decisions a report shows unless `--all`.
    pub const DECISION_WEEKS: i64 = 8;
    /// Weeks the charts show unless `--all`: half a year of a course, read at a glance.
    pub const CHART_WEEKS: i64 = 26;

    /// The report a person reads on `today`: the recent decisions and charts of a long course
    /// (the stage timeline always shows all of it; the history CSV holds every row).
    pub fn recent(today: NaiveDate) -> Report {
        let monday = crate::model::plan::week_start(today);
        Report {
            since: Some(monday - Duration::weeks(Self::DECISION_WEEKS)),
            charts_since: Some(monday - Duration::weeks(Self::CHART_WEEKS)),
        }
    }
}

/// The page's style sheet: screen and print (A4 and Letter).
const STYLE: &str = include_str!("html/style.css");

/// Escapes text for HTML (for callers outside the report; the report itself is built with
/// maud, which escapes every value).
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

impl Exporter for Report {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let course = Course::new(doc, self.charts_since);
        let page = page(&course, self.since)?.into_string();
        let page = with_sources(&page);
        Ok(line_breaks(&page).into_bytes())
    }
}

/// The source keys a page shows (`[PMM]`, `[2FOR2]`: a bracketed key `docs/EVIDENCE.md` has),
/// in the order they first appear.
fn shown_keys(page: &str) -> Vec<&'static crate::evidence::Source> {
    let ev = crate::evidence::evidence();
    let mut out: Vec<&crate::evidence::Source> = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find('[') {
        rest = &rest[i + 1..];
        let Some(end) = rest.find(']') else { break };
        let key = &rest[..end];
        if !key.is_empty()
            && key.len() <= 16
            && key
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && let Some(src) = ev.find(key)
            && !out.iter().any(|s| s.key == src.key)
        {
            out.push(src);
        }
    }
    out
}

/// The page with a Sources section before its footer: every key it shows, with the full
/// reference, so a printed page stands on its own.
fn with_sources(page: &str) -> String {
    let keys = shown_keys(page);
    if keys.is_empty() {
        return page.to_string();
    }
    let section = html! {
        section #sources {
            h2 { "Sources" span.sub { "the keys in brackets on this page, from graded's docs/EVIDENCE.md" } }
            dl.sources {
                @for s in &keys {
                    dt { "[" (s.key) "]" }
                    dd { strong { (s.title) } ". " (s.reference) }
                }
            }
        }
    }
    .into_string();
    match page.rfind("<footer>") {
        Some(at) => format!("{}{section}{}", &page[..at], &page[at..]),
        None => page.to_string(),
    }
}

/// A date in tables and tooltips: `24 Nov 2026`.
fn date_short(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// A date in the header: `Tue 24 Nov 2026`.
fn date_long(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// An outcome in words (the page never says it with colour alone).
fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Green => "green",
        Outcome::Amber => "amber",
        Outcome::Red => "red",
        Outcome::Stop => "stop",
        Outcome::Pending => "pending",
        Outcome::None => "–",
    }
}

/// The letter on an outcome badge.
fn outcome_letter(o: Outcome) -> &'static str {
    match o {
        Outcome::Green => "G",
        Outcome::Amber => "A",
        Outcome::Red => "R",
        Outcome::Stop => "S",
        Outcome::Pending => "?",
        Outcome::None => "",
    }
}

/// The first sentence of a reason (the rest is in the decisions table).
fn first_sentence(s: &str) -> &str {
    s.find(". ").map_or(s, |i| &s[..=i])
}

/// A reason as the report shows it: its words, then its rule's source keys.
fn reason(r: &crate::engine::Reason) -> Markup {
    html! { (r.text) " " span.src { (r.source()) } }
}

/// Line breaks after block-level closing tags, so the file reads (and diffs) line by line.
/// Safe: every `<` in text has been escaped by maud, so these strings only occur as markup.
fn line_breaks(page: &str) -> String {
    const TAGS: [&str; 26] = [
        "</head>",
        "</style>",
        "</header>",
        "</section>",
        "</figure>",
        "</figcaption>",
        "</p>",
        "</h1>",
        "</h2>",
        "</h3>",
        "</ul>",
        "</li>",
        "</dl>",
        "</dd>",
        "</tr>",
        "</thead>",
        "</table>",
        "</details>",
        "</summary>",
        "</desc>",
        "</g>",
        "</path>",
        "</rect>",
        "</line>",
        "</text>",
        "</dt>",
    ];
    let mut out = String::with_capacity(page.len() + page.len() / 16);
    let mut rest = page;
    while let Some(i) = rest.find("</") {
        let (before, tag) = rest.split_at(i);
        out.push_str(before);
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let (tag, after) = tag.split_at(end);
        out.push_str(tag);
        if TAGS.contains(&tag) {
            out.push('\n');
        }
        rest = after;
    }
    out.push_str(rest);
    out.replace("\n\n", "\n")
}

fn page(c: &Course<'_>, since: Option<NaiveDate>) -> anyhow::Result<Markup> {
    let doc = c.doc;
    Ok(html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // Nothing may load: no script, no font, no image from anywhere.
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                meta name="generator" content="graded";
                title {
                    "Progress report: " @if let Some(n) = &doc.profile.name { (n) ", " }
                    (doc.program.name) " (" (date_short(doc.course.plan.today)) ")"
                }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    (header(c))
                    (notes(c))
                    (changes::section(c))
                    (pain::section(c)?)
                    (timeline::section(c)?)
                    (load::section(c)?)
                    (adherence::section(c)?)
                    (coming_week(c))
                    (decisions(c, since))
                    footer {
                        p.notice { (NOTICE) }
                        p { "Made by graded from the log as of " (date_long(doc.course.plan.today)) ". Keys in brackets name each rule's source, listed under Sources with its full reference (graded's docs/EVIDENCE.md; " code { "graded sources KEY" } " prints one)." }
                    }
                }
            }
        }
    })
}

/// Alerts: a stop, intake red flags, the 4-week review.
fn alerts(c: &Course<'_>) -> Vec<(Triage, String, String)> {
    let doc = c.doc;
    let state = &doc.course.replay.state;
    let mut out = Vec::new();
    if let Some(s) = &state.stopped() {
        let why = if s.flags.is_empty() {
            s.cause.clone()
        } else {
            format!("red-flag symptoms: {}", flag_names(&s.flags))
        };
        out.push((
            s.triage,
            format!("Program stopped on {} ({why})", date_short(s.date)),
            s.triage.advice().to_string(),
        ));
    }
    let p = doc.profile;
    if let Some(t) = doc.course.replay.state.intake_triage() {
        out.push((
            t,
            format!("Red flags at intake: {}", flag_names(&p.red_flags)),
            t.advice().to_string(),
        ));
    }
    if let Some(why) = &doc.course.standing.pause {
        out.push((
            crate::engine::standing::PAUSED_TRIAGE,
            "Progression paused until a clinician's clearance".into(),
            why.to_string(),
        ));
    }
    out
}

/// Red-flag ids as their questions' short ids with triage letters.
fn flag_names(symptoms: &[crate::model::Symptom]) -> String {
    symptoms
        .iter()
        .map(|s| match s.flag() {
            Some(f) => format!("{} ({})", f.id, f.triage.word()),
            None => s.id().to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn header(c: &Course<'_>) -> Markup {
    let doc = c.doc;
    let p = doc.profile;
    let state = &doc.course.replay.state;
    let today = doc.course.plan.today;
    let stages = &doc.program.stages;
    let stage = &stages[state.stage()];
    let lifts: Vec<String> = p
        .lifts
        .iter()
        .map(|l| {
            let orm = if l.reps > 1 {
                format!(
                    " (1RM about {} {})",
                    fmt_load(l.one_rep_max().round()),
                    p.units.as_str()
                )
            } else {
                String::new()
            };
            format!(
                "{} {} {} × {}{orm}",
                l.name,
                fmt_load(l.weight),
                p.units.as_str(),
                l.reps
            )
        })
        .collect();
    let days = |a: NaiveDate, b: NaiveDate| (b - a).num_days();
    // The latest row that moved things and the next session, as status says them.
    let latest = doc.course.latest_row();
    let next = doc.course.next_session();
    let screens: Vec<&Judged> = doc
        .course
        .replay
        .judged
        .iter()
        // A clearance repeats the screen too (`graded resume` asks it again).
        .filter(|j| matches!(j.entry.kind, EntryKind::Screen | EntryKind::Resume))
        .collect();
    // The latest stop for red flags the latest screen of its own does not show (a flag logged
    // with a session since), with its clearance when there is one.
    let own = screens
        .iter()
        .rev()
        .find(|j| j.entry.kind == EntryKind::Screen);
    let flagged = doc.course.stops.iter().rev().find(|s| {
        !s.flags.is_empty()
            && own.is_none_or(|l| {
                s.date > l.entry.date || (s.date == l.entry.date && l.entry.symptoms.is_empty())
            })
    });
    let alerts = alerts(c);
    let now = if state.stopped().is_some() {
        format!(
            "Stopped in stage {} of {}, {}",
            state.stage() + 1,
            stages.len(),
            stage.name
        )
    } else if state.completed() {
        "Program complete".to_string()
    } else {
        format!(
            "Stage {} of {}: {}, step {} of {}",
            state.stage() + 1,
            stages.len(),
            stage.name,
            state.step() + 1,
            stage.steps()
        )
    };
    html! {
        header {
            p.kicker { "graded · progress report" }
            h1 { (doc.program.name) }
            @if p.name.is_some() || p.clinician.is_some() {
                p.people {
                    @if let Some(n) = &p.name { "For " strong { (n) } }
                    @if p.name.is_some() && p.clinician.is_some() { " · " }
                    @if let Some(c) = &p.clinician { "Physical therapist or clinician: " strong { (c) } }
                }
            }
            p.notice role="note" { strong { "Notice. " } (NOTICE) }
            p.note.print-only { "Printed on two pages: the charts are smaller, the data tables under the charts are left out, the stage table keeps its latest " (timeline::PRINTED_VISITS) " visits and the decisions table its latest " (PRINTED_DECISIONS) " rows. The screen shows all of it; history.csv holds every row." }
            @for (t, head, advice) in &alerts {
                div class=(format!("alert alert-{}", t.word())) role="alert" {
                    p { strong { (head) } }
                    p { (advice) }
                }
            }
            // A red flag taken back by a correction: said with its reason, never silently gone.
            @for w in &doc.course.withdrawn_flags {
                div.alert.alert-withdrawn role="note" {
                    p { strong { "Red-flag report withdrawn: " (flag_names(&w.flags)) ", reported for " (date_long(w.date)) } }
                    p {
                        (if w.kind == crate::model::CorrectionKind::Replaced { "Amended away" } else { "Withdrawn" })
                        " on " (date_long(w.on))
                        @if w.reason.is_empty() { ", with no reason given." } @else { ". Reason given: " (w.reason) }
                        " The report is kept in the log (graded history)."
                    }
                }
            }
            div.facts {
                dl {
                    @if let Some(n) = &p.name { dt { "Name" } dd { (n) } }
                    @if let Some(c) = &p.clinician { dt { "Clinician" } dd { (c) } }
                    dt { "Report date" } dd { (date_long(today)) }
                    dt { "Program" } dd { (doc.program.name) " (" code { (doc.program.id) } ")" }
                    dt { "Started" } dd { (date_long(p.start)) @if today >= p.start { " · day " (days(p.start, today) + 1) } }
                    dt { "Injury" } dd { (date_long(p.injury_date)) @if today >= p.injury_date { " · " (crate::text::count(days(p.injury_date, today) as usize, "day", "days")) " ago" } }
                    dt { "Pain at rest at intake" } dd { (p.rest_pain) "/10" }
                    dt { "Red-flag screen" } dd {
                        "At intake (" (date_short(p.screened)) "): "
                        @if p.red_flags.is_empty() { "no red flags" } @else { (flag_names(&p.red_flags)) }
                        @if let Some(s) = screens.last() {
                            br;
                            "Latest repeat (" (date_short(s.entry.date)) "): "
                            @if s.entry.symptoms.is_empty() { "no red flags" } @else { (flag_names(&s.entry.symptoms)) }
                            @if screens.len() > 1 { " · " (crate::text::count(screens.len(), "repeat", "repeats")) " in all" }
                        }
                        @if let Some(stop) = flagged {
                            br;
                            "Red flag logged (" (date_short(stop.date)) "): " (flag_names(&stop.flags))
                            @match &stop.resumed {
                                Some((on, by)) => { " · cleared on " (date_short(*on)) " by " (by) }
                                None => { " · stopped until a clinician's clearance" }
                            }
                        }
                    }
                    dt { "Pre-injury lifts" } dd { @if lifts.is_empty() { "none" } @else { (lifts.join("; ")) } }
                    dt { "Training days" } dd {
                        (p.days.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "))
                        " at " (p.time.format("%H:%M")) " (" (p.timezone.name()) "), " (p.session_minutes) " min"
                    }
                }
                dl.now {
                    dt { "Now" } dd { strong { (now) } }
                    @if let Some(j) = latest {
                        dt { "Latest decision" }
                        dd {
                            (date_short(j.entry.date)) ": " strong { (j.decision.as_str()) }
                            @if j.outcome != Outcome::None { " after " (crate::text::article(outcome_word(j.outcome))) " " (outcome_word(j.outcome)) " session" }
                            @if let Some(r) = j.why() { span.why { " · " (first_sentence(&r.text.words())) " " span.src { (r.source()) } } }
                        }
                    } @else {
                        dt { "Latest decision" } dd { "none yet: nothing logged" }
                    }
                    dt { "Sessions logged" } dd { (c.sessions.iter().filter(|j| j.entry.status != SessionStatus::Skipped).count()) " done, " (c.sessions.iter().filter(|j| j.entry.status == SessionStatus::Skipped).count()) " skipped" }
                    dt { "Next session" }
                    dd {
                        @if let Some(s) = next {
                            (date_long(s.date)) " " (s.time.format("%H:%M")) ": stage " (s.stage) ", step " (s.step)
                        } @else if state.stopped().is_some() {
                            "none until a clinician's clearance is recorded"
                        } @else { "none planned" }
                    }
                }
            }
        }
    }
}

/// The next seven days' sessions with their doses.
fn coming_week(c: &Course<'_>) -> Markup {
    let doc = c.doc;
    let days = doc.course.plan.coming_week();
    let (today, end) = (days.start, days.end);
    let week: Vec<_> = doc
        .course
        .plan
        .sessions
        .iter()
        .filter(|s| s.status == SlotStatus::Planned && days.contains(&s.date))
        .collect();
    let later = doc
        .course
        .plan
        .sessions
        .iter()
        .find(|s| s.status == SlotStatus::Planned && s.date >= end);
    html! {
        section #coming-week {
            h2 { "The coming week" span.sub { (date_short(today)) " to " (date_short(end - Duration::days(1))) } }
            @if week.is_empty() {
                p.empty {
                    @if doc.course.plan.stopped {
                        "No sessions: the program is stopped until a clinician's clearance is recorded (graded resume)."
                    } @else if doc.course.replay.state.completed() {
                        "No sessions: the program is complete."
                    } @else if let Some(s) = later {
                        "No sessions this week; the next is on " (date_long(s.date)) "."
                    } @else {
                        "No sessions planned."
                    }
                }
            } @else {
                table.sessions.stack {
                    thead { tr { th { "Day" } th { "Stage · step" } th { "Exercises and doses" } } }
                    tbody {
                        @for s in &week {
                            tr {
                                td.nowrap data-label="Day" { (s.date.format("%a %-d %b")) br; (s.time.format("%H:%M")) }
                                td data-label="Stage · step" { (s.stage) " " (s.stage_name) " · " (s.step) @if s.deload { br; em { "lighter week" } } }
                                td data-label="Exercises and doses" {
                                    ul.doses {
                                        @for e in &s.exercises {
                                            li { (e.name) " " code.exercise-id { (e.id) } ": " (e.dose_text(doc.course.plan.unit)) }
                                        }
                                    }
                                    p.stop-rule { "Stop the session if pain goes above " (s.stop_above) "/10." }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Notes a printed report keeps (the latest).
const PRINTED_NOTES: usize = 3;

/// The therapists' notes (`graded note`), newest first, with their dates and authors.
fn notes(c: &Course<'_>) -> Markup {
    let notes = &c.doc.course.notes;
    html! {
        @if !notes.is_empty() {
            section #notes {
                h2 { "Notes from your therapist" span.sub { (crate::text::count(notes.len(), "note", "notes")) } }
                @if notes.len() > PRINTED_NOTES {
                    p.note.print-only { "Printed: the latest " (PRINTED_NOTES) "; " code { "graded history" } " lists them all." }
                }
                ul.notes {
                    @for (i, n) in notes.iter().rev().enumerate() {
                        li.older[i >= PRINTED_NOTES] {
                            span.nowrap { (date_short(n.date)) } ", " strong { (n.author) } ": " (n.note)
                        }
                    }
                }
            }
        }
    }
}

/// Decisions a printed report keeps (the latest): the page fits two sheets; the screen and the
/// history CSV keep every row.
const PRINTED_DECISIONS: usize = 4;

/// The logged rows from `since` (every row when `None`) with their outcome, decision and
/// reasons; years of daily rows are in the history CSV, not in a report a person reads.
fn decisions(c: &Course<'_>, since: Option<NaiveDate>) -> Markup {
    let doc = c.doc;
    let all = &doc.course.replay.judged;
    let first = since.map_or(0, |d| all.partition_point(|j| j.entry.date < d));
    let judged = &all[first..];
    let dash = |v: Option<crate::model::Pain>| v.map_or("–".to_string(), |v| v.to_string());
    html! {
        section #decisions {
            h2 { "Decisions" span.sub { (crate::text::count(all.len(), "logged row", "logged rows")) } }
            @if first > 0 {
                p.note { (crate::text::count(first, "earlier row is", "earlier rows are")) " not shown: " code { "graded report --all" } " shows every row, and " code { "graded history --format csv" } " holds them all." }
            }
            @if all.is_empty() {
                p.empty { "No sessions logged yet: the program starts at stage 1, step 1, and each logged session will be judged here." }
            } @else {
                p.note { "Pain d / a / m: during, after and the next morning, 0-10; sore N under them: the muscle soreness after training that morning, 0-10, kept apart and never judged. Keys in brackets name the rule's source (see Sources)." }
                @if judged.len() > PRINTED_DECISIONS {
                    p.note.print-only { "Printed: the latest " (PRINTED_DECISIONS) " of these rows; the screen shows " (judged.len()) ", and history.csv holds every row." }
                }
                table.decisions.stack {
                    thead {
                        tr { th { "Date" } th { "Stage · step" } th.num { abbr title="pain during / after / next morning" { "Pain d / a / m" } } th { "Outcome" } th { "Decision" } th { "Why" } }
                    }
                    tbody {
                        @for (i, j) in judged.iter().enumerate() {
                            @let e = &j.entry;
                            @let older = i + PRINTED_DECISIONS < judged.len();
                            tr class=(format!("o-{}{}", j.outcome.as_str(), if older { " older" } else { "" })) {
                                td.nowrap data-label="Date" { (date_short(e.date)) }
                                td data-label="Stage · step" {
                                    @match e.kind {
                                        EntryKind::Session => { (j.stage + 1) " · " (j.step + 1) @if e.status != SessionStatus::Done { " (" (e.status.as_str()) ")" } }
                                        EntryKind::Screen => { "screen" }
                                        EntryKind::Resume => { "clearance" }
                                        EntryKind::Note => { "note" }
                                    }
                                }
                                td.num.nowrap data-label="Pain d / a / m" { (dash(e.pain_during)) " / " (dash(e.pain_after)) " / " (dash(e.next_morning)) @if let Some(s) = e.soreness { br; "sore " (s) } }
                                td.nowrap data-label="Outcome" {
                                    @if j.outcome != Outcome::None {
                                        span class=(format!("badge b-{}", j.outcome.as_str())) aria-hidden="true" { (outcome_letter(j.outcome)) }
                                        " "
                                    }
                                    (outcome_word(j.outcome))
                                }
                                td data-label="Decision" { strong { (j.decision.as_str()) } }
                                td.why data-label="Why" {
                                    @for (i, r) in j.reasons.iter().enumerate() {
                                        @if i > 0 { " " }
                                        (reason(r))
                                    }
                                    @if !e.symptoms.is_empty() { " Symptoms: " (flag_names(&e.symptoms)) "." }
                                    @if !e.note.is_empty() && e.kind == EntryKind::Session { " Note: " em { (e.note) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
