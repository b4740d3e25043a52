//! The charts' common parts: a frame drawn by plotters (axes, ticks, labels, grid, background
//! bands) and the inline `<svg role="img">` around it, with a title, a description and the
//! data marks.
//!
//! plotters' SVG backend writes plain shapes with fixed attributes, so the data marks are
//! written here instead, at the frame's own coordinates: each needs a `data-kind` a test can
//! count, a `<title>` tooltip, a CSS class (for shape, dash and print colour) or a pattern
//! fill, none of which the backend can emit. Everything else is plotters'.

use std::fmt::Write as _;
use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use maud::{Markup, PreEscaped, html};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// Width of every chart in SVG units (it scales to the page: about 186 mm on A4).
pub(super) const WIDTH: u32 = 720;

/// The plotters chart a frame's background is drawn on.
pub(super) type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Ticked, Ticked>>;

/// A linear axis whose grid lines and labels are exactly the given ticks (plotters' own
/// `WithKeyPoints` over an `f64` range cannot take a label formatter).
pub(super) struct Ticked {
    linear: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type ValueType = f64;
    type FormatOption = DefaultFormatting;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.linear.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.linear.range()
    }
}

/// One axis: its range, the ticks (value and label) and an optional description.
pub(super) struct Axis {
    /// The values shown.
    pub range: Range<f64>,
    /// Grid lines and labels.
    pub ticks: Vec<(f64, String)>,
    /// The axis title.
    pub desc: Option<String>,
}

/// Room around the plotting area, in SVG units.
pub(super) struct Layout {
    /// Total height.
    pub height: u32,
    /// Above the plot (stage labels live here).
    pub top: u32,
    /// Right of the plot.
    pub right: u32,
    /// Width of the y labels.
    pub y_labels: u32,
    /// Height of the x labels.
    pub x_labels: u32,
}

/// A drawn frame: plotters' SVG elements and the mapping from data to SVG coordinates.
pub(super) struct Frame {
    /// Total width and height.
    pub size: (u32, u32),
    /// plotters' elements, without its outer `<svg>`.
    body: String,
    x: Range<f64>,
    y: Range<f64>,
    px: (f64, f64),
    py: (f64, f64),
}

impl Frame {
    /// SVG x of a data x.
    pub fn x(&self, v: f64) -> f64 {
        lerp(v, &self.x, self.px)
    }

    /// SVG y of a data y.
    pub fn y(&self, v: f64) -> f64 {
        lerp(v, &self.y, self.py)
    }

    /// Left and right edges of the plotting area.
    pub fn xs(&self) -> (f64, f64) {
        self.px
    }

    /// Bottom and top edges of the plotting area (bottom is the larger number).
    pub fn ys(&self) -> (f64, f64) {
        self.py
    }

    /// SVG units per data unit along x.
    pub fn x_scale(&self) -> f64 {
        (self.px.1 - self.px.0) / (self.x.end - self.x.start)
    }
}

fn lerp(v: f64, from: &Range<f64>, to: (f64, f64)) -> f64 {
    to.0 + (v - from.start) / (from.end - from.start) * (to.1 - to.0)
}

/// Draws a frame with plotters: `under` paints the background (bands) first, then the grid,
/// axes and labels go on top of it.
pub(super) fn frame(
    layout: &Layout,
    x: Axis,
    y: Axis,
    under: impl FnOnce(&mut Chart<'_, '_>) -> anyhow::Result<()>,
) -> anyhow::Result<Frame> {
    let size = (WIDTH, layout.height);
    let mut svg = String::new();
    let (px, py);
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let x_keys: Vec<f64> = x.ticks.iter().map(|t| t.0).collect();
        let y_keys: Vec<f64> = y.ticks.iter().map(|t| t.0).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(layout.top)
            .margin_right(layout.right)
            .margin_left(4)
            .margin_bottom(2)
            .x_label_area_size(layout.x_labels)
            .y_label_area_size(layout.y_labels)
            .build_cartesian_2d(
                Ticked {
                    linear: x.range.clone().into(),
                    ticks: x_keys,
                },
                Ticked {
                    linear: y.range.clone().into(),
                    ticks: y_keys,
                },
            )?;
        under(&mut chart)?;
        let label = |ticks: &[(f64, String)], v: f64| {
            ticks
                .iter()
                .find(|t| (t.0 - v).abs() < 1e-6)
                .map(|t| t.1.clone())
                .unwrap_or_default()
        };
        let x_label = |v: &f64| label(&x.ticks, *v);
        let y_label = |v: &f64| label(&y.ticks, *v);
        let ink = RGBColor(0x44, 0x44, 0x44);
        let mut mesh = chart.configure_mesh();
        mesh.x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .bold_line_style(RGBColor(0x55, 0x55, 0x55).mix(0.18))
            .axis_style(ink)
            .label_style(("sans-serif", 14).into_font().color(&ink))
            .axis_desc_style(("sans-serif", 14).into_font().color(&ink));
        if let Some(d) = &x.desc {
            mesh.x_desc(d.as_str());
        }
        if let Some(d) = &y.desc {
            mesh.y_desc(d.as_str());
        }
        mesh.draw()?;
        let (a, b) = (
            chart.backend_coord(&(x.range.start, y.range.start)),
            chart.backend_coord(&(x.range.end, y.range.end)),
        );
        px = (f64::from(a.0), f64::from(b.0));
        py = (f64::from(a.1), f64::from(b.1));
        root.present()?;
    }
    let open = svg.find('>').map_or(0, |i| i + 1);
    let close = svg.rfind("</svg>").unwrap_or(svg.len());
    Ok(Frame {
        size,
        body: svg[open..close].trim().to_string(),
        x: x.range,
        y: y.range,
        px,
        py,
    })
}

/// The chart as inline SVG: `<svg role="img">` with a title and description for assistive
/// technology, the frame (hidden from it: the description and the table say it in words),
/// pattern `defs`, and the data marks on top.
pub(super) fn svg(
    id: &str,
    title: &str,
    desc: &str,
    frame: &Frame,
    defs: Markup,
    marks: Markup,
) -> Markup {
    let (w, h) = frame.size;
    html! {
        svg.chart id=(id) xmlns="http://www.w3.org/2000/svg" role="img"
            viewBox=(format!("0 0 {w} {h}"))
            aria-labelledby=(format!("{id}-title {id}-desc")) {
            title id=(format!("{id}-title")) { (title) }
            desc id=(format!("{id}-desc")) { (desc) }
            defs { (defs) }
            g.frame aria-hidden="true" { (PreEscaped(&frame.body)) }
            (marks)
        }
    }
}

/// Marker shapes: colour is never the only difference between series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A disc.
    Circle,
    /// A square.
    Square,
    /// An upward triangle.
    Triangle,
    /// A diamond.
    Diamond,
}

impl Shape {
    /// The shape's outline as an SVG path centred on (x, y), `r` its half-size.
    fn path(self, x: f64, y: f64, r: f64) -> String {
        let mut d = String::new();
        let pts: Vec<(f64, f64)> = match self {
            Shape::Circle => {
                let _ = write!(
                    d,
                    "M{},{}a{r},{r} 0 1,0 {},0a{r},{r} 0 1,0 {},0Z",
                    n(x - r),
                    n(y),
                    n(2.0 * r),
                    n(-2.0 * r)
                );
                return d;
            }
            Shape::Square => {
                let s = r * 0.9;
                vec![
                    (x - s, y - s),
                    (x + s, y - s),
                    (x + s, y + s),
                    (x - s, y + s),
                ]
            }
            Shape::Triangle => {
                let s = r * 1.2;
                vec![(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
            }
            Shape::Diamond => {
                let s = r * 1.25;
                vec![(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
            }
        };
        for (i, (px, py)) in pts.iter().enumerate() {
            let _ = write!(d, "{}{},{}", if i == 0 { 'M' } else { 'L' }, n(*px), n(*py));
        }
        d.push('Z');
        d
    }

    /// A small standalone swatch for a legend.
    pub fn swatch(self, class: &str) -> Markup {
        html! {
            svg.swatch viewBox="0 0 14 14" aria-hidden="true" {
                path class=(class) d=(self.path(7.0, 7.0, 4.5)) {}
            }
        }
    }
}

/// One data point: a marker shape with its kind (for tests and styling) and a tooltip.
pub(super) struct Mark<'a> {
    /// The shape.
    pub shape: Shape,
    /// Where, in SVG units.
    pub at: (f64, f64),
    /// CSS class (fill and stroke).
    pub class: &'a str,
    /// `data-kind`: what the point is (`pain-during`, `load` ...).
    pub kind: &'a str,
    /// `data-n`: how many logged values a weekly point stands for.
    pub n: Option<usize>,
    /// `data-lift`: the lift of a load point.
    pub lift: Option<&'a str>,
    /// The tooltip.
    pub tooltip: String,
}

impl Mark<'_> {
    /// The SVG element.
    pub fn render(&self) -> Markup {
        html! {
            path class=(self.class) data-kind=(self.kind) data-n=[self.n]
                data-lift=[self.lift] d=(self.shape.path(self.at.0, self.at.1, 4.5)) {
                title { (self.tooltip) }
            }
        }
    }
}

/// A polyline through points (SVG coordinates).
pub(super) fn polyline(class: &str, points: &[(f64, f64)]) -> Markup {
    let mut pts: Vec<String> = points
        .iter()
        .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
        .collect();
    pts.dedup();
    let pts = pts.join(" ");
    html! { polyline class=(class) points=(pts) {} }
}

/// Polylines through dated points, broken wherever two points lie more than `gap` days apart:
/// a line across weeks without data would suggest values nobody logged.
pub(super) fn lines(class: &str, points: &[(NaiveDate, (f64, f64))], gap: i64) -> Markup {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut last: Option<NaiveDate> = None;
    for (d, p) in points {
        match runs.last_mut() {
            Some(run) if last.is_some_and(|l| (*d - l).num_days() <= gap) => run.push(*p),
            _ => runs.push(vec![*p]),
        }
        last = Some(*d);
    }
    html! {
        @for run in runs.iter().filter(|r| r.len() > 1) { (polyline(class, run)) }
    }
}

/// A number for an SVG attribute: one decimal, no `-0`.
pub(super) fn n(v: f64) -> String {
    // In tenths as an integer: the same digits as formatting the rounded float with one
    // decimal, without the float formatter (thousands of coordinates per chart).
    let tenths = (v * 10.0).round() as i64;
    let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    let sign = if tenths < 0 { "-" } else { "" };
    match (tenths, tenth) {
        (0, _) => "0".into(),
        (_, 0) => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{tenth}"),
    }
}

/// Day number of `d` counted from `origin` (the chart's x for a date).
pub(super) fn day(origin: NaiveDate, d: NaiveDate) -> f64 {
    (d - origin).num_days() as f64
}

/// Date ticks between `from` and `to` (day numbers from `origin`): every day or every other
/// day for a fortnight or so, every Monday for a short span, every other Monday for a longer
/// one, the first of each month for months.
pub(super) fn date_ticks(origin: NaiveDate, from: NaiveDate, to: NaiveDate) -> Vec<(f64, String)> {
    let span = (to - from).num_days();
    let mut ticks = Vec::new();
    if span <= 24 {
        let every = if span <= 12 { 1 } else { 2 };
        let mut d = from;
        while d <= to {
            ticks.push((day(origin, d), d.format("%-d %b").to_string()));
            d += Duration::days(every);
        }
    } else if span <= 7 * 26 {
        let every = if span <= 7 * 13 { 1 } else { 2 };
        let mut d = from;
        while d.weekday() != Weekday::Mon {
            d += Duration::days(1);
        }
        while d <= to {
            ticks.push((day(origin, d), d.format("%-d %b").to_string()));
            d += Duration::days(7 * every);
        }
    } else {
        let every = if span > 400 { 2 } else { 1 };
        let mut d = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
        let mut i = 0;
        while d <= to {
            if d >= from {
                if i % every == 0 {
                    // The year on January, and on the first tick unless a January follows.
                    let fmt = if d.month() == 1 || (ticks.is_empty() && d.month() < 12) {
                        "%b %Y"
                    } else {
                        "%b"
                    };
                    ticks.push((day(origin, d), d.format(fmt).to_string()));
                }
                i += 1;
            }
            let Some(next) = d.checked_add_months(chrono::Months::new(1)) else {
                break;
            };
            d = next;
        }
    }
    ticks
}

/// Where a vertical line's label goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Label {
    /// Centred above the plot, in row 0 (nearest the plot) or a higher row.
    Above(u8),
    /// Inside the plot's top, left of the line (never collides with the labels above).
    Inside,
}

/// A vertical line across the plot at SVG x, with a short label.
pub(super) fn vline(
    frame: &Frame,
    x: f64,
    class: &str,
    label: Option<(&str, Label)>,
    tooltip: &str,
) -> Markup {
    let (bottom, top) = frame.ys();
    html! {
        g class=(class) {
            title { (tooltip) }
            line x1=(n(x)) x2=(n(x)) y1=(n(bottom)) y2=(n(top - 4.0)) {}
            @match label {
                Some((l, Label::Above(row))) => {
                    text x=(n(x)) y=(n(top - 7.0 - 12.0 * f64::from(row))) text-anchor="middle" { (l) }
                }
                Some((l, Label::Inside)) => {
                    text x=(n(x - 3.0)) y=(n(top + 11.0)) text-anchor="end" { (l) }
                }
                None => {}
            }
        }
    }
}

/// A diagonal hatch pattern for `defs`, its lines at `angle` degrees.
pub(super) fn hatch(id: &str, class: &str, spacing: u32, angle: i32) -> Markup {
    html! {
        pattern id=(id) patternUnits="userSpaceOnUse" width=(spacing) height=(spacing)
            patternTransform=(format!("rotate({angle})")) {
            line class=(class) x1="0" y1="0" x2="0" y2=(spacing) {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::n;

    /// The float formatter's digits for the value rounded to tenths (what `n` replaces).
    fn formatted(v: f64) -> String {
        let r = (v * 10.0).round() / 10.0;
        if r == 0.0 {
            "0".into()
        } else if r.fract() == 0.0 {
            format!("{r:.0}")
        } else {
            format!("{r:.1}")
        }
    }

    #[test]
    fn coordinates_read_as_the_float_formatter_writes_them() {
        let mut v = -2000.0;
        while v < 2000.0 {
            assert_eq!(n(v), formatted(v), "{v}");
            v += 0.0137;
        }
        for v in [
            0.0,
            -0.0,
            0.04,
            -0.04,
            0.05,
            -0.05,
            0.95,
            -0.95,
            1e6 + 0.25,
            4.5,
            -4.5,
        ] {
            assert_eq!(n(v), formatted(v), "{v}");
        }
    }
}
