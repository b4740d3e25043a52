//! The stage timeline: for each stage, the dates planned on the first day (every gate passing),
//! the dates it actually ran (with the decision that ended each visit), and the dates the plan
//! expects now for the stages ahead.

use chrono::{Duration, NaiveDate};
use maud::{Markup, html};

use super::chart::{self, Axis, Frame, Layout, day, n};
use super::course::{Course, Span};
use super::date_short;
use crate::engine::Decision;

/// Height of one stage's row in SVG units.
const ROW: u32 = 34;

/// The word at the end of a visit.
fn end_word(d: Decision, completed: bool) -> &'static str {
    match (d, completed) {
        (_, true) => "complete",
        (Decision::Advance, _) => "advance",
        (Decision::Regress, _) => "regress",
        (Decision::Stop, _) => "stop",
        (Decision::Hold | Decision::Maintain, _) => "hold",
        (Decision::Start, _) => "start",
    }
}

fn span_words(s: Option<Span>) -> String {
    match s {
        Some(s) if s.start == s.end => date_short(s.start),
        Some(s) => format!("{} – {}", date_short(s.start), date_short(s.end)),
        None => "–".into(),
    }
}

/// The section.
pub(super) fn section(c: &Course<'_>) -> anyhow::Result<Markup> {
    let doc = c.doc;
    let stages = &doc.program.stages;
    let count = stages.len();
    let today = doc.course.plan.today;
    let ends = c
        .original
        .iter()
        .chain(c.expected.iter())
        .flatten()
        .map(|s| s.end);
    let last = ends.max().unwrap_or(c.until).max(c.until);
    let from = c.origin - Duration::days(1);
    let to = last + Duration::days(2);
    let row_y = |i: usize| (count - i) as f64 - 0.5;
    let frame = chart::frame(
        &Layout {
            height: 40 + ROW * count as u32,
            top: 8,
            right: 16,
            y_labels: 150,
            x_labels: 30,
        },
        Axis {
            range: day(c.origin, from)..day(c.origin, to),
            ticks: chart::date_ticks(c.origin, from, to),
            desc: None,
        },
        Axis {
            range: 0.0..count as f64,
            ticks: stages
                .iter()
                .enumerate()
                .map(|(i, s)| (row_y(i), format!("{} {}", i + 1, s.name)))
                .collect(),
            desc: None,
        },
        |_| Ok(()),
    )?;
    let x = |d: NaiveDate| frame.x(day(c.origin, d));
    // Whole days: a bar runs from the start of its first day to the end of its last.
    let bar = |f: &Frame, i: usize, a: NaiveDate, b: NaiveDate, top: f64, bottom: f64| {
        let (x0, x1) = (x(a), x(b + Duration::days(1)));
        let (y0, y1) = (f.y(row_y(i) + top), f.y(row_y(i) + bottom));
        (x0, y0, (x1 - x0).max(1.5), y1 - y0)
    };
    let (_, right) = frame.xs();
    let mut marks = Vec::new();
    for (i, s) in stages.iter().enumerate() {
        if let Some(p) = c.original[i] {
            let (x0, y0, w, h) = bar(&frame, i, p.start, p.end, 0.40, 0.18);
            marks.push(html! {
                rect.bar-planned data-kind="stage-planned" x=(n(x0)) y=(n(y0)) width=(n(w)) height=(n(h)) {
                    title { (format!("Stage {} {}: planned at the start for {}", i + 1, s.name, span_words(Some(p)))) }
                }
            });
        }
        if let Some(e) = c.expected[i] {
            let (x0, y0, w, h) = bar(&frame, i, e.start.max(today), e.end, 0.10, -0.36);
            marks.push(html! {
                rect.bar-expected data-kind="stage-expected" x=(n(x0)) y=(n(y0)) width=(n(w)) height=(n(h))
                    fill="url(#timeline-hatch)" {
                    title { (format!("Stage {} {}: expected now for {}", i + 1, s.name, span_words(Some(e)))) }
                }
            });
        }
    }
    let geometry: Vec<(f64, f64, f64, f64)> = c
        .visits
        .iter()
        .map(|v| {
            let end = v.end.as_ref().map_or(today.max(v.start), |e| e.date);
            bar(&frame, v.stage, v.start, end, 0.10, -0.36)
        })
        .collect();
    // What each row holds (actual and expected bars), so an end label never covers a bar.
    let mut taken: Vec<Vec<(f64, f64)>> = vec![Vec::new(); count];
    for (v, g) in c.visits.iter().zip(&geometry) {
        taken[v.stage].push((g.0, g.0 + g.2));
    }
    for (i, e) in c.expected.iter().enumerate() {
        if let Some(e) = e {
            let g = bar(&frame, i, e.start.max(today), e.end, 0.10, -0.36);
            taken[i].push((g.0, g.0 + g.2));
        }
    }
    let (left, _) = frame.xs();
    let free = |row: usize, a: f64, b: f64, own: (f64, f64)| {
        a >= left
            && b <= right
            && taken[row]
                .iter()
                .filter(|t| **t != own)
                .all(|t| b <= t.0 || a >= t.1)
    };
    for (v, &(x0, y0, w, h)) in c.visits.iter().zip(&geometry) {
        let name = &stages[v.stage].name;
        let tip = match &v.end {
            Some(e) => format!(
                "Stage {} {name}: {} to {}, ended by {}: {}",
                v.stage + 1,
                date_short(v.start),
                date_short(e.date),
                end_word(e.decision, e.completed),
                crate::export::why(e.reason.as_ref())
            ),
            None => format!(
                "Stage {} {name}: since {}, in progress",
                v.stage + 1,
                date_short(v.start)
            ),
        };
        // The decision after the bar, else before it, else only in the tooltip and the table.
        let label = v.end.as_ref().and_then(|e| {
            let word = end_word(e.decision, e.completed);
            let width = 6.0 * word.len() as f64;
            let own = (x0, x0 + w);
            if free(v.stage, x0 + w + 2.0, x0 + w + 4.0 + width, own) {
                Some((word, x0 + w + 3.0, "start"))
            } else if free(v.stage, x0 - 4.0 - width, x0 - 2.0, own) {
                Some((word, x0 - 3.0, "end"))
            } else {
                None
            }
        });
        marks.push(html! {
            rect class=(format!("bar-actual{}", if v.end.is_none() { " current" } else { "" }))
                data-kind="stage-actual" x=(n(x0)) y=(n(y0)) width=(n(w)) height=(n(h)) {
                title { (tip) }
            }
            @if let Some((word, lx, anchor)) = label {
                text class=(format!("end-label end-{word}")) x=(n(lx)) y=(n(y0 + h / 2.0)) dy="0.35em" text-anchor=(anchor) { (word) }
            }
        });
    }
    let (bottom, top) = frame.ys();
    let tx = x(today);
    marks.push(html! {
        g.rule.today {
            title { "Today, " (date_short(today)) }
            line x1=(n(tx)) x2=(n(tx)) y1=(n(bottom)) y2=(n(top)) {}
        }
    });
    let desc = describe(c);
    let svg = chart::svg(
        "timeline-chart",
        "Stage timeline: planned, actual and expected dates",
        &desc,
        &frame,
        chart::hatch("timeline-hatch", "hatch-expected", 5, 45),
        html! { @for m in &marks { (m) } },
    );
    Ok(html! {
        section #stages {
            h2 { "Stages" }
            figure.chart-figure {
                (svg)
                figcaption {
                    ul.legend {
                        li { span.key-bar.bar-planned {} "planned on the first day (every gate passing)" }
                        li { span.key-bar.bar-actual {} "actual, with the decision that ended it" }
                        @if c.expected.iter().any(Option::is_some) { li { span.key-bar.bar-expected {} "expected now" } }
                        li { span.key-line.today {} "today" }
                    }
                }
            }
            (table(c))
        }
    })
}

/// The timeline in words for the SVG description.
fn describe(c: &Course<'_>) -> String {
    let stages = &c.doc.program.stages;
    let mut parts = Vec::new();
    for v in c.visits {
        let name = &stages[v.stage].name;
        parts.push(match &v.end {
            Some(e) => format!(
                "stage {} {name} from {} to {} ({})",
                v.stage + 1,
                date_short(v.start),
                date_short(e.date),
                end_word(e.decision, e.completed)
            ),
            None => format!("stage {} {name} since {}", v.stage + 1, date_short(v.start)),
        });
    }
    format!("Actual course: {}.", parts.join("; "))
}

/// Why the person is still in visit `k` (the one in progress): the latest decision in it, else
/// what began it, else that nothing is logged yet.
fn open_why(c: &Course<'_>, k: usize) -> Markup {
    let v = &c.visits[k];
    let latest = c
        .doc
        .course
        .replay
        .judged
        .iter()
        .rev()
        .take_while(|j| j.entry.date >= v.start)
        .find(|j| j.stage == v.stage && j.entry.kind == crate::model::EntryKind::Session);
    if let Some(j) = latest {
        return html! {
            "Latest decision, " (date_short(j.entry.date)) ": " (j.decision.as_str()) "."
            @if let Some(r) = j.why() { " " (super::reason(r)) }
        };
    }
    html! {
        @match k.checked_sub(1).and_then(|p| c.visits[p].end.as_ref()) {
            Some(e) => { "Began " (date_short(v.start)) " (" (end_word(e.decision, e.completed)) "); no session logged in it yet." }
            None => { "The first stage, since " (date_short(v.start)) "; no session logged yet." }
        }
    }
}

/// Stage visits a printed report keeps (the latest): a long course's step backs and stops
/// would otherwise push the page onto a third sheet.
pub(super) const PRINTED_VISITS: usize = 4;

/// Each visit in order, then the stages not reached yet: planned, actual, expected, and what
/// ended the visit and why.
fn table(c: &Course<'_>) -> Markup {
    let stages = &c.doc.program.stages;
    let reached: Vec<bool> = (0..stages.len())
        .map(|i| c.visits.iter().any(|v| v.stage == i))
        .collect();
    let visits = c.visits.len();
    html! {
        @if visits > PRINTED_VISITS {
            p.note.print-only { "Printed: the latest " (PRINTED_VISITS) " of " (visits) " stage visits; the screen shows them all." }
        }
        table.stages.stack {
            thead {
                tr { th { "Stage" } th { "Planned at the start" } th { "Actual" } th { "Ended by" } th { "Why" } }
            }
            tbody {
                @for (k, v) in c.visits.iter().enumerate() {
                    tr.older[k + PRINTED_VISITS < visits] {
                        td data-label="Stage" { (v.stage + 1) " " (stages[v.stage].name) }
                        td.nowrap data-label="Planned at the start" { (span_words(c.original[v.stage])) }
                        td.nowrap data-label="Actual" {
                            (date_short(v.start)) " – "
                            @if let Some(e) = &v.end { (date_short(e.date)) } @else {
                                "in progress"
                                @if let Some(x) = c.expected[v.stage] { br; span.sub { "expected to end " (date_short(x.end)) } }
                            }
                        }
                        td data-label="Ended by" { @if let Some(e) = &v.end { strong { (end_word(e.decision, e.completed)) } } @else { "not yet: in progress" } }
                        td.why data-label="Why" { @if let Some(e) = &v.end { @if let Some(r) = &e.reason { (super::reason(r)) } } @else { (open_why(c, k)) } }
                    }
                }
                @for (i, s) in stages.iter().enumerate().filter(|(i, _)| !reached[*i]) {
                    tr.ahead {
                        td data-label="Stage" { (i + 1) " " (s.name) }
                        td.nowrap data-label="Planned at the start" { (span_words(c.original[i])) }
                        td.nowrap data-label="Actual" {
                            "not reached"
                            @if let Some(x) = c.expected[i] { br; span.sub { "expected " (span_words(Some(x))) } }
                        }
                        td data-label="Ended by" { "–" }
                        td.why data-label="Why" { "Not reached yet." }
                    }
                }
            }
        }
    }
}
