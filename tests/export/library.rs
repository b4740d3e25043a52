//! The exercise library: every exercise of every built-in program has a complete entry whose
//! figure draws; a broken entry is refused with its file, line and field; one figure pinned.

use graded::export::figure::svg;
use graded::load::library::{BUILT_IN_PATH, BUILT_IN_TEXT, built_in, parse};
use graded::load::program::{BUILT_IN, built_in as program};

#[test]
fn every_exercise_of_every_built_in_program_has_a_full_entry_and_a_figure() {
    let lib = built_in();
    for (id, _) in BUILT_IN {
        let p = program(id).expect("loads");
        for s in &p.stages {
            for e in &s.exercises {
                let entry = lib
                    .get(&e.id)
                    .unwrap_or_else(|| panic!("{id}/{}/{}: no library entry", s.id, e.id));
                assert!((3..=6).contains(&entry.cues.len()), "{}: cues", entry.id);
                assert!((2..=3).contains(&entry.mistakes.len()), "{}", entry.id);
                for text in [
                    &entry.purpose,
                    &entry.setup,
                    &entry.feel,
                    &entry.not_feel,
                    &entry.easier.text,
                    &entry.harder.text,
                    &entry.without_equipment,
                ] {
                    assert!(!text.trim().is_empty(), "{}: an empty part", entry.id);
                }
                let figure = svg(&entry.figure, &entry.name);
                assert!(figure.starts_with("<svg") && figure.ends_with("</svg>"));
                assert!(
                    figure.matches("<circle").count() >= 2,
                    "{}: two heads",
                    entry.id
                );
            }
        }
    }
}

#[test]
fn the_library_file_is_the_embedded_one() {
    let on_disk = std::fs::read_to_string(crate::harness::root().join("programs/exercises.toml"))
        .expect("read");
    assert_eq!(on_disk, BUILT_IN_TEXT);
    assert_eq!(
        parse(BUILT_IN_PATH, BUILT_IN_TEXT).expect("parses").len(),
        28
    );
}

#[test]
fn the_cat_camel_figure_is_pinned() {
    let lib = built_in();
    let e = lib.get("cat-camel").expect("an entry");
    let figure = svg(&e.figure, &e.name).replace("><", ">\n<");
    insta::with_settings!({ snapshot_path => "../expected", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("figure_cat_camel_svg", figure);
    });
}

/// The library text with `from` (once) replaced by `to`, refused: the error's first line.
fn refused(from: &str, to: &str) -> String {
    assert_eq!(BUILT_IN_TEXT.matches(from).count(), 1, "needle {from:?}");
    let text = BUILT_IN_TEXT.replacen(from, to, 1);
    let err = parse("lib.toml", &text).expect_err("refused").to_string();
    err.lines().next().expect("a line").to_string()
}

fn line_of(needle: &str) -> usize {
    BUILT_IN_TEXT[..BUILT_IN_TEXT.find(needle).expect("found")]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn a_missing_part_is_refused_with_file_line_and_field() {
    let err = refused(
        "feel = \"Gentle movement along the whole back; stiffness easing over the cycles.\"\n",
        "",
    );
    assert!(
        err.starts_with("lib.toml:") && err.contains("missing field `feel`"),
        "{err}"
    );
}

#[test]
fn an_unknown_easier_id_is_refused_with_its_place() {
    let needle = "id = \"quadruped-rotation\" }\nwithout_equipment = \"No mat: fold";
    let line = line_of(needle);
    let err = refused(needle, &needle.replace("quadruped-rotation", "no-such"));
    assert_eq!(
        err,
        format!("lib.toml:{line}:91: exercise[3].harder.id: unknown exercise `no-such`")
    );
}

#[test]
fn a_figure_that_cannot_be_drawn_is_refused() {
    // An unknown joint.
    let err = refused(
        "  trunk = 13.5\n  spine = 30\n",
        "  trunk = 13.5\n  elbow = 30\n",
    );
    assert!(err.contains("unknown field `elbow`"), "{err}");
    // A limb without its other half.
    let err = refused("  thigh2 = 50\n  shin2 = -78\n", "  thigh2 = 50\n");
    assert!(
        err.contains("exercise[2].figure.end.shin2: thigh2 and shin2 come together"),
        "{err}"
    );
    // An angle out of range.
    let line = line_of("  spine = 30\n");
    let err = refused("  spine = 30\n", "  spine = 90\n");
    assert_eq!(
        err,
        format!(
            "lib.toml:{line}:11: exercise[3].figure.start.spine: a spine bend of 90 degrees is outside -60 to 60"
        )
    );
    // A prop on a point the pose lacks.
    let err = refused(
        "  bar = \"shoulder\"\n\n  [exercise.figure.end]\n  trunk = 55",
        "  bar = \"knee2\"\n\n  [exercise.figure.end]\n  trunk = 55",
    );
    assert!(
        err.contains("figure.start.bar: the pose has no `knee2`"),
        "{err}"
    );
}

#[test]
fn a_program_naming_an_exercise_the_library_lacks_is_refused() {
    let (_, text) = BUILT_IN
        .iter()
        .find(|(id, _)| *id == "low-back-strain")
        .expect("built-in");
    let bad = text.replacen("id = \"wall-hinge\"", "id = \"wall-sit\"", 1);
    let line = bad[..bad.find("wall-sit").expect("there")]
        .matches('\n')
        .count()
        + 1;
    let err = graded::load::program::parse("p.toml", &bad)
        .expect_err("refused")
        .to_string();
    assert!(
        err.starts_with(&format!("p.toml:{line}:8: stages[1].exercises[1].id: exercise `wall-sit` is not in the exercise library")),
        "{err}"
    );
    // Its own [[library]] entry makes it known.
    let entry = BUILT_IN_TEXT
        .split("[[exercise]]")
        .find(|e| e.contains("id = \"wall-hinge\""))
        .expect("entry")
        .replace("id = \"wall-hinge\"", "id = \"wall-sit\"")
        .replace("[exercise.", "[library.");
    let own = format!("{bad}\n[[library]]{entry}");
    let p = graded::load::program::parse("p.toml", &own).unwrap_or_else(|e| panic!("{e}"));
    assert!(p.library.get("wall-sit").is_some());
}
