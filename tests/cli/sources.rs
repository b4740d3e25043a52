//! `graded sources [KEY]` (issue 8, 9): the evidence document, in the terminal.

use std::process::Stdio;

use super::{NOTICE_END, assert_fits_80_columns, bare};
use crate::harness::graded;

#[test]
fn sources_lists_every_key_with_its_title_and_the_notice() {
    let out = graded(&["sources"]).ok();
    for s in &graded::evidence::evidence().sources {
        let line = out
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("  [{}] ", s.key)))
            .unwrap_or_else(|| panic!("no line for [{}]:\n{}", s.key, out.stdout));
        assert!(line.ends_with(&s.title), "{line}");
    }
    assert!(out.stdout.contains("docs/EVIDENCE.md"), "{}", out.stdout);
    assert!(out.stdout.ends_with(NOTICE_END), "{}", out.stdout);
    assert_fits_80_columns(&out.stdout);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn sources_pmm_prints_its_reference_and_the_rules_that_use_it() {
    let out = graded(&["sources", "PMM"]).ok();
    assert!(
        out.stdout
            .starts_with("[PMM] Pain-monitoring model\n\nReference: Silbernagel KG"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("\nUsed by:\n  - "), "{}", out.stdout);
    assert!(out.stdout.contains("Am J Sports Med"), "{}", out.stdout);
    assert!(out.stdout.ends_with(NOTICE_END), "{}", out.stdout);
    assert_fits_80_columns(&out.stdout);
}

#[test]
fn sources_takes_a_key_in_any_case_with_or_without_brackets() {
    let want = graded(&["sources", "PMM"]).ok().stdout;
    for k in ["pmm", "[PMM]", "[pmm]", "Pmm"] {
        assert_eq!(graded(&["sources", k]).ok().stdout, want, "{k}");
    }
    let nhs = graded(&["sources", "[nhs-4w]"]).ok();
    assert!(
        nhs.stdout.starts_with("[NHS-4W] The four-week review"),
        "{}",
        nhs.stdout
    );
}

#[test]
fn sources_of_every_key_fits_80_columns() {
    for k in graded::evidence::evidence().keys() {
        let out = graded(&["sources", k]).ok();
        assert!(out.stdout.starts_with(&format!("[{k}] ")), "{}", out.stdout);
        assert_fits_80_columns(&out.stdout);
    }
}

#[test]
fn sources_of_an_unknown_key_lists_the_valid_keys_and_exits_2() {
    let out = graded(&["sources", "XYZ"]).code(2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr
            .starts_with("error: unknown source key `XYZ`; valid keys: PMM, TRAFFIC,"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("NHS-4W") && out.stderr.contains("SYNTH"));
}

#[test]
fn sources_into_a_closed_pipe_ends_quietly() {
    // The reading end is closed before graded writes (as `graded sources | head -0` would).
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("graded"))
        .args(["sources", "SYNTH"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sources_needs_no_workspace() {
    let out = super::output(bare().args(["sources", "gabbett"])).ok();
    assert!(out.stdout.starts_with("[GABBETT] "), "{}", out.stdout);
}
