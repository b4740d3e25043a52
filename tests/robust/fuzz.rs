//! Fuzzing on the stable toolchain: proptest feeds the three loaders (profile TOML, program TOML,
//! log CSV) arbitrary text and structured mutations of valid files, and runs the log's
//! append-then-read round trip. A loader may refuse anything; it must never panic, and what it
//! accepts must plan and write back as it was read.
//!
//! `cargo test fuzz` runs a few hundred cases per target; `GRADED_FUZZ_CASES=1000000
//! cargo test --release fuzz` runs a long campaign (README, "Development").

use chrono::NaiveDate;
use proptest::prelude::*;

use graded::engine::build_plan;
use graded::load::profile::{parse as parse_profile, to_toml};
use graded::load::program::{BUILT_IN, parse as parse_program};
use graded::load::session_log::{parse as parse_log, to_csv, update_text};
use graded::model::{
    Correction, CorrectionKind, EntryKind, LogEntry, Pain, Profile, SessionLog, SessionStatus,
    red_flag,
};

/// Cases per target: `GRADED_FUZZ_CASES`, else 300.
fn config() -> ProptestConfig {
    let cases = std::env::var("GRADED_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    ProptestConfig {
        cases,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

/// Values that have broken parsers before, or sit on an edge.
const DICT: &[&str] = &[
    "",
    "0",
    "-1",
    "11",
    "1441",
    "4294967296",
    "-9223372036854775808",
    "1e309",
    "nan",
    "inf",
    "1900-01-01",
    "2200-12-31",
    "1899-12-31",
    "2201-01-01",
    "9999-12-31",
    "0000-01-01",
    "2026-02-30",
    "\"",
    "\"\"",
    "\"\"\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "=",
    ",",
    "\r",
    "\n",
    "\r\n",
    "\u{feff}",
    "\u{0}",
    "\u{1b}[2J",
    "[[stages]]",
    "[[lifts]]",
    "[gates]",
    "true",
    "squat",
    "session",
    "screen",
    "resume",
    "skipped",
    "partial",
    "fever",
    "fever;saddle-numbness",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "00:00",
    "23:59",
    "24:00",
    "💪",
    "squat=7.5",
    "7;squat=8",
    "squat=10.5",
    "squat=7.25",
    "=8",
    "squat=8;squat=9",
    "7;8",
    "deadlift=nan",
];

/// One edit of a valid file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Insert text at a place.
    Insert(usize, String),
    /// Delete up to N bytes from a place.
    Delete(usize, usize),
    /// Replace one value (after an `=` or a `,`) on a line.
    Value(usize, usize, String),
    /// Repeat a line.
    Repeat(usize),
    /// Cut the file short.
    Cut(usize),
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(DICT).prop_map(String::from),
        1 => any::<String>(),
        1 => "[ -~]{0,12}",
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => (any::<usize>(), token()).prop_map(|(p, t)| Mutation::Insert(p, t)),
        1 => (any::<usize>(), 0usize..24).prop_map(|(p, n)| Mutation::Delete(p, n)),
        4 => (any::<usize>(), any::<usize>(), token()).prop_map(|(l, k, t)| Mutation::Value(l, k, t)),
        1 => any::<usize>().prop_map(Mutation::Repeat),
        1 => any::<usize>().prop_map(Mutation::Cut),
    ]
}

fn boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Applies the mutations in turn.
fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut s = text.to_string();
    for m in mutations {
        let len = s.len().max(1);
        match m {
            Mutation::Insert(p, t) => {
                let at = boundary(&s, p % (len + 1));
                s.insert_str(at, t);
            }
            Mutation::Delete(p, n) => {
                let from = boundary(&s, p % len);
                let to = boundary(&s, from + n);
                s.replace_range(from..to, "");
            }
            Mutation::Value(l, k, t) => {
                let starts: Vec<usize> = std::iter::once(0)
                    .chain(s.match_indices('\n').map(|(i, _)| i + 1))
                    .filter(|&i| i < s.len())
                    .collect();
                let Some(&start) = starts.get(l % starts.len().max(1)) else {
                    continue;
                };
                let end = s[start..].find('\n').map_or(s.len(), |i| start + i);
                let marks: Vec<usize> = s[start..end]
                    .match_indices(['=', ','])
                    .map(|(i, _)| start + i + 1)
                    .collect();
                let Some(&from) = marks.get(k % marks.len().max(1)) else {
                    continue;
                };
                let to = s[from..end].find(',').map_or(end, |i| from + i);
                s.replace_range(from..to, t);
            }
            Mutation::Repeat(l) => {
                let lines: Vec<&str> = s.split_inclusive('\n').collect();
                if let Some(line) = lines.get(l % lines.len().max(1)) {
                    let line = line.to_string();
                    let at = lines[..l % lines.len()].iter().map(|x| x.len()).sum();
                    s.insert_str(at, &line);
                }
            }
            Mutation::Cut(p) => {
                let at = boundary(&s, p % len);
                s.truncate(at);
            }
        }
    }
    s
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// What a loaded profile and program must do: plan a few weeks without panicking.
fn plans(profile: &Profile, program: &graded::model::Program) {
    let today = profile.start;
    let _ = build_plan(program, profile, &SessionLog::default(), today, Some(4));
}

/// A valid log with every kind of row, quoting and line end a person might leave.
const VALID_LOG: &str = "\u{feff}date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\r\n\
2026-11-25,session,done,1,2,1,10,5,,\"felt ok, tight \"\"here\"\"\"\r\n\r\n\
2026-11-27,session,partial, 2,3,,,4,,\"two\r\nlines\"\r\n\
2026-11-28,session,skipped,,,,,,,travel\r\n\
2026-11-30,screen,done,,,,,,fever,\r\n\
2026-12-01,resume,done,,,,,,,\"Dr Lee, GP\"";

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_profile_loader_never_panics(
        junk in any::<String>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let _ = parse_profile("profile.toml", &junk);
        let text = mutate(&to_toml(&Profile::example()), &mutations);
        if let Ok(profile) = parse_profile("profile.toml", &text) {
            let program = graded::load::program::built_in("mid-back-strain").expect("built in");
            plans(&profile, &program);
        }
    }

    #[test]
    fn fuzz_program_loader_never_panics(
        junk in any::<String>(),
        which in 0..BUILT_IN.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let _ = parse_program("program.toml", &junk);
        let text = mutate(BUILT_IN[which].1, &mutations);
        if let Ok(program) = parse_program("program.toml", &text) {
            plans(&Profile::example(), &program);
        }
    }

    #[test]
    fn fuzz_log_loader_never_panics_and_what_it_reads_it_writes_back(
        junk in any::<String>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let start = d("2026-11-24");
        let _ = parse_log("log.csv", &junk, start);
        let text = mutate(VALID_LOG, &mutations);
        if let Ok(log) = parse_log("log.csv", &text, start) {
            // Nothing changed: not a byte is rewritten.
            prop_assert_eq!(update_text(&text, &log, &log).expect("no change").text, text);
            let again = parse_log("log.csv", &String::from_utf8(to_csv(&log)).expect("utf8"), start)
                .expect("graded's own CSV reads");
            prop_assert_eq!(strip(&again), strip(&log));
        }
    }

    #[test]
    fn fuzz_log_append_then_read_round_trip(
        original in original_log(),
        added in prop::collection::vec(entry(), 0..6),
        morning in prop::option::of((0usize..8, 0u8..=10)),
    ) {
        let start = d("2026-11-24");
        let old = parse_log("log.csv", &original, start).expect("the original reads");
        let mut new = old.clone();
        // A next-morning score rewrites one row in place, as `graded log --next-morning` does.
        if let Some((i, m)) = morning
            && !new.entries.is_empty()
        {
            let n = new.entries.len();
            new.entries[i % n].next_morning = Some(Pain::of(m));
        }
        new.entries.extend(added);
        let update = update_text(&original, &old, &new).expect("rows only change or are added");
        let back = parse_log("log.csv", &update.text, start).expect("what graded writes reads");
        prop_assert_eq!(strip(&back), strip(&new));
        if morning.is_none() {
            prop_assert!(update.text.starts_with(&original), "appending kept every byte");
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// A correction (`log --amend` or `--undo`): one row struck out in place and, for an
    /// amendment, its corrected copy written right after it. What graded writes reads back as
    /// meant, and every other row keeps its bytes (with an empty correction field added when
    /// the log gains the column).
    #[test]
    fn fuzz_log_correction_then_read_round_trip(
        original in original_log(),
        at in 0usize..8,
        amend in any::<bool>(),
        reason in "[a-z ,\"]{0,12}",
    ) {
        let start = d("2026-11-24");
        let old = parse_log("log.csv", &original, start).expect("the original reads");
        prop_assume!(!old.entries.is_empty());
        let i = at % old.entries.len();
        let mut new = old.clone();
        let kind = if amend { CorrectionKind::Replaced } else { CorrectionKind::Withdrawn };
        // Made on or after the day of the entry it corrects, as every correction is.
        let made = old.entries[i].date.max(d("2026-12-31"));
        new.entries[i].correction = Some(Correction { kind, date: made, reason: reason.trim().to_string() });
        if amend {
            new.entries.insert(i + 1, LogEntry {
                line: 0,
                note: "corrected".into(),
                correction: Some(Correction { kind: CorrectionKind::Amended, date: made, reason: String::new() }),
                ..old.entries[i].clone()
            });
        }
        let update = update_text(&original, &old, &new).expect("a row changes and one is inserted");
        let back = parse_log("log.csv", &update.text, start).expect("what graded writes reads");
        prop_assert_eq!(strip(&back), strip(&new));
        // Every other row as it was (a row's own bytes, then `,` in a log that gained the column).
        let rows = |text: &str| -> Vec<String> {
            graded::load::record::records(text.trim_start_matches('\u{feff}'))
                .skip(1)
                .map(|r| {
                    let r = r.expect("reads");
                    text.trim_start_matches('\u{feff}')[r.start..r.end].to_string()
                })
                .collect()
        };
        let (before, after) = (rows(&original), rows(&update.text));
        let shift = usize::from(amend);
        for (k, row) in before.iter().enumerate().filter(|&(k, _)| k != i) {
            let now = &after[if k > i { k + shift } else { k }];
            prop_assert!(now == row || *now == format!("{row},"), "row {k}: {row:?} became {now:?}");
        }
    }
}

/// The log without the line numbers (which only say where a row was read).
fn strip(log: &SessionLog) -> Vec<LogEntry> {
    log.entries
        .iter()
        .map(|e| LogEntry {
            line: 0,
            ..e.clone()
        })
        .collect()
}

/// A valid log as a person's file: LF or CRLF, a BOM or not, blank lines, no final line end.
fn original_log() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(entry(), 0..5),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(entries, crlf, bom, blank, last_eol)| {
            let mut text = String::from_utf8(to_csv(&SessionLog {
                entries,
                moves: vec![],
            }))
            .expect("utf8");
            if blank {
                text.push('\n');
            }
            if !last_eol && !blank {
                text.pop();
            }
            if crlf {
                text = crlf_outside_quotes(&text);
            }
            if bom {
                text.insert(0, '\u{feff}');
            }
            text
        })
}

/// Line ends as CRLF, leaving the bytes inside quoted notes as they are.
fn crlf_outside_quotes(text: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => out.push('\r'),
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Any valid log row.
fn entry() -> impl Strategy<Value = LogEntry> {
    let ids: Vec<&'static str> = red_flag::RED_FLAGS.iter().map(|f| f.id).collect();
    (
        0i64..3000,
        0..3u8,
        0..3u8,
        prop::option::of((0u8..=10).prop_map(Pain::of)),
        prop::option::of((0u8..=10).prop_map(Pain::of)),
        prop::option::of((0u8..=10).prop_map(Pain::of)),
        prop::option::of(0u32..=1440),
        prop::option::of(0u8..=10),
        prop::collection::vec(prop::sample::select(ids), 0..3),
        any::<String>(),
        prop::sample::subsequence(vec!["squat", "deadlift", "bench"], 0..=3),
        prop::collection::vec(0u8..=20, 3),
    )
        .prop_map(
            |(
                day,
                kind,
                status,
                during,
                after,
                morning,
                stiff,
                rpe,
                symptoms,
                note,
                lifts,
                halves,
            )| {
                let kind =
                    [EntryKind::Session, EntryKind::Screen, EntryKind::Resume][usize::from(kind)];
                let status = match (kind, status) {
                    (EntryKind::Session, 1) => SessionStatus::Partial,
                    (EntryKind::Session, 2) => SessionStatus::Skipped,
                    _ => SessionStatus::Done,
                };
                let needs_pain = kind == EntryKind::Session && status != SessionStatus::Skipped;
                LogEntry {
                    kind,
                    status,
                    pain_during: if needs_pain {
                        Some(during.unwrap_or(Pain::NONE))
                    } else {
                        during
                    },
                    pain_after: if needs_pain {
                        Some(after.unwrap_or(Pain::NONE))
                    } else {
                        after
                    },
                    next_morning: morning,
                    stiffness_min: stiff,
                    rpe,
                    lift_rpe: lifts
                        .into_iter()
                        .zip(halves)
                        .map(|(l, h)| (l.to_string(), f64::from(h) / 2.0))
                        .collect(),
                    symptoms: symptoms
                        .into_iter()
                        .map(|id| graded::model::Symptom::parse(id).expect("known id"))
                        .collect(),
                    note,
                    ..LogEntry::session(d("2026-11-24") + chrono::Duration::days(day))
                }
            },
        )
}
