//! Adherence: per program week, the planned sessions and how many were done, skipped, missed,
//! or are still ahead, as stacked bars with a pattern per status and the counts in text.

use chrono::{Duration, NaiveDate};
use maud::{Markup, html};

use super::chart::{self, Axis, Layout, n};
use super::course::Course;
use super::date_short;
use crate::model::SlotStatus;
use crate::model::plan::program_week;

/// One program week.
struct Week {
    number: u32,
    monday: NaiveDate,
    done: usize,
    skipped: usize,
    missed: usize,
    ahead: usize,
}

impl Week {
    fn planned(&self) -> usize {
        self.done + self.skipped + self.missed + self.ahead
    }
}

/// The statuses, bottom to top: (data-kind, CSS class, words).
const PARTS: [(&str, &str, &str); 4] = [
    ("adherence-done", "adh-done", "done"),
    ("adherence-skipped", "adh-skipped", "skipped"),
    ("adherence-missed", "adh-missed", "missed"),
    ("adherence-ahead", "adh-ahead", "still ahead"),
];

fn count(w: &Week, k: usize) -> usize {
    [w.done, w.skipped, w.missed, w.ahead][k]
}

fn weeks(c: &Course<'_>) -> Vec<Week> {
    let doc = c.doc;
    let start = doc.profile.start;
    let current = program_week(start, doc.course.plan.today.max(start));
    let first_monday = super::pain::monday(start);
    let mut out: Vec<Week> = (1..=current)
        .map(|number| Week {
            number,
            monday: first_monday + Duration::days(7 * i64::from(number - 1)),
            done: 0,
            skipped: 0,
            missed: 0,
            ahead: 0,
        })
        .collect();
    for s in &doc.course.plan.sessions {
        let Some(w) = (s.week as usize)
            .checked_sub(1)
            .and_then(|i| out.get_mut(i))
        else {
            continue;
        };
        match s.status {
            SlotStatus::Done => w.done += 1,
            SlotStatus::Skipped => w.skipped += 1,
            SlotStatus::Missed => w.missed += 1,
            SlotStatus::Planned => w.ahead += 1,
        }
    }
    // The weeks the charts show (all of them unless the course is long).
    let shown = super::pain::monday(c.from);
    out.retain(|w| w.monday >= shown);
    out
}

/// The section.
pub(super) fn section(c: &Course<'_>) -> anyhow::Result<Markup> {
    let weeks = weeks(c);
    let total = |f: fn(&Week) -> usize| weeks.iter().map(f).sum::<usize>();
    let (done, skipped, missed) = (total(|w| w.done), total(|w| w.skipped), total(|w| w.missed));
    let due = done + skipped + missed;
    let windowed = weeks.first().is_some_and(|w| w.number > 1);
    let summary = match ((done * 100 + due / 2).checked_div(due), windowed) {
        (None, _) => "No sessions were due before today.".to_string(),
        (Some(pct), false) => format!(
            "{done} of {} due so far done ({pct}%), {skipped} skipped, {missed} missed.",
            crate::text::count(due, "session", "sessions")
        ),
        (Some(pct), true) => format!(
            "In the last {}, {done} of {} due done ({pct}%), {skipped} skipped, {missed} missed.",
            crate::text::count(weeks.len(), "week", "weeks"),
            crate::text::count(due, "session", "sessions")
        ),
    };
    let nweeks = weeks.len();
    let first = weeks.first().map_or(1, |w| w.number);
    let top = weeks.iter().map(Week::planned).max().unwrap_or(0).max(3) as f64 + 0.8;
    let every = match nweeks {
        0..=16 => 1,
        17..=32 => 2,
        _ => 4,
    };
    let frame = chart::frame(
        &Layout {
            height: 200,
            top: 10,
            right: 16,
            y_labels: 44,
            x_labels: 30,
        },
        Axis {
            range: f64::from(first) - 0.6..f64::from(first) + nweeks as f64 - 0.4,
            ticks: weeks
                .iter()
                .filter(|w| (w.number - 1) % every == 0)
                .map(|w| (f64::from(w.number), format!("W{}", w.number)))
                .collect(),
            desc: None,
        },
        Axis {
            range: 0.0..top,
            ticks: (0..=top as u32)
                .map(|k| (f64::from(k), k.to_string()))
                .collect(),
            desc: Some("Sessions".into()),
        },
        |_| Ok(()),
    )?;
    let width = (frame.x_scale() * 0.64).min(30.0);
    let labelled = width >= 14.0;
    // Each status's (index, count, count below it), bottom to top.
    let stack = |w: &Week| -> Vec<(usize, usize, usize)> {
        let mut base = 0;
        (0..PARTS.len())
            .filter_map(|k| {
                let m = count(w, k);
                base += m;
                (m > 0).then_some((k, m, base - m))
            })
            .collect()
    };
    let marks = html! {
        @for w in &weeks {
            @let cx = frame.x(f64::from(w.number));
            g.week {
                @for (k, m, base) in stack(w) {
                    @let (kind, class, words) = PARTS[k];
                    @let (y0, y1) = (frame.y((base + m) as f64), frame.y(base as f64));
                    rect class=(class) data-kind=(kind) data-n=(m)
                        x=(n(cx - width / 2.0)) y=(n(y0)) width=(n(width)) height=(n(y1 - y0))
                        fill=[matches!(k, 1 | 2).then(|| format!("url(#{class}-hatch)"))] {
                        title { (format!("Week {} (from {}): {m} {words} of {} planned", w.number, date_short(w.monday), w.planned())) }
                    }
                }
                @if labelled && w.planned() > 0 {
                    text.bar-label x=(n(cx)) y=(n(frame.y(w.planned() as f64) - 4.0)) text-anchor="middle" {
                        (w.done) "/" (w.planned())
                    }
                }
            }
        }
    };
    let svg = chart::svg(
        "adherence-chart",
        "Sessions per week: planned, done, skipped and missed",
        &format!(
            "{}. {summary}",
            crate::text::count(weeks.len(), "program week", "program weeks")
        ),
        &frame,
        html! {
            (chart::hatch("adh-skipped-hatch", "hatch-skipped", 5, 45))
            (chart::hatch("adh-missed-hatch", "hatch-missed", 4, -45))
        },
        marks,
    );
    Ok(html! {
        section #adherence {
            h2 { "Adherence" }
            p.summary { (summary) }
            figure.chart-figure {
                (svg)
                figcaption {
                    ul.legend {
                        @for (_, class, words) in &PARTS {
                            li { span class=(format!("key-bar {class}")) {} (words) }
                        }
                        @if labelled { li { "done / planned above each bar" } }
                    }
                }
            }
            details.data {
                summary { "Adherence as a table" }
                table {
                    thead { tr { th { "Week" } th { "From" } th.num { "Planned" } th.num { "Done" } th.num { "Skipped" } th.num { "Missed" } th.num { "Ahead" } } }
                    tbody {
                        @for w in &weeks {
                            tr {
                                td { (w.number) } td { (date_short(w.monday)) } td.num { (w.planned()) }
                                td.num { (w.done) } td.num { (w.skipped) } td.num { (w.missed) } td.num { (w.ahead) }
                            }
                        }
                    }
                }
            }
        }
    })
}
