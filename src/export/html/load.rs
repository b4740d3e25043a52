//! The load chart: each lift's top-set load as % of its pre-injury 1RM, done (filled) and
//! planned ahead (hollow), under the weekly cap and the stage ceiling.

use chrono::{Duration, NaiveDate};
use maud::{Markup, html};

use super::chart::{self, Axis, Label, Layout, Mark, Shape, day, n};
use super::course::Course;
use super::date_short;
use super::pain::{CROWDED, monday};
use crate::engine::rules::load_cap::weekly_cap_pct;
use crate::model::SlotStatus;
use crate::model::plan::fmt_load;

/// Markers per lift, in order of first appearance.
const SHAPES: [Shape; 4] = [
    Shape::Circle,
    Shape::Diamond,
    Shape::Square,
    Shape::Triangle,
];

/// One prescribed top set.
struct Point {
    date: NaiveDate,
    lift: String,
    exercise: String,
    load: f64,
    pct: f64,
    done: bool,
    /// The weekly cap's ceiling on it, as % of the 1RM, no higher than its stage's ceiling
    /// (none with no load of it in the 7 days before), and the stage's weekly cap in %.
    ceiling: Option<(f64, f64)>,
    /// How many sessions a weekly point stands for.
    n: usize,
}

/// The top sets done and planned, from the plan's slots (a skipped or missed slot lifted nothing).
fn points(c: &Course<'_>) -> Vec<Point> {
    let doc = c.doc;
    let mut out = Vec::new();
    let sessions = &doc.course.plan.sessions;
    let shown = sessions.partition_point(|s| s.date < c.from);
    for s in &sessions[shown..] {
        let done = match s.status {
            SlotStatus::Done => true,
            SlotStatus::Planned => false,
            SlotStatus::Skipped | SlotStatus::Missed => continue,
        };
        let Some(stage) = s
            .stage
            .checked_sub(1)
            .and_then(|i| doc.program.stages.get(i))
        else {
            continue;
        };
        for e in &s.exercises {
            let Some(load) = e.load else { continue };
            let lift = stage
                .exercises
                .iter()
                .find(|x| x.id == e.id)
                .and_then(|x| x.lift.as_deref())
                .and_then(|l| doc.profile.lift(l));
            let Some(lift) = lift else { continue };
            let pct = |load: f64| load / lift.one_rep_max() * 100.0;
            out.push(Point {
                date: s.date,
                lift: lift.name.clone(),
                exercise: e.name.to_string(),
                load,
                pct: pct(load),
                done,
                ceiling: e.weekly_ceiling.map(|c| {
                    let most = stage.max_pct_1rm.unwrap_or(f64::INFINITY);
                    (pct(c).min(most), weekly_cap_pct(stage))
                }),
                n: 1,
            });
        }
    }
    out
}

/// The heaviest point per lift, status and week (a long log).
fn weekly(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::new();
    for p in points {
        let m = monday(p.date);
        // Points come in date order: only this week's are candidates.
        match out
            .iter_mut()
            .rev()
            .take_while(|q| monday(q.date) == m)
            .find(|q| q.lift == p.lift && q.done == p.done)
        {
            Some(q) => {
                q.n += 1;
                if p.pct > q.pct {
                    let n = q.n;
                    *q = Point { n, ..p };
                }
            }
            None => out.push(p),
        }
    }
    out
}

/// The section: the chart of each lift's top sets, its legend and the same points as a table.
pub(super) fn section(c: &Course<'_>) -> anyhow::Result<Markup> {
    let mut pts = points(c);
    if pts.is_empty() {
        return Ok(html! {
            section #loads {
                h2 { "Loads" }
                p.empty { "No exercise in this plan is loaded from a pre-injury lift." }
            }
        });
    }
    let weekly_view = pts.len() > CROWDED;
    if weekly_view {
        pts = weekly(pts);
    }
    let lifts = lift_names(&pts);
    let plot = Plot {
        frame: frame(c.origin, &pts)?,
        origin: c.origin,
    };
    let mut marks: Vec<Markup> = ceiling_mark(c, &plot).into_iter().collect();
    marks.extend(today_mark(c, &plot));
    for (li, lift) in lifts.iter().enumerate() {
        let mine: Vec<&Point> = pts.iter().filter(|p| &p.lift == lift).collect();
        marks.extend(lift_marks(c, &plot, li, lift, &mine, weekly_view));
    }
    let desc = describe(&pts, &lifts, c.doc.course.plan.unit.as_str());
    let svg = chart::svg(
        "load-chart",
        "Top-set load as % of the pre-injury 1RM",
        &desc,
        &plot.frame,
        html! {},
        html! { @for m in &marks { (m) } },
    );
    Ok(figure_and_table(c, &pts, &lifts, weekly_view, svg))
}

/// The lifts in order of first appearance.
fn lift_names(pts: &[Point]) -> Vec<String> {
    let mut lifts: Vec<String> = Vec::new();
    for p in pts {
        if !lifts.contains(&p.lift) {
            lifts.push(p.lift.clone());
        }
    }
    lifts
}

/// The chart's frame and the day it counts from.
struct Plot {
    frame: chart::Frame,
    origin: NaiveDate,
}

impl Plot {
    /// Where a date is across the chart.
    fn x(&self, d: NaiveDate) -> f64 {
        self.frame.x(day(self.origin, d))
    }
}

/// The axes: the points' dates padded to four weeks at least, and 0% to the heaviest or 100%.
fn frame(origin: NaiveDate, pts: &[Point]) -> anyhow::Result<chart::Frame> {
    let first = pts.iter().map(|p| p.date).min().unwrap_or(origin);
    let last = pts.iter().map(|p| p.date).max().unwrap_or(origin);
    let from = first - Duration::days(3);
    let to = (last + Duration::days(3)).max(from + Duration::days(28));
    let top = pts.iter().map(|p| p.pct).fold(100.0_f64, f64::max) + 6.0;
    chart::frame(
        &Layout {
            height: 260,
            top: 22,
            right: 16,
            y_labels: 44,
            x_labels: 30,
        },
        Axis {
            range: day(origin, from)..day(origin, to),
            ticks: chart::date_ticks(origin, from, to),
            desc: None,
        },
        Axis {
            range: 0.0..top,
            ticks: (0..=10)
                .map(|k| (f64::from(k * 10), format!("{}%", k * 10)))
                .collect(),
            desc: Some("% of pre-injury 1RM".into()),
        },
        |_| Ok(()),
    )
}

/// The stage ceiling: no load above the highest max_pct_1rm of the stages that load.
fn ceiling_mark(c: &Course<'_>, plot: &Plot) -> Option<Markup> {
    let ceiling = c
        .doc
        .program
        .stages
        .iter()
        .filter_map(|s| s.max_pct_1rm)
        .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))?;
    let (left, right) = plot.frame.xs();
    let y = plot.frame.y(ceiling);
    Some(html! {
        g.ceiling {
            title { "Ceiling: no load above " (ceiling) "% of the pre-injury 1RM in these stages" }
            line x1=(n(left)) x2=(n(right)) y1=(n(y)) y2=(n(y)) {}
            text x=(n(left + 4.0)) y=(n(y - 4.0)) { "ceiling " (ceiling) "%" }
        }
    })
}

/// A rule at today, when today is on the chart.
fn today_mark(c: &Course<'_>, plot: &Plot) -> Option<Markup> {
    let today = c.doc.course.plan.today;
    let tx = plot.x(today);
    let (left, right) = plot.frame.xs();
    (tx >= left && tx <= right).then(|| {
        chart::vline(
            &plot.frame,
            tx,
            "rule today",
            Some(("Today", Label::Inside)),
            &format!("Today, {}", date_short(today)),
        )
    })
}

/// One lift's marks: its weekly cap, its done and planned lines, and a marker per point.
fn lift_marks(
    c: &Course<'_>,
    plot: &Plot,
    li: usize,
    lift: &str,
    mine: &[&Point],
    weekly_view: bool,
) -> Vec<Markup> {
    let class = format!("lift-{}", li % SHAPES.len());
    let gap = if weekly_view { 21 } else { 14 };
    let mut marks: Vec<Markup> = cap_mark(plot, lift, mine, &class, gap)
        .into_iter()
        .collect();
    let line = |done: bool| -> Vec<(NaiveDate, (f64, f64))> {
        let mut v: Vec<(NaiveDate, (f64, f64))> = mine
            .iter()
            .filter(|p| p.done == done)
            .map(|p| (p.date, (plot.x(p.date), plot.frame.y(p.pct))))
            .collect();
        // The planned line continues from the last load done.
        if !done && let Some(p) = mine.iter().rev().find(|p| p.done) {
            v.insert(0, (p.date, (plot.x(p.date), plot.frame.y(p.pct))));
        }
        v
    };
    marks.push(chart::lines(
        &format!("line done {class}"),
        &line(true),
        gap,
    ));
    marks.push(chart::lines(
        &format!("line planned {class}"),
        &line(false),
        gap,
    ));
    let unit = c.doc.course.plan.unit.as_str();
    for p in mine {
        marks.push(point_mark(plot, p, li, lift, &class, weekly_view, unit));
    }
    marks
}

/// The weekly cap lines, one per exercise of the lift (a deadlift and a Romanian deadlift are
/// capped each on its own): the ceiling the engine held each load under, its stage's cap above
/// the lightest load of the 7 days before [GABBETT], drawn no higher than the stage ceiling.
fn cap_mark(plot: &Plot, lift: &str, mine: &[&Point], class: &str, gap: i64) -> Option<Markup> {
    let mut exercises: Vec<&str> = Vec::new();
    for p in mine {
        if p.ceiling.is_some() && !exercises.contains(&p.exercise.as_str()) {
            exercises.push(&p.exercise);
        }
    }
    let lines: Vec<(String, Steps)> = exercises
        .iter()
        .map(|&x| {
            let own: Vec<&Point> = mine.iter().copied().filter(|p| p.exercise == x).collect();
            let name = if exercises.len() == 1 { lift } else { x };
            (name.to_string(), cap_line(plot, &own, gap))
        })
        .collect();
    (!lines.is_empty()).then(|| {
        html! {
            @for (name, line) in &lines {
                g.cap data-kind="load-cap" {
                    title { "Weekly cap for " (name) ": at most the stage's cap above the lightest load of the 7 days before [GABBETT]" }
                    (chart::lines(&format!("cap-line {class}"), line, gap))
                }
            }
        }
    })
}

/// A line's points: each date and where it is drawn.
type Steps = Vec<(NaiveDate, (f64, f64))>;

/// One exercise's cap line: a step at each point's ceiling, held to the next point.
fn cap_line(plot: &Plot, own: &[&Point], gap: i64) -> Steps {
    let mut line: Steps = Vec::new();
    for (i, p) in own.iter().enumerate() {
        let Some((ceiling, _)) = p.ceiling else {
            continue;
        };
        let y = plot.frame.y(ceiling);
        if let Some(&(d, (_, py))) = line.last()
            && (p.date - d).num_days() <= gap
        {
            line.push((p.date, (plot.x(p.date), py)));
        }
        line.push((p.date, (plot.x(p.date), y)));
        let end = match own.get(i + 1) {
            Some(next) if next.ceiling.is_some() && (next.date - p.date).num_days() <= gap => {
                (next.date, plot.x(next.date))
            }
            _ => (p.date, plot.x(p.date) + 6.0),
        };
        line.push((end.0, (end.1, y)));
    }
    line
}

/// One point's marker, with its tooltip.
fn point_mark(
    plot: &Plot,
    p: &Point,
    li: usize,
    lift: &str,
    class: &str,
    weekly_view: bool,
    unit: &str,
) -> Markup {
    let status = if p.done { "done" } else { "planned" };
    let tip = if weekly_view {
        format!(
            "Week of {}: {} top set {} {unit} ({:.0}% of 1RM), {status}, heaviest of {}",
            date_short(monday(p.date)),
            p.exercise,
            fmt_load(p.load),
            p.pct,
            crate::text::count(p.n, "session", "sessions")
        )
    } else {
        format!(
            "{}: {} {} {unit} ({:.0}% of 1RM), {status}",
            date_short(p.date),
            p.exercise,
            fmt_load(p.load),
            p.pct
        )
    };
    Mark {
        shape: SHAPES[li % SHAPES.len()],
        at: (plot.x(p.date), plot.frame.y(p.pct)),
        class: &format!("{class} {status}"),
        kind: if p.done { "load-done" } else { "load-planned" },
        n: weekly_view.then_some(p.n),
        lift: Some(lift),
        tooltip: tip,
    }
    .render()
}

/// The section around the chart: its legend, the note on what the loads are, and the table.
fn figure_and_table(
    c: &Course<'_>,
    pts: &[Point],
    lifts: &[String],
    weekly_view: bool,
    svg: Markup,
) -> Markup {
    let doc = c.doc;
    let unit = doc.course.plan.unit.as_str();
    let done = pts.iter().filter(|p| p.done).count();
    // The weekly caps the drawn lines stand for (most programs: one, 10%).
    let mut caps: Vec<f64> = pts.iter().filter_map(|p| p.ceiling.map(|c| c.1)).collect();
    caps.sort_by(f64::total_cmp);
    caps.dedup();
    let capped = !caps.is_empty();
    html! {
        section #loads {
            h2 { "Loads" }
            @if done == 0 {
                p.empty { "No loaded session done yet: the chart shows the loads planned ahead." }
            }
            figure.chart-figure {
                (svg)
                figcaption {
                    ul.legend {
                        @for (li, l) in lifts.iter().enumerate() {
                            @for (status, shown) in [("done", done > 0), ("planned", done < pts.len())] {
                                @if shown {
                                    li { (SHAPES[li % SHAPES.len()].swatch(&format!("lift-{} {status}", li % SHAPES.len()))) (l) ", " (status) }
                                }
                            }
                        }
                        @if capped { li { span.key-line.cap {} "weekly cap: +" (caps.iter().map(|c| format!("{c}%")).collect::<Vec<_>>().join(" or +")) " on the lightest load of the 7 days before [GABBETT]" } }
                        li { span.key-line.ceiling {} "stage ceiling" }
                    }
                    p.note {
                        "Loads are the prescribed top sets, rounded down to loadable weights; 100% is the pre-injury 1RM ("
                        (doc.profile.lifts.iter().map(|l| format!("{} {} {unit}", l.name, fmt_load(l.one_rep_max().round()))).collect::<Vec<_>>().join(", "))
                        ")."
                        @if weekly_view { " A long plan: each marker is a week's heaviest top set." }
                    }
                }
            }
            details.data {
                summary { "Loads as a table" }
                table {
                    thead { tr { th { "Date" } th { "Exercise" } th.num { "Load" } th.num { "% of 1RM" } th { "Status" } } }
                    tbody {
                        @for p in pts {
                            tr {
                                td { @if weekly_view { "week of " (date_short(monday(p.date))) } @else { (date_short(p.date)) } }
                                td { (p.exercise) }
                                td.num { (fmt_load(p.load)) " " (unit) }
                                td.num { (format!("{:.0}%", p.pct)) }
                                td { @if p.done { "done" } @else { "planned" } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The chart in words, per lift: the loads done and the load planned last.
fn describe(pts: &[Point], lifts: &[String], unit: &str) -> String {
    let mut parts = Vec::new();
    for l in lifts {
        let mine: Vec<&Point> = pts.iter().filter(|p| &p.lift == l).collect();
        let done: Vec<&&Point> = mine.iter().filter(|p| p.done).collect();
        let planned: Vec<&&Point> = mine.iter().filter(|p| !p.done).collect();
        let mut s = format!("{l}:");
        if let (Some(a), Some(b)) = (done.first(), done.last()) {
            s.push_str(&format!(
                " done from {} {unit} ({:.0}%) on {} to {} {unit} ({:.0}%) on {}",
                fmt_load(a.load),
                a.pct,
                date_short(a.date),
                fmt_load(b.load),
                b.pct,
                date_short(b.date)
            ));
        } else {
            s.push_str(" none done yet");
        }
        if let Some(b) = planned.last() {
            s.push_str(&format!(
                "; planned to reach {} {unit} ({:.0}%) by {}",
                fmt_load(b.load),
                b.pct,
                date_short(b.date)
            ));
        }
        parts.push(s);
    }
    format!("{}.", parts.join(". "))
}
