//! Every file in programs/ is embedded in the binary and valid; clap's definition is consistent.

use graded::load::program::{BUILT_IN, built_in, parse};

#[test]
fn every_file_in_programs_is_embedded_and_valid() {
    let dir = crate::harness::root().join("programs");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("programs/")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The exercise library beside them is embedded on its own (tests/export/library.rs).
        .filter(|n| n.ends_with(".toml") && n != "exercises.toml")
        .collect();
    files.sort();
    let mut embedded: Vec<String> = BUILT_IN
        .iter()
        .map(|(id, _)| format!("{id}.toml"))
        .collect();
    embedded.sort();
    assert_eq!(files, embedded, "programs/ and the embedded list differ");
    for (id, text) in BUILT_IN {
        let on_disk = std::fs::read_to_string(dir.join(format!("{id}.toml"))).expect("read");
        assert_eq!(&on_disk, text, "{id} is embedded as it is on disk");
        let p = parse(id, text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&p.id, id, "a program's id matches its file name");
        assert_eq!(built_in(id).expect("loads"), p);
        for s in &p.stages {
            assert!(
                !s.source.is_empty(),
                "{id}/{}: every stage names its sources",
                s.id
            );
            for e in &s.exercises {
                assert!(
                    !e.source.is_empty(),
                    "{id}/{}/{}: every exercise names its sources",
                    s.id,
                    e.id
                );
            }
        }
    }
}

#[test]
fn bbm_a_load_stage_may_not_start_above_half_the_1rm() {
    let (_, text) = BUILT_IN
        .iter()
        .find(|(id, _)| *id == "mid-back-strain")
        .expect("built-in");
    let bad = text.replacen("pct_1rm = 50, rpe_cap = 6", "pct_1rm = 55, rpe_cap = 6", 1);
    assert_ne!(&bad, text);
    let err = parse("bad.toml", &bad).expect_err("refused").to_string();
    assert!(
        err.starts_with("bad.toml:") && err.contains("doses[0].pct_1rm") && err.contains("[BBM]"),
        "{err}"
    );
}

#[test]
fn two_for_two_one_green_to_step_up_is_refused_so_no_dose_rises_right_after_a_red() {
    let (_, text) = BUILT_IN
        .iter()
        .find(|(id, _)| *id == "mid-back-strain")
        .expect("built-in");
    let bad = text.replacen("greens_to_step = 2", "greens_to_step = 1", 1);
    assert_ne!(&bad, text);
    let err = parse("bad.toml", &bad).expect_err("refused").to_string();
    assert!(
        err.contains("gates.greens_to_step") && err.contains("outside 2-20"),
        "{err}"
    );
}

/// The built-in programs and exercise library are read without the plain-text walk on every
/// run: this is where they pass it (no control characters, no string too long).
#[test]
fn the_built_in_texts_pass_the_plain_text_check() {
    for (id, text) in graded::load::program::BUILT_IN {
        graded::load::program::check_plain(id, text).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    graded::load::plain::check(
        graded::load::library::BUILT_IN_PATH,
        graded::load::library::BUILT_IN_TEXT,
        &[],
        Some(graded::load::program::MAX_CHARS),
    )
    .expect("the library is plain text");
}
