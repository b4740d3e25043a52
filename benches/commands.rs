//! Criterion benchmarks of whole commands, file to bytes: the real binary reads a workspace
//! (profile.toml, a log of 1, 10 and 20 years of daily sessions with a weekly screen and every
//! next-morning score), computes the course and writes what a person gets. Process start and
//! the pipe are included: this is what a person waits for. Figures are in the README.
//!
//! Beside them, in the same run: a bare Rust binary that prints one line (compiled here by
//! `rustc -O`), the floor any command pays to start, and `graded --version`.

use std::process::Command;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

mod common;
use common::{BIN, LOG, VIEWS, bare, workspace};

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
    let views = VIEWS;
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
                |_| run(LOG).len(),
                criterion::BatchSize::PerIteration,
            )
        });
        group.finish();
    }
}

criterion_group!(benches, start, commands);
criterion_main!(benches);
