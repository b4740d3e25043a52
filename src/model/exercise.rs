//! The exercise library: how to do each exercise, shared by every program that names it
//! (`programs/exercises.toml`, and a program's own `[[library]]` entries; see `load::library`).
//! Every entry here is complete and its figure has been checked to draw.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

/// An entry's words: borrowed from the binary for the built-in library (no copy on every
/// start), owned for a program's own `[[library]]` entries.
pub type Words = std::borrow::Cow<'static, str>;

/// One exercise explained: what it is for, how to set up and do it, what to feel, when to stop,
/// the usual mistakes, an easier and a harder version, and a figure of its start and end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseEntry {
    /// Stable id, the one programs name (`cat-camel`).
    pub id: String,
    /// Human name (`Cat-camel`).
    pub name: String,
    /// Why this exercise at this stage, in one line.
    pub purpose: Words,
    /// Starting position.
    pub setup: Words,
    /// Equipment, empty when none is needed.
    pub equipment: Vec<Words>,
    /// 3-6 short cues, in order.
    pub cues: Vec<Words>,
    /// What the person should feel.
    pub feel: Words,
    /// What the person should not feel.
    pub not_feel: Words,
    /// Signs particular to this exercise that mean stop (the session's pain rule and the red
    /// flags are said with them by every view).
    pub stop_if: Vec<Words>,
    /// 2-3 common mistakes.
    pub mistakes: Vec<Words>,
    /// An easier version.
    pub easier: Variant,
    /// A harder version.
    pub harder: Variant,
    /// What to do without the equipment (or, with none needed, where space or a floor is short).
    pub without_equipment: Words,
    /// The figure: start and end positions.
    pub figure: Figure,
}

/// An easier or harder version: in words, and the library entry it is when there is one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// The version in words.
    pub text: Words,
    /// Its library id, when the library has it.
    pub id: Option<String>,
}

/// A figure: the start and end positions, each a checked pose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Seen from the side (a floor line) or from above (no floor).
    pub view: View,
    /// The start position.
    pub start: Pose,
    /// The end position.
    pub end: Pose,
}

/// Where a figure is seen from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// From the side, standing on a floor line.
    Side,
    /// From above (a person lying on their side): no floor line.
    Above,
}

/// A point of a figure in figure units: x to the right, y up from the floor.
pub type Point = (f64, f64);

/// A stick figure's key points, computed from the joint angles of the data and set on the floor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pose {
    /// Head centre.
    pub head: Point,
    /// Shoulder (top of the trunk).
    pub shoulder: Point,
    /// Hip (bottom of the trunk).
    pub hip: Point,
    /// The spine's curve: the control point of the trunk's curve (the straight trunk's midpoint
    /// when the spine is neutral).
    pub spine: Point,
    /// Near leg: knee, ankle.
    pub leg: [Point; 2],
    /// Far leg, when it is drawn apart from the near one.
    pub leg2: Option<[Point; 2]>,
    /// Near arm: elbow, hand.
    pub arm: [Point; 2],
    /// Far arm, when it is drawn apart from the near one.
    pub arm2: Option<[Point; 2]>,
    /// The props, placed.
    pub props: Vec<Prop>,
}

/// Head radius in figure units.
pub const HEAD_R: f64 = 1.1;
/// The canvas every pose must fit in, figure units: 0..WIDTH, 0..HEIGHT.
pub const WIDTH: f64 = 24.0;
/// See [`WIDTH`].
pub const HEIGHT: f64 = 18.0;

/// A simple prop, placed in figure units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Prop {
    /// A foam roller: a circle resting on the floor.
    Roller {
        /// Centre.
        at: Point,
        /// Radius.
        r: f64,
    },
    /// A loaded barbell or a dumbbell seen end on: a plate (circle) at a point.
    Plate {
        /// Centre.
        at: Point,
        /// Radius.
        r: f64,
    },
    /// A stick: a dowel along the back, a bar: a line.
    Stick {
        /// One end.
        from: Point,
        /// The other end.
        to: Point,
    },
    /// A bench or a box: a rectangle standing on the floor.
    Bench {
        /// Left edge.
        x0: f64,
        /// Right edge.
        x1: f64,
        /// Top.
        top: f64,
    },
    /// A wall: a vertical line from the floor.
    Wall {
        /// Where it stands.
        x: f64,
    },
}

/// The library: entries by id.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Library {
    entries: BTreeMap<String, Arc<ExerciseEntry>>,
}

/// A name as compared: lower case, letters and digits only, what is in brackets left out.
pub fn name_key(name: &str) -> String {
    let mut depth = 0u32;
    let mut key = String::new();
    for c in name.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_alphanumeric() => key.extend(c.to_lowercase()),
            _ => {}
        }
    }
    key
}

impl Library {
    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&ExerciseEntry> {
        self.entries.get(id).map(|e| &**e)
    }

    /// The entry `what` names: its id, or its name as people type it (any case, without the
    /// words in brackets or the punctuation: `mcgill big 3`, `Open books`).
    pub fn find(&self, what: &str) -> Option<&ExerciseEntry> {
        let key = name_key(what);
        self.get(what.trim())
            .or_else(|| self.entries().find(|e| name_key(&e.name) == key))
    }

    /// Every entry, by id.
    pub fn entries(&self) -> impl Iterator<Item = &ExerciseEntry> {
        self.entries.values().map(|e| &**e)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds an entry; false (and nothing added) when its id is taken.
    pub fn insert(&mut self, e: Arc<ExerciseEntry>) -> bool {
        if self.entries.contains_key(&e.id) {
            return false;
        }
        self.entries.insert(e.id.clone(), e);
        true
    }

    /// Whether `id` is in the library.
    pub fn contains(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }
}
