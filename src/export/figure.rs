//! An exercise's figure as SVG: its start and end poses side by side, an arrow between, drawn
//! as printed handouts draw them: black lines on white, one stroke for all, readable at 4 cm.

use std::fmt::Write as _;

use crate::model::exercise::{Figure, HEAD_R, Point, Pose, Prop, View};

/// The body's stroke, in figure units (a person is about 18 units tall).
const STROKE: f64 = 0.7;
/// The floor's and the props' lighter stroke.
const THIN: f64 = 0.4;
/// Space around and between the poses.
const MARGIN: f64 = 1.0;
const GAP: f64 = 4.0;
/// The least width of a pose's panel: every figure is drawn at one scale, so a standing figure
/// and a lying one are the same size on paper.
const PANEL: f64 = 22.0;

/// A number for SVG: one decimal, no `-0.0`.
fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r}")
}

/// The figure as one `<svg>` element; `title` names it for screen readers.
pub fn svg(fig: &Figure, title: &str) -> String {
    let (_, _, w1, h1) = crate::load::library::bounds(&fig.start);
    let (_, _, w2, h2) = crate::load::library::bounds(&fig.end);
    let h = h1.max(h2).max(8.0);
    let (p1, p2) = (w1.max(PANEL), w2.max(PANEL));
    let width = MARGIN + p1 + GAP + p2 + MARGIN;
    let height = MARGIN + h + MARGIN;
    let mut out = String::with_capacity(2048);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="figure" viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title><g fill="none" stroke="#000" stroke-linecap="round" stroke-linejoin="round">"##,
        n(width),
        n(height),
        escape(title),
        escape(title),
    );
    // y grows down in SVG: flip, with the floor at `height - MARGIN`.
    let floor = height - MARGIN;
    // Each pose centred in its panel.
    pose(
        &mut out,
        &fig.start,
        MARGIN + (p1 - w1) / 2.0,
        floor,
        fig.view,
        w1,
        p1,
    );
    pose(
        &mut out,
        &fig.end,
        MARGIN + p1 + GAP + (p2 - w2) / 2.0,
        floor,
        fig.view,
        w2,
        p2,
    );
    // The arrow from start to end, at mid-height.
    let (ax0, ax1, ay) = (
        MARGIN + p1 + GAP * 0.15,
        MARGIN + p1 + GAP * 0.85,
        floor - h / 2.0,
    );
    let _ = write!(
        out,
        r#"<path stroke-width="{t}" d="M{x0} {y}H{x1}M{x2} {ya}L{x1} {y}L{x2} {yb}"/>"#,
        t = n(THIN),
        x0 = n(ax0),
        x1 = n(ax1),
        x2 = n(ax1 - 0.9),
        y = n(ay),
        ya = n(ay - 0.8),
        yb = n(ay + 0.8),
    );
    out.push_str("</g></svg>");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One pose, its left edge at `x0`, its floor at `floor` (SVG y).
/// The floor runs the panel's width `panel`.
fn pose(out: &mut String, p: &Pose, x0: f64, floor: f64, view: View, w: f64, panel: f64) {
    let at = |q: Point| format!("{} {}", n(x0 + q.0), n(floor - q.1));
    if view == View::Side {
        let _ = write!(
            out,
            r#"<path stroke-width="{}" d="M{} {}H{}"/>"#,
            n(THIN),
            n(x0 - (panel - w) / 2.0),
            n(floor),
            n(x0 + w + (panel - w) / 2.0)
        );
    }
    for pr in &p.props {
        match *pr {
            Prop::Roller { at: c, r } | Prop::Plate { at: c, r } => {
                let _ = write!(
                    out,
                    r#"<circle stroke-width="{}" cx="{}" cy="{}" r="{}"/>"#,
                    n(THIN),
                    n(x0 + c.0),
                    n(floor - c.1),
                    n(r)
                );
            }
            Prop::Stick { from, to } => {
                let _ = write!(
                    out,
                    r#"<path stroke-width="{}" d="M{}L{}"/>"#,
                    n(THIN),
                    at(from),
                    at(to)
                );
            }
            Prop::Bench { x0: a, x1: b, top } => {
                let _ = write!(
                    out,
                    r#"<path stroke-width="{}" d="M{}L{}L{}L{}"/>"#,
                    n(THIN),
                    at((a, 0.0)),
                    at((a, top)),
                    at((b, top)),
                    at((b, 0.0))
                );
            }
            Prop::Wall { x } => {
                let _ = write!(
                    out,
                    r#"<path stroke-width="{}" d="M{}L{}"/>"#,
                    n(THIN),
                    at((x, 0.0)),
                    at((x, 16.0))
                );
            }
        }
    }
    let _ = write!(
        out,
        r#"<g stroke-width="{}"><circle cx="{}" cy="{}" r="{}"/><path d="M{}Q{} {}"/>"#,
        n(STROKE),
        n(x0 + p.head.0),
        n(floor - p.head.1),
        n(HEAD_R),
        at(p.hip),
        at(p.spine),
        at(p.shoulder)
    );
    let limb = |out: &mut String, root: Point, l: &[Point; 2]| {
        let _ = write!(
            out,
            r#"<path d="M{}L{}L{}"/>"#,
            at(root),
            at(l[0]),
            at(l[1])
        );
    };
    if let Some(l) = &p.leg2 {
        limb(out, p.hip, l);
    }
    if let Some(a) = &p.arm2 {
        limb(out, p.shoulder, a);
    }
    limb(out, p.hip, &p.leg);
    limb(out, p.shoulder, &p.arm);
    out.push_str("</g>");
}
