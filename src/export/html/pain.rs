//! The pain chart: pain during, after and the next morning for every session, over the green,
//! amber and red bands of the stage's gates, with stage changes, stops and today marked.
//! A long log is shown as weekly means with their range.

use chrono::{Duration, NaiveDate};
use maud::{Markup, html};
use plotters::prelude::*;

use super::chart::{self, Axis, Frame, Label, Layout, Mark, Shape, day, n};
use super::course::Course;
use super::{date_short, outcome_word};
use crate::engine::{Decision, Judged};
use crate::model::{Gates, LogEntry, Pain};

/// More plotted points than this and the chart shows weekly means instead.
pub(super) const CROWDED: usize = 120;

/// One of the three pain series.
pub(super) struct Series {
    /// `data-kind` of its points.
    pub kind: &'static str,
    /// In words.
    pub label: &'static str,
    /// Marker.
    pub shape: Shape,
    /// CSS class of markers and line.
    pub class: &'static str,
    /// Horizontal nudge so the three points of one session do not hide each other.
    dx: f64,
    get: fn(&LogEntry) -> Option<Pain>,
}

/// The three series, in the order they happen.
pub(super) const SERIES: [Series; 3] = [
    Series {
        kind: "pain-during",
        label: "During",
        shape: Shape::Circle,
        class: "s-during",
        dx: -5.0,
        get: |e| e.pain_during,
    },
    Series {
        kind: "pain-after",
        label: "After",
        shape: Shape::Square,
        class: "s-after",
        dx: 0.0,
        get: |e| e.pain_after,
    },
    Series {
        kind: "pain-morning",
        label: "Next morning",
        shape: Shape::Triangle,
        class: "s-morning",
        dx: 5.0,
        get: |e| e.next_morning,
    },
];

/// Band colours: a very light green, amber and red that leave the markers readable.
const BANDS: [RGBColor; 3] = [
    RGBColor(0xDD, 0xF0, 0xD6),
    RGBColor(0xFC, 0xEB, 0xC2),
    RGBColor(0xF7, 0xD2, 0xCD),
];

/// Top of the pain axis.
const TOP: f64 = 10.6;

/// A week's values of one series.
struct Week {
    monday: NaiveDate,
    mean: f64,
    min: Pain,
    max: Pain,
    n: usize,
}

/// Weekly summaries of one series (weeks from Monday).
fn weekly(sessions: &[&Judged], get: fn(&LogEntry) -> Option<Pain>) -> Vec<Week> {
    let mut weeks: Vec<(NaiveDate, Vec<Pain>)> = Vec::new();
    for j in sessions {
        let Some(v) = get(&j.entry) else { continue };
        let monday = monday(j.entry.date);
        match weeks.last_mut() {
            Some((m, vs)) if *m == monday => vs.push(v),
            _ => weeks.push((monday, vec![v])),
        }
    }
    weeks
        .into_iter()
        .map(|(monday, vs)| Week {
            monday,
            mean: vs.iter().map(|&v| f64::from(v)).sum::<f64>() / vs.len() as f64,
            min: vs.iter().copied().min().unwrap_or(Pain::NONE),
            max: vs.iter().copied().max().unwrap_or(Pain::NONE),
            n: vs.len(),
        })
        .collect()
}

/// The Monday on or before `d`.
pub(super) fn monday(d: NaiveDate) -> NaiveDate {
    crate::model::plan::week_start(d)
}

/// Where the rest of a long course is.
fn window_words() -> &'static str {
    "`graded report --all` charts the whole course; `graded history --format csv` holds every score."
}

/// Number of logged pain scores.
pub(super) fn scores(sessions: &[&Judged]) -> usize {
    sessions
        .iter()
        .map(|j| {
            SERIES
                .iter()
                .filter(|s| (s.get)(&j.entry).is_some())
                .count()
        })
        .sum()
}

/// The section.
pub(super) fn section(c: &Course<'_>) -> anyhow::Result<Markup> {
    let doc = c.doc;
    let gates = &doc.course.gates_today;
    if c.charted.iter().all(|j| scores(&[j]) == 0) {
        return Ok(html! {
            section #pain {
                h2 { "Pain" }
                @if c.from > c.origin {
                    p.empty { "No pain scores logged since " (date_short(c.from)) ". " (window_words()) }
                } @else {
                    p.empty { "No pain scores logged yet. Each session's pain during, after and the next morning will be charted here against the gates (" (band_words(gates)) ")." }
                }
            }
        });
    }
    let total = scores(&c.charted);
    let weekly_view = total > CROWDED;
    let from = c.from.min(c.charted[0].entry.date) - Duration::days(1);
    let to = c.until + Duration::days(1);
    let x0 = day(c.origin, from);
    let x1 = day(c.origin, to);

    // Background bands per span of the gates sessions were judged under (each stage may have
    // its own, and a therapist's adjustment tightens them from its day).
    let spans = &doc.course.gate_spans;
    let mut segments: Vec<(f64, f64, &Gates)> = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        let a = if i == 0 {
            x0
        } else {
            day(c.origin, span.from).max(x0)
        };
        let b = spans
            .get(i + 1)
            .map_or(x1, |n| day(c.origin, n.from).min(x1));
        if b > a {
            segments.push((a, b, &span.gates));
        }
    }
    let frame = chart::frame(
        &Layout {
            height: 304,
            top: 30,
            right: 16,
            y_labels: 44,
            x_labels: 30,
        },
        Axis {
            range: x0..x1,
            ticks: chart::date_ticks(c.origin, from, to),
            desc: None,
        },
        Axis {
            range: -0.4..TOP,
            ticks: (0..=Pain::MAX.get())
                .map(|v| (f64::from(v), v.to_string()))
                .collect(),
            desc: Some("Pain 0-10".into()),
        },
        |ch| {
            for (a, b, g) in &segments {
                let edges = [
                    -0.4,
                    f64::from(g.green_max) + 0.5,
                    f64::from(g.amber_max) + 0.5,
                    TOP,
                ];
                ch.draw_series((0..3).map(|k| {
                    Rectangle::new([(*a, edges[k]), (*b, edges[k + 1])], BANDS[k].filled())
                }))?;
            }
            Ok(())
        },
    )?;

    let mut marks = Vec::new();
    // G / A / R inside the bands wherever the gates begin or change.
    let mut last_gates: Option<&Gates> = None;
    for (a, _, g) in &segments {
        if last_gates.is_some_and(|l| l.green_max == g.green_max && l.amber_max == g.amber_max) {
            continue;
        }
        last_gates = Some(g);
        let mids = [
            (-0.4 + f64::from(g.green_max) + 0.5) / 2.0,
            (f64::from(g.green_max) + f64::from(g.amber_max) + 1.0) / 2.0,
            (f64::from(g.amber_max) + 0.5 + TOP) / 2.0,
        ];
        for (k, letter) in ["G", "A", "R"].iter().enumerate() {
            marks.push(html! {
                text.band-label x=(n(frame.x(*a) + 4.0)) y=(n(frame.y(mids[k]))) dy="0.35em" { (letter) }
            });
        }
    }
    marks.push(events(c, &frame));
    if weekly_view {
        marks.push(weekly_marks(c, &frame));
    } else {
        marks.push(session_marks(c, &frame));
    }

    let (green, amber, red) = counts(&c.charted);
    let first = c.charted[0].entry.date;
    let last = c.charted[c.charted.len() - 1].entry.date;
    let title = if weekly_view {
        "Pain per session, weekly means, against the gates"
    } else {
        "Pain per session against the gates"
    };
    let desc = format!(
        "{} from {} between {} and {}{}: {green} green, {amber} amber and {red} red. Bands: {}.{}",
        crate::text::count(total, "score", "scores"),
        crate::text::count(c.charted.len(), "logged session", "logged sessions"),
        date_short(first),
        date_short(last),
        if weekly_view {
            ", shown as weekly means with their range"
        } else {
            ""
        },
        band_words(gates),
        latest_words(&c.charted),
    );
    let svg = chart::svg(
        "pain-chart",
        title,
        &desc,
        &frame,
        chart::hatch("pain-stopped-hatch", "hatch-stop", 6, 45),
        html! { @for m in &marks { (m) } },
    );
    Ok(html! {
        section #pain {
            h2 { "Pain" }
            @if c.from > c.origin {
                p.note { "The pain, load and adherence charts show the weeks since " (date_short(c.from)) ". " (window_words()) }
            }
            figure.chart-figure {
                (svg)
                figcaption {
                    ul.legend {
                        @for s in &SERIES {
                            li { (s.shape.swatch(s.class)) (s.label) }
                        }
                        li { span.key.band-g { "G" } "green " (band(0, gates.green_max.get())) ": counts toward progress" }
                        li { span.key.band-a { "A" } "amber " (band(gates.green_max.get() + 1, gates.amber_max.get())) ": hold" }
                        li { span.key.band-r { "R" } "red " (band(gates.amber_max.get() + 1, Pain::MAX.get())) ": step back" }
                        @if c.visits.windows(2).any(|w| w[1].stage > w[0].stage) {
                            li { span.key.rule { "S2" } "on to the next stage" }
                        }
                        @if c.visits.windows(2).any(|w| w[1].stage < w[0].stage) {
                            li { span.key.rule.back { "S1" } "back to an earlier stage" }
                        }
                        @if !steps_back(c).is_empty() {
                            li { svg.swatch viewBox="0 0 14 14" aria-hidden="true" { path.step-back d="M3,4H11L7,11Z" {} } "one step back within a stage" }
                        }
                        @if !c.stops.is_empty() { li { span.key.stop { "Stop" } "program stopped" } }
                    }
                    p.note {
                        @if weekly_view {
                            "A long log: each marker is a week's mean (Monday to Sunday), the line through it the week's lowest to highest score. "
                        }
                        "Next-morning pain is drawn at the session it follows; a morning "
                        (gates.morning_rise_red) " or more points above baseline is red too."
                    }
                }
            }
            (table(c, weekly_view))
        }
    })
}

/// `0-3`, `6-10`, or `4` for a one-value band.
fn band(lo: u8, hi: u8) -> String {
    if lo >= hi {
        lo.to_string()
    } else {
        format!("{lo}-{hi}")
    }
}

/// The bands in words.
fn band_words(g: &Gates) -> String {
    format!(
        "green {}, amber {}, red {}",
        band(0, g.green_max.get()),
        band(g.green_max.get() + 1, g.amber_max.get()),
        band(g.amber_max.get() + 1, Pain::MAX.get())
    )
}

fn counts(sessions: &[&Judged]) -> (usize, usize, usize) {
    use crate::engine::Outcome::{Amber, Green, Red};
    let count = |o| sessions.iter().filter(|j| j.outcome == o).count();
    (count(Green), count(Amber), count(Red))
}

fn latest_words(sessions: &[&Judged]) -> String {
    let Some(j) = sessions.iter().rev().find(|j| scores(&[j]) > 0) else {
        return String::new();
    };
    let parts: Vec<String> = SERIES
        .iter()
        .filter_map(|s| (s.get)(&j.entry).map(|v| format!("{} {v}", s.label.to_lowercase())))
        .collect();
    format!(
        " Latest session, {}: {} ({}).",
        date_short(j.entry.date),
        parts.join(", "),
        outcome_word(j.outcome)
    )
}

/// Stage changes, stops, clearances and today as vertical lines with short labels; a step
/// back within a stage as a small downward triangle at the top.
fn events(c: &Course<'_>, f: &Frame) -> Markup {
    // (x, class, label, tooltip, priority): stops win a crowded label spot over stage changes.
    let mut events: Vec<(f64, &str, String, String, u8)> = Vec::new();
    let names = &c.doc.program.stages;
    for w in c.visits.windows(2) {
        let (prev, next) = (&w[0], &w[1]);
        if prev.stage == next.stage || next.start < c.from {
            continue;
        }
        let back = next.stage < prev.stage;
        events.push((
            f.x(day(c.origin, next.start)),
            if back { "rule back" } else { "rule" },
            format!("S{}", next.stage + 1),
            format!(
                "{}: {} stage {}, {}",
                date_short(next.start),
                if back { "back to" } else { "on to" },
                next.stage + 1,
                names[next.stage].name
            ),
            1,
        ));
    }
    let (_, right) = f.xs();
    let (bottom, top) = f.ys();
    let mut shaded = Vec::new();
    let (left, _) = f.xs();
    for s in c.stops {
        if s.resumed.as_ref().is_some_and(|(d, _)| *d < c.from) {
            continue;
        }
        // A stop before the charts begin shades from their left edge.
        let a = f.x(day(c.origin, s.date)).max(left);
        let b = s
            .resumed
            .as_ref()
            .map_or(right, |(d, _)| f.x(day(c.origin, *d)));
        shaded.push(html! {
            rect.stopped x=(n(a)) y=(n(top)) width=(n((b - a).max(0.0))) height=(n(bottom - top))
                fill="url(#pain-stopped-hatch)" {}
        });
        if s.date >= c.from {
            events.push((
                a,
                "rule stop",
                "Stop".into(),
                format!(
                    "{}: program stopped ({}; see a clinician: {})",
                    date_short(s.date),
                    if s.flags.is_empty() {
                        "two red sessions within a week".to_string()
                    } else {
                        crate::model::red_flag::in_words(&s.flags)
                    },
                    s.triage.word()
                ),
                0,
            ));
        }
        if let Some((d, by)) = &s.resumed {
            events.push((
                b,
                "rule",
                "Resume".into(),
                format!("{}: resumed after clearance by {by}", date_short(*d)),
                0,
            ));
        }
    }
    // Labels go in the row nearest the plot that has room, stops first; a label with no room
    // left is dropped (its line keeps its tooltip).
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| events[i].4);
    let mut rows: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let mut placed: Vec<Option<u8>> = vec![None; events.len()];
    for i in order {
        let x = events[i].0;
        if let Some(r) = rows
            .iter()
            .position(|row| row.iter().all(|l| (l - x).abs() > 30.0))
        {
            rows[r].push(x);
            placed[i] = Some(r as u8);
        }
    }
    let lines: Vec<Markup> = events
        .iter()
        .zip(&placed)
        .map(|((x, class, label, tip, _), row)| {
            chart::vline(
                f,
                *x,
                class,
                row.map(|r| (label.as_str(), Label::Above(r))),
                tip,
            )
        })
        .collect();
    let steps_back = steps_back(c);
    let today = c.doc.course.plan.today;
    let tx = f.x(day(c.origin, today));
    let today_line = (tx <= right).then(|| {
        chart::vline(
            f,
            tx,
            "rule today",
            Some(("Today", Label::Inside)),
            &format!("Today, {}", date_short(today)),
        )
    });
    html! {
        g.events {
            @for s in &shaded { (s) }
            @for l in &lines { (l) }
            @if let Some(t) = today_line { (t) }
            @for j in &steps_back {
                @let x = f.x(day(c.origin, j.entry.date));
                path.step-back d=(format!("M{},{}l4,-7h-8Z", n(x), n(top + 9.0))) {
                    title { (format!("{}: one step back ({})", date_short(j.entry.date), crate::export::why(j.why()))) }
                }
            }
        }
    }
}

/// Steps back that stay within a stage (a stage change already has its line).
fn steps_back<'a>(c: &Course<'a>) -> Vec<&'a Judged> {
    let changes: Vec<NaiveDate> = c.visits.iter().skip(1).map(|v| v.start).collect();
    c.charted
        .iter()
        .copied()
        .filter(|j| j.decision == Decision::Regress && !changes.contains(&j.entry.date))
        .collect()
}

/// Every score as a marker, each series joined by its own line style.
fn session_marks(c: &Course<'_>, f: &Frame) -> Markup {
    let names = &c.doc.program.stages;
    html! {
        @for s in &SERIES {
            @let pts: Vec<(f64, f64, &Judged, Pain)> = c.charted.iter().filter_map(|j| {
                (s.get)(&j.entry).map(|v| (f.x(day(c.origin, j.entry.date)) + s.dx, f.y(f64::from(v)), *j, v))
            }).collect();
            g class=(format!("series {}", s.class)) {
                (chart::lines(&format!("line {}", s.class), &pts.iter().map(|p| (p.2.entry.date, (p.0, p.1))).collect::<Vec<_>>(), 14))
                @for (x, y, j, v) in &pts {
                    (Mark {
                        shape: s.shape,
                        at: (*x, *y),
                        class: s.class,
                        kind: s.kind,
                        n: None,
                        lift: None,
                        tooltip: format!(
                            "{}: pain {} {v}/10 ({}; stage {}, {})",
                            date_short(j.entry.date),
                            s.label.to_lowercase(),
                            outcome_word(j.outcome),
                            j.stage + 1,
                            names[j.stage].name
                        ),
                    }.render())
                }
            }
        }
    }
}

/// Weekly means with a whisker from the week's lowest to highest score.
fn weekly_marks(c: &Course<'_>, f: &Frame) -> Markup {
    html! {
        @for s in &SERIES {
            @let weeks = weekly(&c.charted, s.get);
            @let pts: Vec<(f64, &Week)> = weeks.iter().map(|w| (f.x(day(c.origin, w.monday) + 3.0) + s.dx, w)).collect();
            g class=(format!("series {}", s.class)) {
                (chart::lines(&format!("line {}", s.class), &pts.iter().map(|(x, w)| (w.monday, (*x, f.y(w.mean)))).collect::<Vec<_>>(), 21))
                @for (x, w) in &pts {
                    line class=(format!("whisker {}", s.class)) x1=(n(*x)) x2=(n(*x))
                        y1=(n(f.y(f64::from(w.min)))) y2=(n(f.y(f64::from(w.max)))) {}
                    (Mark {
                        shape: s.shape,
                        at: (*x, f.y(w.mean)),
                        class: s.class,
                        kind: &format!("{}-week", s.kind),
                        n: Some(w.n),
                        lift: None,
                        tooltip: format!(
                            "Week of {}: pain {} mean {:.1}/10, {} to {}, {}",
                            date_short(w.monday),
                            s.label.to_lowercase(),
                            w.mean,
                            w.min,
                            w.max,
                            crate::text::count(w.n, "session", "sessions")
                        ),
                    }.render())
                }
            }
        }
    }
}

/// The text alternative: every session, or every week for a long log.
fn table(c: &Course<'_>, weekly_view: bool) -> Markup {
    let dash = |v: Option<Pain>| v.map_or("–".to_string(), |v| v.to_string());
    let cols: Vec<Vec<Week>> = SERIES.iter().map(|s| weekly(&c.charted, s.get)).collect();
    let mut mondays: Vec<NaiveDate> = cols.iter().flatten().map(|w| w.monday).collect();
    mondays.sort();
    mondays.dedup();
    let weeks: Vec<(NaiveDate, Vec<Option<&Week>>)> = mondays
        .into_iter()
        .map(|m| {
            (
                m,
                cols.iter()
                    .map(|col| col.iter().find(|w| w.monday == m))
                    .collect(),
            )
        })
        .collect();
    html! {
        details.data {
            @if weekly_view {
                summary { "Pain as a table, week by week" }
                table {
                    thead { tr { th { "Week of" } @for s in &SERIES { th.num { (s.label) " (mean, range)" } } } }
                    tbody {
                        @for (m, row) in &weeks {
                            tr {
                                td { (date_short(*m)) }
                                @for cell in row {
                                    td.num {
                                        @if let Some(w) = cell {
                                            (format!("{:.1} ({}-{}, n={})", w.mean, w.min, w.max, w.n))
                                        } @else { "–" }
                                    }
                                }
                            }
                        }
                    }
                }
            } @else {
                summary { "Pain as a table, session by session" }
                table {
                    thead { tr { th { "Date" } th { "Stage" } @for s in &SERIES { th.num { (s.label) } } th { "Outcome" } } }
                    tbody {
                        @for j in &c.charted {
                            tr {
                                td { (date_short(j.entry.date)) }
                                td { (j.stage + 1) }
                                @for s in &SERIES { td.num { (dash((s.get)(&j.entry))) } }
                                td { (outcome_word(j.outcome)) }
                            }
                        }
                    }
                }
            }
        }
    }
}
