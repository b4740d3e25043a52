//! docs/EVIDENCE.md (issue 8, 9): it parses; every source key that the programs, the code, the
//! README and docs/*.md cite has a section there; its RPE table is whole and
//! monotone; its red-flag screen matches the code's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use graded::evidence::{self, TEXT, evidence, parse};
use graded::load::program::{BUILT_IN, parse as parse_program};
use graded::model::red_flag::RED_FLAGS;

use crate::harness::root;

/// Words in brackets that are placeholders, not source keys: `graded week [DATE]`,
/// `(rule: NAME [SOURCE])`, `graded sources [KEY]`.
const NOT_KEYS: [&str; 3] = ["DATE", "KEY", "SOURCE"];

/// Every file under `dir` (recursively) whose name ends with `ext`, sorted.
fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{} must exist: {e}", d.display()));
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The source keys a text cites, with their 1-based line: every `[KEY]` (capitals, digits and
/// `-`, with at least one letter) and every quoted name in a `source = [...]` (TOML) or
/// `source: [...]` (Rust) array.
fn cited_keys(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let line_at = |i: usize| text[..i].matches('\n').count() + 1;
    let is_key = |k: &str| {
        k.len() >= 2
            && k.chars().any(|c| c.is_ascii_uppercase())
            && k.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && !NOT_KEYS.contains(&k)
    };
    for (i, _) in text.match_indices('[') {
        if let Some(len) = text[i + 1..].find(']') {
            let k = &text[i + 1..i + 1 + len];
            if is_key(k) {
                out.push((line_at(i), k.to_string()));
            }
        }
    }
    for (i, _) in text.match_indices("source") {
        let rest = text[i + "source".len()..].trim_start();
        let Some(rest) = rest.strip_prefix('=').or_else(|| rest.strip_prefix(':')) else {
            continue;
        };
        let Some(list) = rest.trim_start().strip_prefix('[') else {
            continue;
        };
        let list = &list[..list.find(']').unwrap_or(0)];
        let start = text.len() - rest.len();
        for name in list.split(',') {
            let name = name.trim();
            if let Some(k) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
                out.push((line_at(start), k.to_string()));
            }
        }
    }
    out
}

/// Every file that cites source keys: the programs, the code, the README and docs/*.md.
fn citing_files() -> Vec<PathBuf> {
    let programs = files_under(&root().join("programs"), "toml");
    assert!(
        programs.len() >= 3,
        "programs/*.toml not found under {}",
        root().display()
    );
    let src = files_under(&root().join("src"), "rs");
    assert!(
        src.iter().any(|p| p.ends_with("src/engine/gate.rs")),
        "src/engine/gate.rs not found under {}",
        root().display()
    );
    let mut all = programs;
    all.extend(src);
    all.push(root().join("README.md"));
    all.extend(files_under(&root().join("docs"), "md"));
    all
}

#[test]
fn the_evidence_document_parses_and_every_source_has_a_reference_and_its_uses() {
    let ev = parse(TEXT).unwrap_or_else(|e| panic!("docs/EVIDENCE.md: {e}"));
    assert_eq!(&ev, evidence(), "the binary parses the same text");
    for key in [
        "PMM",
        "TRAFFIC",
        "24H",
        "BBM",
        "MCID",
        "RECOVERED",
        "2FOR2",
        "ACSM",
        "GABBETT",
        "DELOAD",
        "WALKBACK",
        "INTENSITY",
        "RPE",
        "MCGILL",
        "SNOOK",
        "COURSE",
        "NHS-4W",
        "NG59",
        "IFOMPT",
        "SYNTH",
    ] {
        let s = ev
            .find(key)
            .unwrap_or_else(|| panic!("[{key}] has no section"));
        assert!(!s.title.is_empty(), "[{key}] has a title");
        assert!(
            s.reference.len() > 20,
            "[{key}] has a full reference: {:?}",
            s.reference
        );
        assert!(!s.used_by.is_empty(), "[{key}] says which rules use it");
    }
    assert!(
        TEXT.contains("General guidance, not a diagnosis"),
        "the document carries the notice"
    );
}

#[test]
fn every_source_key_cited_in_programs_code_and_docs_has_a_section_in_evidence_md() {
    let ev = evidence();
    let mut missing = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for path in citing_files() {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{} must be readable: {e}", path.display()));
        for (line, key) in cited_keys(&text) {
            *seen.entry(key.clone()).or_default() += 1;
            if ev.find(&key).is_none() {
                let rel = path.strip_prefix(root()).unwrap_or(&path);
                missing.push(format!("{}:{line}: [{key}]", rel.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "source keys with no `### [KEY] Title` section in docs/EVIDENCE.md:\n{}",
        missing.join("\n")
    );
    // The scan found what the code is known to cite: a scanner that finds nothing passes nothing.
    for key in ["PMM", "TRAFFIC", "2FOR2", "MCID", "NG59", "IFOMPT", "SYNTH"] {
        assert!(
            seen.contains_key(key),
            "the scan found no [{key}]: {seen:?}"
        );
    }
}

#[test]
fn every_source_key_a_built_in_program_names_has_a_section_in_evidence_md() {
    let ev = evidence();
    for (id, text) in BUILT_IN {
        let p = parse_program(id, text).unwrap_or_else(|e| panic!("{e}"));
        let keys = p.source.iter().chain(p.stages.iter().flat_map(|s| {
            s.source
                .iter()
                .chain(s.exercises.iter().flat_map(|e| &e.source))
        }));
        let scanned: Vec<String> = cited_keys(text).into_iter().map(|(_, k)| k).collect();
        for k in keys {
            assert!(
                ev.find(k).is_some(),
                "{id}: [{k}] has no section in EVIDENCE.md"
            );
            assert!(scanned.contains(k), "{id}: the text scan misses [{k}]");
        }
    }
}

#[test]
fn the_key_scan_reads_brackets_and_source_arrays_and_skips_placeholders() {
    let text = "# [PMM][TRAFFIC] and [NHS-4W]\nsource = [\"ACSM\", \"BBM\"]\n\
                source: [\"2FOR2\"]\n`graded week [DATE]` v[0] [default: x] [Ab]\n";
    let keys: Vec<(usize, String)> = cited_keys(text);
    let want = [
        (1, "PMM"),
        (1, "TRAFFIC"),
        (1, "NHS-4W"),
        (2, "ACSM"),
        (2, "BBM"),
        (3, "2FOR2"),
    ];
    let want: Vec<(usize, String)> = want.iter().map(|(l, k)| (*l, k.to_string())).collect();
    let mut got = keys;
    got.sort();
    let mut want = want;
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn keys_are_found_whatever_their_case_and_brackets() {
    let ev = evidence();
    for k in ["PMM", "pmm", "[PMM]", " [pmm] ", "[Pmm]"] {
        assert_eq!(ev.find(k).map(|s| s.key.as_str()), Some("PMM"), "{k:?}");
    }
    assert_eq!(ev.find("nhs-4w").map(|s| s.key.as_str()), Some("NHS-4W"));
    assert!(ev.find("PM").is_none());
    assert!(ev.find("").is_none());
}

#[test]
fn rpe_the_table_has_reps_1_to_10_and_rpe_10_to_6_in_half_points() {
    let t = &evidence().rpe;
    assert_eq!(t.rpe, vec![10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0]);
    assert_eq!(t.pct.len(), 10, "rows for 1 to 10 reps");
    assert!(t.pct.iter().all(|r| r.len() == t.rpe.len()));
}

#[test]
fn rpe_the_percentage_falls_as_reps_rise_and_as_rpe_falls() {
    let t = &evidence().rpe;
    for (i, row) in t.pct.iter().enumerate() {
        for w in row.windows(2) {
            assert!(w[1] < w[0], "{} reps: {row:?} falls as RPE falls", i + 1);
        }
    }
    for c in 0..t.rpe.len() {
        for r in 1..t.pct.len() {
            assert!(
                t.pct[r][c] < t.pct[r - 1][c],
                "RPE {}: {} reps below {} reps",
                t.rpe[c],
                r + 1,
                r
            );
        }
    }
}

#[test]
fn rpe_one_more_rep_at_one_more_rpe_is_the_same_load() {
    // The chart is one scale of reps + reps in reserve: 2 reps at RPE 10 = 1 rep at RPE 9.
    let t = &evidence().rpe;
    for reps in 2..=10 {
        for rpe in [10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0] {
            assert_eq!(
                t.pct_1rm(reps, rpe),
                t.pct_1rm(reps - 1, rpe - 1.0),
                "{reps} @ {rpe} and {} @ {}",
                reps - 1,
                rpe - 1.0
            );
        }
    }
}

#[test]
fn rpe_known_points_of_the_chart() {
    let t = &evidence().rpe;
    let cases = [
        (1, 10.0, 100.0),
        (1, 8.0, 92.2),
        (3, 9.5, 90.7), // a triple at ~90% of a true max is RPE 9.5, not 7-8 [RPE]
        (3, 8.0, 86.3),
        (3, 7.0, 83.7),
        (5, 8.0, 81.1),
        (5, 7.0, 78.6),
        (10, 6.0, 62.6),
    ];
    for (reps, rpe, pct) in cases {
        assert_eq!(t.pct_1rm(reps, rpe), Some(pct), "{reps} reps @ RPE {rpe}");
    }
    assert_eq!(t.pct_1rm(0, 8.0), None);
    assert_eq!(t.pct_1rm(11, 8.0), None);
    assert_eq!(t.pct_1rm(3, 5.0), None);
    assert_eq!(t.pct_1rm(3, 8.25), None);
}

#[test]
fn rpe_the_engines_table_is_the_documents_table() {
    // The engine's own copy (src/model/rpe.rs, which also runs past 10 reps) agrees with the
    // document a physical therapist reads, cell for cell.
    let t = &evidence().rpe;
    for reps in 1..=10u32 {
        for &rpe in &t.rpe {
            assert_eq!(
                graded::model::rpe::pct_1rm(reps, rpe),
                t.pct_1rm(reps, rpe),
                "{reps} reps @ RPE {rpe}"
            );
        }
    }
}

/// The `## Red-flag screen` section of the document.
fn red_flag_section() -> &'static str {
    let start = TEXT
        .find("\n## Red-flag screen\n")
        .expect("a red-flag section");
    let rest = &TEXT[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

#[test]
fn ng59_every_red_flag_of_the_screen_is_in_evidence_md_with_its_triage() {
    let section = red_flag_section();
    let table: BTreeMap<&str, &str> = section
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let id = cells.first()?.strip_prefix('`')?.strip_suffix('`')?;
            Some((id, *cells.last()?))
        })
        .collect();
    assert!(table.len() >= 15, "the table lists the screen: {table:?}");
    for f in RED_FLAGS {
        assert!(
            section.contains(&format!("`{}`", f.id)),
            "red flag `{}` is not in EVIDENCE.md's red-flag screen",
            f.id
        );
        if let Some(triage) = table.get(f.id) {
            assert_eq!(
                triage.chars().next(),
                Some(f.triage.code()),
                "`{}`: the code's triage and EVIDENCE.md's",
                f.id
            );
        }
    }
}

#[test]
fn a_section_without_a_reference_is_refused_with_its_line() {
    let bad = TEXT.replacen("Reference: Silbernagel KG", "Silbernagel KG", 1);
    let e = parse(&bad).expect_err("refused");
    let line = TEXT
        .lines()
        .position(|l| l.starts_with("Reference: Silbernagel KG"))
        .expect("PMM")
        + 1;
    assert_eq!(e.line, line, "{e}");
    assert!(
        e.problem.contains("[PMM]") && e.problem.contains("Reference:"),
        "{e}"
    );
}

#[test]
fn a_section_without_uses_is_refused() {
    let start = TEXT.find("### [SNOOK]").expect("SNOOK");
    let used = start + TEXT[start..].find("Used by:").expect("used by");
    let end = used + TEXT[used..].find("\n\n").expect("end of list");
    let bad = format!("{}{}", &TEXT[..used], &TEXT[end + 2..]);
    let e = parse(&bad).expect_err("refused");
    assert!(
        e.problem.contains("[SNOOK]") && e.problem.contains("Used by:"),
        "{e}"
    );
}

#[test]
fn a_second_section_for_one_key_is_refused() {
    let bad = format!("{TEXT}\n### [PMM] Again\n\nReference: x.\n\nUsed by:\n- y.\n");
    let e = parse(&bad).expect_err("refused");
    assert!(e.problem.contains("[PMM] has a second section"), "{e}");
}

#[test]
fn rpe_a_table_row_with_a_missing_value_is_refused_with_its_line() {
    let row = "| 4 | 89.2 | 87.8 | 86.3 | 85.0 | 83.7 | 82.4 | 81.1 | 79.9 | 78.6 |";
    assert!(TEXT.contains(row));
    let bad = TEXT.replacen(
        row,
        "| 4 | 89.2 | 87.8 | 86.3 | 85.0 | 83.7 | 82.4 | 81.1 | 79.9 |",
        1,
    );
    let e = parse(&bad).expect_err("refused");
    let line = TEXT.lines().position(|l| l == row).expect("row") + 1;
    assert_eq!(e.line, line, "{e}");
    assert!(e.problem.contains("8 values for 9 RPE columns"), "{e}");
}

#[test]
fn rpe_a_table_whose_rows_skip_a_rep_count_is_refused() {
    let bad = TEXT.replacen("| 4 | 89.2", "| 5 | 89.2", 1);
    let e = parse(&bad).expect_err("refused");
    assert!(e.problem.contains("expected 4, found `5`"), "{e}");
}

#[test]
fn evidence_md_is_the_document_that_is_built_in() {
    let on_disk =
        std::fs::read_to_string(root().join(evidence::PATH)).expect("docs/EVIDENCE.md exists");
    assert_eq!(on_disk, TEXT);
}
