//! `programs/exercises.toml` (and a program's own `[[library]]` entries) -> [`Library`]: every
//! entry complete, its easier and harder versions known, its figure drawable. Errors name the
//! file, line and field.

use std::sync::{Arc, OnceLock};

// The figures' trigonometry in Rust (the libm crate), not the C library's libm: these few
// calls are graded's only use of it, and loading one more shared library at every start costs
// about 8% of `graded --version` (README, Speed).
use libm::{cos, sin, tan};
use serde::Deserialize;
use toml::Spanned;

use super::error::{DataError, from_toml};
use crate::model::exercise::{
    ExerciseEntry, Figure, HEAD_R, Library, Point, Pose, Prop, Variant, View, Words,
};

/// The built-in library's TOML text.
pub const BUILT_IN_TEXT: &str = include_str!("../../programs/exercises.toml");
/// The built-in library's name in messages.
pub const BUILT_IN_PATH: &str = "<built-in>/programs/exercises.toml";

/// The built-in library, built once from the values generated from its TOML
/// ([`super::built_in`]).
pub fn built_in() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(super::built_in::library)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLibrary {
    exercise: Vec<RawEntry>,
}

/// One entry as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntry {
    id: Spanned<String>,
    name: Spanned<String>,
    purpose: Spanned<String>,
    setup: Spanned<String>,
    #[serde(default)]
    equipment: Vec<String>,
    cues: Spanned<Vec<String>>,
    feel: Spanned<String>,
    not_feel: Spanned<String>,
    stop_if: Spanned<Vec<String>>,
    mistakes: Spanned<Vec<String>>,
    easier: RawVariant,
    harder: RawVariant,
    without_equipment: Spanned<String>,
    figure: RawFigure,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    text: Spanned<String>,
    id: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    #[serde(default = "side")]
    view: View,
    start: Spanned<RawPose>,
    end: Spanned<RawPose>,
}

fn side() -> View {
    View::Side
}

/// A pose as joint angles in degrees: 0 points the way the figure faces (right), 90 up,
/// -90 down, 180 back. `head` defaults to the trunk's direction; `spine` bends the trunk
/// (positive rounds the back, negative arches it).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPose {
    trunk: Spanned<f64>,
    head: Option<Spanned<f64>>,
    spine: Option<Spanned<f64>>,
    thigh: Spanned<f64>,
    shin: Spanned<f64>,
    thigh2: Option<Spanned<f64>>,
    shin2: Option<Spanned<f64>>,
    arm: Spanned<f64>,
    forearm: Spanned<f64>,
    arm2: Option<Spanned<f64>>,
    forearm2: Option<Spanned<f64>>,
    /// A barbell's plate at a point (`hand`, `shoulder`).
    bar: Option<Spanned<String>>,
    /// A dumbbell or kettlebell at a point (`hand`, `hand2`).
    dumbbell: Option<Spanned<String>>,
    /// A dowel along the back, touching the head, upper back and pelvis.
    #[serde(default)]
    dowel: bool,
    /// A foam roller under the trunk, this far from the hip (0) to the shoulder (1).
    roller: Option<Spanned<f64>>,
    /// A bench under these points (`knee2`, `hand2`).
    bench: Option<Spanned<Vec<String>>>,
    /// A wall this far behind the ankle.
    wall: Option<Spanned<f64>>,
}

/// Segment lengths in figure units (a person of about 18 units).
const TRUNK: f64 = 6.0;
const NECK: f64 = 1.0;
const THIGH: f64 = 4.6;
const SHIN: f64 = 4.4;
const UPPER_ARM: f64 = 3.1;
const FOREARM: f64 = 2.9;
/// A barbell plate's radius (a 45 cm plate), a dumbbell's, a foam roller's.
const PLATE_R: f64 = 2.3;
const DUMBBELL_R: f64 = 0.7;
const ROLLER_R: f64 = 0.8;
/// The largest a pose may be, figure units: what still reads at 4 cm.
pub const MAX_W: f64 = 26.0;
/// See [`MAX_W`].
pub const MAX_H: f64 = 24.0;

/// The most entries a library may have.
pub const MAX_ENTRIES: usize = 500;

/// Parses and checks a library file (`[[exercise]]` entries).
pub fn parse(path: &str, text: &str) -> Result<Library, DataError> {
    let raw: RawLibrary = toml::from_str(text).map_err(|e| from_toml(path, text, &e))?;
    super::plain::check(path, text, &[], Some(super::program::MAX_CHARS))?;
    if raw.exercise.len() > MAX_ENTRIES {
        return Err(DataError::new(
            path,
            "exercise",
            format!(
                "{} entries; a library has at most {MAX_ENTRIES}",
                raw.exercise.len()
            ),
        ));
    }
    let mut lib = Library::default();
    add(path, text, "exercise", &raw.exercise, &mut lib)?;
    Ok(lib)
}

/// Checks `raws` (the entries under `key` in `text`) and adds them to `lib`; their easier and
/// harder ids must be in `lib` once they are added.
pub(crate) fn add(
    path: &str,
    text: &str,
    key: &str,
    raws: &[RawEntry],
    lib: &mut Library,
) -> Result<(), DataError> {
    let c = Check { path, text };
    for (i, r) in raws.iter().enumerate() {
        let f = format!("{key}[{i}]");
        let e = c.entry(r, &f)?;
        if !lib.insert(Arc::new(e)) {
            return Err(c.err(
                &r.id,
                &format!("{f}.id"),
                format!("exercise `{}` is already in the library", r.id.get_ref()),
                "give the entry an id of its own (`graded exercises` lists the library's)",
            ));
        }
    }
    for (i, r) in raws.iter().enumerate() {
        for (which, v) in [("easier", &r.easier), ("harder", &r.harder)] {
            if let Some(id) = &v.id
                && !lib.contains(id.get_ref())
            {
                return Err(c.err(
                    id,
                    &format!("{key}[{i}].{which}.id"),
                    format!("unknown exercise `{}`", id.get_ref()),
                    "name an exercise of the library (`graded exercises`), or leave out the id",
                ));
            }
        }
    }
    Ok(())
}

struct Check<'a> {
    path: &'a str,
    text: &'a str,
}

impl Check<'_> {
    fn err<T>(&self, span: &Spanned<T>, field: &str, problem: String, hint: &str) -> DataError {
        DataError::new(self.path, field, problem)
            .at(self.text, span.span().start)
            .hint(hint)
    }

    fn text(&self, s: &Spanned<String>, field: &str) -> Result<Words, DataError> {
        let t = s.get_ref().trim();
        if t.is_empty() {
            return Err(self.err(
                s,
                field,
                "empty text".into(),
                "say it in a short sentence: every part of an entry is shown to the person",
            ));
        }
        Ok(Words::Owned(t.to_string()))
    }

    fn list(
        &self,
        s: &Spanned<Vec<String>>,
        field: &str,
        lo: usize,
        hi: usize,
        what: &str,
    ) -> Result<Vec<Words>, DataError> {
        let n = s.get_ref().len();
        if n < lo || n > hi {
            return Err(self.err(
                s,
                field,
                format!("{n} {what}; an entry has {lo}-{hi}"),
                &format!("give {lo} to {hi} short {what}, in order"),
            ));
        }
        if let Some(i) = s.get_ref().iter().position(|x| x.trim().is_empty()) {
            return Err(self.err(
                s,
                &format!("{field}[{i}]"),
                "empty text".into(),
                "remove it or say it in a few words",
            ));
        }
        Ok(s.get_ref()
            .iter()
            .map(|x| Words::Owned(x.trim().to_string()))
            .collect())
    }

    fn entry(&self, r: &RawEntry, f: &str) -> Result<ExerciseEntry, DataError> {
        let id = r.id.get_ref();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(self.err(
                &r.id,
                &format!("{f}.id"),
                format!("`{id}` is not an exercise id"),
                "use lowercase letters, digits and dashes, e.g. cat-camel",
            ));
        }
        let variant = |v: &RawVariant, name: &str| -> Result<Variant, DataError> {
            Ok(Variant {
                text: self.text(&v.text, &format!("{f}.{name}.text"))?,
                id: v.id.as_ref().map(|s| s.get_ref().clone()),
            })
        };
        Ok(ExerciseEntry {
            id: id.clone(),
            name: self.text(&r.name, &format!("{f}.name"))?.into_owned(),
            purpose: self.text(&r.purpose, &format!("{f}.purpose"))?,
            setup: self.text(&r.setup, &format!("{f}.setup"))?,
            equipment: r
                .equipment
                .iter()
                .map(|s| Words::Owned(s.trim().to_string()))
                .collect(),
            cues: self.list(&r.cues, &format!("{f}.cues"), 3, 6, "cues")?,
            feel: self.text(&r.feel, &format!("{f}.feel"))?,
            not_feel: self.text(&r.not_feel, &format!("{f}.not_feel"))?,
            stop_if: self.list(&r.stop_if, &format!("{f}.stop_if"), 1, 4, "stop signs")?,
            mistakes: self.list(&r.mistakes, &format!("{f}.mistakes"), 2, 3, "mistakes")?,
            easier: variant(&r.easier, "easier")?,
            harder: variant(&r.harder, "harder")?,
            without_equipment: self
                .text(&r.without_equipment, &format!("{f}.without_equipment"))?,
            figure: Figure {
                view: r.figure.view,
                start: self.pose(&r.figure.start, &format!("{f}.figure.start"))?,
                end: self.pose(&r.figure.end, &format!("{f}.figure.end"))?,
            },
        })
    }

    fn angle(&self, v: &Spanned<f64>, field: &str) -> Result<f64, DataError> {
        let a = *v.get_ref();
        if !(-360.0..=360.0).contains(&a) {
            return Err(self.err(
                v,
                field,
                format!("{a} degrees is outside -360 to 360"),
                "angles are degrees: 0 points the way the figure faces, 90 up, -90 down, 180 back",
            ));
        }
        Ok(a)
    }

    /// A pose: the joints from the angles, the props placed, set on the floor, checked to fit.
    fn pose(&self, sp: &Spanned<RawPose>, f: &str) -> Result<Pose, DataError> {
        let p = sp.get_ref();
        let ang = |v: &Spanned<f64>, n: &str| self.angle(v, &format!("{f}.{n}"));
        let opt = |v: &Option<Spanned<f64>>, n: &str| v.as_ref().map(|v| ang(v, n)).transpose();
        let to = |from: Point, deg: f64, len: f64| -> Point {
            let r = deg.to_radians();
            (from.0 + len * cos(r), from.1 + len * sin(r))
        };
        let trunk = ang(&p.trunk, "trunk")?;
        let head_dir = opt(&p.head, "head")?.unwrap_or(trunk);
        let spine = match &p.spine {
            Some(s) if !(-60.0..=60.0).contains(s.get_ref()) => {
                return Err(self.err(
                    s,
                    &format!("{f}.spine"),
                    format!(
                        "a spine bend of {} degrees is outside -60 to 60",
                        s.get_ref()
                    ),
                    "round the back with up to 60, arch it with down to -60, 0 is neutral",
                ));
            }
            Some(s) => *s.get_ref(),
            None => 0.0,
        };
        let hip = (0.0, 0.0);
        let shoulder = to(hip, trunk, TRUNK);
        // The curve's control point: off the trunk's middle, to the back for a rounded spine.
        let mid = ((hip.0 + shoulder.0) / 2.0, (hip.1 + shoulder.1) / 2.0);
        let t = trunk.to_radians();
        let back = (-sin(t), cos(t));
        let bulge = TRUNK * tan(spine.to_radians() / 2.0);
        let spine_pt = (mid.0 + back.0 * bulge, mid.1 + back.1 * bulge);
        let head = to(shoulder, head_dir, NECK + HEAD_R);
        let limb = |a: f64, b: f64, root: Point, l1: f64, l2: f64| {
            let j = to(root, a, l1);
            [j, to(j, b, l2)]
        };
        let leg = limb(
            ang(&p.thigh, "thigh")?,
            ang(&p.shin, "shin")?,
            hip,
            THIGH,
            SHIN,
        );
        let arm = limb(
            ang(&p.arm, "arm")?,
            ang(&p.forearm, "forearm")?,
            shoulder,
            UPPER_ARM,
            FOREARM,
        );
        let pair = |a: &Option<Spanned<f64>>,
                    b: &Option<Spanned<f64>>,
                    na: &str,
                    nb: &str,
                    root: Point,
                    l1: f64,
                    l2: f64|
         -> Result<Option<[Point; 2]>, DataError> {
            match (opt(a, na)?, opt(b, nb)?) {
                (Some(a), Some(b)) => Ok(Some(limb(a, b, root, l1, l2))),
                (None, None) => Ok(None),
                _ => Err(DataError::new(
                    self.path,
                    format!("{f}.{}", if a.is_none() { na } else { nb }),
                    format!("{na} and {nb} come together; one is missing"),
                )
                .at(self.text, sp.span().start)
                .hint(format!(
                    "give both {na} and {nb}, or neither to draw one limb"
                ))),
            }
        };
        let leg2 = pair(&p.thigh2, &p.shin2, "thigh2", "shin2", hip, THIGH, SHIN)?;
        let arm2 = pair(
            &p.arm2,
            &p.forearm2,
            "arm2",
            "forearm2",
            shoulder,
            UPPER_ARM,
            FOREARM,
        )?;
        let mut pose = Pose {
            head,
            shoulder,
            hip,
            spine: spine_pt,
            leg,
            leg2,
            arm,
            arm2,
            props: Vec::new(),
        };
        // Props held by the body.
        let point = |s: &Spanned<String>, n: &str, pose: &Pose| -> Result<Point, DataError> {
            self.named_point(pose, s, &format!("{f}.{n}"))
        };
        if let Some(b) = &p.bar {
            let at = point(b, "bar", &pose)?;
            pose.props.push(Prop::Plate { at, r: PLATE_R });
        }
        if let Some(d) = &p.dumbbell {
            let at = point(d, "dumbbell", &pose)?;
            pose.props.push(Prop::Plate { at, r: DUMBBELL_R });
        }
        if p.dowel {
            let d = (cos(t), sin(t));
            let off = HEAD_R + 0.15;
            let a = (
                hip.0 - d.0 * 1.2 + back.0 * off,
                hip.1 - d.1 * 1.2 + back.1 * off,
            );
            let b = (
                shoulder.0 + d.0 * 3.6 + back.0 * off,
                shoulder.1 + d.1 * 3.6 + back.1 * off,
            );
            pose.props.push(Prop::Stick { from: a, to: b });
        }
        // On the floor: the lowest point at 0, the leftmost at 0.
        let (x0, y0, _, _) = bounds(&pose);
        shift(&mut pose, -x0, -y0);
        // Props standing on the floor.
        if let Some(r) = &p.roller {
            let k = *r.get_ref();
            if !(0.0..=1.0).contains(&k) {
                return Err(self.err(
                    r,
                    &format!("{f}.roller"),
                    format!("{k} is outside 0-1"),
                    "say where the roller lies under the trunk: 0 at the hip, 1 at the shoulder",
                ));
            }
            let x = pose.hip.0 + (pose.shoulder.0 - pose.hip.0) * k;
            pose.props.push(Prop::Roller {
                at: (x, ROLLER_R),
                r: ROLLER_R,
            });
        }
        if let Some(b) = &p.bench {
            let mut pts = Vec::new();
            for (i, name) in b.get_ref().iter().enumerate() {
                let s = Spanned::new(b.span(), name.clone());
                pts.push(self.named_point(&pose, &s, &format!("{f}.bench[{i}]"))?);
            }
            if pts.is_empty() {
                return Err(self.err(
                    b,
                    &format!("{f}.bench"),
                    "a bench under no point".into(),
                    "name the points that rest on it, e.g. bench = [\"knee2\", \"hand2\"]",
                ));
            }
            let top = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            let x0 = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min) - 0.8;
            let x1 = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max) + 0.8;
            if top < 1.0 {
                return Err(self.err(
                    b,
                    &format!("{f}.bench"),
                    "the points on the bench are on the floor".into(),
                    "a bench holds points above the floor: raise them, or leave out the bench",
                ));
            }
            pose.props.push(Prop::Bench { x0, x1, top });
        }
        if let Some(w) = &p.wall {
            let d = *w.get_ref();
            if !(0.0..=10.0).contains(&d) {
                return Err(self.err(
                    w,
                    &format!("{f}.wall"),
                    format!("{d} is outside 0-10"),
                    "the wall stands 0 to 10 figure units behind the ankle",
                ));
            }
            pose.props.push(Prop::Wall {
                x: pose.leg[1].0 - d,
            });
        }
        let (x0, y0, x1, y1) = bounds(&pose);
        shift(&mut pose, -x0, -y0.min(0.0));
        let (w, h) = (x1 - x0, y1 - y0.min(0.0));
        if w > MAX_W || h > MAX_H {
            return Err(DataError::new(
                self.path,
                f,
                format!("the figure is {w:.1} x {h:.1} units; a pose fits in {MAX_W} x {MAX_H}"),
            )
            .at(self.text, sp.span().start)
            .hint("check the angles: a limb pointing the wrong way stretches the figure"));
        }
        Ok(pose)
    }

    fn named_point(&self, pose: &Pose, s: &Spanned<String>, f: &str) -> Result<Point, DataError> {
        let p = match s.get_ref().as_str() {
            "head" => Some(pose.head),
            "shoulder" => Some(pose.shoulder),
            "hip" => Some(pose.hip),
            "knee" => Some(pose.leg[0]),
            "ankle" => Some(pose.leg[1]),
            "elbow" => Some(pose.arm[0]),
            "hand" => Some(pose.arm[1]),
            "knee2" => pose.leg2.map(|l| l[0]),
            "ankle2" => pose.leg2.map(|l| l[1]),
            "elbow2" => pose.arm2.map(|a| a[0]),
            "hand2" => pose.arm2.map(|a| a[1]),
            _ => {
                return Err(self.err(
                    s,
                    f,
                    format!("unknown point `{}`", s.get_ref()),
                    "name one of head, shoulder, hip, knee, ankle, elbow, hand, knee2, ankle2, elbow2, hand2",
                ));
            }
        };
        p.ok_or_else(|| {
            self.err(
                s,
                f,
                format!("the pose has no `{}`", s.get_ref()),
                "give the far limb's angles (thigh2/shin2, arm2/forearm2) to place a prop on it",
            )
        })
    }
}

/// Every point of a pose and its props: (min x, min y, max x, max y).
pub fn bounds(p: &Pose) -> (f64, f64, f64, f64) {
    let mut pts: Vec<Point> = vec![
        (p.head.0 - HEAD_R, p.head.1 - HEAD_R),
        (p.head.0 + HEAD_R, p.head.1 + HEAD_R),
        p.shoulder,
        p.hip,
        p.leg[0],
        p.leg[1],
        p.arm[0],
        p.arm[1],
    ];
    pts.extend(p.leg2.iter().flatten().copied());
    pts.extend(p.arm2.iter().flatten().copied());
    // The curved trunk's apex, halfway to its control point.
    pts.push((
        (p.spine.0 * 2.0 + p.hip.0 / 2.0 + p.shoulder.0 / 2.0) / 3.0,
        (p.spine.1 * 2.0 + p.hip.1 / 2.0 + p.shoulder.1 / 2.0) / 3.0,
    ));
    for pr in &p.props {
        match *pr {
            Prop::Roller { at, r } | Prop::Plate { at, r } => {
                pts.push((at.0 - r, at.1 - r));
                pts.push((at.0 + r, at.1 + r));
            }
            Prop::Stick { from, to } => {
                pts.push(from);
                pts.push(to);
            }
            Prop::Bench { x0, x1, top } => {
                pts.push((x0, 0.0));
                pts.push((x1, top));
            }
            Prop::Wall { x } => pts.push((x, 0.0)),
        }
    }
    pts.iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)),
    )
}

fn shift(p: &mut Pose, dx: f64, dy: f64) {
    let m = |q: &mut Point| {
        q.0 += dx;
        q.1 += dy;
    };
    m(&mut p.head);
    m(&mut p.shoulder);
    m(&mut p.hip);
    m(&mut p.spine);
    p.leg.iter_mut().for_each(m);
    p.arm.iter_mut().for_each(m);
    p.leg2.iter_mut().flatten().for_each(m);
    p.arm2.iter_mut().flatten().for_each(m);
    for pr in &mut p.props {
        match pr {
            Prop::Roller { at, .. } | Prop::Plate { at, .. } => m(at),
            Prop::Stick { from, to } => {
                m(from);
                m(to);
            }
            Prop::Bench { x0, x1, top } => {
                *x0 += dx;
                *x1 += dx;
                *top += dy;
            }
            Prop::Wall { x } => *x += dx,
        }
    }
}
