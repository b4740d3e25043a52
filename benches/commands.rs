//! Criterion benchmarks of whole commands, file to bytes: the real binary reads a workspace
//! (profile.toml, a log of 1, 10 and 20 years of daily sessions with a weekly screen and every
//! next-morning score), computes the course and writes what a person gets. Process start and
//! the pipe are included: this is what a person waits for. Figures are in the README.
//!
//! Beside them, in the same run: a bare Rust binary that prints one line (compiled here by
//! `rustc -O`), the floor any command pays to start, and `graded --version`.

use std::path::Path;
use std::process::Command;

use chrono::{Duration, NaiveDate};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const BIN: &str = env!("CARGO_BIN_EXE_graded");

/// A workspace with `years` of daily sessions (deterministic scores, mostly green).
fn workspace(dir: &Path, years: i64) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(2006, 1, 2).expect("date");
    let today = start + Duration::days(365 * years);
    let status = Command::new(BIN)
        .args(["--dir", dir.to_str().expect("utf-8"), "--today"])
        .arg(start.to_string())
        .args([
            "init",
            "--program",
            "mid-back-strain",
            "--start",
            &start.to_string(),
            "--injury-date",
            &start.to_string(),
            "--rest-pain",
            "2",
            "--days",
            "mon,tue,wed,thu,fri,sat,sun",
            "--time",
            "07:00",
            "--tz",
            "America/New_York",
            "--units",
            "lb",
            "--lift",
            "squat=235",
            "--no-red-flags",
        ])
        .output()
        .expect("init runs");
    assert!(status.status.success(), "{status:?}");
    let mut log = String::from(
        "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n",
    );
    for i in 0..365 * years {
        let d = start + Duration::days(i);
        let p = [0u8, 1, 2, 1, 0, 3, 2, 1, 1, 0, 2, 1][i as usize % 12];
        log.push_str(&format!(
            "{d},session,done,{p},{},{},,5,,\n",
            p.saturating_sub(1),
            p / 2
        ));
        if i % 7 == 6 {
            log.push_str(&format!("{d},screen,done,,,,,,,\n"));
        }
    }
    std::fs::write(dir.join("log.csv"), log).expect("log written");
    today
}

/// A bare Rust binary that prints one line, built with the same toolchain, optimised.
fn bare(dir: &Path) -> std::path::PathBuf {
    let src = dir.join("bare.rs");
    std::fs::write(&src, "fn main() { println!(\"graded 0.1.0\"); }\n").expect("bare.rs");
    let bin = dir.join("bare");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let built = Command::new(rustc)
        .args(["-O", "--edition", "2024", "-o"])
        .arg(&bin)
        .arg(&src)
        .status()
        .expect("rustc runs");
    assert!(built.success(), "the bare binary builds");
    bin
}

/// Starting at all: the bare binary, then `graded --version` (parse the command line, print).
fn start(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bare = bare(tmp.path());
    let mut group = c.benchmark_group("start");
    group.sample_size(50);
    let run = |cmd: &mut Command| {
        let out = cmd.output().expect("runs");
        assert!(out.status.success());
        out.stdout.len()
    };
    group.bench_function("bare", |b| b.iter(|| run(&mut Command::new(&bare))));
    group.bench_function("version", |b| {
        b.iter(|| run(Command::new(BIN).arg("--version")))
    });
    group.finish();
}

fn commands(c: &mut Criterion) {
    let views: &[(&str, &[&str])] = &[
        ("status", &["status"]),
        ("plan", &["plan"]),
        ("week", &["week"]),
        ("history", &["history"]),
        ("history_csv", &["history", "--format", "csv"]),
        ("history_json", &["history", "--format", "json"]),
        ("plan_csv", &["plan", "--format", "csv"]),
        ("plan_json", &["plan", "--format", "json"]),
        ("plan_ics", &["plan", "--format", "ics"]),
        ("report", &["report", "-o", "-"]),
        ("export_fhir", &["export", "--format", "fhir"]),
    ];
    for years in [1i64, 10, 20] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("ws");
        let today = workspace(&dir, years);
        let mut group = c.benchmark_group(format!("{years}_years"));
        group.sample_size(20);
        group.measurement_time(std::time::Duration::from_secs(2));
        let run = |args: &[&str]| {
            let out = Command::new(BIN)
                .arg("--dir")
                .arg(&dir)
                .arg("--today")
                .arg(today.to_string())
                .args(args)
                .output()
                .expect("runs");
            assert!(out.status.success(), "{args:?}: {out:?}");
            out.stdout
        };
        for (name, args) in views {
            group.bench_with_input(BenchmarkId::from_parameter(name), &args, |b, args| {
                b.iter(|| run(args).len())
            });
            // What copying the same bytes costs the same way (a process reads a file and pipes
            // it): the yardstick for a large output.
            let copy = tmp.path().join(format!("{name}.out"));
            std::fs::write(&copy, run(args)).expect("output saved");
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{name}_copy")),
                &copy,
                |b, copy| {
                    b.iter(|| {
                        let out = Command::new("cat").arg(copy).output().expect("cat runs");
                        assert!(out.status.success());
                        out.stdout.len()
                    })
                },
            );
        }
        // `log` writes: each run starts from the same log (restored outside the timing), logs
        // today's session and prints what the engine made of it.
        let log = dir.join("log.csv");
        let saved = tmp.path().join("log.csv.saved");
        std::fs::copy(&log, &saved).expect("log saved");
        group.bench_function("log", |b| {
            b.iter_batched(
                || std::fs::copy(&saved, &log).expect("log restored"),
                |_| {
                    run(&[
                        "log",
                        "--pain-during",
                        "1",
                        "--pain-after",
                        "1",
                        "--rpe",
                        "5",
                    ])
                    .len()
                },
                criterion::BatchSize::PerIteration,
            )
        });
        group.finish();
    }
}

criterion_group!(benches, start, commands);
criterion_main!(benches);
